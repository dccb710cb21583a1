#include "adapters/json/draft_json.h"

#include <array>
#include <utility>
#include <vector>

#include "adapters/json/card_numbers.h"
#include "adapters/json/card_secrets.h"
#include "adapters/json/domain_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"
#include "adapters/json/read_json.h"

namespace commesso::json {
namespace {

constexpr std::array kDraftChannels = {Channel::kPhone, Channel::kCounter, Channel::kMail,
                                       Channel::kEmail, Channel::kWeb,     Channel::kApi,
                                       Channel::kEdi};

std::optional<Channel> ReadChannel(ObjectReader& reader, Presence presence) {
  const Json* value = reader.Member("channel", presence);
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) {
    if (std::optional<Channel> channel = ParseChannel(value->get<std::string>())) return channel;
  }
  std::string choices;
  for (Channel channel : kDraftChannels) {
    choices += choices.empty() ? "" : ", ";
    choices += Name(channel);
  }
  reader.Report("channel", "must be one of: " + choices);
  return std::nullopt;
}

DraftSummary SummaryOf(const Json& content) {
  DraftSummary summary;
  const auto customer = content.find("customer");
  if (customer != content.end() && customer->is_object()) {
    const auto name = customer->find("name");
    if (name != customer->end() && name->is_string()) summary.customer_name = *name;
  }
  const auto customer_name = content.find("customer_name");
  if (summary.customer_name.empty() && customer_name != content.end() &&
      customer_name->is_string()) {
    summary.customer_name = *customer_name;
  }
  const auto lines = content.find("lines");
  if (lines != content.end() && lines->is_array()) {
    summary.line_count = static_cast<std::int64_t>(lines->size());
  }
  return summary;
}

void ReadContent(ObjectReader& reader, Presence presence, DraftInput& input,
                 std::vector<FieldError>& problems) {
  const Json* content = reader.Member("content", presence);
  if (content == nullptr) return;
  if (!content->is_object()) {
    reader.Report("content", "must be an object");
    return;
  }
  const std::size_t before = problems.size();
  FindCardSecrets(*content, "content", problems);
  // A member named like a card number usually holds one too: reported once, by name.
  if (problems.size() == before) FindCardNumbers(*content, "content", problems);
  if (problems.size() != before) return;
  std::string serialized = Dump(*content);
  if (serialized.size() > kMaxDraftContentBytes) {
    reader.Report("content", "must be at most 65536 bytes of JSON (it is " +
                                 std::to_string(serialized.size()) + ")");
    return;
  }
  input.summary = SummaryOf(*content);
  input.content = std::move(serialized);
}

}  // namespace

Result<DraftInput> DraftInputFromJson(const Json& json, DraftRequest request) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  DraftInput input;
  if (request == DraftRequest::kCreate) {
    input.channel = ReadChannel(reader, Presence::kRequired);
    ReadContent(reader, Presence::kOptional, input, problems);
  } else {
    const std::size_t before = problems.size();
    input.revision = reader.Integer("revision", Presence::kRequired);
    if (problems.size() == before && *input.revision < 1) {
      reader.Report("revision", "must be 1 or more");
    }
    ReadContent(reader, Presence::kRequired, input, problems);
    if (reader.Member("parked", Presence::kOptional) != nullptr) {
      input.parked = reader.Boolean("parked", Presence::kOptional);
    }
    input.channel = ReadChannel(reader, Presence::kOptional);
  }
  reader.Finish();
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the draft has errors", std::move(problems)});
  }
  return input;
}

Json ToJson(const EntryDraft& draft, DraftDetail detail) {
  Json json{
      {"id", draft.id.value},
      {"revision", draft.revision},
      {"channel", Name(draft.channel)},
      {"owner", draft.owner},
      {"parked", draft.parked},
      {"placement_key", draft.placement_key},
      {"summary",
       {{"customer_name", draft.summary.customer_name}, {"line_count", draft.summary.line_count}}},
      {"created_at", FormatTimestamp(draft.created_at)},
      {"updated_at", FormatTimestamp(draft.updated_at)}};
  if (detail == DraftDetail::kFull) {
    // Stored as this codec wrote it, so it reads; an object either way. Content saved before
    // the reading policy may break it (1,000 levels deep): it reads back as {}.
    auto content = ReadJson(draft.content);
    json["content"] = content && content->is_object() ? *std::move(content) : Json::object();
  }
  return json;
}

}  // namespace commesso::json
