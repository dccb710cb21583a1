#include "adapters/clock/system_clock.h"

#include <chrono>

#include <gtest/gtest.h>

namespace commesso {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::year;

Timestamp Utc(std::chrono::year_month_day day, hours hour, minutes minute = minutes{0}) {
  return Timestamp{sys_days{day}} + hour + minute;
}

TEST(SystemClockTest, BusinessDayFollowsTheZoneAcrossMidnight) {
  auto clock = SystemClock::Create("Europe/Rome");
  ASSERT_TRUE(clock) << clock.error().message;

  // 23:30 UTC on 31 December is already 00:30 of New Year in Rome (CET, UTC+1): the order
  // belongs to the new business year.
  const Timestamp instant = Utc(year{2026} / 12 / 31, hours{23}, minutes{30});

  EXPECT_EQ((*clock)->BusinessDay(instant), year{2027} / 1 / 1);
}

TEST(SystemClockTest, BusinessDayKnowsDaylightSavingTime) {
  auto clock = SystemClock::Create("Europe/Rome");
  ASSERT_TRUE(clock);

  // In summer Rome is UTC+2: 22:30 UTC is 00:30 the next day; in winter (UTC+1) it is 23:30.
  EXPECT_EQ((*clock)->BusinessDay(Utc(year{2026} / 7 / 14, hours{22}, minutes{30})),
            year{2026} / 7 / 15);
  EXPECT_EQ((*clock)->BusinessDay(Utc(year{2026} / 1 / 14, hours{22}, minutes{30})),
            year{2026} / 1 / 14);
}

TEST(SystemClockTest, RefusesAnUnknownZoneNamingTheField) {
  auto clock = SystemClock::Create("Europe/Atlantis");

  ASSERT_FALSE(clock);
  EXPECT_EQ(clock.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(clock.error().fields.size(), 1u);
  EXPECT_EQ(clock.error().fields[0].path, "time_zone");
}

}  // namespace
}  // namespace commesso
