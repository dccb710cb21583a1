#include "adapters/sqlite/sqlite_fulfillment_store.h"

#include <atomic>
#include <latch>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adapters/sqlite/sqlite_fixtures.h"
#include "adapters/sqlite/write_queue.h"
#include "app/fulfillment_scheduler.h"
#include "support/pricing_fixtures.h"
#include "support/utc_zones.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::At;
using commesso::testing::CustomerIn;
using commesso::testing::Good;
using commesso::testing::Key;
using commesso::testing::OrderOf;
using commesso::testing::Service;
using commesso::testing::SqliteStores;
using commesso::testing::UtcZones;
using std::chrono::minutes;

// A goods warehouse released at once, escalating after 30 working minutes with 10-minute
// leases, and a service department; every day a working day from 08:00 to 20:00 UTC.
FulfillmentRules TestRules() {
  const std::vector<std::chrono::weekday> every_day{
      std::chrono::Monday, std::chrono::Tuesday,  std::chrono::Wednesday, std::chrono::Thursday,
      std::chrono::Friday, std::chrono::Saturday, std::chrono::Sunday};
  Department warehouse{.code = "warehouse",
                       .name = {.it = "Magazzino", .en = "Warehouse"},
                       .time_zone = "UTC",
                       .working_days = every_day,
                       .opens = minutes{8 * 60},
                       .closes = minutes{20 * 60},
                       .escalate_after = minutes{30},
                       .lease = minutes{10}};
  Department services = warehouse;
  services.code = "services";
  services.name = {.it = "Servizi", .en = "Services"};
  services.ships = false;
  return FulfillmentRules{.departments = {warehouse, services},
                          .routing = {RoutingRule{.kind = ItemKind::kService,
                                                  .sku_prefix = "",
                                                  .shipping_method = "",
                                                  .department = "services"}},
                          .default_department = "warehouse"};
}

// The integer `sql` gives on a connection of the test's own.
std::int64_t Count(const std::string& path, const std::string& sql) {
  SQLite::Database database(path, SQLite::OPEN_READONLY);
  return database.execAndGet(sql).getInt64();
}

class SqliteFulfillmentStoreTest : public ::testing::Test {
 protected:
  SqliteFulfillmentStoreTest() {
    customer_ = stores_.customers().Create(CustomerIn("IT"), Key("customer"), nullptr).value();
    pen_ = stores_.catalog().Create(Good("PEN-1", 150), Key("pen"), nullptr).value();
    setup_ = stores_.catalog().Create(Service("SRV-SETUP", 5000), Key("setup"), nullptr).value();
    Open();
  }

  void Open() {
    store_ = std::make_unique<SqliteFulfillmentStore>(stores_.database());
    scheduler_ = std::make_unique<FulfillmentScheduler>(*store_, stores_.orders(), rules_, zones_);
    desk_ = std::make_unique<FulfillmentDesk>(*store_, rules_, zones_);
  }

  void Reopen() {
    desk_.reset();
    scheduler_.reset();
    store_.reset();
    stores_.Reopen();
    Open();
  }

  // Places an order of `lines` at `placed_at`; its number.
  OrderNumber Place(const std::vector<testing::LineOf>& lines, Timestamp placed_at = At(),
                    PaymentType payment = PaymentType::kOnAccount) {
    Order order = OrderOf(customer_, lines, placed_at);
    order.payment.type = payment;
    auto placed = stores_.orders().Place(order, Key("order " + std::to_string(++orders_)), 2026);
    EXPECT_TRUE(placed.has_value()) << placed.error().message;
    return placed->order.number;
  }

  // Places an order of `lines` at `placed_at` as PlaceOrder does, handing it on in the same
  // transaction (tasks, holds, receipt); its number.
  OrderNumber PlaceHandingOn(const std::vector<testing::LineOf>& lines, Timestamp placed_at = At(),
                             PaymentType payment = PaymentType::kOnAccount) {
    Order order = OrderOf(customer_, lines, placed_at);
    order.payment.type = payment;
    const Handoff handoff{.tasks = PlannedTasks(order, rules_, zones_),
                          .holds = PlannedHolds(order, placed_at)};
    auto placed =
        stores_.orders().Place(order, Key("order " + std::to_string(++orders_)), 2026, handoff);
    EXPECT_TRUE(placed.has_value()) << placed.error().message;
    return placed->order.number;
  }

  // Writer jobs run so far on the stores' database.
  std::int64_t Writes() { return stores_.database().writer().stats().jobs; }

  SchedulerRound Round(Timestamp now) {
    auto round = scheduler_->Round(now);
    EXPECT_TRUE(round.has_value()) << round.error().message;
    return round.value_or(SchedulerRound{});
  }

  FulfillmentTask OnlyTask(const OrderNumber& number) {
    auto tasks = store_->ForOrder(number);
    EXPECT_TRUE(tasks.has_value());
    EXPECT_EQ(tasks->size(), 1u);
    return tasks->empty() ? FulfillmentTask{} : tasks->front();
  }

  OrderStatus StatusOfOrder(const OrderNumber& number) {
    return stores_.orders().FindByNumber(number).value().status;
  }

