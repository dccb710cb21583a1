#include "core/fulfillment.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/printers.h"

namespace commesso {
namespace {

using std::chrono::minutes;
using testing::ElementsAre;
using testing::Field;
using testing::IsEmpty;

// The contract's string members have no default member initializers, so the tests build
// these with assignments rather than designated initializers.
RoutingRule Rule(std::string department, std::optional<ItemKind> kind, std::string sku_prefix,
                 std::string method, std::vector<std::string> countries) {
  RoutingRule rule;
  rule.kind = kind;
  rule.sku_prefix = std::move(sku_prefix);
  rule.shipping_method = std::move(method);
  rule.countries = std::move(countries);
  rule.department = std::move(department);
  return rule;
}

FulfillmentTask Task(std::int64_t id, std::string order, std::string department, TaskState state) {
  FulfillmentTask task;
  task.id = id;
  task.order = OrderNumber{std::move(order)};
  task.department = std::move(department);
  task.state = state;
  return task;
}

TaskLine PickLine(int line_no, std::string sku, std::int64_t quantity, std::int64_t backordered = 0,
                  std::int64_t shipped = 0) {
  TaskLine line;
  line.line_no = line_no;
  line.sku = std::move(sku);
  line.unit = "piece";
  line.quantity = quantity;
  line.backordered = backordered;
  line.shipped = shipped;
  return line;
}

Department MakeDepartment(std::string code) {
  return Department{.code = code, .name = {code + " it", code + " en"}, .time_zone = "Europe/Rome"};
}

// Warehouse by default; services by kind; a freight desk by method; Swiss goods to a
// customs desk; "PRM-" items to the print room.
FulfillmentRules Rules() {
  FulfillmentRules rules;
  for (const char* code : {"warehouse", "services", "freight", "customs", "print"}) {
    rules.departments.push_back(MakeDepartment(code));
  }
  rules.routing = {
      Rule("services", ItemKind::kService, "", "", {}),
      Rule("print", std::nullopt, "PRM-", "", {}),
      Rule("freight", std::nullopt, "", "freight", {}),
      Rule("customs", std::nullopt, "", "", {"CH", "LI"}),
  };
  rules.default_department = "warehouse";
  return rules;
}

PricedLine Line(std::string sku, ItemKind kind = ItemKind::kGood, std::int64_t quantity = 1) {
  PricedLine line;
  line.item.sku = std::move(sku);
  line.item.name = {line.item.sku + " it", line.item.sku + " en"};
  line.item.kind = kind;
  line.item.unit = "piece";
  line.quantity = quantity;
  return line;
}

Order MakeOrder(std::vector<PricedLine> lines, std::string method = "courier",
                std::string country = "IT") {
  Order order;
  order.priced.lines = std::move(lines);
  order.priced.shipping.method = std::move(method);
  order.billing_address.country = "IT";
  order.shipping_address = Address{};
  order.shipping_address->country = std::move(country);
  return order;
}

std::vector<std::string> Departments(const std::vector<TaskPlan>& plans) {
  std::vector<std::string> codes;
  for (const TaskPlan& plan : plans) codes.push_back(plan.department);
  return codes;
}

std::vector<int> LineNumbers(const TaskPlan& plan) {
  std::vector<int> numbers;
  for (const TaskLine& line : plan.lines) numbers.push_back(line.line_no);
  return numbers;
}

// ---- Split ------------------------------------------------------------------------------

TEST(FulfillmentSplitTest, GroupsLinesByDepartmentInOrderOfFirstLine) {
  PricedLine pens = Line("PEN-1", ItemKind::kGood, 5);
  pens.backordered = 2;
  const Order order = MakeOrder({Line("SRV-INSTALL", ItemKind::kService), pens, Line("PRM-CARD"),
                                 Line("PAPER-A4"), Line("SRV-TRAIN", ItemKind::kService)});

  const std::vector<TaskPlan> plans = Split(order, Rules());

  EXPECT_THAT(Departments(plans), ElementsAre("services", "warehouse", "print"));
  EXPECT_THAT(LineNumbers(plans[0]), ElementsAre(1, 5));
  EXPECT_THAT(LineNumbers(plans[1]), ElementsAre(2, 4));
  EXPECT_THAT(LineNumbers(plans[2]), ElementsAre(3));
  const TaskLine& line = plans[1].lines[0];
  EXPECT_EQ(line.sku, "PEN-1");
  EXPECT_EQ(line.name.en, "PEN-1 en");
  EXPECT_EQ(line.unit, "piece");
  EXPECT_EQ(line.quantity, 5);
  EXPECT_EQ(line.backordered, 2);
  EXPECT_EQ(line.picked, 0);
}

TEST(FulfillmentSplitTest, FirstRuleThatHoldsWins) {
  // A service sent by freight is still a service: the kind rule comes first.
  const Order order =
      MakeOrder({Line("SRV-1", ItemKind::kService), Line("PAPER-A4")}, "freight", "CH");

  EXPECT_THAT(Departments(Split(order, Rules())), ElementsAre("services", "freight"));
}

TEST(FulfillmentSplitTest, CountriesUseTheShippingAddressElseTheBilling) {
  Order shipped_to_swiss = MakeOrder({Line("PAPER-A4")}, "courier", "CH");
  EXPECT_THAT(Departments(Split(shipped_to_swiss, Rules())), ElementsAre("customs"));

  Order billed_in_swiss = MakeOrder({Line("PAPER-A4")}, "pickup");
  billed_in_swiss.shipping_address.reset();
  billed_in_swiss.billing_address.country = "LI";
  EXPECT_THAT(Departments(Split(billed_in_swiss, Rules())), ElementsAre("customs"));

  billed_in_swiss.billing_address.country = "IT";
  EXPECT_THAT(Departments(Split(billed_in_swiss, Rules())), ElementsAre("warehouse"));
}

TEST(FulfillmentSplitTest, EveryConditionOfARuleMustHold) {
  FulfillmentRules rules = Rules();
  rules.routing = {Rule("freight", ItemKind::kGood, "PAP", "freight", {"DE"})};

  EXPECT_THAT(Departments(Split(MakeOrder({Line("PAPER")}, "freight", "DE"), rules)),
              ElementsAre("freight"));
  EXPECT_THAT(Departments(Split(MakeOrder({Line("PAPER")}, "courier", "DE"), rules)),
              ElementsAre("warehouse"));
  EXPECT_THAT(Departments(Split(MakeOrder({Line("PEN")}, "freight", "DE"), rules)),
              ElementsAre("warehouse"));
  EXPECT_THAT(Departments(Split(MakeOrder({Line("PAPER")}, "freight", "FR"), rules)),
              ElementsAre("warehouse"));
}

TEST(FulfillmentSplitTest, CategoriesMatchAnyOfTheListedOnes) {
  FulfillmentRules rules = Rules();
  RoutingRule supplies = Rule("print", std::nullopt, "", "", {});
  supplies.categories = {"toner", "ink"};
  rules.routing = {supplies};
  PricedLine toner = Line("TN-1");
  toner.item.category = "toner";
  PricedLine ink = Line("INK-1");
  ink.item.category = "ink";
  PricedLine paper = Line("A4");
  paper.item.category = "paper";
  PricedLine loose = Line("MISC");  // No category: no categories rule holds for it.

  const std::vector<TaskPlan> plans = Split(MakeOrder({paper, toner, loose, ink}), rules);

  EXPECT_THAT(Departments(plans), ElementsAre("warehouse", "print"));
  EXPECT_THAT(LineNumbers(plans[0]), ElementsAre(1, 3));
  EXPECT_THAT(LineNumbers(plans[1]), ElementsAre(2, 4));
}

TEST(FulfillmentSplitTest, ACategoryIsOneConditionAmongTheOthers) {
  FulfillmentRules rules = Rules();
  RoutingRule abroad = Rule("customs", ItemKind::kGood, "", "", {"CH"});
  abroad.categories = {"toner"};
  rules.routing = {abroad};
  PricedLine toner = Line("TN-1");
  toner.item.category = "toner";

  EXPECT_THAT(Departments(Split(MakeOrder({toner}, "courier", "CH"), rules)),
              ElementsAre("customs"));
  EXPECT_THAT(Departments(Split(MakeOrder({toner}, "courier", "IT"), rules)),
              ElementsAre("warehouse"));
}

TEST(FulfillmentSplitTest, AnOrderWithoutLinesHasNoPlans) {
  EXPECT_THAT(Split(MakeOrder({}), Rules()), IsEmpty());
}

// ---- Validate ---------------------------------------------------------------------------

TEST(FulfillmentValidateTest, AcceptsSoundRules) {
  FulfillmentRules rules = Rules();
  rules.departments[2].release = {.kind = ReleaseKind::kWaves,
                                  .waves = {minutes{540}, minutes{780}, minutes{990}}};
  rules.departments[0].release = {.kind = ReleaseKind::kCutOff};
  rules.holidays = {std::chrono::year{2026} / 12 / 25};

  EXPECT_TRUE(Validate(rules));
}

TEST(FulfillmentValidateTest, NamesEveryProblemByItsConfigurationPath) {
  FulfillmentRules rules = Rules();
  rules.departments[1].code = "Services!";
  rules.departments[2].code = "warehouse";
  rules.departments[2].release = {.kind = ReleaseKind::kWaves,
                                  .waves = {minutes{780}, minutes{540}}};
  rules.departments[3].opens = minutes{18 * 60};
  rules.departments[3].working_days = {};
  rules.departments[4].escalate_after = minutes{0};
  rules.departments[4].time_zone = "";
  rules.routing[0].department = "nowhere";
  rules.routing[3].countries = {"ch"};
  rules.routing[3].categories = {"toner", "", "Toner"};
  rules.default_department = "";
  rules.holidays = {std::chrono::year{2026} / 2 / 30};

  auto result = Validate(rules);

  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  std::vector<std::string> paths;
  for (const FieldError& field : result.error().fields) paths.push_back(field.path);
  EXPECT_THAT(
      paths,
      ElementsAre("fulfillment.departments[1].code", "fulfillment.departments[2].waves[1]",
                  "fulfillment.departments[2].code", "fulfillment.departments[3].working_days",
                  "fulfillment.departments[3].closes", "fulfillment.departments[4].time_zone",
                  "fulfillment.departments[4].escalate_after_minutes",
                  "fulfillment.routing[0].department", "fulfillment.routing[2].department",
                  "fulfillment.routing[3].countries[0]", "fulfillment.routing[3].categories[1]",
                  "fulfillment.routing[3].categories[2]", "fulfillment.default_department",
                  "fulfillment.holidays[0]"));
}

TEST(FulfillmentValidateTest, NeedsADepartment) {
  auto result = Validate(FulfillmentRules{.default_department = "warehouse"});

  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().fields,
              ElementsAre(Field(&FieldError::path, "fulfillment.departments"),
                          Field(&FieldError::path, "fulfillment.default_department")));
}

TEST(FulfillmentValidateTest, AWavePolicyNeedsAWave) {
  FulfillmentRules rules = Rules();
  rules.departments[0].release = {.kind = ReleaseKind::kWaves};

  auto result = Validate(rules);

  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().fields,
              ElementsAre(Field(&FieldError::path, "fulfillment.departments[0].waves")));
}

