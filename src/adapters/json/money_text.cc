#include "adapters/json/money_text.h"

#include <cstdint>

namespace commesso::json {
namespace {

constexpr const char* kNoBreakSpace = "\u00a0";

struct Symbol {
  std::string text;
  bool is_code = false;  // A code ("CHF") needs a space on both sides; a symbol only in Italian.
};

Symbol SymbolOf(Currency currency) {
  if (currency.code() == "EUR") return {"\u20ac"};
  if (currency.code() == "USD") return {"$"};
  if (currency.code() == "GBP") return {"\u00a3"};
  if (currency.code() == "JPY") return {"\u00a5"};
  return {std::string(currency.code()), true};
}

// The magnitude's digits with `group` between thousands and `decimal` before the minor units.
std::string Digits(std::uint64_t magnitude, int minor_digits, char group, char decimal) {
  std::uint64_t scale = 1;
  for (int i = 0; i < minor_digits; ++i) scale *= 10;
  const std::string whole = std::to_string(magnitude / scale);
  std::string text;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) text += group;
    text += whole[i];
  }
  if (minor_digits > 0) {
    std::string fraction = std::to_string(magnitude % scale);
    text += decimal;
    text += std::string(static_cast<std::size_t>(minor_digits) - fraction.size(), '0');
    text += fraction;
  }
  return text;
}

}  // namespace

std::string FormatMoney(Money money, std::string_view locale) {
  const bool negative = money.minor() < 0;
  // Unsigned negation keeps the most negative int64 exact.
  const std::uint64_t magnitude = negative ? ~static_cast<std::uint64_t>(money.minor()) + 1
                                           : static_cast<std::uint64_t>(money.minor());
  const Symbol symbol = SymbolOf(money.currency());
  const int minor_digits = money.currency().minor_digits();
  const std::string sign = negative ? "-" : "";
  if (locale.substr(0, 2) == "it") {
    return sign + Digits(magnitude, minor_digits, '.', ',') + kNoBreakSpace + symbol.text;
  }
  const std::string separator = symbol.is_code ? kNoBreakSpace : "";
  return sign + symbol.text + separator + Digits(magnitude, minor_digits, ',', '.');
}

}  // namespace commesso::json