  std::vector<OrderEventKind> HistoryKinds(const OrderNumber& number) {
    std::vector<OrderEventKind> kinds;
    const std::vector<OrderEvent> history = stores_.orders().History(number).value();
    for (const OrderEvent& event : history) {
      kinds.push_back(event.kind);
    }
    return kinds;
  }

  std::int64_t Events(const std::string& name) {
    return Count(stores_.path(), "SELECT count(*) FROM outbox WHERE event = '" + name + "'");
  }

  nlohmann::json LastPayload(const std::string& name) {
    SQLite::Database database(stores_.path(), SQLite::OPEN_READONLY);
    return nlohmann::json::parse(database
                                     .execAndGet("SELECT payload FROM outbox WHERE event = '" +
                                                 name + "' ORDER BY id DESC LIMIT 1")
                                     .getString());
  }

  SqliteStores stores_;
  FulfillmentRules rules_ = TestRules();
  UtcZones zones_;
  Customer customer_;
  Item pen_;
  Item setup_;
  int orders_ = 0;
  std::unique_ptr<SqliteFulfillmentStore> store_;
  std::unique_ptr<FulfillmentScheduler> scheduler_;
  std::unique_ptr<FulfillmentDesk> desk_;
};

TEST_F(SqliteFulfillmentStoreTest, PlansEachOrderOnceIntoOneTaskPerDepartment) {
  const OrderNumber number = Place({{pen_, 3}, {setup_, 1}});

  EXPECT_EQ(Round(At(0)).planned, 1);
  EXPECT_EQ(Round(At(0)).planned, 0);

  auto tasks = store_->ForOrder(number).value();
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].department, "warehouse");
  EXPECT_EQ(tasks[0].lines.size(), 1u);
  EXPECT_EQ(tasks[0].lines[0].sku, "PEN-1");
  EXPECT_EQ(tasks[0].lines[0].quantity, 3);
  EXPECT_EQ(tasks[1].department, "services");
  EXPECT_EQ(tasks[1].lines[0].line_no, 2);
  EXPECT_TRUE(store_->PendingPlans(10).value().empty());
  // Planning the same event again changes nothing and returns the tasks made then.
  const std::int64_t event =
      Count(stores_.path(), "SELECT id FROM outbox WHERE event = 'fulfillment.due'");
  auto again = store_->Plan(
      {.event_id = event, .order = number},
      PlannedTasks(stores_.orders().FindByNumber(number).value(), rules_, zones_), {}, At(5));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->size(), 2u);
  EXPECT_EQ(Count(stores_.path(), "SELECT count(*) FROM fulfillment_tasks"), 2);
}

TEST_F(SqliteFulfillmentStoreTest, ReleasesAtTheReleaseTimeWithItsEscalationTime) {
  const OrderNumber number = Place({{pen_, 3}}, At(0));
  Round(At(0));

  const FulfillmentTask task = OnlyTask(number);
  EXPECT_EQ(task.state, TaskState::kReleased);
  EXPECT_EQ(task.released_at, At(0));
  EXPECT_EQ(task.escalate_at, At(30));
  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kReleased);
  EXPECT_EQ(HistoryKinds(number),
            (std::vector{OrderEventKind::kPlaced, OrderEventKind::kReleased}));
  const nlohmann::json payload = LastPayload("order.released");
  EXPECT_EQ(payload["order"], number.value);
  EXPECT_EQ(payload["task_id"], task.id);
  EXPECT_EQ(payload["department"], "warehouse");
  EXPECT_EQ(payload["released_at"], "2026-11-28T10:00:00Z");
  EXPECT_EQ(payload["lines"][0]["sku"], "PEN-1");
  EXPECT_EQ(payload["lines"][0]["quantity"], 3);
  EXPECT_EQ(payload["order_status"], "released");
}

TEST_F(SqliteFulfillmentStoreTest, APlacementReleasesTheTasksDueAtOnceInItsOwnWrite) {
  const std::int64_t before = Writes();
  const OrderNumber number = PlaceHandingOn({{pen_, 3}, {setup_, 1}}, At(0));

  EXPECT_EQ(Writes() - before, 1);
  const std::vector<FulfillmentTask> tasks = store_->ForOrder(number).value();
  ASSERT_EQ(tasks.size(), 2u);
  for (const FulfillmentTask& task : tasks) {
    EXPECT_EQ(task.state, TaskState::kReleased) << task.department;
    EXPECT_EQ(task.released_at, At(0));
    EXPECT_EQ(task.escalate_at, At(30));
  }
  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kReleased);
  EXPECT_EQ(HistoryKinds(number), (std::vector{OrderEventKind::kPlaced, OrderEventKind::kReleased,
                                               OrderEventKind::kReleased}));
  EXPECT_EQ(Events("order.released"), 2);
  const nlohmann::json payload = LastPayload("order.released");
  EXPECT_EQ(payload["task_id"], tasks[1].id);
  EXPECT_EQ(payload["department"], "services");
  EXPECT_EQ(payload["released_at"], "2026-11-28T10:00:00Z");
  EXPECT_EQ(payload["lines"][0]["sku"], "SRV-SETUP");
  EXPECT_EQ(payload["order_status"], "released");
  // Once placed, it is past cancelling.
  EXPECT_EQ(store_->Cancel(number, "sara", "too late", At(0)).error().fields.at(0).path, "state");

  // The scheduler finds nothing left to do for it, and writes nothing.
  const std::int64_t placed = Writes();
  const SchedulerRound round = Round(At(1));
  EXPECT_EQ(round.planned, 0);
  EXPECT_EQ(round.released, 0);
  EXPECT_EQ(Writes(), placed);
  EXPECT_EQ(Events("order.released"), 2);
  EXPECT_EQ(HistoryKinds(number).size(), 3u);
}

