#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "core/order.h"

namespace commesso::http {

// Slows down password guessing without a lock that a stranger can set off (docs/security.md,
// "Sign-in throttling"; decision 0016). Failed sign-ins are counted three ways:
// - per user name from one address (a pair): after `free_failures` in a row, each further
//   failure makes the pair wait, 1 s after the first, doubling up to `longest_wait`. Only that
//   pair waits: the right password from another address is not held back.
// - per address across every name: four times as many free failures, then the same waits (an
//   office behind one address has several people).
// - per user name across every address: once a name has failed twenty times as often as a
//   pair may for free, it is under a spread-out attack, and from then on each failure for it
//   makes its pair wait `longest_wait` at once. An address that has not failed for the name
//   is still not held back, so the attack cannot keep the user out.
// A success clears its pair. A count is forgotten an hour after its last wait ended (or after
// its last failure, when it made no wait), so old typing mistakes do not pile up. Lift()
// forgets a user name's counts and those of its pairs.
//
// The state lives in memory: a restart forgets it, and each server process of a cluster counts
// on its own. At most kMaxEntries pairs, addresses and names are remembered each; beyond that,
// those no longer waiting are forgotten first, then all. Thread-safe.
class LoginThrottle {
 public:
  static constexpr std::size_t kMaxEntries = 100'000;
  static constexpr std::chrono::seconds kFirstWait{1};
  static constexpr std::chrono::hours kMemory{1};  // How long a count outlives its last wait.
  static constexpr int kAddressFactor = 4;         // Free failures of an address, in pairs'.
  static constexpr int kNameFactor = 20;           // Failures of a name that mean an attack.

  LoginThrottle(int free_failures, std::chrono::seconds longest_wait)
      : free_failures_(free_failures), longest_wait_(longest_wait) {}

  // How long until `username` from `peer` may try again; nothing when it may now. `peer` may
  // be empty (unknown): then only the pair counts.
  std::optional<std::chrono::seconds> Blocked(const std::string& username, const std::string& peer,
                                              Timestamp now) const;

  void Failed(const std::string& username, const std::string& peer, Timestamp now);
  void Succeeded(const std::string& username, const std::string& peer);

  // Forgets the counts of `username` and of its pairs: it may sign in again at once from any
  // address that is not itself waiting across names.
  void Lift(const std::string& username);

 private:
  struct Count {
    int failures = 0;
    Timestamp waits_until{};  // The next try is refused before this instant.
  };
  using Pair = std::pair<std::string, std::string>;  // User name, address.

  // Counts one failure at `now`, forgetting an old count first; the failures counted.
  static int Add(Count& count, Timestamp now);
  // The wait after `failures` in a row of which `free` cost nothing.
  std::chrono::milliseconds WaitAfter(int failures, int free) const;
  // Two sign-ins may fail at once: the later wait wins.
  static void WaitUntil(Count& count, Timestamp until) {
    count.waits_until = std::max(count.waits_until, until);
  }
  static bool Forgotten(const Count& count, Timestamp now) {
    return now >= count.waits_until + kMemory;
  }
  template <typename Map>
  static void MakeRoom(Map& counts, Timestamp now);

  const int free_failures_;
  const std::chrono::seconds longest_wait_;
  mutable std::mutex mutex_;
  std::map<Pair, Count> pairs_;             // Guarded by mutex_.
  std::map<std::string, Count> addresses_;  // Guarded by mutex_.
  std::map<std::string, Count> names_;      // Guarded by mutex_.
};

}  // namespace commesso::http
