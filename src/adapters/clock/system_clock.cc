#include "adapters/clock/system_clock.h"

#include <stdexcept>

#include <date/tz.h>

namespace commesso {

Result<std::unique_ptr<SystemClock>> SystemClock::Create(const std::string& time_zone) {
  try {
    return std::unique_ptr<SystemClock>(new SystemClock(date::locate_zone(time_zone)));
  } catch (const std::runtime_error& error) {
    return Fail({ErrorCode::kInvalidInput,
                 "unknown time zone '" + time_zone + "'",
                 {{"time_zone", "must be an IANA time zone name such as Europe/Rome"}}});
  }
}

Timestamp SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::chrono::year_month_day SystemClock::BusinessDay(Timestamp instant) const {
  const auto local = date::make_zoned(zone_, instant).get_local_time();
  return std::chrono::year_month_day{
      std::chrono::floor<std::chrono::days>(std::chrono::sys_days{} + (local.time_since_epoch()))};
}

}  // namespace commesso
