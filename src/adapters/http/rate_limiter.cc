#include "adapters/http/rate_limiter.h"

#include <algorithm>

namespace commesso::http {

RateLimiter::RateLimiter(Rate rate)
    : rate_(rate),
      interval_(rate.per_second > 0
                    ? std::chrono::nanoseconds{std::chrono::seconds{1}} / rate.per_second
                    : std::chrono::nanoseconds{}),
      depth_(interval_ * std::max(rate.burst - 1, 0)) {}

std::optional<std::chrono::seconds> RateLimiter::Take(const std::string& caller, Timestamp now) {
  if (rate_.per_second <= 0) return std::nullopt;
  const Instant at{now};
  std::lock_guard lock(mutex_);
  auto found = full_at_.find(caller);
  const Instant full_at = found == full_at_.end() ? at : std::max(found->second, at);
  // Taking one more token would leave the bucket below empty.
  if (full_at - at > depth_) {
    const std::chrono::seconds wait =
        std::chrono::ceil<std::chrono::seconds>(full_at - at - depth_);
    return std::max(wait, std::chrono::seconds{1});
  }
  if (found != full_at_.end()) {
    found->second = full_at + interval_;
    return std::nullopt;
  }
  if (full_at_.size() >= kMaxEntries) {
    std::erase_if(full_at_, [at](const auto& entry) { return entry.second <= at; });
    if (full_at_.size() >= kMaxEntries) full_at_.clear();
  }
  full_at_.emplace(caller, full_at + interval_);
  return std::nullopt;
}

std::size_t RateLimiter::SizeForTest() const {
  std::lock_guard lock(mutex_);
  return full_at_.size();
}

bool IsLoopback(std::string_view address) {
  if (address == "::1") return true;
  if (address.starts_with("::ffff:")) address.remove_prefix(7);
  return address.starts_with("127.") && address.find(':') == std::string_view::npos;
}

}  // namespace commesso::http
