#include "adapters/json/fulfillment_json.h"

#include <array>
#include <cstdio>
#include <utility>

#include "adapters/json/domain_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"
#include "core/free_text.h"

namespace commesso::json {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxReason = 500;

Json TimeOrNull(const std::optional<Timestamp>& at) {
  return at ? Json(FormatTimestamp(*at)) : Json(nullptr);
}

Json TextOrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json SecondsOrNull(const std::optional<std::chrono::milliseconds>& duration) {
  if (!duration) return nullptr;
  return std::chrono::duration_cast<std::chrono::seconds>(*duration).count();
}

bool IsOpen(TaskState state) {
  return state == TaskState::kReleased || state == TaskState::kInProgress ||
         state == TaskState::kPartlyShipped;
}

// The "lines" array of a body at `path`: each {"line_no", "quantity"}.
std::vector<Shipment::Line> LinesFrom(const Json& array, std::vector<FieldError>& problems) {
  std::vector<Shipment::Line> lines;
  for (std::size_t i = 0; i < array.size(); ++i) {
    ObjectReader line(array[i], ElementPath("lines", i), problems);
    const std::int64_t line_no = line.Integer("line_no", Presence::kRequired);
    const std::int64_t quantity = line.Integer("quantity", Presence::kRequired);
    line.Finish();
    const bool named = array[i].is_object() && array[i].contains("line_no");
    if (named && (line_no < 1 || line_no > 100000)) {
      problems.push_back({MemberPath(line.path(), "line_no"), "must be a line number, 1 or more"});
    }
    if (quantity < 0)
      problems.push_back({MemberPath(line.path(), "quantity"), "must be 0 or more"});
    lines.push_back({.line_no = static_cast<int>(line_no), .quantity = quantity});
  }
  return lines;
}

}  // namespace

std::string WeekdayName(std::chrono::weekday day) {
  static constexpr std::array<const char*, 7> kNames{"sun", "mon", "tue", "wed",
                                                     "thu", "fri", "sat"};
  return kNames[day.c_encoding() % 7];
}

std::string TimeOfDayText(TimeOfDay time) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(time.count() / 60),
                static_cast<int>(time.count() % 60));
  return text;
}

TaskOrderFacts TaskOrderFactsOf(const Order& order) {
  TaskOrderFacts facts{.customer_name = order.customer.name,
                       .shipping_method = order.priced.shipping.method,
                       .promised_dispatch = order.promised_dispatch};
  for (std::size_t i = 0; i < order.priced.lines.size(); ++i) {
    if (const std::optional<Appointment>& appointment = order.priced.lines[i].appointment) {
      facts.appointments.emplace(static_cast<int>(i) + 1, *appointment);
    }
  }
  return facts;
}

Json ToJson(const FulfillmentTask& task, const LocalizedText& department_name,
            const TaskOrderFacts& order, std::string_view locale, Timestamp now) {
  Json lines = Json::array();
  for (const TaskLine& line : task.lines) {
    const auto appointment = order.appointments.find(line.line_no);
    lines.push_back(Json{
        {"line_no", line.line_no},
        {"sku", line.sku},
        {"name", line.name.In(locale)},
        {"kind", Name(line.kind)},
        {"unit", line.unit},
        {"quantity", line.quantity},
        {"backordered", line.backordered},
        {"picked", line.picked},
        {"shipped", line.shipped},
        {"appointment",
         appointment == order.appointments.end() ? Json(nullptr) : ToJson(appointment->second)}});
  }
  Json shipments = Json::array();
  for (const Shipment& shipment : task.shipments) {
    Json shipped = Json::array();
    for (const Shipment::Line& line : shipment.lines) {
      shipped.push_back(Json{{"line_no", line.line_no}, {"quantity", line.quantity}});
    }
    shipments.push_back(Json{{"carrier", shipment.carrier},
                             {"tracking_number", shipment.tracking_number},
                             {"lines", std::move(shipped)},
                             {"shipped_by", shipment.shipped_by},
                             {"shipped_at", FormatTimestamp(shipment.shipped_at)}});
  }
  Json age = nullptr;
  if (task.released_at && IsOpen(task.state)) {
    age = std::chrono::duration_cast<std::chrono::seconds>(now - *task.released_at).count();
  }
  return Json{
      {"id", task.id},
      {"order", task.order.value},
      {"department", task.department},
      {"department_name", department_name.In(locale).empty() ? Json(task.department)
                                                             : Json(department_name.In(locale))},
      {"state", Name(task.state)},
      {"lines", std::move(lines)},
      {"created_at", FormatTimestamp(task.created_at)},
      {"release_at", FormatTimestamp(task.release_at)},
      {"released_at", TimeOrNull(task.released_at)},
      {"age_seconds", std::move(age)},
      {"escalate_at", TimeOrNull(task.escalate_at)},
      {"escalated_at", TimeOrNull(task.escalated_at)},
      {"claimed_by", TextOrNull(task.claimed_by)},
      {"lease_until", TimeOrNull(task.lease_until)},
      {"acknowledged_by", TextOrNull(task.acknowledged_by)},
      {"acknowledged_at", TimeOrNull(task.acknowledged_at)},
      {"shipments", std::move(shipments)},
      {"finished_at", TimeOrNull(task.finished_at)},
      {"customer_name", order.customer_name},
      {"shipping_method", order.shipping_method},
      {"promised_dispatch",
       order.promised_dispatch ? Json(FormatDate(*order.promised_dispatch)) : Json(nullptr)}};
}