TEST_F(SqliteFulfillmentStoreTest, APlacementRecordsItsReleasesAsTheSchedulerWould) {
  // The same order released by its placement, and by a round at its departments' wave.
  const OrderNumber at_once = PlaceHandingOn({{pen_, 3}, {setup_, 1}, {pen_, 2}}, At(0));
  for (Department& department : rules_.departments) {
    department.release = ReleasePolicy{.kind = ReleaseKind::kWaves, .waves = {minutes{10 * 60}}};
  }
  const OrderNumber by_round = PlaceHandingOn({{pen_, 3}, {setup_, 1}, {pen_, 2}}, At(-1));
  EXPECT_EQ(StatusOfOrder(by_round), OrderStatus::kPlaced);
  EXPECT_EQ(Round(At(0)).released, 2);

  // Each order.released event as webhooks send it, less what differs between the two orders.
  const auto releases = [&](const OrderNumber& number) {
    SQLite::Database database(stores_.path(), SQLite::OPEN_READONLY);
    SQLite::Statement rows(database,
                           "SELECT x.payload FROM outbox x JOIN orders o ON o.id = x.order_id "
                           "WHERE o.number = ? AND x.event = 'order.released' ORDER BY x.id");
    rows.bind(1, number.value);
    std::vector<nlohmann::json> payloads;
    while (rows.executeStep()) {
      nlohmann::json payload = nlohmann::json::parse(rows.getColumn(0).getString());
      EXPECT_EQ(payload.at("order"), number.value);
      payload.erase("order");
      payload.erase("task_id");
      payloads.push_back(std::move(payload));
    }
    return payloads;
  };
  const std::vector<nlohmann::json> placed = releases(at_once);
  ASSERT_EQ(placed.size(), 2u);
  EXPECT_EQ(placed[0].at("lines").size(), 2u);
  EXPECT_EQ(placed, releases(by_round));
  EXPECT_EQ(StatusOfOrder(at_once), StatusOfOrder(by_round));
  EXPECT_EQ(HistoryKinds(at_once), HistoryKinds(by_round));
}

TEST_F(SqliteFulfillmentStoreTest, APlacementReleasesNothingHeldOrNotYetDue) {
  // A payment hold blocks the release.
  const OrderNumber held = PlaceHandingOn({{pen_, 1}}, At(0), PaymentType::kBankTransfer);
  EXPECT_EQ(OnlyTask(held).state, TaskState::kHeld);
  EXPECT_EQ(StatusOfOrder(held), OrderStatus::kPlaced);

  // A wave at 10:30 for the warehouse: placed at 10:00, the task waits for the wave.
  rules_.departments[0].release =
      ReleasePolicy{.kind = ReleaseKind::kWaves, .waves = {minutes{10 * 60 + 30}}};
  const OrderNumber waiting = PlaceHandingOn({{pen_, 1}}, At(0));
  EXPECT_EQ(OnlyTask(waiting).state, TaskState::kScheduled);
  EXPECT_EQ(OnlyTask(waiting).release_at, At(30));
  EXPECT_EQ(StatusOfOrder(waiting), OrderStatus::kPlaced);
  EXPECT_EQ(Events("order.released"), 0);
  // Still cancellable; the other still waits for its wave.
  ASSERT_TRUE(store_->Cancel(held, "sara", "duplicate", At(1)).has_value());
  EXPECT_EQ(Round(At(30)).released, 1);
  EXPECT_EQ(OnlyTask(waiting).state, TaskState::kReleased);
}

TEST_F(SqliteFulfillmentStoreTest, ARoundReleasesAndEscalatesEveryDueTaskInOneWriteEach) {
  // Ten orders waiting for a wave at 10:30.
  rules_.departments[0].release =
      ReleasePolicy{.kind = ReleaseKind::kWaves, .waves = {minutes{10 * 60 + 30}}};
  for (int i = 0; i < 10; ++i) PlaceHandingOn({{pen_, 1}}, At(0));
  EXPECT_EQ(Round(At(0)).released, 0);

  std::int64_t before = Writes();
  EXPECT_EQ(Round(At(30)).released, 10);
  EXPECT_EQ(Writes() - before, 1);
  EXPECT_EQ(Count(stores_.path(),
                  "SELECT count(*) FROM fulfillment_tasks WHERE state = "
                  "'released' AND released_at IS NOT NULL AND escalate_at IS NOT NULL"),
            10);
  EXPECT_EQ(Events("order.released"), 10);

  // Nobody acknowledges them in 30 working minutes: all escalated in one write.
  before = Writes();
  EXPECT_EQ(Round(At(59)).escalated, 0);
  EXPECT_EQ(Writes(), before);
  EXPECT_EQ(Round(At(60)).escalated, 10);
  EXPECT_EQ(Writes() - before, 1);
  EXPECT_EQ(Events("task.escalated"), 10);
  before = Writes();
  EXPECT_EQ(Round(At(61)).escalated, 0);
  EXPECT_EQ(Writes(), before);
}

