#include "core/shipping.h"

#include <gtest/gtest.h>

#include "core/invariant.h"
#include "core/shipping_quote.h"
#include "support/pricing_fixtures.h"

namespace commesso {
namespace {

class ShippingChargeTest : public ::testing::Test {
 protected:
  const PricingRules rules_ = testing::ItalianRules();
  const ShippingMethod& standard_ = *rules_.shipping.Find("standard");
  const ShippingMethod& express_ = *rules_.shipping.Find("express");

  static Money Eur(std::int64_t minor) { return Money(minor, kEur); }
};

TEST_F(ShippingChargeTest, FindsMethodsByCode) {
  EXPECT_EQ(rules_.shipping.Find("express")->code, "express");
  EXPECT_EQ(rules_.shipping.Find("teleport"), nullptr);
  EXPECT_EQ(rules_.shipping.Find(""), nullptr);
}

TEST_F(ShippingChargeTest, ChargesTheFirstBracketThatHoldsTheWeight) {
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 0, Eur(1000)), Eur(690));
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 1500, Eur(1000)), Eur(690));
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 9'000, Eur(1000)), Eur(990));
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 25'000, Eur(1000)), Eur(1490));
}

TEST_F(ShippingChargeTest, ABracketIncludesItsMaximumWeight) {
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 2'000, Eur(1000)), Eur(690));
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 2'001, Eur(1000)), Eur(990));
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 10'000, Eur(1000)), Eur(990));
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 10'001, Eur(1000)), Eur(1490));
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 30'000, Eur(1000)), Eur(1490));
}

TEST_F(ShippingChargeTest, RefusesParcelsHeavierThanTheLastBracket) {
  auto charge = ShippingCharge(standard_, "IT", 30'001, Eur(1000));

  ASSERT_FALSE(charge.has_value());
  EXPECT_EQ(charge.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(
      charge.error().message,
      "shipping method \"standard\" does not take parcels of 30001 g to IT (at most 30000 g)");
  EXPECT_TRUE(charge.error().fields.empty());
}

TEST_F(ShippingChargeTest, IsFreeFromTheThresholdOn) {
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 1500, Eur(14'999)), Eur(690));
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 1500, Eur(15'000)), Eur(0));
  EXPECT_EQ(*ShippingCharge(standard_, "IT", 1500, Eur(15'001)), Eur(0));
}

TEST_F(ShippingChargeTest, AQuoteKeepsTheListChargeOfFreeShipping) {
  auto quote = QuoteShipping(standard_, "IT", 2'500, Eur(15'000));

  ASSERT_TRUE(quote.has_value());
  EXPECT_EQ(*quote,
            (ShippingQuote{.zone = "IT", .list_charge = Eur(990), .charge = Eur(0), .free = true}));
}

TEST_F(ShippingChargeTest, UsesTheAnyCountryZoneForUnlistedCountries) {
  EXPECT_EQ(*ShippingCharge(standard_, "FR", 5'000, Eur(1000)), Eur(1990));
  EXPECT_EQ(*ShippingCharge(standard_, "FR", 5'001, Eur(1000)), Eur(3990));
  // The world zone has no free-shipping threshold.
  EXPECT_EQ(*ShippingCharge(standard_, "FR", 100, Eur(1'000'000)), Eur(1990));
}

TEST_F(ShippingChargeTest, AZoneListingTheCountryBeatsAnEarlierAnyCountryZone) {
  ShippingMethod method = standard_;
  std::swap(method.zones[0], method.zones[1]);  // "*" first.

  EXPECT_EQ(*ShippingCharge(method, "IT", 1500, Eur(1000)), Eur(690));
}

TEST_F(ShippingChargeTest, RefusesCountriesNoZoneServes) {
  auto charge = ShippingCharge(express_, "FR", 1500, Eur(1000));

  ASSERT_FALSE(charge.has_value());
  EXPECT_EQ(charge.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(charge.error().message, "shipping method \"express\" does not deliver to FR");
}

TEST_F(ShippingChargeTest, AThresholdInAnotherCurrencyIsABug) {
  EXPECT_THROW((void)ShippingCharge(standard_, "IT", 1500, Money(1000, kUsd)), InvariantError);
}

}  // namespace
}  // namespace commesso