Json ToJson(const Hold& hold) {
  return Json{{"kind", Name(hold.kind)},
              {"reason", hold.reason},
              {"placed_by", hold.placed_by},
              {"placed_at", FormatTimestamp(hold.placed_at)},
              {"lifted_by", hold.lifted_by ? Json(*hold.lifted_by) : Json(nullptr)},
              {"lifted_at", TimeOrNull(hold.lifted_at)}};
}

Json ToJson(const Department& department, std::optional<Timestamp> next_release,
            const DepartmentStats& stats, std::string_view locale) {
  Json days = Json::array();
  for (std::chrono::weekday day : department.working_days) days.push_back(WeekdayName(day));
  Json waves = Json::array();
  for (TimeOfDay wave : department.release.waves) waves.push_back(TimeOfDayText(wave));
  return Json{
      {"code", department.code},
      {"name", department.name.In(locale)},
      {"time_zone", department.time_zone},
      {"ships", department.ships},
      {"working_days", std::move(days)},
      {"opens", TimeOfDayText(department.opens)},
      {"closes", TimeOfDayText(department.closes)},
      {"release", Json{{"kind", Name(department.release.kind)},
                       {"waves", std::move(waves)},
                       {"cut_off", TimeOfDayText(department.release.cut_off)},
                       {"release_at", TimeOfDayText(department.release.release_at)}}},
      {"next_release", TimeOrNull(next_release)},
      {"escalate_after_minutes", department.escalate_after.count()},
      {"lease_seconds", department.lease.count()},
      {"stats",
       Json{{"scheduled", stats.scheduled},
            {"queued", stats.queued},
            {"in_progress", stats.in_progress},
            {"escalated", stats.escalated},
            {"acknowledged_count", stats.acknowledged_count},
            {"mean_time_in_queue_seconds", SecondsOrNull(stats.mean_time_in_queue)},
            {"dispatched_count", stats.dispatched_count},
            {"mean_time_to_dispatch_seconds", SecondsOrNull(stats.mean_time_to_dispatch)}}}};
}

Result<std::vector<Shipment::Line>> PicksFromJson(const Json& json) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  const Json* array = reader.Array("lines", Presence::kRequired);
  reader.Finish();
  std::vector<Shipment::Line> lines;
  if (array != nullptr) {
    lines = LinesFrom(*array, problems);
    if (array->empty()) problems.push_back({"lines", "must name at least one line"});
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the picks have errors", std::move(problems)});
  }
  return lines;
}

Result<ShipmentRequest> ShipmentRequestFromJson(const Json& json) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  ShipmentRequest request{.carrier = reader.String("carrier", Presence::kRequired),
                          .tracking_number = reader.String("tracking_number", Presence::kRequired)};
  const Json* array = reader.Array("lines", Presence::kOptional);
  reader.Finish();
  if (array != nullptr) {
    request.lines = LinesFrom(*array, problems);
    for (std::size_t i = 0; i < request.lines.size(); ++i) {
      if (request.lines[i].quantity == 0) {
        problems.push_back({MemberPath(ElementPath("lines", i), "quantity"), "must be 1 or more"});
      }
    }
  }
  for (const auto& [field, value] : {std::pair{"carrier", &request.carrier},
                                     std::pair{"tracking_number", &request.tracking_number}}) {
    if (json.is_object() && json.contains(field) && (value->empty() || value->size() > 64)) {
      problems.push_back({field, "must be 1..64 characters"});
    }
    if (auto why = FreeTextProblem(*value, TextLines::kOne)) problems.push_back({field, *why});
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the shipment has errors", std::move(problems)});
  }
  return request;
}

Result<HoldRequest> HoldRequestFromJson(const Json& json) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  const std::string kind = reader.String("kind", Presence::kRequired);
  HoldRequest request{.reason = reader.String("reason", Presence::kOptional)};
  reader.Finish();
  if (json.is_object() && json.contains("kind")) {
    if (std::optional<HoldKind> parsed = ParseHoldKind(kind)) {
      request.kind = *parsed;
    } else {
      problems.push_back({"kind", "must be manual, address or payment"});
    }
  }
  if (request.reason.size() > kMaxReason)
    problems.push_back({"reason", "must be at most 500 characters"});
  if (auto why = FreeTextProblem(request.reason, TextLines::kOne)) {
    problems.push_back({"reason", *std::move(why)});
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the hold has errors", std::move(problems)});
  }
  return request;
}

Result<std::string> CancellationFromJson(const Json& json) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  std::string reason = reader.String("reason", Presence::kRequired);
  reader.Finish();
  if (json.is_object() && json.contains("reason") &&
      (reason.empty() || reason.size() > kMaxReason)) {
    problems.push_back({"reason", "must be 1..500 characters"});
  }
  if (auto why = FreeTextProblem(reason, TextLines::kOne)) {
    problems.push_back({"reason", *std::move(why)});
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the cancellation has errors", std::move(problems)});
  }
  return reason;
}

}  // namespace commesso::json
