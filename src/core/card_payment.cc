#include "core/card_payment.h"

namespace commesso {

const char* Name(AuthorizationStatus status) {
  switch (status) {
    case AuthorizationStatus::kAuthorized:
      return "authorized";
    case AuthorizationStatus::kVoided:
      return "voided";
    case AuthorizationStatus::kExpired:
      return "expired";
  }
  return "unknown";
}

std::optional<AuthorizationStatus> ParseAuthorizationStatus(std::string_view name) {
  for (AuthorizationStatus status : {AuthorizationStatus::kAuthorized, AuthorizationStatus::kVoided,
                                     AuthorizationStatus::kExpired}) {
    if (name == Name(status)) return status;
  }
  return std::nullopt;
}

std::vector<FieldError> CheckCardPayment(const CardDetails& card,
                                         const CardAuthorization& authorization, Money due) {
  std::vector<FieldError> problems;
  if (authorization.status != AuthorizationStatus::kAuthorized) {
    problems.push_back({"payment.card.token", std::string("names an authorization that is ") +
                                                  Name(authorization.status)});
  }
  if (card.brand != authorization.brand) {
    problems.push_back({"payment.card.brand",
                        "is not the brand of the authorized card (" + authorization.brand + ")"});
  }
  if (card.last4 != authorization.last4) {
    problems.push_back(
        {"payment.card.last4", "is not the last four digits of the authorized card"});
  }
  if (authorization.amount.currency() != due.currency()) {
    problems.push_back(
        {"payment.card.token", "authorizes " + std::string(authorization.amount.currency().code()) +
                                   ", not " + std::string(due.currency().code())});
  } else if (authorization.amount < due) {
    problems.push_back({"payment.card.token", "authorizes " + DebugString(authorization.amount) +
                                                  ", less than the amount due " +
                                                  DebugString(due)});
  }
  return problems;
}

}  // namespace commesso
