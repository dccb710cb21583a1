#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/order.h"
#include "core/result.h"

namespace commesso {

enum class AuthorizationStatus {
  kAuthorized,  // The amount is reserved on the card and may be captured.
  kVoided,      // Cancelled before capture.
  kExpired,     // The processor let it lapse.
};

// What a card processor says about one authorization: never the card number, never the CVV.
struct CardAuthorization {
  std::string token{};  // The processor's reference; an order's card payment names it.
  std::string brand{};  // "visa", "mastercard", …
  std::string last4{};  // Exactly four digits.
  AuthorizationStatus status = AuthorizationStatus::kAuthorized;
  Money amount{};           // What it reserves.
  std::string reference{};  // Ours, given when authorizing ("console 17", a draft's key).
  Timestamp authorized_at{};
  friend bool operator==(const CardAuthorization&, const CardAuthorization&) = default;
};

// "authorized", "voided", "expired", and the parser (nothing for an unknown name).
const char* Name(AuthorizationStatus status);
std::optional<AuthorizationStatus> ParseAuthorizationStatus(std::string_view name);

// Every reason the card payment `card` of an order cannot pay `due` with `authorization` (the
// one its token names), as field errors under "payment.card": the authorization is no longer
// authorized, its brand or last four digits differ from what the order says, or it reserves
// another currency or less than the amount due. Empty when it can pay.
std::vector<FieldError> CheckCardPayment(const CardDetails& card,
                                         const CardAuthorization& authorization, Money due);

}  // namespace commesso
