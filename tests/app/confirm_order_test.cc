#include "app/confirm_order.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app_fixture.h"

namespace commesso {
namespace {

using testing::DraftOf;
using testing::RowCount;

class ConfirmOrderTest : public testing::UseCaseTest {
 protected:
  void SetUp() override {
    OrderDraft draft = DraftOf({{.sku = "PEN", .quantity = 2}});
    draft.clerk = "anna";
    auto placed = place_.Run(draft, Key("order"));
    ASSERT_TRUE(placed.has_value()) << placed.error().message;
    number_ = placed->order.number;
    clock_.Advance(std::chrono::minutes{2});
  }

  ConfirmOrder confirm_{stores_.orders(), clock_};
  OrderNumber number_{};
};

TEST_F(ConfirmOrderTest, RecordsWhoConfirmedWhenAndWhichRevision) {
  auto confirmed =
      confirm_.Run(number_, {.revision = 1, .by = "", .principal = "anna"}, Key("confirm"));

  ASSERT_TRUE(confirmed.has_value()) << confirmed.error().message;
  EXPECT_FALSE(confirmed->replayed);
  const Confirmation expected{
      .revision = 1, .by = "anna", .principal = "anna", .confirmed_at = clock_.Now()};
  EXPECT_EQ(confirmed->confirmation, expected);
  stores_.Reopen();
  EXPECT_EQ(stores_.orders().Confirmations(number_).value(), std::vector<Confirmation>{expected});
  const std::vector<OrderEvent> history = stores_.orders().History(number_).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].kind, OrderEventKind::kPlaced);
  EXPECT_EQ(history[0].actor, "anna");
  EXPECT_EQ(history[1], (OrderEvent{.at = clock_.Now(),
                                    .actor = "anna",
                                    .kind = OrderEventKind::kConfirmed,
                                    .detail = "revision 1"}));
}

TEST_F(ConfirmOrderTest, NamesWhoTookItWhenTheCallerSaysSo) {
  auto confirmed =
      confirm_.Run(number_, {.revision = 1, .by = "Anna Neri", .principal = "api"}, Key("confirm"));

  ASSERT_TRUE(confirmed.has_value()) << confirmed.error().message;
  EXPECT_EQ(confirmed->confirmation.by, "Anna Neri");
  EXPECT_EQ(confirmed->confirmation.principal, "api");
  EXPECT_EQ(stores_.orders().History(number_).value().back().detail, "revision 1, recorded by api");
}

TEST_F(ConfirmOrderTest, RefusesARevisionThatIsNotTheCurrentOne) {
  auto confirmed =
      confirm_.Run(number_, {.revision = 2, .by = "", .principal = "api"}, Key("confirm"));

  ASSERT_FALSE(confirmed.has_value());
  EXPECT_EQ(confirmed.error().code, ErrorCode::kConflict);
  ASSERT_EQ(confirmed.error().fields.size(), 1u);
  EXPECT_EQ(confirmed.error().fields[0].path, "revision");
  EXPECT_EQ(RowCount(stores_.path(), "order_confirmations"), 0);
  EXPECT_EQ(RowCount(stores_.path(), "order_events"), 1);
}

TEST_F(ConfirmOrderTest, RefusesWhatCannotBeAConfirmation) {
  auto confirmed = confirm_.Run(
      number_, {.revision = 0, .by = std::string(201, 'x'), .principal = "api"}, Key("confirm"));

  ASSERT_FALSE(confirmed.has_value());
  EXPECT_EQ(confirmed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(confirmed.error().fields,
            (std::vector<FieldError>{{"revision", "must be a revision number, 1 or more"},
                                     {"by", "must be at most 200 bytes"}}));
}

TEST_F(ConfirmOrderTest, AnUnknownOrderIsNotFound) {
  auto confirmed = confirm_.Run(OrderNumber{"2026-999999"},
                                {.revision = 1, .by = "", .principal = "api"}, Key("confirm"));

  ASSERT_FALSE(confirmed.has_value());
  EXPECT_EQ(confirmed.error().code, ErrorCode::kNotFound);
}

TEST_F(ConfirmOrderTest, AReplayReturnsTheFirstConfirmation) {
  auto first = confirm_.Run(number_, {.revision = 1, .by = "", .principal = "api"}, Key("c"));
  clock_.Advance(std::chrono::minutes{1});

  auto replay = confirm_.Run(number_, {.revision = 1, .by = "", .principal = "api"}, Key("c"));
  auto reused = confirm_.Run(number_, {.revision = 1, .by = "", .principal = "api"},
                             Key("c", "another request"));

  ASSERT_TRUE(replay.has_value()) << replay.error().message;
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->confirmation, first->confirmation);
  ASSERT_FALSE(reused.has_value());
  EXPECT_EQ(reused.error().fields.at(0).path, "Idempotency-Key");
  EXPECT_EQ(RowCount(stores_.path(), "order_confirmations"), 1);
}

}  // namespace
}  // namespace commesso