// ---- StatusOf ---------------------------------------------------------------------------

std::vector<FulfillmentTask> Tasks(std::initializer_list<TaskState> states) {
  std::vector<FulfillmentTask> tasks;
  for (TaskState state : states) tasks.push_back(Task(1, "2026-000001", "warehouse", state));
  return tasks;
}

TEST(FulfillmentStatusTest, FollowsTheTasks) {
  using S = TaskState;
  EXPECT_EQ(StatusOf({}), OrderStatus::kPlaced);
  EXPECT_EQ(StatusOf(Tasks({S::kScheduled, S::kHeld})), OrderStatus::kPlaced);
  EXPECT_EQ(StatusOf(Tasks({S::kScheduled, S::kReleased})), OrderStatus::kReleased);
  EXPECT_EQ(StatusOf(Tasks({S::kReleased, S::kInProgress})), OrderStatus::kInProgress);
  EXPECT_EQ(StatusOf(Tasks({S::kScheduled, S::kDone})), OrderStatus::kInProgress);
  EXPECT_EQ(StatusOf(Tasks({S::kReleased, S::kPartlyShipped})), OrderStatus::kPartlyShipped);
  EXPECT_EQ(StatusOf(Tasks({S::kShipped, S::kScheduled})), OrderStatus::kPartlyShipped);
  EXPECT_EQ(StatusOf(Tasks({S::kShipped, S::kDone})), OrderStatus::kShipped);
  EXPECT_EQ(StatusOf(Tasks({S::kShipped})), OrderStatus::kShipped);
  EXPECT_EQ(StatusOf(Tasks({S::kDone, S::kDone})), OrderStatus::kDone);
  EXPECT_EQ(StatusOf(Tasks({S::kCancelled, S::kCancelled})), OrderStatus::kCancelled);
  EXPECT_EQ(StatusOf(Tasks({S::kCancelled, S::kShipped})), OrderStatus::kShipped);
}

