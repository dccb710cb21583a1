#include "adapters/sqlite/sqlite_webhook_store.h"

#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adapters/sqlite/sqlite_fixtures.h"
#include "support/pricing_fixtures.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::At;
using commesso::testing::CustomerIn;
using commesso::testing::Good;
using commesso::testing::Key;
using commesso::testing::OrderOf;
using commesso::testing::SqliteStores;

class SqliteWebhookStoreTest : public ::testing::Test {
 protected:
  SqliteWebhookStoreTest() {
    customer_ = stores_.customers().Create(CustomerIn("IT"), Key("customer"), nullptr).value();
    pen_ = stores_.catalog().Create(Good("PEN-1", 150), Key("item"), nullptr).value();
  }

  // Places an order; returns its number. Placing writes its order.placed event.
  std::string Place(const std::string& key) {
    auto placed = stores_.orders().Place(OrderOf(customer_, {{pen_, 2}}), Key(key), 2026);
    EXPECT_TRUE(placed.has_value());
    return placed.has_value() ? placed->order.number.value : "";
  }

  // Appends a public event of order `number` to the outbox, as the fulfillment store does.
  void AddEvent(const std::string& number, const std::string& event) {
    SQLite::Database database(stores_.path(), SQLite::OPEN_READWRITE);
    database.setBusyTimeout(5000);
    SQLite::Statement insert(database,
                             "INSERT INTO outbox (order_id, event, payload, created_at, "
                             "next_attempt_at) SELECT id, ?, json_object('order', number), 0, 0 "
                             "FROM orders WHERE number = ?");
    insert.bind(1, event);
    insert.bind(2, number);
    ASSERT_EQ(insert.exec(), 1);
  }

  WebhookSubscription Subscribe(std::vector<std::string> events, const std::string& key) {
    auto created = store_.Subscribe({.url = "https://hooks.example/in",
                                     .events = std::move(events),
                                     .secret = "whsec_test",
                                     .created_by = "admin",
                                     .created_at = At()},
                                    Key(key), nullptr);
    EXPECT_TRUE(created.has_value());
    return created.has_value() ? created->first : WebhookSubscription{};
  }

  std::vector<std::string> DueEvents(Timestamp now = At()) {
    auto due = store_.Due(now, 100);
    EXPECT_TRUE(due.has_value());
    std::vector<std::string> events;
    for (const DueWebhook& next : due.value_or(std::vector<DueWebhook>{})) {
      events.push_back(next.delivery.order.value + " " + next.delivery.event);
    }
    return events;
  }

  WebhookDelivery Delivered(WebhookDelivery delivery) {
    delivery.state = WebhookDeliveryState::kDelivered;
    delivery.next_attempt_at.reset();
    delivery.attempts = 1;
    delivery.last_status = 204;
    delivery.delivered_at = At(1);
    delivery.updated_at = At(1);
    return delivery;
  }

  SqliteStores stores_;
  SqliteWebhookStore store_{stores_.database()};
  Customer customer_;
  Item pen_;
};

TEST_F(SqliteWebhookStoreTest, PlacingAnOrderWritesOrderPlacedWithItsPayload) {
  const std::string number = Place("o1");

  SQLite::Database database(stores_.path(), SQLite::OPEN_READONLY);
  const std::string payload =
      database.execAndGet("SELECT payload FROM outbox WHERE event = 'order.placed'").getString();
  const nlohmann::json data = nlohmann::json::parse(payload);
  EXPECT_EQ(data.at("order"), number);
  EXPECT_EQ(data.at("order_status"), "placed");
  EXPECT_EQ(data.at("currency"), "EUR");
  EXPECT_TRUE(data.at("grand_total").is_string());
  EXPECT_EQ(data.at("customer").at("id"), customer_.id.value);
  EXPECT_EQ(data.at("customer").at("name"), customer_.name);
  EXPECT_TRUE(data.at("placed_at").is_string());
  EXPECT_TRUE(data.at("channel").is_string());
}

TEST_F(SqliteWebhookStoreTest, FansOutPublicEventsToTheSubscriptionsThatWantThem) {
  const WebhookSubscription all = Subscribe({"*"}, "all");
  const WebhookSubscription shipped = Subscribe({"order.shipped"}, "shipped");
  const std::string number = Place("o1");  // receipt.due, fulfillment.due, order.placed.
  AddEvent(number, "order.shipped");

  auto taken = store_.FanOut(At(), 100);

  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(*taken, 2) << "the internal .due events are not fanned out";
  auto to_all = store_.Deliveries(all.id, 50, std::nullopt).value();
  ASSERT_EQ(to_all.size(), 2u);
  EXPECT_EQ(to_all[0].event, "order.shipped");  // Newest first.
  EXPECT_EQ(to_all[1].event, "order.placed");
  EXPECT_NE(to_all[0].key, to_all[1].key);
  auto to_shipped = store_.Deliveries(shipped.id, 50, std::nullopt).value();
  ASSERT_EQ(to_shipped.size(), 1u);
  EXPECT_EQ(to_shipped[0].event, "order.shipped");
  EXPECT_EQ(store_.FanOut(At(), 100).value(), 0) << "each event is fanned out once";
  EXPECT_EQ(testing::RowCount(stores_.path(),
                              "outbox WHERE event = 'receipt.due' AND "
                              "delivered_at IS NULL"),
            1)
      << "the mailer's events are left to the mailer";
}

