#pragma once

#include <string>

#include "core/card_payment.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"

namespace commesso {

// A card processor (or the card terminal in front of one). The card itself is read by the
// terminal or typed into the processor's own form: commesso never sees its number or CVV,
// only what the processor returns. Thread-safe.
class CardPayments {
 public:
  virtual ~CardPayments() = default;

  // Reserves `amount` on the card being presented for `reference` (ours, for the processor's
  // records). `key` makes it idempotent at the processor: the same key of the same principal
  // with the same request returns the first authorization instead of reserving twice; kInvalidInput
  // (field "Idempotency-Key") with another request. kRejected when the card is declined, with the
  // processor's reason for a person as the message ("insufficient funds"); kUnavailable when
  // the processor or terminal cannot be reached (retrying with the same key is safe).
  virtual Result<CardAuthorization> Authorize(Money amount, const std::string& reference,
                                              const IdempotencyKey& key) = 0;

  // The authorization `token` names, as the processor sees it now; kNotFound when it knows
  // no such token; kUnavailable when it cannot be reached.
  virtual Result<CardAuthorization> Check(const std::string& token) const = 0;
};

}  // namespace commesso
