#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/ids.h"
#include "core/order.h"
#include "core/result.h"
#include "core/text.h"
#include "core/zone_rules.h"

// The hand-off of placed orders to the departments of the fulfillment chain: which
// department gets which lines (routing), when each department's task is released to its
// queue (release policies, working days, holidays, time zones), the promised dispatch date,
// and the tasks the departments work. Pure: no clock, no I/O. docs/fulfillment.md explains
// the rules with examples.
namespace commesso {

// A time of day on the wall clock, as minutes since midnight (0..1439): 14:00 is 840.
using TimeOfDay = std::chrono::minutes;

enum class ReleaseKind {
  kImmediate,  // Released the moment it is ready.
  kWaves,      // Released at the next wave: fixed local times on working days.
  kCutOff,     // Ready before the cut-off on a working day: released in that day's wave at
               // `release_at`; later (or on a closed day): in the next working day's wave.
};

struct ReleasePolicy {
  ReleaseKind kind = ReleaseKind::kImmediate;
  std::vector<TimeOfDay> waves{};  // kWaves: ascending, distinct, at least one.
  TimeOfDay cut_off{14 * 60};      // kCutOff: "before 14:00" means up to 13:59:59.999.
  TimeOfDay release_at{14 * 60};   // kCutOff: the day's wave; a task ready after it but
                                   // before the cut-off is released at once.
  friend bool operator==(const ReleasePolicy&, const ReleasePolicy&) = default;
};

// One department of the fulfillment chain, with its queue.
struct Department {
  std::string code{};  // "warehouse": 1..32 of [a-z0-9_-]; unique.
  LocalizedText name{};
  std::string time_zone{};  // IANA; the configuration fills in the business's when absent.
  // Working days, Monday first; public holidays (FulfillmentRules::holidays) are closed too.
  std::vector<std::chrono::weekday> working_days{std::chrono::Monday, std::chrono::Tuesday,
                                                 std::chrono::Wednesday, std::chrono::Thursday,
                                                 std::chrono::Friday};
  TimeOfDay opens{9 * 60};    // Working hours on working days, local; opens < closes.
  TimeOfDay closes{18 * 60};  // A task released at or after `closes` is dispatched on the
                              // next working day.
  ReleasePolicy release{};
  // A released task nobody acknowledged within this much working time (working hours of
  // working days only) is escalated.
  std::chrono::minutes escalate_after{60};
  // How long a claim holds unless renewed; an expired claim returns the task to the queue.
  std::chrono::seconds lease{15 * 60};
  // Goods departments ship (carrier and tracking number); service departments mark tasks done.
  bool ships = true;
  friend bool operator==(const Department&, const Department&) = default;
};

// One routing rule: every condition given must hold for a line (empty ones hold for any);
// rules are evaluated in order and the first that holds names the line's department.
struct RoutingRule {
  std::optional<ItemKind> kind{};
  std::string sku_prefix{};               // "SRV-": lines whose SKU starts with it.
  std::string shipping_method{};          // The order's method code; "pickup" for collection.
  std::vector<std::string> countries{};   // ISO 3166 alpha-2 codes of the destination: the
                                          // shipping address, else the billing address.
  std::vector<std::string> categories{};  // Product categories (Item::category), any of; a
                                          // line without a category matches none of them.
  std::string department{};
  friend bool operator==(const RoutingRule&, const RoutingRule&) = default;
};

// Everything the configuration says about fulfillment ([fulfillment], docs/configuration.md).
struct FulfillmentRules {
  std::vector<Department> departments{};
  std::vector<RoutingRule> routing{};
  std::string default_department{};  // Lines no rule routes; must be a department.
  std::vector<std::chrono::year_month_day> holidays{};  // Closed for every department.
  friend bool operator==(const FulfillmentRules&, const FulfillmentRules&) = default;
};

// Checks the rules: departments present with unique valid codes, every referenced
// department exists, waves ascending, opens < closes, working days not empty, positive
// durations. kInvalidInput with one FieldError per problem, paths as in the configuration
// ("fulfillment.departments[1].waves[0]").
Result<void> Validate(const FulfillmentRules& rules);

// The department named `code`, or nullptr.
const Department* FindDepartment(const FulfillmentRules& rules, std::string_view code);

// ---- Routing ----------------------------------------------------------------------------

// One order line as a department's task carries it.
struct TaskLine {
  int line_no = 0;  // 1-based position in the order.
  std::string sku{};
  LocalizedText name{};
  ItemKind kind = ItemKind::kGood;
  std::string unit{};
  std::int64_t quantity = 0;     // Ordered.
  std::int64_t backordered = 0;  // Not reserved from stock at placement, or left unshipped.
  std::int64_t picked = 0;       // Recorded by the department.
  std::int64_t shipped = 0;      // Sum of the task's shipments (or done, for services).
  friend bool operator==(const TaskLine&, const TaskLine&) = default;
};

// The lines one department gets from one order.
struct TaskPlan {
  std::string department{};
  std::vector<TaskLine> lines{};
  friend bool operator==(const TaskPlan&, const TaskPlan&) = default;
};

// Routes every line of `order` and groups them: one plan per department, in the order of the
// first line each department got; lines keep their order. The rules must be valid.
std::vector<TaskPlan> Split(const Order& order, const FulfillmentRules& rules);

// ---- Schedule ---------------------------------------------------------------------------

// Whether `department` works on `day` (a working weekday and not a holiday).
bool IsWorkingDay(const Department& department, const FulfillmentRules& rules,
                  std::chrono::year_month_day day);

// When a task of `department` that became ready at `ready` (placed, or its last hold lifted)
// is released, by the department's policy, in its zone: never before `ready`.
Timestamp ReleaseAt(const Department& department, const FulfillmentRules& rules,
                    const ZoneRules& zone, Timestamp ready);

// The local day a task of `department` released at `released` is dispatched: that day when it
// is a working day and the release is before `closes`, else the next working day.
std::chrono::year_month_day DispatchDay(const Department& department, const FulfillmentRules& rules,
                                        const ZoneRules& zone, Timestamp released);

// `amount` of working time after `from`: only the department's working hours on its working
// days count. Used for escalation.
Timestamp AddWorkingTime(const Department& department, const FulfillmentRules& rules,
                         const ZoneRules& zone, Timestamp from, std::chrono::minutes amount);

// The promised dispatch date of `order` placed at `placed`, told to the clerk at entry and
// printed on the receipt: the latest DispatchDay of its task plans, each released at
// ReleaseAt(placed). A hold pushes the real date later; the promise assumes none. Empty when
// the order has no lines to hand on.
std::optional<std::chrono::year_month_day> PromisedDispatch(const Order& order,
                                                            const FulfillmentRules& rules,
                                                            const ZoneDirectory& zones,
                                                            Timestamp placed);

// ---- Tasks ------------------------------------------------------------------------------

enum class TaskState {
  kScheduled,      // Waiting for its release time.
  kHeld,           // Waiting for its order's holds to be lifted.
  kReleased,       // In the department's queue, nobody working on it.
  kInProgress,     // Claimed or acknowledged.
  kPartlyShipped,  // Some of it shipped; the rest is backordered and ships later.
  kShipped,        // Everything shipped (goods departments).
  kDone,           // Completed (service departments).
  kCancelled,      // Cancelled with its order before release.
};

enum class HoldKind {
  kPayment,  // Payment not yet received (bank transfer): placed automatically.
  kManual,   // A supervisor's decision.
  kAddress,  // The address needs checking.
};

// A hold on an order: none of its tasks is released while one is active.
struct Hold {
  HoldKind kind = HoldKind::kManual;
  std::string reason{};
  std::string placed_by{};
  Timestamp placed_at{};
  std::optional<std::string> lifted_by{};
  std::optional<Timestamp> lifted_at{};
  friend bool operator==(const Hold&, const Hold&) = default;
};

// One shipment of (part of) a task.
struct Shipment {
  std::string carrier{};          // 1..64 characters.
  std::string tracking_number{};  // 1..64 characters.
  struct Line {
    int line_no = 0;
    std::int64_t quantity = 0;
    friend bool operator==(const Line&, const Line&) = default;
  };
  std::vector<Line> lines{};  // Empty: every picked quantity not yet shipped.
  std::string shipped_by{};
  Timestamp shipped_at{};
  friend bool operator==(const Shipment&, const Shipment&) = default;
};

// One department's part of one order.
struct FulfillmentTask {
  std::int64_t id = 0;
  OrderNumber order{};
  std::string department{};
  TaskState state = TaskState::kScheduled;
  std::vector<TaskLine> lines{};
  Timestamp created_at{};
  Timestamp release_at{};                   // Scheduled (recomputed when a hold is lifted).
  std::optional<Timestamp> released_at{};   // When it entered the queue.
  std::optional<Timestamp> escalate_at{};   // Set at release: AddWorkingTime(escalate_after).
  std::optional<Timestamp> escalated_at{};  // When it was flagged.
  std::string claimed_by{};                 // Empty: unclaimed.
  std::optional<Timestamp> lease_until{};
  std::string acknowledged_by{};
  std::optional<Timestamp> acknowledged_at{};
  std::vector<Shipment> shipments{};
  std::optional<Timestamp> finished_at{};  // Shipped in full, done or cancelled.
  friend bool operator==(const FulfillmentTask&, const FulfillmentTask&) = default;
};

// The order's status from its tasks' states: no tasks or all scheduled/held → placed; all
// cancelled → cancelled; all shipped/done → shipped (done when services only); some goods
// shipped → partly_shipped; any acknowledged, claimed or finished → in_progress; any
// released → released.
OrderStatus StatusOf(const std::vector<FulfillmentTask>& tasks);

// The order's status after a change to its tasks, `was` before it: StatusOf(tasks), except that
// a cancelled order stays cancelled (it may have been cancelled before it had any task). The
// one rule for every write of orders.status: the stores that read the tasks back, and the
// placement from the tasks it has just written.
OrderStatus StatusAfter(OrderStatus was, const std::vector<FulfillmentTask>& tasks);

// A pick list: what to take from the shelves for some tasks (one, or a wave of a
// department), grouped by SKU with the orders that need it, in walking order: by storage
// location, then SKU.
struct PickList {
  std::string department{};
  Timestamp generated_at{};
  struct Need {
    OrderNumber order{};
    std::int64_t task_id = 0;
    int line_no = 0;
    std::int64_t quantity = 0;  // Ordered, less backordered and already shipped.
    friend bool operator==(const Need&, const Need&) = default;
  };
  struct Row {
    std::string location{};  // Where the item is stored now (Item::location); empty: unknown.
    std::string sku{};
    LocalizedText name{};
    std::string unit{};
    std::int64_t total = 0;
    std::vector<Need> needs{};
    friend bool operator==(const Row&, const Row&) = default;
  };
  std::vector<Row> rows{};  // By location, then SKU; rows without a location last, by SKU.
  friend bool operator==(const PickList&, const PickList&) = default;
};

// SKU -> storage location, as the catalog says now (task lines keep no location: an item
// moved since the order was placed is picked where it is).
using StorageLocations = std::map<std::string, std::string, std::less<>>;

// Groups the still-to-pick quantities of `tasks` by SKU (services are not picked) and orders
// the rows by `locations` (a SKU absent from it has no location).
PickList PickListOf(std::string_view department, const std::vector<FulfillmentTask>& tasks,
                    const StorageLocations& locations, Timestamp now);

// The stable names used in JSON, SQL and configuration ("cut_off", "in_progress",
// "payment"), and their parsers (nothing for an unknown name).
const char* Name(ReleaseKind kind);
const char* Name(TaskState state);
const char* Name(HoldKind kind);
std::optional<ReleaseKind> ParseReleaseKind(std::string_view name);
std::optional<TaskState> ParseTaskState(std::string_view name);
std::optional<HoldKind> ParseHoldKind(std::string_view name);

}  // namespace commesso
