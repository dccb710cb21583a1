#include "core/order.h"

#include <string>

#include <gtest/gtest.h>

namespace commesso {
namespace {

TEST(OrderNamesTest, ChannelsRoundTrip) {
  for (const Channel channel : {Channel::kPhone, Channel::kCounter, Channel::kMail, Channel::kEmail,
                                Channel::kWeb, Channel::kApi, Channel::kEdi}) {
    EXPECT_EQ(ParseChannel(Name(channel)), channel) << Name(channel);
  }
  EXPECT_STREQ(Name(Channel::kCounter), "counter");
  EXPECT_STREQ(Name(Channel::kEdi), "edi");
}

TEST(OrderNamesTest, PaymentTypesRoundTrip) {
  for (const PaymentType type :
       {PaymentType::kCash, PaymentType::kCard, PaymentType::kCheque, PaymentType::kBankTransfer,
        PaymentType::kOnAccount, PaymentType::kCashOnDelivery}) {
    EXPECT_EQ(ParsePaymentType(Name(type)), type) << Name(type);
  }
  EXPECT_STREQ(Name(PaymentType::kBankTransfer), "bank_transfer");
  EXPECT_STREQ(Name(PaymentType::kOnAccount), "on_account");
  EXPECT_STREQ(Name(PaymentType::kCashOnDelivery), "cash_on_delivery");
}

TEST(OrderNamesTest, StatusesKindsAndPoliciesRoundTrip) {
  for (const PaymentStatus status :
       {PaymentStatus::kPending, PaymentStatus::kAuthorized, PaymentStatus::kPaid}) {
    EXPECT_EQ(ParsePaymentStatus(Name(status)), status) << Name(status);
  }
  EXPECT_EQ(ParseOrderStatus("placed"), OrderStatus::kPlaced);
  EXPECT_STREQ(Name(OrderStatus::kPlaced), "placed");
  EXPECT_EQ(ParseItemKind("good"), ItemKind::kGood);
  EXPECT_EQ(ParseItemKind("service"), ItemKind::kService);
  EXPECT_STREQ(Name(ItemKind::kService), "service");
  EXPECT_EQ(ParseBackorderPolicy("refuse"), BackorderPolicy::kRefuse);
  EXPECT_EQ(ParseBackorderPolicy("allow"), BackorderPolicy::kAllow);
  EXPECT_STREQ(Name(BackorderPolicy::kAllow), "allow");
}

TEST(OrderNamesTest, UnknownNamesParseToNothing) {
  EXPECT_FALSE(ParseChannel("Phone").has_value());
  EXPECT_FALSE(ParseChannel("").has_value());
  EXPECT_FALSE(ParsePaymentType("bank transfer").has_value());
  EXPECT_FALSE(ParsePaymentStatus("paid ").has_value());
  EXPECT_FALSE(ParseOrderStatus("Shipped").has_value());
  EXPECT_EQ(ParseOrderStatus("partly_shipped"), OrderStatus::kPartlyShipped);
  EXPECT_FALSE(ParseItemKind("goods").has_value());
  EXPECT_FALSE(ParseBackorderPolicy("maybe").has_value());
}

}  // namespace
}  // namespace commesso
