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

TEST(AppointmentPhraseTest, SaysTheDayAndTheWindow) {
  using std::chrono::hours;
  using std::chrono::minutes;
  const auto day = year{2026} / 12 / 3;

  EXPECT_EQ(AppointmentPhrase({.date = day}, "it"), "il 3 dicembre 2026");
  EXPECT_EQ(AppointmentPhrase({.date = day}, "en"), "on 3 December 2026");
  EXPECT_EQ(
      AppointmentPhrase({.date = day, .from = hours{9}, .until = minutes{12 * 60 + 30}}, "it"),
      "il 3 dicembre 2026 tra le 9:00 e le 12:30");
  EXPECT_EQ(AppointmentPhrase({.date = day, .from = minutes{0}, .until = hours{24}}, "en"),
            "on 3 December 2026 between 0:00 and 24:00");
  EXPECT_EQ(AppointmentPhrase({.date = day, .from = hours{14}}, "it"),
            "il 3 dicembre 2026 dalle 14:00");
  EXPECT_EQ(AppointmentPhrase({.date = day, .from = hours{14}}, "en"),
            "on 3 December 2026 from 14:00");
  EXPECT_EQ(AppointmentPhrase({.date = day, .until = hours{18}}, "it"),
            "il 3 dicembre 2026 entro le 18:00");
  EXPECT_EQ(AppointmentPhrase({.date = day, .until = hours{18}}, "en"),
            "on 3 December 2026 by 18:00");
  // One o'clock takes the elided article in Italian: "l'una".
  EXPECT_EQ(AppointmentPhrase({.date = day, .from = hours{1}, .until = minutes{90}}, "it"),
            "il 3 dicembre 2026 tra l'1:00 e l'1:30");
  EXPECT_EQ(AppointmentPhrase({.date = day, .from = minutes{75}}, "it"),
            "il 3 dicembre 2026 dall'1:15");
}

}  // namespace
}  // namespace commesso::json