TEST_F(SqliteFulfillmentStoreTest, TwoSchedulersOnTwoConnectionsReleaseEveryTaskOnce) {
  for (int i = 0; i < 40; ++i) Place({{pen_, 1}, {setup_, 1}});
  // A second server process on the same file: its own database, writer and store.
  auto other_database = Database::Open({.path = stores_.path()});
  ASSERT_TRUE(other_database.has_value());
  SqliteFulfillmentStore other_store(**other_database);
  FulfillmentScheduler other(other_store, stores_.orders(), rules_, zones_);

  std::latch start(2);
  std::atomic<int> released{0};
  std::atomic<int> planned{0};
  const auto run = [&](FulfillmentScheduler& scheduler) {
    start.arrive_and_wait();
    for (int round = 0; round < 3; ++round) {
      auto result = scheduler.Round(At(1));
      ASSERT_TRUE(result.has_value()) << result.error().message;
      released += result->released;
      planned += result->planned;
    }
  };
  std::thread first([&] { run(*scheduler_); });
  std::thread second([&] { run(other); });
  first.join();
  second.join();

  EXPECT_EQ(Count(stores_.path(), "SELECT count(*) FROM fulfillment_tasks"), 80);
  EXPECT_EQ(released.load(), 80);
  EXPECT_EQ(Events("order.released"), 80);
  EXPECT_EQ(
      Count(stores_.path(), "SELECT count(*) FROM fulfillment_tasks WHERE state = 'released'"), 80);
  EXPECT_EQ(Count(stores_.path(), "SELECT count(*) FROM order_events WHERE kind = 'released'"), 80);
}

TEST_F(SqliteFulfillmentStoreTest, ARestartInTheMiddleOfAWaveReleasesEveryDueTaskOnce) {
  std::vector<OrderNumber> numbers;
  for (int i = 0; i < 10; ++i) numbers.push_back(Place({{pen_, 1}}, At(0)));
  // Planned with a wave at 10:30, then the server stops after releasing four of them.
  const std::vector<DueFulfillment> pending = store_->PendingPlans(100).value();
  for (const DueFulfillment& due : pending) {
    auto tasks = PlannedTasks(stores_.orders().FindByNumber(due.order).value(), rules_, zones_);
    for (NewTask& task : tasks) task.release_at = At(30);
    ASSERT_TRUE(store_->Plan(due, tasks, {}, At(0)).has_value());
  }
  auto due = store_->DueForRelease(At(30), 100).value();
  ASSERT_EQ(due.size(), 10u);
  std::vector<TaskRelease> first_four;
  for (int i = 0; i < 4; ++i) first_four.push_back({.task_id = due[i].id, .escalate_at = At(60)});
  ASSERT_EQ(store_->Release(first_four, At(30)).value().size(), 4u);

  // Down through the wave; up again at 11:00: what was missed is released at the start.
  Reopen();
  EXPECT_EQ(Round(At(60)).released, 6);
  EXPECT_EQ(Round(At(61)).released, 0);

  EXPECT_EQ(Events("order.released"), 10);
  for (const OrderNumber& number : numbers) {
    EXPECT_EQ(OnlyTask(number).state, TaskState::kReleased) << number.value;
  }
  // A release of a task released already changes nothing.
  EXPECT_TRUE(
      store_->Release({{.task_id = due[0].id, .escalate_at = At(90)}}, At(62)).value().empty());
  EXPECT_EQ(Events("order.released"), 10);
}

TEST_F(SqliteFulfillmentStoreTest, OfManyWorkersClaimingATaskExactlyOneWins) {
  const OrderNumber number = Place({{pen_, 2}});
  Round(At(0));
  const std::int64_t id = OnlyTask(number).id;

  constexpr int kWorkers = 8;
  std::latch start(kWorkers);
  std::atomic<int> won{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < kWorkers; ++i) {
    workers.emplace_back([&, i] {
      start.arrive_and_wait();
      auto claim = store_->Claim(id, "worker" + std::to_string(i), At(1), At(11));
      if (claim) {
        ++won;
      } else if (claim.error().code == ErrorCode::kConflict &&
                 claim.error().fields.at(0).path == "claimed_by") {
        ++refused;
      }
    });
  }
  for (std::thread& worker : workers) worker.join();

  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(refused.load(), kWorkers - 1);
  const FulfillmentTask task = store_->Find(id).value();
  EXPECT_EQ(task.state, TaskState::kInProgress);
  EXPECT_EQ(task.acknowledged_by, task.claimed_by);
  EXPECT_EQ(Events("task.acknowledged"), 1);
  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kInProgress);
}