TEST(FulfillmentStatusTest, AfterAChangeFollowsTheTasksUnlessTheOrderWasCancelled) {
  using S = TaskState;
  const std::vector<FulfillmentTask> released = Tasks({S::kReleased, S::kScheduled});
  for (OrderStatus was : {OrderStatus::kPlaced, OrderStatus::kReleased, OrderStatus::kInProgress,
                          OrderStatus::kPartlyShipped, OrderStatus::kShipped, OrderStatus::kDone}) {
    EXPECT_EQ(StatusAfter(was, released), OrderStatus::kReleased) << Name(was);
    EXPECT_EQ(StatusAfter(was, {}), OrderStatus::kPlaced) << Name(was);
    EXPECT_EQ(StatusAfter(was, Tasks({S::kCancelled})), OrderStatus::kCancelled) << Name(was);
  }
  // Cancelled before it was planned (no tasks), or whatever its tasks say.
  EXPECT_EQ(StatusAfter(OrderStatus::kCancelled, {}), OrderStatus::kCancelled);
  EXPECT_EQ(StatusAfter(OrderStatus::kCancelled, released), OrderStatus::kCancelled);
}

// ---- PickListOf -------------------------------------------------------------------------

TEST(FulfillmentPickListTest, GroupsWhatIsStillToPickBySku) {
  FulfillmentTask first = Task(7, "2026-000041", "warehouse", TaskState::kReleased);
  first.lines = {PickLine(1, "PEN-1", 10, 3), PickLine(2, "SRV-1", 1), PickLine(3, "A4", 2)};
  first.lines[0].name = {"Penna", "Pen"};
  first.lines[1].kind = ItemKind::kService;
  first.lines[2].unit = "ream";
  FulfillmentTask second = Task(8, "2026-000042", "warehouse", TaskState::kPartlyShipped);
  second.lines = {PickLine(1, "PEN-1", 4, 0, 1), PickLine(2, "INK", 2, 0, 2)};
  FulfillmentTask elsewhere = Task(9, "2026-000043", "freight", TaskState::kReleased);
  elsewhere.lines = {PickLine(1, "A4", 50)};
  FulfillmentTask cancelled = Task(10, "2026-000044", "warehouse", TaskState::kCancelled);
  cancelled.lines = {PickLine(1, "A4", 50)};
  const Timestamp now{std::chrono::sys_days{std::chrono::year{2026} / 11 / 30}};

  const PickList list = PickListOf("warehouse", {first, second, elsewhere, cancelled}, {}, now);

  EXPECT_EQ(list.department, "warehouse");
  EXPECT_EQ(list.generated_at, now);
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.rows[0].sku, "A4");
  EXPECT_EQ(list.rows[0].unit, "ream");
  EXPECT_EQ(list.rows[0].total, 2);
  EXPECT_EQ(list.rows[1].sku, "PEN-1");
  EXPECT_EQ(list.rows[1].name.en, "Pen");
  EXPECT_EQ(list.rows[1].total, 10);
  EXPECT_THAT(list.rows[1].needs, ElementsAre(PickList::Need{OrderNumber{"2026-000041"}, 7, 1, 7},
                                              PickList::Need{OrderNumber{"2026-000042"}, 8, 1, 3}));
}

