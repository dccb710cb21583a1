#include "adapters/json/long_date.h"

#include <chrono>

#include <gtest/gtest.h>

namespace commesso::json {
namespace {

using std::chrono::year;

TEST(LongDateTest, SaysTheDayAsPeopleDo) {
  EXPECT_EQ(LongDate(year{2026} / 11 / 30, "it"), "luned\u00ec 30 novembre 2026");
  EXPECT_EQ(LongDate(year{2026} / 11 / 30, "en"), "Monday 30 November 2026");
  EXPECT_EQ(LongDate(year{2027} / 1 / 3, "it-IT"), "domenica 3 gennaio 2027");
  EXPECT_EQ(LongDate(year{2027} / 1 / 3, "de"), "Sunday 3 January 2027");
  EXPECT_EQ(LongDate(year{2026} / 12 / 5, "it"), "sabato 5 dicembre 2026");
  EXPECT_EQ(LongDate(year{2026} / 9 / 30, "it"), "mercoled\u00ec 30 settembre 2026");
}

}  // namespace
}  // namespace commesso::json