TEST_F(SqliteFulfillmentStoreTest, AnExpiredLeaseReturnsTheTaskAndARenewalKeepsIt) {
  const OrderNumber number = Place({{pen_, 2}});
  Round(At(0));
  const std::int64_t id = OnlyTask(number).id;

  auto claimed = desk_->Claim(id, "franco", At(1));
  ASSERT_TRUE(claimed.has_value());
  EXPECT_EQ(claimed->lease_until, At(11));
  // Renewed while working: the lease runs from the renewal.
  auto renewed = desk_->Claim(id, "franco", At(8));
  ASSERT_TRUE(renewed.has_value());
  EXPECT_EQ(renewed->lease_until, At(18));
  EXPECT_EQ(Round(At(12)).expired, 0);
  EXPECT_EQ(desk_->Claim(id, "gina", At(12)).error().code, ErrorCode::kConflict);

  EXPECT_EQ(Round(At(19)).expired, 1);
  const FulfillmentTask returned = store_->Find(id).value();
  EXPECT_EQ(returned.claimed_by, "");
  EXPECT_FALSE(returned.lease_until.has_value());
  EXPECT_EQ(returned.acknowledged_by, "franco");  // Acknowledged stays acknowledged.
  ASSERT_EQ(store_->Queue("warehouse", 10).value().size(), 1u);
  auto taken = desk_->Claim(id, "gina", At(20));
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->claimed_by, "gina");
  // Giving a claim back is for its holder.
  EXPECT_EQ(store_->Unclaim(id, "franco", At(21)).error().fields.at(0).path, "claimed_by");
  EXPECT_EQ(store_->Unclaim(id, "gina", At(21)).value().claimed_by, "");
}

TEST_F(SqliteFulfillmentStoreTest, ShipsPartlyWithABackorderThenTheRest) {
  const OrderNumber number = Place({{pen_, 10}});
  Round(At(0));
  const std::int64_t id = OnlyTask(number).id;
  ASSERT_TRUE(desk_->Claim(id, "franco", At(1)).has_value());

  auto picked = store_->RecordPicks(id, "franco", {{.line_no = 1, .quantity = 6}}, At(2));
  ASSERT_TRUE(picked.has_value()) << picked.error().message;
  EXPECT_EQ(picked->lines[0].picked, 6);
  auto first = desk_->Ship(
      id,
      Shipment{
          .carrier = "BRT", .tracking_number = "T1", .shipped_by = "franco", .shipped_at = At(3)},
      Key("ship-1"), nullptr);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->state, TaskState::kPartlyShipped);
  EXPECT_EQ(first->lines[0].shipped, 6);
  EXPECT_EQ(first->lines[0].picked, 0);
  EXPECT_EQ(first->lines[0].backordered, 4);
  ASSERT_EQ(first->shipments.size(), 1u);
  EXPECT_EQ(first->shipments[0].lines, (std::vector<Shipment::Line>{{1, 6}}));
  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kPartlyShipped);
  nlohmann::json payload = LastPayload("order.shipped");
  EXPECT_EQ(payload["carrier"], "BRT");
  EXPECT_EQ(payload["tracking_number"], "T1");
  EXPECT_EQ(payload["lines"][0]["quantity"], 6);
  EXPECT_EQ(payload["order_status"], "partly_shipped");

  // The same request again is a replay; the same key with another request is refused.
  auto replay = desk_->Ship(
      id,
      Shipment{
          .carrier = "BRT", .tracking_number = "T1", .shipped_by = "franco", .shipped_at = At(3)},
      Key("ship-1"), nullptr);
  ASSERT_TRUE(replay.has_value());
  EXPECT_EQ(replay->shipments.size(), 1u);
  EXPECT_EQ(desk_
                ->Ship(id,
                       Shipment{.carrier = "X",
                                .tracking_number = "Y",
                                .shipped_by = "franco",
                                .shipped_at = At(3)},
                       Key("ship-1", "other"), nullptr)
                .error()
                .code,
            ErrorCode::kInvalidInput);

  // The backorder arrives: the rest is picked and shipped.
  ASSERT_TRUE(store_->RecordPicks(id, "franco", {{.line_no = 1, .quantity = 4}}, At(4)));
  auto rest = desk_->Ship(
      id,
      Shipment{
          .carrier = "BRT", .tracking_number = "T2", .shipped_by = "franco", .shipped_at = At(5)},
      Key("ship-2"), nullptr);
  ASSERT_TRUE(rest.has_value()) << rest.error().message;
  EXPECT_EQ(rest->state, TaskState::kShipped);
  EXPECT_EQ(rest->lines[0].shipped, 10);
  EXPECT_EQ(rest->lines[0].backordered, 0);
  EXPECT_EQ(rest->finished_at, At(5));
  EXPECT_EQ(rest->claimed_by, "");
  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kShipped);
  EXPECT_EQ(Events("order.shipped"), 2);
  EXPECT_EQ(HistoryKinds(number),
            (std::vector{OrderEventKind::kPlaced, OrderEventKind::kReleased,
                         OrderEventKind::kAcknowledged, OrderEventKind::kShipped,
                         OrderEventKind::kShipped}));
  // Nothing is left to ship.
  EXPECT_EQ(desk_
                ->Ship(id,
                       Shipment{.carrier = "BRT",
                                .tracking_number = "T3",
                                .shipped_by = "franco",
                                .shipped_at = At(6)},
                       Key("ship-3"), nullptr)
                .error()
                .fields.at(0)
                .path,
            "state");
}

