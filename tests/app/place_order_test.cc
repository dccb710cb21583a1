#include "app/place_order.h"

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/row_caches.h"
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

TEST_F(PlaceOrderTest, PromisesTheDispatchDayOfTheFulfillmentRules) {
  // The fixed clock stands on Saturday 28 November 2026: the default warehouse, Monday to
  // Friday, dispatches on Monday.
  auto placed = place_.Run(DraftOf({{.sku = "PEN", .quantity = 1}}), Key("k1"));

  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  EXPECT_EQ(placed->order.promised_dispatch, std::chrono::year{2026} / 11 / 30);
  // Stored with it (StoresThePricedOrderDurably compares the reopened order whole).
  EXPECT_EQ(stores_.orders().FindByNumber(placed->order.number).value().promised_dispatch,
            std::chrono::year{2026} / 11 / 30);

  // Monday 14:30 in Rome (13:30 UTC) is after a 14:00 cut-off: Tuesday.
  business_.fulfillment.departments[0].release = {.kind = ReleaseKind::kCutOff};
  clock_.Advance(std::chrono::hours{48 + 3} + std::chrono::minutes{30});
  auto late = place_.Run(DraftOf({{.sku = "PEN", .quantity = 1}}), Key("k2"));

  ASSERT_TRUE(late.has_value()) << late.error().message;
  EXPECT_EQ(late->order.promised_dispatch, std::chrono::year{2026} / 12 / 1);
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

// Caches kept by the writer (issue 12): stock a placement changed is read again; a placement
// rolled back drops nothing.
TEST_F(PlaceOrderTest, SellingTheLastUnitIsSeenByTheNextReadOfTheItem) {
  ASSERT_EQ(stores_.catalog().FindBySku("LAST").value().stock_on_hand, 1);

  ASSERT_TRUE(place_.Run(DraftOf({{.sku = "LAST", .quantity = 1}}), Key("k1")).has_value());

  EXPECT_EQ(stores_.catalog().FindBySku("LAST").value().stock_on_hand, 0);
  auto again = place_.Run(DraftOf({{.sku = "LAST", .quantity = 1}}), Key("k2"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().fields,
            (std::vector<FieldError>{{"lines[0].quantity", "only 0 in stock"}}));
}

TEST_F(PlaceOrderTest, APlacementRolledBackLeavesTheCachedItemsAsTheyWere) {
  Item pad = testing::Good("PAD", 300);
  pad.track_stock = true;
  pad.stock_on_hand = 10;
  AddItem(pad);
  // PAD's stock is reserved first, then LAST is short: the savepoint takes PAD's back.
  const OrderDraft draft = DraftOf({{.sku = "PAD", .quantity = 1}, {.sku = "LAST", .quantity = 2}});
  ASSERT_TRUE(quote_.Run(draft).has_value());
  const std::int64_t item_rows = stores_.database().caches().items().counts().loaded;

  auto placed = place_.Run(draft, Key("k1"));

  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kRejected);
  EXPECT_EQ(stores_.catalog().FindBySku("PAD").value().stock_on_hand, 10);
  EXPECT_EQ(stores_.database().caches().items().counts().loaded, item_rows);
}

TEST_F(PlaceOrderTest, ASecondPlacementOfUntrackedItemsReadsNoItemOrCustomerRows) {
  const OrderDraft draft = DraftOf({{.sku = "PEN", .quantity = 2}, {.sku = "BOOK", .quantity = 1}});
  ASSERT_TRUE(place_.Run(draft, Key("k1")).has_value());
  sqlite::RowCaches& caches = stores_.database().caches();
  const std::int64_t item_rows = caches.items().counts().loaded;
  const std::int64_t customer_rows = caches.customers().counts().loaded;
  const std::int64_t reads = stores_.database().readers().reads();

  ASSERT_TRUE(place_.Run(draft, Key("k2")).has_value());

  EXPECT_EQ(caches.items().counts().loaded, item_rows);
  EXPECT_EQ(caches.customers().counts().loaded, customer_rows);
  // The Idempotency-Key's look-up, and per cached look-up one row: whether another process
  // changed the cached tables.
  EXPECT_EQ(stores_.database().readers().reads(), reads + 3);
}

// Card payments: the processor's authorization must exist and be able to pay the order.

class PlaceOrderByCardTest : public UseCaseTest {
 protected:
  // A draft of 10 pens paid by card, and the amount it comes to.
  OrderDraft CardDraft(const CardDetails& card) {
    OrderDraft draft = DraftOf({{.sku = "PEN", .quantity = 10}});
    draft.payment.type = PaymentType::kCard;
    draft.payment.card = card;
    return draft;
  }
  // What the pens come to, whatever the payment.
  Money Due() {
    return quote_.Run(DraftOf({{.sku = "PEN", .quantity = 10}})).value().totals.amount_due;
  }

  CardDetails Authorized(Money amount) {
    const CardAuthorization authorization =
        cards_.Authorize(amount, "test", Key("card " + DebugString(amount))).value();
    return {
        .brand = authorization.brand, .last4 = authorization.last4, .token = authorization.token};
  }
};

TEST_F(PlaceOrderByCardTest, PlacesAnOrderPaidWithAnAuthorizationThatCoversIt) {
  const Money due = Due();
  const OrderDraft draft = CardDraft(Authorized(due));

  auto placed = place_.Run(draft, Key("k1"));

  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  EXPECT_EQ(placed->order.payment.status, PaymentStatus::kAuthorized);
  EXPECT_EQ(placed->order.payment.card, draft.payment.card);
}

TEST_F(PlaceOrderByCardTest, RefusesATokenTheProcessorDoesNotKnow) {
  auto placed =
      place_.Run(CardDraft({.brand = "visa", .last4 = "4242", .token = "tok_made_up"}), Key("k1"));

  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(placed.error().fields,
            (std::vector<FieldError>{
                {"payment.card.token", "is not an authorization the card processor knows"}}));
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 0);
}

