#include "adapters/sqlite/sqlite_order_store.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <future>
#include <latch>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/sqlite/sqlite_fixtures.h"
#include "support/pricing_fixtures.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::At;
using commesso::testing::CustomerIn;
using commesso::testing::Good;
using commesso::testing::Key;
using commesso::testing::OrderOf;
using commesso::testing::RowCount;
using commesso::testing::Service;
using commesso::testing::SqliteStores;

constexpr int kYear = 2026;

std::string NumberOf(int year, int number) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%06d", year, number);
  return text;
}

class SqliteOrderStoreTest : public ::testing::Test {
 protected:
  SqliteOrderStoreTest() {
    customer_ = stores_.customers().Create(CustomerIn("IT"), Key("customer"), nullptr).value();
    other_customer_ = stores_.customers().Create(CustomerIn("GB"), Key("other"), nullptr).value();
    pen_ = AddItem(Good("PEN-1", 150));
  }

  Item AddItem(const Item& item) {
    auto created = stores_.catalog().Create(item, Key("item " + item.sku), nullptr);
    EXPECT_TRUE(created.has_value());
    return created.value_or(Item{});
  }

  // A stock-tracked good with `stock` on hand and `policy` for what is missing.
  Item Stocked(std::string sku, std::int64_t stock, BackorderPolicy policy) {
    Item item = Good(std::move(sku), 1000);
    item.track_stock = true;
    item.stock_on_hand = stock;
    item.backorder_policy = policy;
    return AddItem(item);
  }

  std::int64_t StockOf(const std::string& sku) {
    return stores_.catalog().FindBySku(sku).value().stock_on_hand;
  }

  Result<StoredPlacement> Place(const Order& order, const std::string& key) {
    return stores_.orders().Place(order, Key(key), kYear);
  }

  std::vector<std::string> NumbersOf(const OrderQuery& query, int limit) {
    std::vector<std::string> numbers;
    std::string cursor;
    for (int pages = 0; pages < 1000; ++pages) {
      auto page = stores_.orders().List(query, limit, cursor);
      EXPECT_TRUE(page.has_value());
      if (!page) break;
      for (const Order& order : page->entries) numbers.push_back(order.number.value);
      if (page->next_cursor.empty()) break;
      cursor = page->next_cursor;
    }
    return numbers;
  }

  SqliteStores stores_;
  Customer customer_;
  Customer other_customer_;
  Item pen_;
};

TEST_F(SqliteOrderStoreTest, PlacingNumbersTheOrderAndStoresItAsPlaced) {
  Order order = OrderOf(customer_, {{pen_, 3}, {AddItem(Service("SETUP", 4500)), 1}});
  order.payment = Payment{.type = PaymentType::kCard,
                          .status = PaymentStatus::kAuthorized,
                          .card = {.brand = "visa", .last4 = "4242", .token = "tok_1"},
                          .reference = ""};

  auto placed = Place(order, "k1");

  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  EXPECT_FALSE(placed->replayed);
  EXPECT_EQ(placed->order.number.value, "2026-000001");
  EXPECT_GT(placed->order.id.value, 0);
  auto found = stores_.orders().FindByNumber(placed->order.number);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(*found, placed->order);
  Order expected = order;
  expected.id = placed->order.id;
  expected.number = placed->order.number;
  EXPECT_EQ(*found, expected);
}

TEST_F(SqliteOrderStoreTest, PlacingWritesLinesPaymentKeyAndBothEventsInOneGo) {
  Order order = OrderOf(customer_, {{pen_, 2}, {pen_, 1}});
  order.payment = Payment{.type = PaymentType::kCard,
                          .status = PaymentStatus::kAuthorized,
                          .card = {.brand = "visa", .last4 = "4242", .token = "tok_1"},
                          .reference = ""};

  auto placed = Place(order, "k1");

  ASSERT_TRUE(placed.has_value());
  const std::string& path = stores_.path();
  const std::string id = std::to_string(placed->order.id.value);
  EXPECT_EQ(RowCount(path, "order_lines WHERE order_id = " + id), 2);
  EXPECT_EQ(RowCount(path, "payments WHERE order_id = " + id +
                               " AND card_last4 = '4242' AND processor_token = 'tok_1'"),
            1);
  EXPECT_EQ(RowCount(path, "outbox WHERE order_id = " + id +
                               " AND event = 'receipt.due' AND delivered_at IS NULL"),
            1);
  EXPECT_EQ(RowCount(path, "outbox WHERE order_id = " + id + " AND event = 'fulfillment.due'"), 1);
  EXPECT_EQ(RowCount(path, "idempotency_keys WHERE scope = 'orders' AND resource_id = " + id), 1);
}

