#include "adapters/json/complaint_json.h"

#include <array>
#include <string_view>
#include <utility>

#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"

namespace commesso::json {
namespace {

using Json = nlohmann::json;

constexpr std::array kReasons = {ComplaintReason::kDamaged,        ComplaintReason::kWrongItem,
                                 ComplaintReason::kMissingItem,    ComplaintReason::kLate,
                                 ComplaintReason::kNotAsDescribed, ComplaintReason::kBillingError,
                                 ComplaintReason::kService,        ComplaintReason::kOther};
constexpr std::array kChannels = {Channel::kPhone, Channel::kCounter, Channel::kMail,
                                  Channel::kEmail, Channel::kWeb,     Channel::kApi};
constexpr std::array kPriorities = {ComplaintPriority::kLow, ComplaintPriority::kNormal,
                                    ComplaintPriority::kHigh, ComplaintPriority::kUrgent};

// The enumerator of `values` named `key`'s string; a field error listing the names otherwise.
template <typename Enum, std::size_t kCount>
Enum ReadChoice(ObjectReader& reader, std::string_view key, Presence presence, Enum fallback,
                const std::array<Enum, kCount>& values) {
  const Json* value = reader.Member(key, presence);
  if (value == nullptr) return fallback;
  std::string choices;
  for (Enum candidate : values) {
    if (value->is_string() && value->get_ref<const std::string&>() == Name(candidate)) {
      return candidate;
    }
    choices += choices.empty() ? "" : ", ";
    choices += Name(candidate);
  }
  reader.Report(key, value->is_string() ? "must be one of: " + choices : "must be a string");
  return fallback;
}

Json TextOrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json StatusOrNull(const std::optional<ComplaintStatus>& status) {
  return status ? Json(Name(*status)) : Json(nullptr);
}

// The largest line number read as one; anything beyond names no line of any order.
constexpr std::int64_t kLargestLineNo = 1'000'000;

}  // namespace

Result<Complaint> ComplaintFromJson(const Json& json) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  Complaint complaint;
  const Json* order = reader.Member("order_number", Presence::kOptional);
  if (order != nullptr && order->is_string()) {
    complaint.order = OrderNumber{order->get<std::string>()};
  } else if (order != nullptr) {
    reader.Report("order_number", "must be a string");
  }
  if (const Json* lines = reader.Array("lines", Presence::kOptional)) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      ObjectReader line(lines->at(i), ElementPath("lines", i), problems);
      const std::int64_t line_no = line.Integer("line_no", Presence::kRequired);
      const std::int64_t quantity = line.Integer("quantity", Presence::kRequired);
      line.Finish();
      complaint.lines.push_back(
          {.line_no = line_no >= 1 && line_no <= kLargestLineNo ? static_cast<int>(line_no) : 0,
           .quantity = quantity});
    }
  }
  complaint.reason =
      ReadChoice(reader, "reason", Presence::kRequired, ComplaintReason::kOther, kReasons);
  complaint.channel =
      ReadChoice(reader, "channel", Presence::kRequired, Channel::kPhone, kChannels);
  complaint.customer_words = reader.String("customer_words", Presence::kRequired);
  complaint.priority =
      ReadChoice(reader, "priority", Presence::kOptional, ComplaintPriority::kNormal, kPriorities);
  reader.Finish();
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the complaint has errors", std::move(problems)});
  }
  return complaint;
}

Result<StepRequest> StepFromJson(const Json& json, ComplaintAction action) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  StepRequest request;
  if (const Json* revision = reader.Member("revision", Presence::kOptional)) {
    if (std::optional<std::int64_t> value = AsInt64(*revision)) {
      request.revision = value;
    } else {
      reader.Report("revision", "must be an integer");
    }
  }
  // An assignment names its owner, "" for nobody; texts may be left out (core says which not).
  request.text =
      reader.String(NoteField(action), action == ComplaintAction::kAssigned ? Presence::kRequired
                                                                            : Presence::kOptional);
  reader.Finish();
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the step has errors", std::move(problems)});
  }
  return request;
}

Json ToJson(const Complaint& complaint, Timestamp now) {
  Json lines = Json::array();
  for (const ComplaintLine& line : complaint.lines) {
    lines.push_back({{"line_no", line.line_no}, {"quantity", line.quantity}});
  }
  return Json{{"number", complaint.number.value},
              {"revision", complaint.revision},
              {"status", Name(complaint.status)},
              {"order_number", complaint.order ? Json(complaint.order->value) : Json(nullptr)},
              {"lines", std::move(lines)},
              {"reason", Name(complaint.reason)},
              {"channel", Name(complaint.channel)},
              {"customer_words", complaint.customer_words},
              {"priority", Name(complaint.priority)},
              {"owner", TextOrNull(complaint.owner)},
              {"outcome", TextOrNull(complaint.outcome)},
              {"opened_by", complaint.opened_by},
              {"due_at", FormatTimestamp(complaint.due_at)},
              {"overdue", IsOverdue(complaint, now)},
              {"created_at", FormatTimestamp(complaint.created_at)},
              {"updated_at", FormatTimestamp(complaint.updated_at)}};
}

Json ToDetailJson(const Complaint& complaint, const Order* order,
                  const std::vector<ComplaintEvent>& history, Timestamp now) {
  Json json = ToJson(complaint, now);
  if (order != nullptr) {
    for (Json& line : json["lines"]) {
      const auto index = static_cast<std::size_t>(line["line_no"].get<int>() - 1);
      if (index >= order->priced.lines.size()) continue;  // Checked when opened.
      const PricedLine& ordered = order->priced.lines[index];
      line["sku"] = ordered.item.sku;
      line["name"] = {{"it", ordered.item.name.it.str()}, {"en", ordered.item.name.en.str()}};
      line["ordered"] = ordered.quantity;
    }
  }
  Json events = Json::array();
  for (const ComplaintEvent& event : history) events.push_back(ToJson(event));
  json["history"] = std::move(events);
  return json;
}

Json ToJson(const ComplaintEvent& event) {
  return Json{{"at", FormatTimestamp(event.at)}, {"actor", event.actor},
              {"action", Name(event.action)},    {"from", StatusOrNull(event.from)},
              {"to", StatusOrNull(event.to)},    {"note", TextOrNull(event.note)}};
}

}  // namespace commesso::json