TEST_F(SqliteFulfillmentStoreTest, PicksAndShipmentsNeedTheClaimAndValidQuantities) {
  const OrderNumber number = Place({{pen_, 5}});
  Round(At(0));
  const std::int64_t id = OnlyTask(number).id;

  EXPECT_EQ(store_->RecordPicks(id, "franco", {{1, 1}}, At(1)).error().fields.at(0).path,
            "claimed_by");
  ASSERT_TRUE(desk_->Claim(id, "franco", At(1)).has_value());
  auto wrong = store_->RecordPicks(id, "franco", {{1, 6}, {7, 1}}, At(2));
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(wrong.error().fields.size(), 2u);
  EXPECT_EQ(wrong.error().fields[0].path, "lines[0].quantity");
  EXPECT_EQ(wrong.error().fields[1].path, "lines[1].line_no");
  auto nothing = desk_->Ship(
      id,
      Shipment{
          .carrier = "BRT", .tracking_number = "T", .shipped_by = "franco", .shipped_at = At(3)},
      Key("s"), nullptr);
  EXPECT_EQ(nothing.error().fields.at(0).path, "lines");
  auto blank = desk_->Ship(
      id,
      Shipment{.carrier = "", .tracking_number = "", .shipped_by = "franco", .shipped_at = At(3)},
      Key("b"), nullptr);
  ASSERT_EQ(blank.error().fields.size(), 2u);
  EXPECT_EQ(blank.error().fields[0].path, "carrier");
  EXPECT_EQ(blank.error().fields[1].path, "tracking_number");
  // A service department completes instead of shipping.
  EXPECT_EQ(desk_->Complete(id, "franco", At(3)).error().code, ErrorCode::kConflict);
}

TEST_F(SqliteFulfillmentStoreTest, AServiceTaskIsDoneAndAServicesOnlyOrderIsDone) {
  const OrderNumber number = Place({{setup_, 1}});
  Round(At(0));
  const std::int64_t id = OnlyTask(number).id;

  auto done = desk_->Complete(id, "tecnico", At(5));
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_EQ(done->state, TaskState::kDone);
  EXPECT_EQ(done->lines[0].shipped, 1);
  EXPECT_EQ(done->acknowledged_by, "tecnico");
  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kDone);
  EXPECT_EQ(LastPayload("task.done")["done_by"], "tecnico");
  EXPECT_EQ(LastPayload("task.done")["order_status"], "done");
}

TEST_F(SqliteFulfillmentStoreTest, AnUnpaidBankTransferIsHeldUntilTheHoldIsLifted) {
  const OrderNumber number = Place({{pen_, 1}}, At(0), PaymentType::kBankTransfer);
  Round(At(0));

  EXPECT_EQ(OnlyTask(number).state, TaskState::kHeld);
  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kPlaced);
  auto holds = store_->Holds(number).value();
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].kind, HoldKind::kPayment);
  EXPECT_EQ(LastPayload("order.held")["kind"], "payment");
  EXPECT_EQ(Round(At(100)).released, 0);

  // The address is to be checked too: lifting the payment hold leaves the task held.
  ASSERT_TRUE(store_->PlaceHold(number, Hold{.kind = HoldKind::kAddress,
                                             .reason = "check",
                                             .placed_by = "sara",
                                             .placed_at = At(110)}));
  EXPECT_EQ(store_
                ->PlaceHold(number, Hold{.kind = HoldKind::kAddress,
                                         .reason = "",
                                         .placed_by = "sara",
                                         .placed_at = At(111)})
                .error()
                .fields.at(0)
                .path,
            "kind");
  ASSERT_TRUE(desk_->LiftHold(number, HoldKind::kPayment, "sara", At(120)).has_value());
  EXPECT_EQ(OnlyTask(number).state, TaskState::kHeld);
  EXPECT_EQ(desk_->LiftHold(number, HoldKind::kPayment, "sara", At(121)).error().code,
            ErrorCode::kNotFound);
  // Its release time is computed from the moment the last hold is lifted: lifted at 21:00,
  // after the day's last wave, the task waits for the next morning's.
  rules_.departments[0].release =
      ReleasePolicy{.kind = ReleaseKind::kWaves, .waves = {minutes{9 * 60}, minutes{16 * 60 + 30}}};
  const Timestamp evening = At(11 * 60);
  auto lifted = desk_->LiftHold(number, HoldKind::kAddress, "sara", evening);
  ASSERT_TRUE(lifted.has_value()) << lifted.error().message;
  ASSERT_EQ(lifted->size(), 1u);
  EXPECT_EQ(lifted->front().state, TaskState::kScheduled);
  EXPECT_EQ(lifted->front().release_at, At(23 * 60));  // 09:00 the next day.
  EXPECT_EQ(Round(At(23 * 60 - 1)).released, 0);
  EXPECT_EQ(Round(At(23 * 60)).released, 1);
  EXPECT_EQ(Events("order.hold_lifted"), 2);
  // Once released, no hold.
  EXPECT_EQ(store_
                ->PlaceHold(number, Hold{.kind = HoldKind::kManual,
                                         .reason = "",
                                         .placed_by = "sara",
                                         .placed_at = At(24 * 60)})
                .error()
                .fields.at(0)
                .path,
            "state");
}

