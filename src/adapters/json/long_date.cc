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

// "9:00", "24:00": hours without a leading zero, as people say them.
std::string Clock(std::chrono::minutes time) {
  const auto minutes = time.count() % 60;
  return std::to_string(time.count() / 60) + ":" + (minutes < 10 ? "0" : "") +
         std::to_string(minutes);
}

// The Italian article before a time: "le 9:00", but "l'1:00" (l'una).
std::string ItalianArticle(std::chrono::minutes time, std::string_view plural,
                           std::string_view elided) {
  return std::string(time.count() / 60 == 1 ? elided : plural) + Clock(time);
}

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

namespace commesso::json {

std::string AppointmentPhrase(const Appointment& appointment, std::string_view locale) {
  const bool italian = locale.starts_with("it");
  const std::chrono::year_month_day day = appointment.date;
  const unsigned month = static_cast<unsigned>(day.month()) - 1;
  std::string text = std::string(italian ? "il " : "on ") +
                     std::to_string(static_cast<unsigned>(day.day())) + " " +
                     std::string((italian ? kItalianMonths : kEnglishMonths)[month % 12]) + " " +
                     std::to_string(static_cast<int>(day.year()));
  const auto& from = appointment.from;
  const auto& until = appointment.until;
  if (from && until) {
    text += italian ? " tra " + ItalianArticle(*from, "le ", "l'") + " e " +
                          ItalianArticle(*until, "le ", "l'")
                    : " between " + Clock(*from) + " and " + Clock(*until);
  } else if (from) {
    text += italian ? " " + ItalianArticle(*from, "dalle ", "dall'") : " from " + Clock(*from);
  } else if (until) {
    text += italian ? " entro " + ItalianArticle(*until, "le ", "l'") : " by " + Clock(*until);
  }
  return text;
}

}  // namespace commesso::json
