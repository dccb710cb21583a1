#pragma once

#include <map>
#include <mutex>
#include <random>
#include <string>
#include <utility>

#include "app/ports/card_payments.h"
#include "app/ports/clock.h"

namespace commesso {

// The card the simulated terminal reads, whatever is presented.
struct SimulatedCard {
  std::string brand = "visa";
  std::string last4 = "4242";
};

// A documented stand-in for a card terminal and processor, for development, demos and
// tests: the real terminal is outside this machine. It authorizes any amount on the
// configured simulated card, except that an amount whose minor units end in 51 (12.51,
// 0.51) is declined with "insufficient funds" — the test trigger for the declined path.
// Authorizations live in this object's memory only (docs/decisions/0009): a restart forgets
// them, as if the processor had voided them, and an order still to be placed then needs a new
// authorization. Idempotency keys are honoured as a real processor would, per caller: the same
// key of the same principal with the same amount and reference returns the first
// authorization. Tokens are "tok_test_"
// followed by 16 random hex digits. Borrows `clock`, which must outlive it. Thread-safe.
class TestCardProcessor final : public CardPayments {
 public:
  explicit TestCardProcessor(const Clock& clock, SimulatedCard card = {});

  Result<CardAuthorization> Authorize(Money amount, const std::string& reference,
                                      const IdempotencyKey& key) override;
  Result<CardAuthorization> Check(const std::string& token) const override;

  // The reason given for a declined amount.
  static constexpr const char* kDeclineReason = "insufficient funds";

 private:
  struct Keyed {
    std::string fingerprint;  // Of the request the key came with.
    std::string token;
  };

  const Clock& clock_;
  const SimulatedCard card_;
  mutable std::mutex mutex_;
  std::mt19937_64 random_;                             // Guarded by mutex_.
  std::map<std::string, CardAuthorization> by_token_;  // Guarded by mutex_.
  // By principal and key: another caller's same key is another request. Guarded by mutex_.
  std::map<std::pair<std::string, std::string>, Keyed> by_key_;
};

}  // namespace commesso
