#pragma once

#include <compare>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace commesso::http {

// The Idempotency-Keys whose first request this process is still working on, so that a
// client retrying too early gets 409 instead of waiting on, or racing, the first request.
// A key is held per principal and route: another caller's same key, or the same caller's on
// another route, is another request and is never refused here (docs/decisions/0017). The
// store's transactional key check is what prevents duplicates; this only answers sooner
// (docs/decisions/0003). Thread-safe.
class InFlightKeys {
 public:
  // One caller's key on one route ("POST /api/v1/orders", the route's template).
  struct Key {
    std::string principal;
    std::string route;
    std::string value;
    friend auto operator<=>(const Key&, const Key&) = default;
  };

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
    Claim(InFlightKeys& keys, Key key) : keys_(&keys), key_(std::move(key)) {}
    InFlightKeys* keys_;  // Null once moved from.
    Key key_;
  };

  // A claim on `key`, or nothing when another request holds it.
  std::optional<Claim> TryClaim(const Key& key);

  // Whether a request holds `key` now.
  bool Contains(const Key& key) const;

 private:
  void Release(const Key& key);

  mutable std::mutex mutex_;
  std::set<Key> keys_;  // Guarded by mutex_.
};

}  // namespace commesso::http
