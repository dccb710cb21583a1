#pragma once

#include <chrono>

#include "core/order.h"

namespace commesso {

// The time, for use cases; nothing in core/ or app/ reads the system clock.
// Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;

  // Now, in UTC.
  virtual Timestamp Now() const = 0;

  // The calendar day `instant` falls on in the business's time zone (DST included).
  virtual std::chrono::year_month_day BusinessDay(Timestamp instant) const = 0;
};

}  // namespace commesso