TEST_F(SqliteWebhookStoreTest, ASubscriptionGetsOnlyEventsWrittenAfterItWasCreated) {
  Place("before");
  const WebhookSubscription subscription = Subscribe({"*"}, "s");
  const std::string after = Place("after");
  ASSERT_TRUE(store_.FanOut(At(), 100).has_value());

  auto deliveries = store_.Deliveries(subscription.id, 50, std::nullopt).value();

  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].order.value, after);
}

TEST_F(SqliteWebhookStoreTest, HandsOutOnlyTheEarliestUndeliveredEventOfEachOrder) {
  Subscribe({"*"}, "s");
  const std::string first = Place("o1");
  const std::string second = Place("o2");
  AddEvent(first, "order.released");
  AddEvent(second, "order.released");
  AddEvent(first, "order.shipped");
  ASSERT_TRUE(store_.FanOut(At(), 100).has_value());

  EXPECT_EQ(DueEvents(),
            (std::vector<std::string>{first + " order.placed", second + " order.placed"}));

  auto due = store_.Due(At(), 100).value();
  ASSERT_TRUE(store_.Update(Delivered(due[0].delivery)).has_value());
  EXPECT_EQ(DueEvents(),
            (std::vector<std::string>{second + " order.placed", first + " order.released"}));
}

TEST_F(SqliteWebhookStoreTest, AFailedDeliveryHoldsBackItsOrderUntilReplayed) {
  const WebhookSubscription subscription = Subscribe({"*"}, "s");
  const std::string number = Place("o1");
  AddEvent(number, "order.released");
  ASSERT_TRUE(store_.FanOut(At(), 100).has_value());
  WebhookDelivery failed = store_.Due(At(), 100).value().at(0).delivery;
  failed.state = WebhookDeliveryState::kFailed;
  failed.next_attempt_at.reset();
  failed.attempts = 3;
  failed.last_status = 500;
  ASSERT_TRUE(store_.Update(failed).has_value());

  EXPECT_TRUE(DueEvents().empty());
  const WebhookSubscription shown = store_.Subscription(subscription.id).value();
  EXPECT_EQ(shown.failed, 1);
  EXPECT_EQ(shown.queued, 1);
  EXPECT_EQ(shown.last_status, 500);

  auto replayed = store_.Replay(failed.id, At(5));

  ASSERT_TRUE(replayed.has_value());
  EXPECT_EQ(replayed->state, WebhookDeliveryState::kQueued);
  EXPECT_EQ(replayed->attempts, 0);
  EXPECT_EQ(replayed->key, failed.key);
  EXPECT_EQ(DueEvents(At(5)), std::vector<std::string>{number + " order.placed"});
}

TEST_F(SqliteWebhookStoreTest, ADisabledSubscriptionGetsNothingMore) {
  const WebhookSubscription subscription = Subscribe({"*"}, "s");
  Place("o1");
  ASSERT_TRUE(store_.FanOut(At(), 100).has_value());

  auto disabled = store_.Disable(subscription.id, At(1));
  Place("o2");
  ASSERT_TRUE(store_.FanOut(At(), 100).has_value());

  ASSERT_TRUE(disabled.has_value());
  EXPECT_FALSE(disabled->active);
  EXPECT_EQ(disabled->disabled_at, At(1));
  EXPECT_TRUE(DueEvents().empty());
  EXPECT_EQ(store_.Deliveries(subscription.id, 50, std::nullopt).value().size(), 1u);
}

TEST_F(SqliteWebhookStoreTest, SubscribingAgainWithTheKeyReturnsTheFirstSubscription) {
  const WebhookSubscription first = Subscribe({"*"}, "same");

  auto again =
      store_.Subscribe({.url = "https://hooks.example/in", .events = {"*"}}, Key("same"), nullptr);
  auto other = store_.Subscribe({.url = "https://x.example"}, Key("same", "different"), nullptr);

  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->second);
  EXPECT_EQ(again->first.id, first.id);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(other.error().fields.at(0).path, "Idempotency-Key");
  EXPECT_EQ(store_.Subscriptions().value().size(), 1u);
}

TEST_F(SqliteWebhookStoreTest, TheDeliveryLogPagesBackwards) {
  const WebhookSubscription subscription = Subscribe({"*"}, "s");
  for (int i = 0; i < 5; ++i) Place("o" + std::to_string(i));
  ASSERT_TRUE(store_.FanOut(At(), 100).has_value());

  auto page = store_.Deliveries(subscription.id, 2, std::nullopt).value();
  auto next = store_.Deliveries(subscription.id, 10, page.back().id).value();

  ASSERT_EQ(page.size(), 2u);
  ASSERT_EQ(next.size(), 3u);
  EXPECT_GT(page.back().id, next.front().id);
  EXPECT_FALSE(store_.Deliveries({999}, 2, std::nullopt).has_value());
}

}  // namespace
}  // namespace commesso::sqlite