// Issue 13: a cancellation at the customer's request before release puts back what the
// placement took from stock; backordered units were never taken, and a second cancellation
// gives nothing more.
TEST_F(SqliteFulfillmentStoreTest, CancellingBeforeReleaseGivesBackTheStockThePlacementTook) {
  Item ink = Good("INK-1", 900);
  ink.track_stock = true;
  ink.stock_on_hand = 10;
  Item paper = Good("PAPER-1", 500);
  paper.track_stock = true;
  paper.stock_on_hand = 2;
  paper.backorder_policy = BackorderPolicy::kAllow;
  const Item ink_item = stores_.catalog().Create(ink, Key("ink"), nullptr).value();
  const Item paper_item = stores_.catalog().Create(paper, Key("paper"), nullptr).value();
  const auto stock = [&](const std::string& sku) {
    return Count(stores_.path(), "SELECT stock_on_hand FROM items WHERE sku = '" + sku + "'");
  };
  const OrderNumber number =
      Place({{ink_item, 3}, {paper_item, 5}, {pen_, 1}}, At(0), PaymentType::kBankTransfer);
  ASSERT_EQ(stock("INK-1"), 7);
  ASSERT_EQ(stock("PAPER-1"), 0);  // 2 taken, 3 backordered.

  ASSERT_TRUE(store_->Cancel(number, "sara", "customer called", At(1)).has_value());
  EXPECT_EQ(stock("INK-1"), 10);
  EXPECT_EQ(stock("PAPER-1"), 2);
  ASSERT_TRUE(store_->Cancel(number, "sara", "again", At(2)).has_value());
  EXPECT_EQ(stock("INK-1"), 10);
  EXPECT_EQ(stock("PAPER-1"), 2);
}

TEST_F(SqliteFulfillmentStoreTest, ASupervisorCancelsBeforeReleaseOnly) {
  const OrderNumber held = Place({{pen_, 1}}, At(0), PaymentType::kBankTransfer);
  const OrderNumber unplanned = Place({{pen_, 1}}, At(0));
  // Cancelled before the scheduler planned it: it gets no tasks.
  auto early = store_->Cancel(unplanned, "sara", "customer called", At(0));
  ASSERT_TRUE(early.has_value()) << early.error().message;
  Round(At(0));
  EXPECT_TRUE(store_->ForOrder(unplanned).value().empty());
  EXPECT_EQ(StatusOfOrder(unplanned), OrderStatus::kCancelled);

  auto cancelled = store_->Cancel(held, "sara", "duplicate order", At(5));
  ASSERT_TRUE(cancelled.has_value()) << cancelled.error().message;
  EXPECT_EQ(cancelled->at(0).state, TaskState::kCancelled);
  EXPECT_EQ(StatusOfOrder(held), OrderStatus::kCancelled);
  EXPECT_EQ(LastPayload("order.cancelled")["reason"], "duplicate order");
  ASSERT_TRUE(store_->Cancel(held, "sara", "again", At(6)).has_value());
  EXPECT_EQ(Events("order.cancelled"), 2);  // One per order.

  const OrderNumber released = Place({{pen_, 1}}, At(10));
  Round(At(10));
  auto late = store_->Cancel(released, "sara", "too late", At(11));
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(late.error().fields.at(0).path, "state");
  EXPECT_EQ(StatusOfOrder(released), OrderStatus::kReleased);
}

TEST_F(SqliteFulfillmentStoreTest, ATaskNobodyAcknowledgesIsEscalatedOnce) {
  const OrderNumber number = Place({{pen_, 1}}, At(0));
  const OrderNumber other = Place({{pen_, 1}}, At(0));
  Round(At(0));
  ASSERT_TRUE(store_->Acknowledge(OnlyTask(other).id, "franco", At(5)).has_value());

  EXPECT_EQ(Round(At(29)).escalated, 0);
  EXPECT_EQ(Round(At(30)).escalated, 1);
  EXPECT_EQ(Round(At(31)).escalated, 0);

  auto escalated = store_->Escalated().value();
  ASSERT_EQ(escalated.size(), 1u);
  EXPECT_EQ(escalated[0].order, number);
  EXPECT_EQ(escalated[0].escalated_at, At(30));
  EXPECT_EQ(Events("task.escalated"), 1);
  EXPECT_EQ(LastPayload("task.escalated")["escalated_at"], "2026-11-28T10:30:00Z");
  EXPECT_EQ(HistoryKinds(number).back(), OrderEventKind::kEscalated);
  // Acknowledged late, it leaves the supervisor's list; acknowledging again changes nothing.
  ASSERT_TRUE(store_->Acknowledge(escalated[0].id, "gina", At(40)).has_value());
  EXPECT_EQ(store_->Acknowledge(escalated[0].id, "other", At(41)).value().acknowledged_by, "gina");
  EXPECT_TRUE(store_->Escalated().value().empty());
  EXPECT_EQ(Events("task.acknowledged"), 2);
}

