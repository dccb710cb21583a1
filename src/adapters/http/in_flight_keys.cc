#include "adapters/http/in_flight_keys.h"

#include <utility>

namespace commesso::http {

InFlightKeys::Claim::Claim(Claim&& other) noexcept
    : keys_(std::exchange(other.keys_, nullptr)), key_(std::move(other.key_)) {}

InFlightKeys::Claim::~Claim() {
  if (keys_ != nullptr) keys_->Release(key_);
}

std::optional<InFlightKeys::Claim> InFlightKeys::TryClaim(const Key& key) {
  std::lock_guard lock(mutex_);
  if (!keys_.insert(key).second) return std::nullopt;
  return Claim(*this, key);
}

bool InFlightKeys::Contains(const Key& key) const {
  std::lock_guard lock(mutex_);
  return keys_.contains(key);
}

void InFlightKeys::Release(const Key& key) {
  std::lock_guard lock(mutex_);
  keys_.erase(key);
}

}  // namespace commesso::http
