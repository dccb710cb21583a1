// Postal code formats, one line per country: a code must match one of the country's patterns,
// where '#' is a digit, '@' a letter, '*' a letter or digit, '_' an optional single space, and
// any other character itself (letters in either case). Only the shape is checked, never
// whether the code exists: that needs the post offices' lists, which change monthly.

#include "core/postal_codes.h"

#include <array>

namespace commesso {
namespace {

struct Format {
  std::string_view country;
  std::array<std::string_view, 7> patterns;  // The unused ones are empty.
  std::string_view example;
};

// Sorted by country code.
constexpr Format kFormats[] = {
    {"AT", {"####"}, "1010"},
    {"BE", {"####"}, "1000"},
    {"CH", {"####"}, "8001"},
    {"CZ", {"###_##"}, "110 00"},
    {"DE", {"#####"}, "10117"},
    {"DK", {"####"}, "1050"},
    {"ES", {"#####"}, "28013"},
    {"FI", {"#####"}, "00100"},
    {"FR", {"#####"}, "75001"},
    // Outward code (area, district, sometimes a letter), then inward code; GIR 0AA is Girobank's.
    {"GB",
     {"@#_#@@", "@##_#@@", "@@#_#@@", "@@##_#@@", "@#@_#@@", "@@#@_#@@", "GIR_0AA"},
     "SW1A 1AA"},
    {"GR", {"###_##"}, "105 57"},
    {"HR", {"#####"}, "10000"},
    // Eircode: a routing key (a letter and two digits, or D6W) and a four-character identifier.
    {"IE", {"@##_****", "D6W_****"}, "D02 X285"},
    {"IT", {"#####"}, "20121"},
    {"LI", {"94##"}, "9490"},
    {"LU", {"####", "L-####"}, "1111"},
    {"MC", {"980##"}, "98000"},
    {"NL", {"####_@@"}, "1012 AB"},
    {"PL", {"##-###"}, "00-950"},
    {"PT", {"####-###"}, "1000-001"},
    {"SE", {"###_##"}, "111 22"},
    {"SI", {"####"}, "1000"},
    {"SK", {"###_##"}, "811 01"},
    {"SM", {"4789#"}, "47890"},
    {"US", {"#####", "#####-####"}, "10001"},
    {"VA", {"00120"}, "00120"},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool Matches(std::string_view code, std::string_view pattern) {
  if (pattern.empty()) return code.empty();
  const char want = pattern.front();
  if (want == '_') {
    // An optional space: with it or without it.
    if (!code.empty() && code.front() == ' ' && Matches(code.substr(1), pattern.substr(1))) {
      return true;
    }
    return Matches(code, pattern.substr(1));
  }
  if (code.empty()) return false;
  const char c = code.front();
  const bool fits = want == '#'   ? IsDigit(c)
                    : want == '@' ? IsLetter(c)
                    : want == '*' ? IsDigit(c) || IsLetter(c)
                                  : Upper(c) == want;
  return fits && Matches(code.substr(1), pattern.substr(1));
}

const Format* FormatOf(std::string_view country) {
  for (const Format& format : kFormats) {
    if (format.country == country) return &format;
  }
  return nullptr;
}

}  // namespace

bool KnowsPostalCodes(std::string_view country) { return FormatOf(country) != nullptr; }

std::optional<std::string> PostalCodeProblem(std::string_view country,
                                             std::string_view postal_code) {
  const Format* format = FormatOf(country);
  if (format == nullptr || postal_code.empty()) return std::nullopt;
  for (std::string_view pattern : format->patterns) {
    if (!pattern.empty() && Matches(postal_code, pattern)) return std::nullopt;
  }
  return "is not a postal code of " + std::string(country) + " (like " +
         std::string(format->example) + ")";
}

}  // namespace commesso
