#include "core/order_history.h"

#include <gtest/gtest.h>

namespace commesso {
namespace {

TEST(CanConfirmTest, AllowsOnlyTheCurrentRevision) {
  EXPECT_TRUE(CanConfirm(1, 1).has_value());
  EXPECT_TRUE(CanConfirm(4, 4).has_value());

  const Result<void> stale = CanConfirm(2, 1);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().fields,
            (std::vector<FieldError>{{"revision", "is not the order's current revision 2"}}));
  EXPECT_EQ(CanConfirm(1, 2).error().code, ErrorCode::kConflict);
}

TEST(CanConfirmTest, ARevisionBelowOneIsInvalidInput) {
  for (std::int64_t revision : {0, -1}) {
    const Result<void> refused = CanConfirm(1, revision);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(refused.error().fields.at(0).path, "revision");
  }
}

TEST(OrderEventKindTest, NamesRoundTrip) {
  for (OrderEventKind kind : {OrderEventKind::kPlaced, OrderEventKind::kConfirmed}) {
    EXPECT_EQ(ParseOrderEventKind(Name(kind)), kind);
  }
  EXPECT_STREQ(Name(OrderEventKind::kConfirmed), "confirmed");
  EXPECT_EQ(ParseOrderEventKind("amended"), std::nullopt);
}

}  // namespace
}  // namespace commesso
