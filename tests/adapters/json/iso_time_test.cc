#include "adapters/json/iso_time.h"

#include <chrono>

#include <gtest/gtest.h>

namespace commesso::json {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

Timestamp Day(int year, unsigned month, unsigned day) {
  return Timestamp{std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{month} /
                                         std::chrono::day{day}}};
}

TEST(IsoTimeTest, FormatsUtcWithMillisecondsOnlyWhenPresent) {
  EXPECT_EQ(FormatTimestamp(Day(2026, 11, 28) + hours{10}), "2026-11-28T10:00:00Z");
  EXPECT_EQ(FormatTimestamp(Day(2026, 1, 2) + hours{3} + minutes{4} + milliseconds{5007}),
            "2026-01-02T03:04:05.007Z");
  EXPECT_EQ(FormatTimestamp(Day(1969, 12, 31) + hours{23}), "1969-12-31T23:00:00Z");
}

TEST(IsoTimeTest, ParsesWhatItFormats) {
  const Timestamp instant = Day(2026, 11, 28) + hours{23} + minutes{59} + milliseconds{59'999};

  EXPECT_EQ(ParseTimestamp(FormatTimestamp(instant)), instant);
}

TEST(IsoTimeTest, ParsesOffsetsAndFractions) {
  const Timestamp ten = Day(2026, 11, 28) + hours{10};

  EXPECT_EQ(ParseTimestamp("2026-11-28T11:00:00+01:00"), ten);
  EXPECT_EQ(ParseTimestamp("2026-11-28T05:30:00-04:30"), ten);
  EXPECT_EQ(ParseTimestamp("2026-11-28T10:00:00.5Z"), ten + milliseconds{500});
  EXPECT_EQ(ParseTimestamp("2026-11-28T10:00:00.123456789Z"), ten + milliseconds{123});
}

TEST(IsoTimeTest, RefusesWhatIsNotAnInstant) {
  for (const char* text :
       {"", "2026-11-28", "2026-11-28T10:00:00", "2026-11-28 10:00:00Z", "2026-02-30T10:00:00Z",
        "2026-11-28T24:00:00Z", "2026-11-28T10:60:00Z", "2026-11-28T10:00:00.Z",
        "2026-11-28T10:00:00+0100", "2026-11-28T10:00:00Zjunk", "2026-1-28T10:00:00Z"}) {
    EXPECT_FALSE(ParseTimestamp(text).has_value()) << text;
  }
}

TEST(IsoTimeTest, ParsesAndFormatsCalendarDays) {
  using std::chrono::year;

  EXPECT_EQ(ParseDate("2026-11-28"), year{2026} / 11 / 28);
  EXPECT_EQ(FormatDate(year{2026} / 1 / 2), "2026-01-02");
  for (const char* text : {"2026-02-29", "2026-13-01", "26-11-28", "2026/11/28", "2026-11-28Z"}) {
    EXPECT_FALSE(ParseDate(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace commesso::json
