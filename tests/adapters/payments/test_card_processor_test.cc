#include "adapters/payments/test_card_processor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/fixed_clock.h"

namespace commesso {
namespace {

using ::testing::MatchesRegex;

IdempotencyKey Key(std::string value, std::string fingerprint = "f") {
  return {.value = std::move(value), .fingerprint = std::move(fingerprint)};
}

class TestCardProcessorTest : public ::testing::Test {
 protected:
  testing::FixedClock clock_;
  TestCardProcessor processor_{clock_};
};

TEST_F(TestCardProcessorTest, AuthorizesAnyAmountOnTheSimulatedVisa) {
  auto authorized = processor_.Authorize(Money(5417, kEur), "draft 1", Key("a"));

  ASSERT_TRUE(authorized.has_value()) << authorized.error().message;
  EXPECT_THAT(authorized->token, MatchesRegex("tok_test_[0-9a-f]{16}"));
  EXPECT_EQ(authorized->brand, "visa");
  EXPECT_EQ(authorized->last4, "4242");
  EXPECT_EQ(authorized->status, AuthorizationStatus::kAuthorized);
  EXPECT_EQ(authorized->amount, Money(5417, kEur));
  EXPECT_EQ(authorized->reference, "draft 1");
  EXPECT_EQ(authorized->authorized_at, clock_.Now());
  EXPECT_EQ(processor_.Check(authorized->token).value(), *authorized);
}

TEST_F(TestCardProcessorTest, SimulatesTheConfiguredCard) {
  TestCardProcessor mastercard(clock_, {.brand = "mastercard", .last4 = "4444"});

  auto authorized = mastercard.Authorize(Money(100, kEur), "x", Key("a"));

  ASSERT_TRUE(authorized.has_value());
  EXPECT_EQ(authorized->brand, "mastercard");
  EXPECT_EQ(authorized->last4, "4444");
}

TEST_F(TestCardProcessorTest, DeclinesAmountsEndingIn51) {
  for (std::int64_t minor : {51, 1251, 100051}) {
    auto declined = processor_.Authorize(Money(minor, kEur), "x", Key(std::to_string(minor)));

    ASSERT_FALSE(declined.has_value()) << minor;
    EXPECT_EQ(declined.error().code, ErrorCode::kRejected);
    EXPECT_EQ(declined.error().message, "insufficient funds");
  }
  EXPECT_TRUE(processor_.Authorize(Money(1250, kEur), "x", Key("ok")).has_value());
  EXPECT_TRUE(processor_.Authorize(Money(1510, kEur), "x", Key("ok 2")).has_value());
}

TEST_F(TestCardProcessorTest, AKeyReturnsTheFirstAuthorizationOrRefusesAnotherRequest) {
  auto first = processor_.Authorize(Money(100, kEur), "x", Key("k", "one"));
  auto again = processor_.Authorize(Money(100, kEur), "x", Key("k", "one"));
  auto other = processor_.Authorize(Money(200, kEur), "x", Key("k", "two"));
  auto fresh = processor_.Authorize(Money(100, kEur), "x", Key("k2", "one"));

  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(again.value(), *first);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().fields.at(0).path, "Idempotency-Key");
  EXPECT_NE(fresh.value().token, first->token);
}

TEST_F(TestCardProcessorTest, KnowsNoTokenItDidNotGive) {
  auto checked = processor_.Check("tok_test_0000000000000000");

  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace commesso
