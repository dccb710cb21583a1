#include "core/tax_place.h"

#include <string>

#include <gtest/gtest.h>

#include "support/pricing_fixtures.h"

namespace commesso {
namespace {

using testing::AddressIn;

class TaxPlaceTest : public ::testing::Test {
 protected:
  PricingRules rules_ = testing::ItalianRules();
  const Address billing_ = AddressIn("IT", "RM", "00100");
  const Address shipping_ = AddressIn("FR", "", "75001");

  std::string FieldOf(ItemKind kind, const Address* billing, const Address* shipping,
                      bool shipped) const {
    return TaxPlaceOf(kind, billing, shipping, shipped, rules_).field;
  }
};

TEST_F(TaxPlaceTest, ShippedGoodsAreTaxedAtTheShippingAddress) {
  const TaxPlace place = TaxPlaceOf(ItemKind::kGood, &billing_, &shipping_, true, rules_);

  EXPECT_EQ(place.address, &shipping_);
  EXPECT_STREQ(place.field, "shipping_address");
}

TEST_F(TaxPlaceTest, ServicesAreTaxedAtTheBillingAddress) {
  EXPECT_EQ(FieldOf(ItemKind::kService, &billing_, &shipping_, true), "billing_address");
  EXPECT_EQ(FieldOf(ItemKind::kService, &billing_, nullptr, false), "billing_address");
}

TEST_F(TaxPlaceTest, GoodsCollectedAtTheCounterAreTaxedAtTheOrigin) {
  const TaxPlace place = TaxPlaceOf(ItemKind::kGood, &billing_, nullptr, false, rules_);

  EXPECT_EQ(place.address, &rules_.origin);
  EXPECT_EQ(FieldOf(ItemKind::kGood, &billing_, &shipping_, false), "origin");
}

TEST_F(TaxPlaceTest, AnAbsentChosenAddressFallsBackToTheOtherThenToTheOrigin) {
  rules_.tax.services_address = TaxAddress::kShipping;

  EXPECT_EQ(FieldOf(ItemKind::kService, &billing_, nullptr, false), "billing_address");
  EXPECT_EQ(FieldOf(ItemKind::kService, &billing_, &shipping_, false), "shipping_address");
  EXPECT_EQ(FieldOf(ItemKind::kService, nullptr, nullptr, false), "origin");
}

TEST_F(TaxPlaceTest, GoodsFollowTheBillingAddressWhenTheRulesSaySo) {
  rules_.tax.goods_address = TaxAddress::kBilling;

  EXPECT_EQ(FieldOf(ItemKind::kGood, &billing_, &shipping_, true), "billing_address");
  EXPECT_EQ(FieldOf(ItemKind::kGood, &billing_, nullptr, false), "billing_address");
}

TEST(ShipsGoodsTest, OnlyGoodsWithARealMethodAreShipped) {
  EXPECT_TRUE(ShipsGoods(true, "standard"));
  EXPECT_FALSE(ShipsGoods(true, ""));
  EXPECT_FALSE(ShipsGoods(true, kPickupMethod));
  EXPECT_FALSE(ShipsGoods(false, "standard"));
}

}  // namespace
}  // namespace commesso