TEST_F(SqliteOrderStoreTest, AnUnknownNumberIsNotFound) {
  auto found = stores_.orders().FindByNumber(OrderNumber{"2026-000001"});

  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteOrderStoreTest, APlacedOrderSurvivesClosingAndReopening) {
  auto placed = Place(OrderOf(customer_, {{pen_, 1}}), "k1");
  ASSERT_TRUE(placed.has_value());

  stores_.Reopen();

  auto found = stores_.orders().FindByNumber(placed->order.number);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, placed->order);
  auto next = Place(OrderOf(customer_, {{pen_, 1}}), "k2");
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->order.number.value, "2026-000002");
}

TEST_F(SqliteOrderStoreTest, ReplayingAKeyReturnsTheFirstOrderAndWritesNothing) {
  const Order order = OrderOf(customer_, {{pen_, 1}});
  auto first = Place(order, "k1");
  ASSERT_TRUE(first.has_value());

  auto replay = Place(order, "k1");

  ASSERT_TRUE(replay.has_value());
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->order, first->order);
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 1);
  EXPECT_EQ(RowCount(stores_.path(), "outbox"), 3);  // receipt.due, fulfillment.due, order.placed.
  EXPECT_EQ(Place(order, "k2")->order.number.value, "2026-000002");
}

TEST_F(SqliteOrderStoreTest, AKeyReusedForAnotherRequestIsInvalidInput) {
  ASSERT_TRUE(Place(OrderOf(customer_, {{pen_, 1}}), "k1").has_value());

  auto misuse = stores_.orders().Place(OrderOf(customer_, {{pen_, 2}}), Key("k1", "other"), kYear);
  auto lookup = stores_.orders().FindByKey(Key("k1", "other"));

  ASSERT_FALSE(misuse.has_value());
  EXPECT_EQ(misuse.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(
      misuse.error().fields,
      (std::vector<FieldError>{{"Idempotency-Key", "was already used for a different request"}}));
  ASSERT_FALSE(lookup.has_value());
  EXPECT_EQ(lookup.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 1);
}

TEST_F(SqliteOrderStoreTest, FindByKeyReturnsTheOrderPlacedWithIt) {
  auto placed = Place(OrderOf(customer_, {{pen_, 1}}), "k1");
  ASSERT_TRUE(placed.has_value());

  auto known = stores_.orders().FindByKey(Key("k1"));
  auto unknown = stores_.orders().FindByKey(Key("k2"));

  ASSERT_TRUE(known.has_value());
  ASSERT_TRUE(known->has_value());
  EXPECT_EQ(**known, placed->order);
  ASSERT_TRUE(unknown.has_value());
  EXPECT_FALSE(unknown->has_value());
}

TEST_F(SqliteOrderStoreTest, AnEmptyKeyIsNeverAReplay) {
  const Order order = OrderOf(customer_, {{pen_, 1}});

  auto first = stores_.orders().Place(order, IdempotencyKey{}, kYear);
  auto second = stores_.orders().Place(order, IdempotencyKey{}, kYear);

  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(second->replayed);
  EXPECT_NE(first->order.number, second->order.number);
  EXPECT_EQ(RowCount(stores_.path(), "idempotency_keys WHERE scope = 'orders'"), 0);
}

TEST_F(SqliteOrderStoreTest, EachBusinessYearHasItsOwnNumbers) {
  const Order order = OrderOf(customer_, {{pen_, 1}});

  auto a = stores_.orders().Place(order, Key("a"), 2026);
  auto b = stores_.orders().Place(order, Key("b"), 2027);
  auto c = stores_.orders().Place(order, Key("c"), 2026);

  EXPECT_EQ(a->order.number.value, "2026-000001");
  EXPECT_EQ(b->order.number.value, "2027-000001");
  EXPECT_EQ(c->order.number.value, "2026-000002");
}

TEST_F(SqliteOrderStoreTest, TrackedStockIsReserved) {
  const Item paper = Stocked("PAPER", 10, BackorderPolicy::kRefuse);

  auto placed = Place(OrderOf(customer_, {{paper, 4}, {pen_, 100}}), "k1");

  ASSERT_TRUE(placed.has_value());
  EXPECT_EQ(placed->order.priced.lines[0].backordered, 0);
  EXPECT_EQ(placed->order.priced.lines[1].backordered, 0);  // Not tracked.
  EXPECT_EQ(StockOf("PAPER"), 6);
  EXPECT_EQ(StockOf("PEN-1"), 0);
}

TEST_F(SqliteOrderStoreTest, AShortItemThatAllowsBackordersIsBackordered) {
  const Item paper = Stocked("PAPER", 3, BackorderPolicy::kAllow);

  auto placed = Place(OrderOf(customer_, {{paper, 2}, {paper, 5}}), "k1");

  ASSERT_TRUE(placed.has_value());
  EXPECT_EQ(placed->order.priced.lines[0].backordered, 0);
  EXPECT_EQ(placed->order.priced.lines[1].backordered, 4);  // One unit was left for it.
  EXPECT_EQ(StockOf("PAPER"), 0);
  EXPECT_EQ(stores_.orders().FindByNumber(placed->order.number).value(), placed->order);
  EXPECT_EQ(RowCount(stores_.path(), "order_lines WHERE backordered = 4"), 1);
}

TEST_F(SqliteOrderStoreTest, AShortItemThatRefusesBackordersRejectsTheWholeOrder) {
  const Item paper = Stocked("PAPER", 3, BackorderPolicy::kRefuse);
  const Item ink = Stocked("INK", 1, BackorderPolicy::kRefuse);
  const Item toner = Stocked("TONER", 9, BackorderPolicy::kRefuse);

  auto placed = Place(OrderOf(customer_, {{toner, 2}, {paper, 5}, {ink, 2}}), "k1");

  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, ErrorCode::kRejected);
  EXPECT_EQ(placed.error().message, "not enough stock");
  EXPECT_EQ(placed.error().fields,
            (std::vector<FieldError>{{"lines[1].quantity", "only 3 in stock"},
                                     {"lines[2].quantity", "only 1 in stock"}}));
  EXPECT_EQ(StockOf("TONER"), 9);
  EXPECT_EQ(StockOf("PAPER"), 3);
  EXPECT_FALSE(stores_.orders().FindByKey(Key("k1")).value().has_value());
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 0);
  EXPECT_EQ(RowCount(stores_.path(), "outbox"), 0);
  EXPECT_EQ(Place(OrderOf(customer_, {{toner, 1}}), "k2")->order.number.value, "2026-000001");
}