TEST(FulfillmentPickListTest, WalksTheLocationsInOrderAndLeavesTheUnknownLast) {
  FulfillmentTask task = Task(7, "2026-000041", "warehouse", TaskState::kReleased);
  for (const char* sku : {"ZETA", "PEN-1", "A4", "INK", "TONER", "CLIP", "BOX", "GLUE"}) {
    task.lines.push_back(PickLine(static_cast<int>(task.lines.size()) + 1, sku, 1));
  }
  const StorageLocations locations = {{"PEN-1", "A-10-1"}, {"A4", "A-9-2"},   {"INK", "A-09-1"},
                                      {"TONER", "B-01-1"}, {"CLIP", "A-9-2"}, {"BOX", "a-01-1"},
                                      {"OTHER", "A-01-1"}};

  const PickList list = PickListOf("warehouse", {task}, locations, Timestamp{});

  std::vector<std::string> order;
  for (const PickList::Row& row : list.rows) order.push_back(row.location + " " + row.sku);
  // Digits compare as numbers (9 before 10, 09 like 9); equal locations go by SKU; capitals
  // before small letters, as in ASCII; no location last, by SKU.
  EXPECT_THAT(order, ElementsAre("A-09-1 INK", "A-9-2 A4", "A-9-2 CLIP", "A-10-1 PEN-1",
                                 "B-01-1 TONER", "a-01-1 BOX", " GLUE", " ZETA"));
}

// ---- Names ------------------------------------------------------------------------------

TEST(FulfillmentNamesTest, RoundTrip) {
  for (ReleaseKind kind : {ReleaseKind::kImmediate, ReleaseKind::kWaves, ReleaseKind::kCutOff}) {
    EXPECT_EQ(ParseReleaseKind(Name(kind)), kind);
  }
  for (TaskState state :
       {TaskState::kScheduled, TaskState::kHeld, TaskState::kReleased, TaskState::kInProgress,
        TaskState::kPartlyShipped, TaskState::kShipped, TaskState::kDone, TaskState::kCancelled}) {
    EXPECT_EQ(ParseTaskState(Name(state)), state);
  }
  for (HoldKind kind : {HoldKind::kPayment, HoldKind::kManual, HoldKind::kAddress}) {
    EXPECT_EQ(ParseHoldKind(Name(kind)), kind);
  }
  EXPECT_STREQ(Name(ReleaseKind::kCutOff), "cut_off");
  EXPECT_STREQ(Name(TaskState::kInProgress), "in_progress");
  EXPECT_EQ(ParseHoldKind("Payment"), std::nullopt);
}

}  // namespace
}  // namespace commesso
