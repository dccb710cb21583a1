#include "core/money.h"

#include <bit>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <utility>

#include "core/invariant.h"

namespace commesso {
namespace {

constexpr std::array<Currency, 12> kKnownCurrencies = {
    kEur,
    kUsd,
    kGbp,
    kChf,
    kJpy,
    Currency({'S', 'E', 'K'}, 2),
    Currency({'N', 'O', 'K'}, 2),
    Currency({'D', 'K', 'K'}, 2),
    Currency({'P', 'L', 'N'}, 2),
    Currency({'C', 'Z', 'K'}, 2),
    Currency({'C', 'A', 'D'}, 2),
    Currency({'A', 'U', 'D'}, 2),
};

Int128 Abs(Int128 value) { return value < 0 ? -value : value; }

// Binary GCD (Stein's algorithm): shifts and subtractions, no division.
std::uint64_t Gcd64(std::uint64_t a, std::uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = std::countr_zero(a | b);
  a >>= std::countr_zero(a);
  while (b != 0) {
    b >>= std::countr_zero(b);
    if (a > b) std::swap(a, b);
    b -= a;
  }
  return a << shift;
}

// Pricing reduces a fraction for every tax it traces and every sum it adds, and its
// numerators and denominators almost always fit in 64 bits (an amount times parts per
// million), where GCD needs no 128-bit division.
Int128 Gcd(Int128 a, Int128 b) {
  a = Abs(a);
  b = Abs(b);
  constexpr Int128 kMax64 = std::numeric_limits<std::uint64_t>::max();
  if (a <= kMax64 && b <= kMax64) {
    return Gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
  }
  while (b != 0) {
    Int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// a / b, truncated; in 64 bits when both fit, which spares a call to the 128-bit division.
Int128 Divide(Int128 a, Int128 b) {
  constexpr Int128 kMin64 = std::numeric_limits<std::int64_t>::min();
  constexpr Int128 kMax64 = std::numeric_limits<std::int64_t>::max();
  if (a > kMin64 && a <= kMax64 && b > kMin64 && b <= kMax64) {
    return static_cast<std::int64_t>(a) / static_cast<std::int64_t>(b);
  }
  return a / b;
}

// Exact sums stay far inside 128 bits for validated orders; these make a bug loud, not UB.
Int128 CheckedAdd(Int128 a, Int128 b) {
  Int128 sum = 0;
  COMMESSO_INVARIANT(!__builtin_add_overflow(a, b, &sum), "exact amount overflow in +");
  return sum;
}

Int128 CheckedMultiply(Int128 a, Int128 b) {
  Int128 product = 0;
  COMMESSO_INVARIANT(!__builtin_mul_overflow(a, b, &product), "exact amount overflow in *");
  return product;
}

void CheckSameCurrency(Money a, Money b) {
  COMMESSO_INVARIANT(a.currency() == b.currency(), "amounts in different currencies were mixed");
}

}  // namespace

std::optional<Currency> Currency::FromCode(std::string_view code) {
  for (const Currency& currency : kKnownCurrencies) {
    if (currency.code() == code) return currency;
  }
  return std::nullopt;
}

Money operator+(Money a, Money b) {
  CheckSameCurrency(a, b);
  std::int64_t sum = 0;
  COMMESSO_INVARIANT(!__builtin_add_overflow(a.minor_, b.minor_, &sum), "money overflow in +");
  return Money(sum, a.currency_);
}

Money operator-(Money a, Money b) {
  CheckSameCurrency(a, b);
  std::int64_t difference = 0;
  COMMESSO_INVARIANT(!__builtin_sub_overflow(a.minor_, b.minor_, &difference),
                     "money overflow in -");
  return Money(difference, a.currency_);
}

Money operator-(Money a) { return Money(0, a.currency_) - a; }

Money operator*(Money a, std::int64_t factor) {
  std::int64_t product = 0;
  COMMESSO_INVARIANT(!__builtin_mul_overflow(a.minor_, factor, &product), "money overflow in *");
  return Money(product, a.currency_);
}

std::string DebugString(Money money) {
  const int digits = money.currency().minor_digits();
  std::int64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  const bool negative = money.minor() < 0;
  const auto magnitude = static_cast<std::uint64_t>(negative ? -static_cast<Int128>(money.minor())
                                                             : static_cast<Int128>(money.minor()));
  std::string text = negative ? "-" : "";
  text += std::to_string(magnitude / static_cast<std::uint64_t>(scale));
  if (digits > 0) {
    std::string fraction = std::to_string(magnitude % static_cast<std::uint64_t>(scale));
    text += "." + std::string(static_cast<std::size_t>(digits) - fraction.size(), '0') + fraction;
  }
  return text + " " + std::string(money.currency().code());
}

std::int64_t RoundDivide(Int128 numerator, Int128 denominator, Rounding rounding) {
  COMMESSO_INVARIANT(denominator > 0, "rounding needs a positive denominator");
  Int128 quotient = Divide(numerator, denominator);  // Truncates toward zero.
  Int128 remainder = numerator - quotient * denominator;
  const Int128 twice = Abs(remainder) * 2;
  if (twice > denominator ||
      (twice == denominator && (rounding == Rounding::kHalfUp || quotient % 2 != 0))) {
    quotient += numerator < 0 ? -1 : 1;
  }
  COMMESSO_INVARIANT(quotient <= std::numeric_limits<std::int64_t>::max() &&
                         quotient >= std::numeric_limits<std::int64_t>::min(),
                     "rounded amount does not fit in 64 bits");
  return static_cast<std::int64_t>(quotient);
}

Exact ExactOf(Int128 numerator, Int128 denominator) {
  COMMESSO_INVARIANT(denominator != 0, "an exact amount needs a non-zero denominator");
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  Int128 divisor = Gcd(numerator, denominator);
  if (divisor > 1) {
    numerator = Divide(numerator, divisor);
    denominator = Divide(denominator, divisor);
  }
  return Exact{.numerator = numerator, .denominator = denominator};
}

Exact operator+(const Exact& a, const Exact& b) {
  if (a.denominator == b.denominator) {
    return ExactOf(CheckedAdd(a.numerator, b.numerator), a.denominator);
  }
  const Int128 common =
      CheckedMultiply(a.denominator / Gcd(a.denominator, b.denominator), b.denominator);
  return ExactOf(CheckedAdd(CheckedMultiply(a.numerator, common / a.denominator),
                            CheckedMultiply(b.numerator, common / b.denominator)),
                 common);
}

std::int64_t Round(const Exact& exact, Rounding rounding) {
  return RoundDivide(exact.numerator, exact.denominator, rounding);
}

std::string DecimalString(const Exact& exact, int max_decimals) {
  Int128 scale = 1;
  for (int i = 0; i < max_decimals; ++i) scale *= 10;
  const std::int64_t scaled =
      RoundDivide(CheckedMultiply(exact.numerator, scale), exact.denominator, Rounding::kHalfEven);
  const bool negative = scaled < 0;
  Int128 magnitude = negative ? -static_cast<Int128>(scaled) : static_cast<Int128>(scaled);
  const auto whole = static_cast<std::uint64_t>(magnitude / scale);
  auto fraction = static_cast<std::uint64_t>(magnitude % scale);
  std::string text = (negative ? "-" : "") + std::to_string(whole);
  if (fraction == 0) return text;
  std::string digits = std::to_string(fraction);
  digits.insert(0, static_cast<std::size_t>(max_decimals) - digits.size(), '0');
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return text + "." + digits;
}

}  // namespace commesso