TEST_F(SqliteOrderStoreTest, TwoPlacementsRacingForTheLastUnitGetItOnce) {
  const Item last = Stocked("LAST", 1, BackorderPolicy::kRefuse);
  std::latch start(2);
  auto race = [&](const std::string& key) {
    start.arrive_and_wait();
    return Place(OrderOf(customer_, {{last, 1}}), key);
  };

  auto first = std::async(std::launch::async, race, "a");
  auto second = std::async(std::launch::async, race, "b");
  auto results = std::vector{first.get(), second.get()};

  const auto won = std::count_if(results.begin(), results.end(),
                                 [](const auto& result) { return result.has_value(); });
  EXPECT_EQ(won, 1);
  for (const auto& result : results) {
    if (!result) {
      EXPECT_EQ(result.error().code, ErrorCode::kRejected);
      EXPECT_EQ(result.error().fields,
                (std::vector<FieldError>{{"lines[0].quantity", "only 0 in stock"}}));
    }
  }
  EXPECT_EQ(StockOf("LAST"), 0);
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 1);
}

TEST_F(SqliteOrderStoreTest, ConcurrentPlacementsAreEachStoredOnceWithConsecutiveNumbers) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 500;
  constexpr int kTotal = kThreads * kPerThread;
  const Order order = OrderOf(customer_, {{pen_, 1}});
  std::latch start(kThreads);
  std::vector<std::future<std::vector<StoredPlacement>>> workers;
  workers.reserve(kThreads);
  for (int thread = 0; thread < kThreads; ++thread) {
    workers.push_back(std::async(std::launch::async, [&, thread] {
      std::vector<StoredPlacement> acknowledged;
      start.arrive_and_wait();
      for (int i = 0; i < kPerThread; ++i) {
        auto placed = Place(order, "t" + std::to_string(thread) + "-" + std::to_string(i));
        EXPECT_TRUE(placed.has_value()) << placed.error().message;
        if (placed) acknowledged.push_back(*std::move(placed));
      }
      return acknowledged;
    }));
  }
  std::vector<StoredPlacement> acknowledged;
  for (auto& worker : workers) {
    for (StoredPlacement& placement : worker.get()) acknowledged.push_back(std::move(placement));
  }

  ASSERT_EQ(acknowledged.size(), static_cast<std::size_t>(kTotal));
  std::vector<std::string> numbers;
  std::set<std::int64_t> ids;
  for (const StoredPlacement& placement : acknowledged) {
    numbers.push_back(placement.order.number.value);
    ids.insert(placement.order.id.value);
  }
  std::sort(numbers.begin(), numbers.end());
  std::vector<std::string> expected;
  for (int number = 1; number <= kTotal; ++number) expected.push_back(NumberOf(kYear, number));
  EXPECT_EQ(numbers, expected);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kTotal));

  // Each acknowledged order is stored exactly once, under its number.
  std::vector<std::string> listed = NumbersOf({}, 200);
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(RowCount(stores_.path(), "orders"), kTotal);
  EXPECT_EQ(RowCount(stores_.path(), "outbox"), 3 * kTotal);
  for (int i = 0; i < kTotal; i += 397) {
    const StoredPlacement& placement = acknowledged[static_cast<std::size_t>(i)];
    EXPECT_EQ(stores_.orders().FindByNumber(placement.order.number).value(), placement.order);
  }

  // Group commit: placements shared transactions.
  const WriterStats stats = stores_.database().writer_stats();
  RecordProperty("commits", std::to_string(stats.commits));
  EXPECT_LT(stats.commits, kTotal);
  EXPECT_GE(stats.jobs, kTotal);
}

