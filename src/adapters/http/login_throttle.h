#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/order.h"

namespace commesso::http {

// Slows down password guessing. After `max_failures` failed sign-ins in a row for one user
// name, that name is locked for `lockout`; a peer address is locked the same way after four
// times as many failures (an office behind one address has several people). A success clears
// the user name's count. The state lives in memory: a restart forgets it, and each server
// process of a cluster counts on its own. At most kMaxEntries names and addresses are
// remembered; beyond that, the ones whose lock has run out are forgotten first. Thread-safe.
class LoginThrottle {
 public:
  static constexpr std::size_t kMaxEntries = 100'000;

  LoginThrottle(int max_failures, std::chrono::seconds lockout)
      : max_failures_(max_failures), lockout_(lockout) {}

  // How long until `username` from `peer` may try again; nothing when it may now. `peer` may
  // be empty (unknown).
  std::optional<std::chrono::seconds> Blocked(const std::string& username, const std::string& peer,
                                              Timestamp now) const;

  void Failed(const std::string& username, const std::string& peer, Timestamp now);
  void Succeeded(const std::string& username);

 private:
  struct Count {
    int failures = 0;
    Timestamp locked_until{};
  };
  void Fail(const std::string& key, int limit, Timestamp now);
  void Forget(Timestamp now);

  const int max_failures_;
  const std::chrono::seconds lockout_;
  mutable std::mutex mutex_;
  std::map<std::string, Count> counts_;  // "user:<name>" and "peer:<address>"; guarded by mutex_.
};

}  // namespace commesso::http
