#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace commesso {

// 128-bit intermediates for rate x amount products; `__extension__` keeps -Wpedantic quiet.
__extension__ using Int128 = __int128;

// An ISO 4217 currency with its number of minor-unit digits (EUR 2, JPY 0).
class Currency {
 public:
  constexpr Currency() = default;
  constexpr Currency(std::array<char, 3> code, int minor_digits)
      : code_(code), minor_digits_(minor_digits) {}

  // The known currency with this upper-case code, or nothing.
  static std::optional<Currency> FromCode(std::string_view code);

  std::string_view code() const { return {code_.data(), code_.size()}; }
  int minor_digits() const { return minor_digits_; }

  friend auto operator<=>(const Currency&, const Currency&) = default;

 private:
  std::array<char, 3> code_{'E', 'U', 'R'};
  int minor_digits_ = 2;
};

inline constexpr Currency kEur({'E', 'U', 'R'}, 2);
inline constexpr Currency kUsd({'U', 'S', 'D'}, 2);
inline constexpr Currency kGbp({'G', 'B', 'P'}, 2);
inline constexpr Currency kChf({'C', 'H', 'F'}, 2);
inline constexpr Currency kJpy({'J', 'P', 'Y'}, 0);

// An amount in minor units of one currency (cents for EUR). Never floating point.
// Mixing currencies or overflowing int64 is a bug that validation made impossible: the
// operators throw InvariantError.
class Money {
 public:
  constexpr Money() = default;
  constexpr Money(std::int64_t minor, Currency currency) : minor_(minor), currency_(currency) {}

  constexpr std::int64_t minor() const { return minor_; }
  constexpr Currency currency() const { return currency_; }

  friend Money operator+(Money a, Money b);
  friend Money operator-(Money a, Money b);
  friend Money operator-(Money a);
  friend Money operator*(Money a, std::int64_t factor);
  Money& operator+=(Money other) { return *this = *this + other; }
  Money& operator-=(Money other) { return *this = *this - other; }

  friend auto operator<=>(const Money&, const Money&) = default;

 private:
  std::int64_t minor_ = 0;
  Currency currency_{};
};

// Plain decimal text of an amount for logs and tests, no locale: "1234.50 EUR".
std::string DebugString(Money money);

enum class Rounding {
  kHalfUp,    // Ties away from zero: 5.5 -> 6, -5.5 -> -6.
  kHalfEven,  // Ties to the even neighbour: 16.5 -> 16.
};

// `numerator / denominator` (denominator > 0) rounded to a whole number by `rounding`.
// Throws InvariantError when the result does not fit in int64.
std::int64_t RoundDivide(Int128 numerator, Int128 denominator, Rounding rounding);

// An exact, unrounded amount in minor units: numerator / denominator, kept reduced
// (denominator > 0). The pricing trace shows these before rounding.
struct Exact {
  Int128 numerator = 0;
  Int128 denominator = 1;

  friend Exact operator+(const Exact& a, const Exact& b);
  friend bool operator==(const Exact&, const Exact&) = default;
};

// numerator / denominator (denominator != 0) in lowest terms, with a positive denominator.
Exact ExactOf(Int128 numerator, Int128 denominator);

// `exact` rounded to minor units.
std::int64_t Round(const Exact& exact, Rounding rounding);

// Decimal text of `exact` with at most `max_decimals` decimals, trailing zeros removed
// ("16.5"); the last digit is rounded half-even when the value does not terminate.
std::string DecimalString(const Exact& exact, int max_decimals = 6);

}  // namespace commesso
