#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace commesso::http {

// The Idempotency-Keys whose first request this process is still working on, so that a
// client retrying too early gets 409 instead of waiting on, or racing, the first request.
// The store's transactional key check is what prevents duplicates; this only answers
// sooner (docs/decisions/0003). Thread-safe.
class InFlightKeys {
 public:
  // Holds one key until destroyed (or moved from). Must not outlive its InFlightKeys.
  class Claim {
   public:
    Claim(Claim&& other) noexcept;
    Claim& operator=(Claim&&) = delete;
    Claim(const Claim&) = delete;
    Claim& operator=(const Claim&) = delete;
    ~Claim();

   private:
    friend class InFlightKeys;
    Claim(InFlightKeys& keys, std::string key) : keys_(&keys), key_(std::move(key)) {}
    InFlightKeys* keys_;  // Null once moved from.
    std::string key_;
  };

  // A claim on `key`, or nothing when another request holds it.
  std::optional<Claim> TryClaim(const std::string& key);

  // Whether a request holds `key` now.
  bool Contains(const std::string& key) const;

 private:
  void Release(const std::string& key);

  mutable std::mutex mutex_;
  std::set<std::string> keys_;  // Guarded by mutex_.
};

}  // namespace commesso::http