TEST_F(SqliteOrderStoreTest, RefusedPlacementsAmongConcurrentOnesLeaveNoGap) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 60;
  const Item scarce = Stocked("SCARCE", 0, BackorderPolicy::kRefuse);
  std::latch start(kThreads);
  std::atomic<int> refused{0};
  std::vector<std::future<std::vector<std::string>>> workers;
  workers.reserve(kThreads);
  for (int thread = 0; thread < kThreads; ++thread) {
    workers.push_back(std::async(std::launch::async, [&, thread] {
      std::vector<std::string> numbers;
      start.arrive_and_wait();
      for (int i = 0; i < kPerThread; ++i) {
        // Every third placement asks for the item that is out of stock.
        const Order order =
            i % 3 == 0 ? OrderOf(customer_, {{scarce, 1}}) : OrderOf(customer_, {{pen_, 1}});
        auto placed = Place(order, "t" + std::to_string(thread) + "-" + std::to_string(i));
        if (placed) {
          numbers.push_back(placed->order.number.value);
        } else {
          EXPECT_EQ(placed.error().code, ErrorCode::kRejected);
          ++refused;
        }
      }
      return numbers;
    }));
  }
  std::vector<std::string> numbers;
  for (auto& worker : workers) {
    for (std::string& number : worker.get()) numbers.push_back(std::move(number));
  }

  EXPECT_EQ(refused.load(), kThreads * kPerThread / 3);
  std::sort(numbers.begin(), numbers.end());
  std::vector<std::string> expected;
  for (int number = 1; number <= static_cast<int>(numbers.size()); ++number) {
    expected.push_back(NumberOf(kYear, number));
  }
  EXPECT_EQ(numbers, expected);
  EXPECT_EQ(RowCount(stores_.path(), "orders"), static_cast<std::int64_t>(numbers.size()));
}

TEST_F(SqliteOrderStoreTest, ListShowsNewestFirstAndFilters) {
  auto place = [&](const Customer& customer, int minutes, Channel channel, const std::string& key) {
    auto placed = Place(OrderOf(customer, {{pen_, 1}}, At(minutes), channel), key);
    EXPECT_TRUE(placed.has_value());
    return placed ? placed->order.number.value : std::string();
  };
  const std::string a = place(customer_, 0, Channel::kPhone, "a");
  const std::string b = place(other_customer_, 10, Channel::kWeb, "b");
  const std::string c = place(customer_, 20, Channel::kPhone, "c");
  const std::string d = place(customer_, 10, Channel::kCounter, "d");  // Same time as b.
  const std::string e = place(other_customer_, 30, Channel::kPhone, "e");

  EXPECT_EQ(NumbersOf({}, 50), (std::vector<std::string>{e, c, d, b, a}));
  EXPECT_EQ(NumbersOf({.channel = Channel::kPhone}, 50), (std::vector<std::string>{e, c, a}));
  EXPECT_EQ(NumbersOf({.customer_id = other_customer_.id}, 50), (std::vector<std::string>{e, b}));
  EXPECT_EQ(NumbersOf({.status = OrderStatus::kPlaced}, 50).size(), 5u);
  EXPECT_EQ(NumbersOf({.placed_from = At(10), .placed_until = At(30)}, 50),
            (std::vector<std::string>{c, d, b}));
  EXPECT_EQ(
      NumbersOf({.channel = Channel::kPhone, .customer_id = customer_.id, .placed_until = At(20)},
                50),
      std::vector<std::string>{a});
  EXPECT_EQ(NumbersOf({.channel = Channel::kEdi}, 50), std::vector<std::string>{});
}

