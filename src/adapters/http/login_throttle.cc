#include "adapters/http/login_throttle.h"

#include <algorithm>

namespace commesso::http {

std::optional<std::chrono::seconds> LoginThrottle::Blocked(const std::string& username,
                                                           const std::string& peer,
                                                           Timestamp now) const {
  std::lock_guard lock(mutex_);
  Timestamp until = now;
  for (const std::string& key : {"user:" + username, "peer:" + peer}) {
    if (key == "peer:") continue;
    const auto found = counts_.find(key);
    if (found != counts_.end()) until = std::max(until, found->second.locked_until);
  }
  if (until <= now) return std::nullopt;
  // Rounded up, so a client that waits exactly Retry-After seconds is let in.
  return std::chrono::ceil<std::chrono::seconds>(until - now);
}

void LoginThrottle::Failed(const std::string& username, const std::string& peer, Timestamp now) {
  std::lock_guard lock(mutex_);
  if (counts_.size() >= kMaxEntries) Forget(now);
  Fail("user:" + username, max_failures_, now);
  if (!peer.empty()) Fail("peer:" + peer, 4 * max_failures_, now);
}

void LoginThrottle::Succeeded(const std::string& username) {
  std::lock_guard lock(mutex_);
  counts_.erase("user:" + username);
}

void LoginThrottle::Fail(const std::string& key, int limit, Timestamp now) {
  Count& count = counts_[key];
  if (++count.failures >= limit) {
    count.failures = 0;
    count.locked_until = now + lockout_;
  }
}

void LoginThrottle::Forget(Timestamp now) {
  std::erase_if(counts_, [now](const auto& entry) { return entry.second.locked_until <= now; });
  // Still full of live locks (an attack from many addresses): start over rather than grow.
  if (counts_.size() >= kMaxEntries) counts_.clear();
}

}  // namespace commesso::http
