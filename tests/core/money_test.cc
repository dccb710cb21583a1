#include "core/money.h"

#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "core/invariant.h"

namespace commesso {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

TEST(MoneyTest, AddsSubtractsNegatesAndMultiplies) {
  const Money a(1050, kEur);
  const Money b(250, kEur);

  EXPECT_EQ(a + b, Money(1300, kEur));
  EXPECT_EQ(a - b, Money(800, kEur));
  EXPECT_EQ(b - a, Money(-800, kEur));
  EXPECT_EQ(-a, Money(-1050, kEur));
  EXPECT_EQ(a * 3, Money(3150, kEur));
  EXPECT_EQ(a * 0, Money(0, kEur));
}

TEST(MoneyTest, CompoundAssignmentAccumulates) {
  Money total(0, kEur);

  total += Money(199, kEur);
  total += Money(1, kEur);
  total -= Money(50, kEur);

  EXPECT_EQ(total, Money(150, kEur));
}

TEST(MoneyTest, OverflowIsAnInvariantError) {
  EXPECT_THROW(Money(kMax, kEur) + Money(1, kEur), InvariantError);
  EXPECT_THROW(Money(kMin, kEur) - Money(1, kEur), InvariantError);
  EXPECT_THROW(-Money(kMin, kEur), InvariantError);
  EXPECT_THROW(Money(kMax / 2 + 1, kEur) * 2, InvariantError);
  EXPECT_EQ(Money(kMax - 1, kEur) + Money(1, kEur), Money(kMax, kEur));
}

TEST(MoneyTest, MixingCurrenciesIsAnInvariantError) {
  EXPECT_THROW(Money(100, kEur) + Money(100, kUsd), InvariantError);
  EXPECT_THROW(Money(100, kEur) - Money(100, kGbp), InvariantError);

  Money total(0, kEur);
  EXPECT_THROW(total += Money(1, kChf), InvariantError);
}

TEST(MoneyTest, AmountsInDifferentCurrenciesAreNotEqual) {
  EXPECT_NE(Money(100, kEur), Money(100, kUsd));
  EXPECT_EQ(Money(100, kEur), Money(100, kEur));
}

TEST(MoneyTest, DebugStringShowsMinorDigitsAndCode) {
  EXPECT_EQ(DebugString(Money(123450, kEur)), "1234.50 EUR");
  EXPECT_EQ(DebugString(Money(5, kEur)), "0.05 EUR");
  EXPECT_EQ(DebugString(Money(-5, kUsd)), "-0.05 USD");
  EXPECT_EQ(DebugString(Money(1234, kJpy)), "1234 JPY");
  EXPECT_EQ(DebugString(Money(kMin, kEur)), "-92233720368547758.08 EUR");
}

TEST(CurrencyTest, FindsKnownCodesOnly) {
  EXPECT_EQ(Currency::FromCode("EUR"), kEur);
  EXPECT_EQ(Currency::FromCode("JPY")->minor_digits(), 0);
  EXPECT_FALSE(Currency::FromCode("XXX").has_value());
  EXPECT_FALSE(Currency::FromCode("eur").has_value());
}

TEST(RoundDivideTest, RoundsTiesByTheNamedRule) {
  EXPECT_EQ(RoundDivide(165, 10, Rounding::kHalfUp), 17);
  EXPECT_EQ(RoundDivide(165, 10, Rounding::kHalfEven), 16);
  EXPECT_EQ(RoundDivide(175, 10, Rounding::kHalfUp), 18);
  EXPECT_EQ(RoundDivide(175, 10, Rounding::kHalfEven), 18);
}

TEST(RoundDivideTest, RoundsNegativeTiesSymmetrically) {
  EXPECT_EQ(RoundDivide(-165, 10, Rounding::kHalfUp), -17);
  EXPECT_EQ(RoundDivide(-165, 10, Rounding::kHalfEven), -16);
  EXPECT_EQ(RoundDivide(-175, 10, Rounding::kHalfEven), -18);
}

TEST(RoundDivideTest, RoundsNonTiesToTheNearest) {
  for (const Rounding rounding : {Rounding::kHalfUp, Rounding::kHalfEven}) {
    EXPECT_EQ(RoundDivide(164, 10, rounding), 16);
    EXPECT_EQ(RoundDivide(166, 10, rounding), 17);
    EXPECT_EQ(RoundDivide(-164, 10, rounding), -16);
    EXPECT_EQ(RoundDivide(-166, 10, rounding), -17);
    EXPECT_EQ(RoundDivide(160, 10, rounding), 16);
    EXPECT_EQ(RoundDivide(0, 7, rounding), 0);
  }
}

TEST(RoundDivideTest, RefusesABadDenominatorOrAResultBeyondInt64) {
  EXPECT_THROW(RoundDivide(1, 0, Rounding::kHalfUp), InvariantError);
  EXPECT_THROW(RoundDivide(1, -2, Rounding::kHalfUp), InvariantError);
  EXPECT_THROW(RoundDivide(static_cast<Int128>(kMax) * 4, 2, Rounding::kHalfUp), InvariantError);
  EXPECT_EQ(RoundDivide(static_cast<Int128>(kMax) * 2, 2, Rounding::kHalfUp), kMax);
}

TEST(ExactTest, AddsAndKeepsTheSumReduced) {
  EXPECT_EQ((Exact{1, 3} + Exact{1, 6}), (Exact{1, 2}));
  EXPECT_EQ((Exact{1, 2} + Exact{-1, 2}), (Exact{0, 1}));
  EXPECT_EQ((Exact{2, 4} + Exact{0, 1}), (Exact{1, 2}));
  EXPECT_EQ((Exact{33, 2} + Exact{33, 2}), (Exact{33, 1}));
}

TEST(ExactTest, OverflowIsAnInvariantErrorNotUndefinedBehaviour) {
  const Exact huge{static_cast<Int128>(1) << 120, 3};
  const Exact other{1, static_cast<Int128>(1) << 10};

  EXPECT_THROW(huge + other, InvariantError);
}

TEST(ExactTest, RoundsByTheNamedRule) {
  EXPECT_EQ(Round(Exact{33, 2}, Rounding::kHalfUp), 17);
  EXPECT_EQ(Round(Exact{33, 2}, Rounding::kHalfEven), 16);
  EXPECT_EQ(Round(Exact{-33, 2}, Rounding::kHalfUp), -17);
  EXPECT_EQ(Round(Exact{500, 3}, Rounding::kHalfEven), 167);
}

TEST(DecimalStringTest, ShowsExactValuesWithoutTrailingZeros) {
  EXPECT_EQ(DecimalString(Exact{33, 2}), "16.5");
  EXPECT_EQ(DecimalString(Exact{-33, 2}), "-16.5");
  EXPECT_EQ(DecimalString(Exact{5, 1}), "5");
  EXPECT_EQ(DecimalString(Exact{0, 1}), "0");
  EXPECT_EQ(DecimalString(Exact{1, 20}), "0.05");
}

TEST(DecimalStringTest, RoundsTheLastDigitHalfEvenWhenTheValueDoesNotTerminate) {
  EXPECT_EQ(DecimalString(Exact{1, 3}), "0.333333");
  EXPECT_EQ(DecimalString(Exact{2, 3}, 2), "0.67");
  EXPECT_EQ(DecimalString(Exact{1, 8}, 2), "0.12");
  EXPECT_EQ(DecimalString(Exact{3, 8}, 2), "0.38");
  EXPECT_EQ(DecimalString(Exact{-1, 1'000'000'000}), "0");
}

}  // namespace
}  // namespace commesso
