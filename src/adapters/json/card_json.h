#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/card_payment.h"
#include "core/money.h"
#include "core/result.h"

// The JSON of card authorizations (/api/v1/card-payments).
namespace commesso::json {

// What the console asks the card processor for: never a card number or CVV (a member named
// like one is refused as such, card_secrets.h).
struct CardPaymentRequest {
  Money amount{};
  std::string reference{};
};

// {"amount": {"minor": 5417, "currency": "EUR"}, "reference": "draft 12"}: the amount is
// 1..kMaxOrderTotalMinor minor units of `currency` (the business currency, which "currency"
// may omit); the reference is 1..200 bytes. kInvalidInput with every problem.
Result<CardPaymentRequest> CardPaymentRequestFromJson(const nlohmann::json& json,
                                                      Currency currency);

// {"token", "brand", "last4", "status", "amount", "reference", "authorized_at"}.
nlohmann::json ToJson(const CardAuthorization& authorization);

}  // namespace commesso::json
