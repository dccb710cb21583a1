#include "core/tax.h"

#include <gtest/gtest.h>

#include "core/invariant.h"
#include "support/pricing_fixtures.h"

namespace commesso {
namespace {

using testing::AddressIn;
using testing::Jurisdiction;

constexpr TaxRate kVat22{220'000};
constexpr TaxRate kVat20{200'000};
constexpr TaxRate kVat5{50'000};

TEST(TaxOnTest, RoundsTiesByTheNamedRule) {
  const Money net(75, kEur);  // 22% of it is 16.5 cents.

  EXPECT_EQ(TaxOn(net, kVat22, Rounding::kHalfUp), Money(17, kEur));
  EXPECT_EQ(TaxOn(net, kVat22, Rounding::kHalfEven), Money(16, kEur));
  EXPECT_EQ(TaxOn(Money(-75, kEur), kVat22, Rounding::kHalfUp), Money(-17, kEur));
}

TEST(TaxOnTest, KeepsTheCurrencyAndHandlesZeroRates) {
  EXPECT_EQ(TaxOn(Money(1999, kUsd), TaxRate{88'750}, Rounding::kHalfUp), Money(177, kUsd));
  EXPECT_EQ(TaxOn(Money(1999, kEur), TaxRate{0}, Rounding::kHalfUp), Money(0, kEur));
}

TEST(ExactTaxOnTest, IsBaseTimesRateInLowestTerms) {
  EXPECT_EQ(ExactTaxOn(Money(1000, kEur), kVat22), (Exact{220, 1}));
  EXPECT_EQ(ExactTaxOn(Money(75, kEur), kVat22), (Exact{33, 2}));
  // 19.99 x 0.375% = 0.0749625 dollars: 7496250 / 10^6 cents, 5997 / 800 in lowest terms.
  EXPECT_EQ(ExactTaxOn(Money(1999, kUsd), TaxRate{3'750}), (Exact{5997, 800}));
  EXPECT_EQ(ExactTaxOn(Money(1000, kEur), TaxRate{0}), (Exact{0, 1}));
}

TEST(ExactTaxIncludedTest, IsTheVatFractionOfTheGross) {
  // 20% VAT: the fraction is 20/120 = 1/6. 5% VAT: 5/105 = 1/21.
  EXPECT_EQ(ExactTaxIncluded(Money(12000, kGbp), kVat20, kVat20), (Exact{2000, 1}));
  EXPECT_EQ(ExactTaxIncluded(Money(1000, kGbp), kVat20, kVat20), (Exact{500, 3}));
  EXPECT_EQ(ExactTaxIncluded(Money(8000, kGbp), kVat5, kVat5), (Exact{8000, 21}));
}

TEST(ExactTaxIncludedTest, SplitsSeveralComponentsByTheirShareOfTheTotalRate) {
  // $1088.75 includes 8.875% of tax on $1000.00: 4% of it is the state's $40.00.
  const Money gross(108'875, kUsd);
  const TaxRate total{88'750};

  EXPECT_EQ(ExactTaxIncluded(gross, TaxRate{40'000}, total), (Exact{4000, 1}));
  EXPECT_EQ(ExactTaxIncluded(gross, TaxRate{45'000}, total), (Exact{4500, 1}));
  EXPECT_EQ(ExactTaxIncluded(gross, TaxRate{3'750}, total), (Exact{375, 1}));
}

class TaxRulesFindTest : public ::testing::Test {
 protected:
  TaxRules rules_{.categories = {"standard"},
                  .jurisdictions = {Jurisdiction("WORLD", "*", "", "", {}),
                                    Jurisdiction("US", "US", "", "", {}),
                                    Jurisdiction("US-NY-1", "US", "NY", "1", {}),
                                    Jurisdiction("US-NY-100", "US", "NY", "100", {}),
                                    Jurisdiction("US-NY", "US", "NY", "", {}),
                                    Jurisdiction("ANY-NY", "*", "NY", "", {})}};

  std::string CodeFor(const Address& address) const {
    const TaxJurisdiction* found = rules_.Find(address);
    return found == nullptr ? "none" : found->code;
  }
};

TEST_F(TaxRulesFindTest, PicksTheMostSpecificJurisdiction) {
  EXPECT_EQ(CodeFor(AddressIn("US", "NY", "10001")), "US-NY-100");
  EXPECT_EQ(CodeFor(AddressIn("US", "NY", "12207")), "US-NY-1");
  EXPECT_EQ(CodeFor(AddressIn("US", "NY", "20000")), "US-NY");
  EXPECT_EQ(CodeFor(AddressIn("US", "CA", "10001")), "US");
  EXPECT_EQ(CodeFor(AddressIn("FR", "", "75001")), "WORLD");
}

TEST_F(TaxRulesFindTest, PrefersANamedCountryToAnyCountryWithTheSameRegion) {
  EXPECT_EQ(CodeFor(AddressIn("US", "NY", "")), "US-NY");
  EXPECT_EQ(CodeFor(AddressIn("CA", "NY", "")), "ANY-NY");
}

TEST_F(TaxRulesFindTest, FindsNothingWithoutAMatch) {
  rules_.jurisdictions = {Jurisdiction("IT", "IT", "", "", {})};

  EXPECT_EQ(CodeFor(AddressIn("FR")), "none");
  EXPECT_EQ(CodeFor(AddressIn("IT")), "IT");
}

TEST_F(TaxRulesFindTest, TheFirstListedWinsAmongEquallySpecificMatches) {
  rules_.jurisdictions = {Jurisdiction("IT-A", "IT", "", "", {}),
                          Jurisdiction("IT-B", "IT", "", "", {})};

  EXPECT_EQ(CodeFor(AddressIn("IT")), "IT-A");
}

}  // namespace
}  // namespace commesso
