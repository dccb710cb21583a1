#include "app/place_order.h"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app_fixture.h"

namespace commesso {
namespace {

using testing::DraftOf;
using testing::RowCount;
using testing::UseCaseTest;

using PlaceOrderTest = UseCaseTest;

std::set<std::string> PathsOf(const Error& error) {
  std::set<std::string> paths;
  for (const FieldError& field : error.fields) paths.insert(field.path);
  return paths;
}

TEST_F(PlaceOrderTest, StoresThePricedOrderDurably) {
  const OrderDraft draft =
      DraftOf({{.sku = "PEN", .quantity = 10}, {.sku = "SETUP", .quantity = 2}});
  const PricedOrder quoted = quote_.Run(draft).value();

  auto placed = place_.Run(draft, Key("k1"));

  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  EXPECT_FALSE(placed->replayed);
  EXPECT_EQ(placed->order.number.value, "2026-000001");
  EXPECT_EQ(placed->order.placed_at, clock_.Now());
  EXPECT_EQ(placed->order.customer.id, CustomerId{1});
  EXPECT_EQ(placed->order.priced, quoted);
  stores_.Reopen();
  auto found = stores_.orders().FindByNumber(placed->order.number);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(*found, placed->order);
}

TEST_F(PlaceOrderTest, ReportsEveryInputProblemAtOnce) {
  OrderDraft draft = DraftOf({{.sku = "NOPE", .quantity = 1}, {.sku = "PEN", .quantity = 0}});
  draft.customer_id = CustomerId{42};
  draft.payment.type = PaymentType::kCard;
  draft.payment.card.last4 = "12";
  draft.currency = "USD";

  auto placed = place_.Run(draft, Key("k1"));

  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(PathsOf(placed.error()),
            (std::set<std::string>{"customer_id", "lines[0].sku", "lines[1].quantity",
                                   "payment.card.brand", "payment.card.last4", "payment.card.token",
                                   "currency"}));
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 0);
  EXPECT_EQ(RowCount(stores_.path(), "idempotency_keys WHERE scope = 'orders'"), 0);
}

TEST_F(PlaceOrderTest, AReplayReturnsTheFirstOrderEvenAfterTheItemWasDeactivated) {
  const OrderDraft draft = DraftOf({{.sku = "PEN", .quantity = 3}});
  auto first = place_.Run(draft, Key("k1"));
  ASSERT_TRUE(first.has_value());
  Item pen = stores_.catalog().FindBySku("PEN").value();
  pen.active = false;
  ASSERT_TRUE(stores_.catalog().Update(pen).has_value());
  clock_.Advance(std::chrono::hours{1});

  auto replay = place_.Run(draft, Key("k1"));
  auto fresh = place_.Run(draft, Key("k2"));

  ASSERT_TRUE(replay.has_value()) << replay.error().message;
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->order, first->order);
  ASSERT_FALSE(fresh.has_value());
  EXPECT_EQ(fresh.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(PathsOf(fresh.error()), std::set<std::string>{"lines[0].sku"});
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 1);
}

TEST_F(PlaceOrderTest, AKeyReusedForAnotherDraftIsInvalidInput) {
  ASSERT_TRUE(place_.Run(DraftOf({{.sku = "PEN", .quantity = 1}}), Key("k1", "a")).has_value());

  auto placed = place_.Run(DraftOf({{.sku = "PEN", .quantity = 2}}), Key("k1", "b"));

  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(PathsOf(placed.error()), std::set<std::string>{"Idempotency-Key"});
}

TEST_F(PlaceOrderTest, StockShortOfARefusingItemIsRejected) {
  auto placed = place_.Run(DraftOf({{.sku = "PEN", .quantity = 1}, {.sku = "LAST", .quantity = 2}}),
                           Key("k1"));

  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kRejected);
  EXPECT_EQ(placed.error().fields,
            (std::vector<FieldError>{{"lines[1].quantity", "only 1 in stock"}}));
  EXPECT_EQ(stores_.catalog().FindBySku("LAST").value().stock_on_hand, 1);
  auto next = place_.Run(DraftOf({{.sku = "LAST", .quantity = 1}}), Key("k2"));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->order.number.value, "2026-000001");
}

}  // namespace
}  // namespace commesso