TEST_F(SqliteOrderStoreTest, ListPagesWithoutRepeatsOrGaps) {
  std::vector<std::string> expected;
  for (int i = 0; i < 11; ++i) {
    // Pairs share an instant, so the id breaks the tie.
    auto placed = Place(OrderOf(customer_, {{pen_, 1}}, At(i / 2)), "k" + std::to_string(i));
    ASSERT_TRUE(placed.has_value());
    expected.insert(expected.begin(), placed->order.number.value);
  }

  for (int limit : {1, 2, 3, 5, 11, 12}) {
    EXPECT_EQ(NumbersOf({}, limit), expected) << "limit " << limit;
  }
  auto clamped_low = stores_.orders().List({}, -5, "");
  auto clamped_high = stores_.orders().List({}, 100000, "");
  ASSERT_TRUE(clamped_low.has_value());
  EXPECT_EQ(clamped_low->entries.size(), 1u);
  ASSERT_TRUE(clamped_high.has_value());
  EXPECT_EQ(clamped_high->entries.size(), 11u);
  auto bad = stores_.orders().List({}, 5, "0123");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().fields.at(0).path, "cursor");
}

// Revision, confirmations and history.

TEST_F(SqliteOrderStoreTest, APlacedOrderIsAtRevisionOneWithItsPlacedEvent) {
  Order order = OrderOf(customer_, {{pen_, 1}});
  order.placed_by = "api";
  Order by_clerk = order;
  by_clerk.clerk = "anna";

  auto placed = Place(order, "k1");
  auto placed_by_clerk = Place(by_clerk, "k2");

  ASSERT_TRUE(placed.has_value());
  EXPECT_EQ(placed->order.revision, 1);
  EXPECT_EQ(RowCount(stores_.path(), "orders WHERE revision = 1"), 2);
  EXPECT_EQ(
      stores_.orders().History(placed->order.number).value(),
      (std::vector<OrderEvent>{
          {.at = At(), .actor = "api", .kind = OrderEventKind::kPlaced, .detail = "revision 1"}}));
  EXPECT_EQ(stores_.orders().History(placed_by_clerk->order.number).value().at(0).actor, "anna");
}

TEST_F(SqliteOrderStoreTest, ConfirmsTheCurrentRevisionWithItsEventAndRefusesAnother) {
  const OrderNumber number = Place(OrderOf(customer_, {{pen_, 1}}), "k1").value().order.number;
  const Confirmation confirmation{
      .revision = 1, .by = "anna", .principal = "anna", .confirmed_at = At(5)};

  auto wrong = stores_.orders().Confirm(
      number, {.revision = 2, .by = "anna", .principal = "anna", .confirmed_at = At(4)}, Key("c0"));
  auto confirmed = stores_.orders().Confirm(number, confirmation, Key("c1"));

  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kConflict);
  EXPECT_EQ(wrong.error().fields.at(0).path, "revision");
  ASSERT_TRUE(confirmed.has_value()) << confirmed.error().message;
  stores_.Reopen();
  EXPECT_EQ(stores_.orders().Confirmations(number).value(),
            std::vector<Confirmation>{confirmation});
  const std::vector<OrderEvent> history = stores_.orders().History(number).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1], (OrderEvent{.at = At(5),
                                    .actor = "anna",
                                    .kind = OrderEventKind::kConfirmed,
                                    .detail = "revision 1"}));
  EXPECT_EQ(RowCount(stores_.path(), "idempotency_keys WHERE scope = 'confirmations'"), 1);
}

TEST_F(SqliteOrderStoreTest, ConfirmingOrReadingTheHistoryOfAnUnknownOrderIsNotFound) {
  const OrderNumber unknown{"2026-000042"};

  EXPECT_EQ(
      stores_.orders()
          .Confirm(unknown, {.revision = 1, .by = "a", .principal = "a", .confirmed_at = At()},
                   Key("c"))
          .error()
          .code,
      ErrorCode::kNotFound);
  EXPECT_EQ(stores_.orders().Confirmations(unknown).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(stores_.orders().History(unknown).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace commesso::sqlite
