#include "adapters/json/iso_time.h"

#include <cstdio>

namespace commesso::json {
namespace {

// The unsigned number in text[position, position + digits), or -1 when any is not a digit.
int Digits(std::string_view text, std::size_t position, std::size_t digits) {
  if (position + digits > text.size()) return -1;
  int value = 0;
  for (std::size_t i = position; i < position + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::string FormatDate(std::chrono::year_month_day day) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

std::string FormatTimestamp(Timestamp instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::hh_mm_ss time{instant - day};
  char text[64];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d", FormatDate(day).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  std::string formatted = text;
  const auto millis = static_cast<int>(time.subseconds().count());
  if (millis != 0) {
    std::snprintf(text, sizeof text, ".%03d", millis);
    formatted += text;
  }
  return formatted + "Z";
}

std::optional<std::chrono::year_month_day> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int year = Digits(text, 0, 4);
  const int month = Digits(text, 5, 2);
  const int day = Digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<Timestamp> ParseTimestamp(std::string_view text) {
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const auto date = ParseDate(text.substr(0, 10));
  const int hours = Digits(text, 11, 2);
  const int minutes = Digits(text, 14, 2);
  const int seconds = Digits(text, 17, 2);
  if (!date || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 ||
      seconds > 59) {
    return std::nullopt;
  }
  std::size_t position = 19;
  int millis = 0;
  if (text[position] == '.') {
    ++position;
    std::size_t digits = 0;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[position] - '0');
      ++digits;
      ++position;
    }
    if (digits == 0 || digits > 9) return std::nullopt;
    for (std::size_t i = digits; i < 3; ++i) millis *= 10;
  }
  std::chrono::minutes offset{0};
  const std::string_view zone = text.substr(position);
  if (zone == "Z") {
    // UTC.
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const int offset_hours = Digits(zone, 1, 2);
    const int offset_minutes = Digits(zone, 4, 2);
    if (offset_hours < 0 || offset_hours > 23 || offset_minutes < 0 || offset_minutes > 59) {
      return std::nullopt;
    }
    offset = std::chrono::hours{offset_hours} + std::chrono::minutes{offset_minutes};
    if (zone[0] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  return Timestamp{std::chrono::sys_days{*date}} + std::chrono::hours{hours} +
         std::chrono::minutes{minutes} + std::chrono::seconds{seconds} +
         std::chrono::milliseconds{millis} - offset;
}

}  // namespace commesso::json