TEST_F(SqliteFulfillmentStoreTest, StatisticsCountAndTimeEachDepartment) {
  const OrderNumber first = Place({{pen_, 1}}, At(0));
  const OrderNumber second = Place({{pen_, 1}, {setup_, 1}}, At(0));
  Place({{pen_, 1}}, At(0), PaymentType::kBankTransfer);
  Round(At(0));
  const std::int64_t a = OnlyTask(first).id;
  ASSERT_TRUE(desk_->Claim(a, "franco", At(4)).has_value());
  ASSERT_TRUE(store_->RecordPicks(a, "franco", {{1, 1}}, At(5)));
  ASSERT_TRUE(desk_->Ship(
      a,
      Shipment{
          .carrier = "BRT", .tracking_number = "1", .shipped_by = "franco", .shipped_at = At(10)},
      Key("a"), nullptr));
  const std::int64_t b = store_->ForOrder(second).value()[0].id;
  ASSERT_TRUE(store_->Acknowledge(b, "gina", At(8)).has_value());

  auto stats = store_->Stats(At(-60));
  ASSERT_TRUE(stats.has_value()) << stats.error().message;
  ASSERT_EQ(stats->size(), 2u);
  const DepartmentStats& services = (*stats)[0];
  EXPECT_EQ(services.department, "services");
  EXPECT_EQ(services.queued, 1);
  EXPECT_EQ(services.acknowledged_count, 0);
  EXPECT_FALSE(services.mean_time_in_queue.has_value());
  const DepartmentStats& warehouse = (*stats)[1];
  EXPECT_EQ(warehouse.department, "warehouse");
  EXPECT_EQ(warehouse.scheduled, 1);  // The held one.
  EXPECT_EQ(warehouse.queued, 0);
  EXPECT_EQ(warehouse.in_progress, 1);
  EXPECT_EQ(warehouse.acknowledged_count, 2);
  EXPECT_EQ(warehouse.mean_time_in_queue, minutes{6});  // 4 and 8 minutes.
  EXPECT_EQ(warehouse.dispatched_count, 1);
  EXPECT_EQ(warehouse.mean_time_to_dispatch, minutes{10});
  // Only tasks released since `since` are timed.
  EXPECT_EQ(store_->Stats(At(1)).value()[1].acknowledged_count, 0);
}

TEST_F(SqliteFulfillmentStoreTest, TheOrderReadBackReportsItsCurrentStatus) {
  const OrderNumber number = Place({{pen_, 1}}, At(0));
  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kPlaced);
  Round(At(0));

  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kReleased);
  OrderQuery query;
  query.status = OrderStatus::kReleased;
  auto listed = stores_.orders().List(query, 10, "");
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->entries.size(), 1u);
  EXPECT_EQ(listed->entries[0].status, OrderStatus::kReleased);
  Reopen();
  EXPECT_EQ(StatusOfOrder(number), OrderStatus::kReleased);
}

TEST_F(SqliteFulfillmentStoreTest, AnOrderThatCannotBeReadHoldsBackNoOther) {
  const OrderNumber broken = Place({{pen_, 1}}, At(0));
  const OrderNumber fine = Place({{pen_, 1}}, At(0));
  {
    // A damaged file: the schema itself never lets an order's snapshot change.
    SQLite::Database database(stores_.path(), SQLite::OPEN_READWRITE);
    database.exec("DROP TRIGGER IF EXISTS orders_snapshot_never_changes");
    database.exec("UPDATE orders SET snapshot = '{}' WHERE number = '" + broken.value + "'");
  }

  auto round = scheduler_->Round(At(0));

  ASSERT_FALSE(round.has_value());
  EXPECT_EQ(round.error().code, ErrorCode::kInternal);
  EXPECT_EQ(OnlyTask(fine).state, TaskState::kReleased);
  EXPECT_TRUE(store_->ForOrder(broken).value().empty());
  ASSERT_EQ(store_->PendingPlans(10).value().size(), 1u);  // Tried again next round.
}

TEST_F(SqliteFulfillmentStoreTest, UnknownTasksAndOrdersAreNotFound) {
  EXPECT_EQ(store_->Find(99).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ForOrder(OrderNumber{"2026-999999"}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->Claim(99, "x", At(0), At(1)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->Cancel(OrderNumber{"2026-999999"}, "x", "", At(0)).error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace commesso::sqlite
