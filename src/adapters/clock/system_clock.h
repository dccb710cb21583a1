#pragma once

#include <memory>
#include <string>

#include "app/ports/clock.h"
#include "core/result.h"

namespace date {
class time_zone;
}

namespace commesso {

// The real clock, with business days in an IANA time zone read from the OS tz database
// (tzdata). Thread-safe.
class SystemClock final : public Clock {
 public:
  // kInvalidInput (field "time_zone") when `time_zone` is not a known IANA zone name.
  static Result<std::unique_ptr<SystemClock>> Create(const std::string& time_zone);

  Timestamp Now() const override;
  std::chrono::year_month_day BusinessDay(Timestamp instant) const override;

 private:
  explicit SystemClock(const date::time_zone* zone) : zone_(zone) {}
  const date::time_zone* zone_;  // Owned by the date library's database, lives forever.
};

}  // namespace commesso
