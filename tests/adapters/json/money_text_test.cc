#include "adapters/json/money_text.h"

#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

namespace commesso::json {
namespace {

TEST(FormatMoneyTest, WritesItalianAmounts) {
  struct Case {
    std::int64_t minor;
    const char* text;
  };
  for (const Case& c :
       {Case{123456, "1.234,56\u00a0\u20ac"}, Case{12345, "123,45\u00a0\u20ac"},
        Case{5, "0,05\u00a0\u20ac"}, Case{0, "0,00\u00a0\u20ac"}, Case{-50, "-0,50\u00a0\u20ac"},
        Case{123456789012, "1.234.567.890,12\u00a0\u20ac"}}) {
    EXPECT_EQ(FormatMoney(Money(c.minor, kEur), "it"), c.text) << c.minor;
  }
}

TEST(FormatMoneyTest, WritesEnglishAmounts) {
  struct Case {
    std::int64_t minor;
    const char* text;
  };
  for (const Case& c :
       {Case{123456, "\u20ac1,234.56"}, Case{12345, "\u20ac123.45"}, Case{5, "\u20ac0.05"},
        Case{-50, "-\u20ac0.50"}, Case{100000000, "\u20ac1,000,000.00"}}) {
    EXPECT_EQ(FormatMoney(Money(c.minor, kEur), "en"), c.text) << c.minor;
  }
}

TEST(FormatMoneyTest, TreatsRegionalLocalesByLanguage) {
  EXPECT_EQ(FormatMoney(Money(123456, kEur), "it-IT"), "1.234,56\u00a0\u20ac");
  EXPECT_EQ(FormatMoney(Money(123456, kEur), "de"), "\u20ac1,234.56");
}

TEST(FormatMoneyTest, UsesSymbolsOrCodesAndTheCurrencysDigits) {
  EXPECT_EQ(FormatMoney(Money(123456, kUsd), "en"), "$1,234.56");
  EXPECT_EQ(FormatMoney(Money(123456, kGbp), "it"), "1.234,56\u00a0\u00a3");
  EXPECT_EQ(FormatMoney(Money(123456, kJpy), "en"), "\u00a5123,456");
  EXPECT_EQ(FormatMoney(Money(123456, kChf), "en"), "CHF\u00a01,234.56");
  EXPECT_EQ(FormatMoney(Money(123456, kChf), "it"), "1.234,56\u00a0CHF");
}

TEST(FormatMoneyTest, KeepsTheExtremesExact) {
  const std::int64_t lowest = std::numeric_limits<std::int64_t>::min();

  EXPECT_EQ(FormatMoney(Money(lowest, kEur), "en"), "-\u20ac92,233,720,368,547,758.08");
  EXPECT_EQ(FormatMoney(Money(std::numeric_limits<std::int64_t>::max(), kEur), "it"),
            "92.233.720.368.547.758,07\u00a0\u20ac");
}

}  // namespace
}  // namespace commesso::json
