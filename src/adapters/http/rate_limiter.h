#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/order.h"

namespace commesso::http {

// How many requests one caller may make: `burst` at once, then `per_second` a second.
struct Rate {
  int per_second = 0;  // 0: no limit.
  int burst = 0;       // At least 1 when per_second is set.
};

// A token bucket per caller (an API key, an address), kept as the instant its bucket will be
// full again (the generic cell rate algorithm: integers only, one instant per caller). A
// request takes one token; a bucket holds `burst` and refills `per_second` a second; a refused
// request takes nothing. The state lives in memory: a restart forgets it. At most kMaxEntries
// callers are remembered: a full bucket is the same as none, so those are forgotten first,
// and all when every remembered bucket is in use. Thread-safe.
class RateLimiter {
 public:
  static constexpr std::size_t kMaxEntries = 100'000;

  explicit RateLimiter(Rate rate);

  // Takes a request from `caller`'s bucket at `now`: nothing when it may go ahead, else how
  // long until it may, in whole seconds (at least 1, for Retry-After). Nothing always when the
  // rate is 0.
  std::optional<std::chrono::seconds> Take(const std::string& caller, Timestamp now);

  std::size_t SizeForTest() const;

 private:
  using Instant = std::chrono::sys_time<std::chrono::nanoseconds>;

  const Rate rate_;
  const std::chrono::nanoseconds interval_;  // Refill time of one token.
  const std::chrono::nanoseconds depth_;     // Refill time of a bucket emptied to one token.
  mutable std::mutex mutex_;
  // When each caller's bucket is full again; guarded by mutex_.
  std::unordered_map<std::string, Instant> full_at_;
};

// Whether `address` (as the transport prints it) is this machine's loopback: 127.0.0.0/8, ::1
// or ::ffff:127.0.0.0/104.
bool IsLoopback(std::string_view address);

}  // namespace commesso::http
