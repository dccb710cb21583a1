#include "adapters/json/history_json.h"

#include <utility>
#include <vector>

#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"
#include "core/free_text.h"

namespace commesso::json {

Result<ConfirmationRequest> ConfirmationRequestFromJson(const nlohmann::json& json) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  ConfirmationRequest request{.revision = reader.Integer("revision", Presence::kRequired),
                              .by = reader.String("by", Presence::kOptional)};
  if (auto why = FreeTextProblem(request.by, TextLines::kOne)) reader.Report("by", *why);
  reader.Finish();
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the confirmation has errors", std::move(problems)});
  }
  return request;
}

nlohmann::json ToJson(const Confirmation& confirmation) {
  return nlohmann::json{{"revision", confirmation.revision},
                        {"by", confirmation.by},
                        {"principal", confirmation.principal},
                        {"confirmed_at", FormatTimestamp(confirmation.confirmed_at)}};
}

nlohmann::json ToJson(const OrderEvent& event) {
  return nlohmann::json{{"at", FormatTimestamp(event.at)},
                        {"actor", event.actor},
                        {"kind", Name(event.kind)},
                        {"detail", event.detail}};
}

}  // namespace commesso::json
