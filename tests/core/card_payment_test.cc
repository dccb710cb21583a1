#include "core/card_payment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace commesso {
namespace {

using ::testing::UnorderedElementsAre;

CardAuthorization VisaFor(std::int64_t minor) {
  return CardAuthorization{.token = "tok_1",
                           .brand = "visa",
                           .last4 = "4242",
                           .status = AuthorizationStatus::kAuthorized,
                           .amount = Money(minor, kEur)};
}

const CardDetails kVisa{.brand = "visa", .last4 = "4242", .token = "tok_1"};

TEST(CheckCardPaymentTest, AcceptsAnAuthorizationOfTheSameCardCoveringTheAmount) {
  EXPECT_TRUE(CheckCardPayment(kVisa, VisaFor(5417), Money(5417, kEur)).empty());
  EXPECT_TRUE(CheckCardPayment(kVisa, VisaFor(6000), Money(5417, kEur)).empty());
}

TEST(CheckCardPaymentTest, NamesEveryMismatchByField) {
  const CardDetails other{.brand = "mastercard", .last4 = "4444", .token = "tok_1"};

  EXPECT_THAT(
      CheckCardPayment(other, VisaFor(5416), Money(5417, kEur)),
      UnorderedElementsAre(
          FieldError{"payment.card.brand", "is not the brand of the authorized card (visa)"},
          FieldError{"payment.card.last4", "is not the last four digits of the authorized card"},
          FieldError{"payment.card.token",
                     "authorizes 54.16 EUR, less than the amount due 54.17 EUR"}));
}

TEST(CheckCardPaymentTest, RefusesAnAuthorizationNoLongerValidOrInAnotherCurrency) {
  CardAuthorization voided = VisaFor(5417);
  voided.status = AuthorizationStatus::kVoided;
  CardAuthorization dollars = VisaFor(5417);
  dollars.amount = Money(5417, kUsd);

  EXPECT_THAT(CheckCardPayment(kVisa, voided, Money(5417, kEur)),
              UnorderedElementsAre(
                  FieldError{"payment.card.token", "names an authorization that is voided"}));
  EXPECT_THAT(CheckCardPayment(kVisa, dollars, Money(5417, kEur)),
              UnorderedElementsAre(FieldError{"payment.card.token", "authorizes USD, not EUR"}));
}

TEST(AuthorizationStatusTest, NamesRoundTrip) {
  for (AuthorizationStatus status : {AuthorizationStatus::kAuthorized, AuthorizationStatus::kVoided,
                                     AuthorizationStatus::kExpired}) {
    EXPECT_EQ(ParseAuthorizationStatus(Name(status)), status);
  }
  EXPECT_EQ(ParseAuthorizationStatus("captured"), std::nullopt);
}

}  // namespace
}  // namespace commesso
