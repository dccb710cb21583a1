#include "adapters/http/login_throttle.h"

#include <algorithm>

namespace commesso::http {

std::optional<std::chrono::seconds> LoginThrottle::Blocked(const std::string& username,
                                                           const std::string& peer,
                                                           Timestamp now) const {
  std::lock_guard lock(mutex_);
  Timestamp until = now;
  if (const auto pair = pairs_.find({username, peer}); pair != pairs_.end()) {
    until = std::max(until, pair->second.waits_until);
  }
  if (const auto address = addresses_.find(peer); !peer.empty() && address != addresses_.end()) {
    until = std::max(until, address->second.waits_until);
  }
  if (until <= now) return std::nullopt;
  // Rounded up, so a client that waits exactly Retry-After seconds is let in.
  return std::chrono::ceil<std::chrono::seconds>(until - now);
}

void LoginThrottle::Failed(const std::string& username, const std::string& peer, Timestamp now) {
  std::lock_guard lock(mutex_);
  MakeRoom(names_, now);
  MakeRoom(pairs_, now);
  MakeRoom(addresses_, now);

  const bool attacked = Add(names_[username], now) >= kNameFactor * free_failures_;
  Count& pair = pairs_[{username, peer}];
  const int failures = Add(pair, now);
  WaitUntil(pair, now + (attacked ? longest_wait_ : WaitAfter(failures, free_failures_)));
  if (!peer.empty()) {
    Count& address = addresses_[peer];
    WaitUntil(address, now + WaitAfter(Add(address, now), kAddressFactor * free_failures_));
  }
}

void LoginThrottle::Succeeded(const std::string& username, const std::string& peer) {
  std::lock_guard lock(mutex_);
  pairs_.erase({username, peer});
}

void LoginThrottle::Lift(const std::string& username) {
  std::lock_guard lock(mutex_);
  names_.erase(username);
  auto pair = pairs_.lower_bound({username, ""});
  while (pair != pairs_.end() && pair->first.first == username) pair = pairs_.erase(pair);
}

int LoginThrottle::Add(Count& count, Timestamp now) {
  if (Forgotten(count, now)) count = {};
  count.waits_until = std::max(count.waits_until, now);
  return ++count.failures;
}

std::chrono::milliseconds LoginThrottle::WaitAfter(int failures, int free) const {
  if (failures <= free) return {};
  const int doublings = failures - free - 1;
  // 2^31 seconds is past any configurable longest wait.
  if (doublings >= 31) return longest_wait_;
  return std::min<std::chrono::milliseconds>(kFirstWait * (std::int64_t{1} << doublings),
                                             longest_wait_);
}

template <typename Map>
void LoginThrottle::MakeRoom(Map& counts, Timestamp now) {
  if (counts.size() < kMaxEntries) return;
  std::erase_if(counts, [now](const auto& entry) { return entry.second.waits_until <= now; });
  // Still full of waiting entries (an attack from very many addresses): start over rather
  // than grow.
  if (counts.size() >= kMaxEntries) counts.clear();
}

}  // namespace commesso::http
