#include "adapters/json/card_json.h"

#include <utility>
#include <vector>

#include "adapters/json/domain_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"
#include "core/free_text.h"
#include "core/input_limits.h"

namespace commesso::json {
namespace {

constexpr std::size_t kMaxReferenceBytes = 200;

}  // namespace

Result<CardPaymentRequest> CardPaymentRequestFromJson(const nlohmann::json& json,
                                                      Currency currency) {
  std::vector<FieldError> problems;
  ObjectReader reader(json, "", problems);
  CardPaymentRequest request{.amount = Money(0, currency), .reference = ""};
  if (const nlohmann::json* amount_json = reader.Member("amount", Presence::kRequired)) {
    ObjectReader amount(*amount_json, "amount", problems);
    const std::size_t before = problems.size();
    const std::int64_t minor = amount.Integer("minor", Presence::kRequired);
    const bool read_minor = problems.size() == before;
    const std::string code = amount.String("currency", Presence::kOptional);
    amount.Finish();
    if (!code.empty() && code != currency.code()) {
      amount.Report("currency", "must be " + std::string(currency.code()));
    }
    if (read_minor && (minor < 1 || minor > kMaxOrderTotalMinor)) {
      amount.Report("minor", "must be 1..100000000000000");
    }
    request.amount = Money(minor, currency);
  }
  request.reference = reader.String("reference", Presence::kRequired);
  if (request.reference.size() > kMaxReferenceBytes) {
    reader.Report("reference", "must be at most 200 bytes");
  }
  if (auto why = FreeTextProblem(request.reference, TextLines::kOne)) {
    reader.Report("reference", *std::move(why));
  }
  reader.Finish();
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the card payment has errors", std::move(problems)});
  }
  return request;
}

nlohmann::json ToJson(const CardAuthorization& authorization) {
  return nlohmann::json{{"token", authorization.token},
                        {"brand", authorization.brand},
                        {"last4", authorization.last4},
                        {"status", Name(authorization.status)},
                        {"amount", ToJson(authorization.amount)},
                        {"reference", authorization.reference},
                        {"authorized_at", FormatTimestamp(authorization.authorized_at)}};
}

}  // namespace commesso::json
