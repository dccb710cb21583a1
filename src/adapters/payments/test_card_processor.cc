#include "adapters/payments/test_card_processor.h"

#include <cstdio>
#include <utility>

namespace commesso {
namespace {

// The documented trigger: minor units ending in 51 are declined.
constexpr std::int64_t kDeclinedCents = 51;

}  // namespace

TestCardProcessor::TestCardProcessor(const Clock& clock, SimulatedCard card)
    : clock_(clock), card_(std::move(card)), random_(std::random_device{}()) {}

Result<CardAuthorization> TestCardProcessor::Authorize(Money amount, const std::string& reference,
                                                       const IdempotencyKey& key) {
  std::lock_guard lock(mutex_);
  if (!key.value.empty()) {
    const auto earlier = by_key_.find({key.principal, key.value});
    if (earlier != by_key_.end()) {
      if (earlier->second.fingerprint != key.fingerprint) {
        return Fail(Error{
            .code = ErrorCode::kInvalidInput,
            .message = "This Idempotency-Key was already used for another card payment; use a "
                       "new key for a new request.",
            .fields = {{"Idempotency-Key", "was already used for a different request"}}});
      }
      return by_token_.at(earlier->second.token);
    }
  }
  if (amount.minor() % 100 == kDeclinedCents) {
    return Fail(ErrorCode::kRejected, kDeclineReason);
  }

  char token[32];
  std::snprintf(token, sizeof token, "tok_test_%016llx",
                static_cast<unsigned long long>(random_()));
  CardAuthorization authorization{.token = token,
                                  .brand = card_.brand,
                                  .last4 = card_.last4,
                                  .status = AuthorizationStatus::kAuthorized,
                                  .amount = amount,
                                  .reference = reference,
                                  .authorized_at = clock_.Now()};
  by_token_.emplace(authorization.token, authorization);
  if (!key.value.empty()) {
    by_key_.emplace(std::pair{key.principal, key.value},
                    Keyed{key.fingerprint, authorization.token});
  }
  return authorization;
}

Result<CardAuthorization> TestCardProcessor::Check(const std::string& token) const {
  std::lock_guard lock(mutex_);
  const auto found = by_token_.find(token);
  if (found == by_token_.end()) {
    return Fail(ErrorCode::kNotFound, "The card processor knows no authorization " + token + ".");
  }
  return found->second;
}

}  // namespace commesso
