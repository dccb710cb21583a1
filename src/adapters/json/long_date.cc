#include "adapters/json/long_date.h"

#include <array>

namespace commesso::json {
namespace {

// Sunday first, as std::chrono::weekday::c_encoding counts.
constexpr std::array<std::string_view, 7> kItalianDays = {
    "domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"};
constexpr std::array<std::string_view, 7> kEnglishDays = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kItalianMonths = {
    "gennaio", "febbraio", "marzo",     "aprile",  "maggio",   "giugno",
    "luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};
constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

}  // namespace

std::string LongDate(std::chrono::year_month_day day, std::string_view locale) {
  const bool italian = locale.starts_with("it");
  const unsigned weekday = std::chrono::weekday{std::chrono::sys_days{day}}.c_encoding();
  const unsigned month = static_cast<unsigned>(day.month()) - 1;
  return std::string((italian ? kItalianDays : kEnglishDays)[weekday]) + " " +
         std::to_string(static_cast<unsigned>(day.day())) + " " +
         std::string((italian ? kItalianMonths : kEnglishMonths)[month]) + " " +
         std::to_string(static_cast<int>(day.year()));
}

}  // namespace commesso::json
