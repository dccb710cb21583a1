// Card numbers in free text. Clerks paste what customers dictate, and a card number typed into
// the notes or a name would be stored, listed and mailed in clear: the console and the API
// never carry one (docs/security.md), so every field a person types is searched for one.
//
// A number is searched as a run of digits in groups: "4111 1111 1111 1111", "4111-1111-…",
// "4111111111111111". Every window of whole groups that is 14 to 19 digits long is a
// candidate, so a card followed by its expiry ("4111111111111111 12 28") is still found. A
// candidate is a card number when its issuer prefix and length match a brand below AND it
// passes Luhn's check: Luhn alone would flag a tenth of all long numbers.
//
// What it deliberately misses, to keep ordinary text accepted (docs/decisions/0015):
// - 13-digit numbers. Only legacy Visa cards had 13 digits, while every EAN-13 barcode has
//   them too, and German brands' EANs (400-440) start like Visa: a tenth of them pass Luhn.
// - Runs right after "+" (international phone numbers, "+49 151 2345 6789 0") or glued to a
//   letter or "_" (IBANs, "IT60X0542811101000000123456", processors' tokens, other codes).
// What it may still flag: a 14-19 digit reference that happens to fit a brand's prefix and
// length, one in ten of which pass Luhn by chance (most 16-digit numbers starting with 4, 5 or
// 6 fit a brand). The clerk then splits it with another separator ("/") or a word.

#include "core/card_number.h"

#include <cstddef>
#include <string>
#include <vector>

namespace commesso {
namespace {

constexpr std::size_t kMinDigits = 14;
constexpr std::size_t kMaxDigits = 19;

// An issuer prefix range and the lengths numbers in it have. `first` and `last` have the same
// number of digits, so comparing text compares numbers.
struct Brand {
  std::string_view first;
  std::string_view last;
  std::size_t min_length;
  std::size_t max_length;
};

constexpr Brand kBrands[] = {
    {"4", "4", 16, 19},        // Visa (its 13-digit legacy numbers: see above).
    {"51", "55", 16, 16},      // Mastercard.
    {"2221", "2720", 16, 16},  // Mastercard.
    {"34", "34", 15, 15},      // American Express.
    {"37", "37", 15, 15},      // American Express.
    {"300", "305", 14, 19},    // Diners Club.
    {"3095", "3095", 14, 19},  // Diners Club.
    {"36", "36", 14, 19},      // Diners Club.
    {"38", "39", 14, 19},      // Diners Club.
    {"3528", "3589", 16, 19},  // JCB.
    {"6011", "6011", 16, 19},  // Discover.
    {"644", "649", 16, 19},    // Discover.
    {"65", "65", 16, 19},      // Discover, RuPay.
    {"62", "62", 16, 19},      // UnionPay.
    {"50", "50", 14, 19},      // Maestro.
    {"56", "69", 14, 19},      // Maestro, and the 6s above.
    {"2200", "2204", 16, 19},  // Mir.
    {"9792", "9792", 16, 16},  // Troy.
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether a run of digits right after `c` continues a code rather than starting a number.
bool GluesCode(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  bool doubled = false;
  // Reverse iterators, not std::views::reverse: Debian's clang 14 (`make fuzz`) cannot compile
  // libstdc++ 12's ranges.
  for (auto digit = digits.rbegin(); digit != digits.rend(); ++digit) {
    int value = *digit - '0';
    if (doubled) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

bool IsCardNumber(std::string_view digits) {
  for (const Brand& brand : kBrands) {
    if (digits.size() < brand.min_length || digits.size() > brand.max_length) continue;
    const std::string_view prefix = digits.substr(0, brand.first.size());
    if (prefix >= brand.first && prefix <= brand.last) return PassesLuhn(digits);
  }
  return false;
}

// The length of the separator at `at` when a digit follows it: a space, a dash or a no-break
// space (U+00A0, two bytes in UTF-8); 0 otherwise.
std::size_t SeparatorBeforeDigit(std::string_view text, std::size_t at) {
  std::size_t length = 0;
  if (at < text.size() && (text[at] == ' ' || text[at] == '-')) {
    length = 1;
  } else if (text.substr(at, 2) == "\xC2\xA0") {
    length = 2;
  }
  if (length == 0 || at + length >= text.size() || !IsDigit(text[at + length])) return 0;
  return length;
}

// Whether some window of whole groups of the run `digits` (group g starting at starts[g]) is a
// card number.
bool HoldsCardNumber(const std::string& digits, const std::vector<std::size_t>& starts) {
  const std::string_view all = digits;
  for (std::size_t first = 0; first < starts.size(); ++first) {
    for (std::size_t end = first + 1; end <= starts.size(); ++end) {
      const std::size_t stop = end == starts.size() ? all.size() : starts[end];
      const std::size_t length = stop - starts[first];
      if (length > kMaxDigits) break;
      if (length >= kMinDigits && IsCardNumber(all.substr(starts[first], length))) return true;
    }
  }
  return false;
}

}  // namespace

bool LooksLikeCardNumber(std::string_view text) {
  std::string digits;
  std::vector<std::size_t> starts;
  std::size_t at = 0;
  while (at < text.size()) {
    if (!IsDigit(text[at])) {
      ++at;
      continue;
    }
    const bool read = at == 0 || (text[at - 1] != '+' && !GluesCode(text[at - 1]));
    digits.clear();
    starts.assign(1, 0);
    while (true) {
      while (at < text.size() && IsDigit(text[at])) digits += text[at++];
      const std::size_t separator = SeparatorBeforeDigit(text, at);
      if (separator == 0) break;
      at += separator;
      starts.push_back(digits.size());
    }
    if (read && digits.size() >= kMinDigits && HoldsCardNumber(digits, starts)) return true;
  }
  return false;
}

}  // namespace commesso