TEST_F(PlaceOrderByCardTest, RefusesAnAuthorizationOfAnotherCardOrTooSmallAnAmount) {
  const Money due = Due();
  CardDetails card = Authorized(Money(due.minor() - 1, kEur));
  card.brand = "mastercard";
  card.last4 = "0005";

  auto placed = place_.Run(CardDraft(card), Key("k1"));

  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(
      PathsOf(placed.error()),
      (std::set<std::string>{"payment.card.brand", "payment.card.last4", "payment.card.token"}));
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 0);
}

TEST_F(PlaceOrderTest, AnOrderForADepartmentReleasingAtOnceIsReleasedWhenPlaceReturns) {
  business_.fulfillment.departments[0].release = {.kind = ReleaseKind::kImmediate};
  OrderDraft draft = DraftOf({{.sku = "PEN", .quantity = 1}});
  draft.placed_by = "api";

  auto placed = place_.Run(draft, Key("k1"));

  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  // The answer shows the order as placed (as its replays will); the order is released.
  EXPECT_EQ(placed->order.status, OrderStatus::kPlaced);
  EXPECT_EQ(stores_.orders().FindByNumber(placed->order.number).value().status,
            OrderStatus::kReleased);
  const std::vector<OrderEvent> history = stores_.orders().History(placed->order.number).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].kind, OrderEventKind::kPlaced);
  EXPECT_EQ(history[1], (OrderEvent{.at = clock_.Now(),
                                    .actor = "scheduler",
                                    .kind = OrderEventKind::kReleased,
                                    .detail = "task 1 (warehouse)"}));
  EXPECT_EQ(RowCount(stores_.path(), "outbox WHERE event = 'order.released'"), 1);

  // Paid by bank transfer, the same order waits under its payment hold.
  draft.payment.type = PaymentType::kBankTransfer;
  auto held = place_.Run(draft, Key("k2"));
  ASSERT_TRUE(held.has_value()) << held.error().message;
  EXPECT_EQ(stores_.orders().FindByNumber(held->order.number).value().status, OrderStatus::kPlaced);
  EXPECT_EQ(RowCount(stores_.path(), "outbox WHERE event = 'order.released'"), 1);
}

TEST_F(PlaceOrderTest, RecordsWhoPlacedItAndThePlacedEvent) {
  OrderDraft draft = DraftOf({{.sku = "PEN", .quantity = 1}});
  draft.placed_by = "api";

  auto placed = place_.Run(draft, Key("k1"));

  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  EXPECT_EQ(placed->order.placed_by, "api");
  EXPECT_EQ(placed->order.revision, 1);
  EXPECT_EQ(stores_.orders().History(placed->order.number).value(),
            (std::vector<OrderEvent>{{.at = clock_.Now(),
                                      .actor = "api",
                                      .kind = OrderEventKind::kPlaced,
                                      .detail = "revision 1"}}));
}

}  // namespace
}  // namespace commesso
