#pragma once

#include <chrono>
#include <mutex>

#include "app/ports/clock.h"

namespace commesso::testing {

// A clock that stands still until told to move; business days are UTC days. Thread-safe.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 /
                                                                      28}} +
                                      std::chrono::hours{10})
      : now_(now) {}

  Timestamp Now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  std::chrono::year_month_day BusinessDay(Timestamp instant) const override {
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(instant)};
  }
  void Advance(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    now_ += by;
  }

 private:
  mutable std::mutex mutex_;
  Timestamp now_;  // Guarded by mutex_.
};

}  // namespace commesso::testing
