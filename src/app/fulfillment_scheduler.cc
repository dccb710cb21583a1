#include "app/fulfillment_scheduler.h"

#include <optional>
#include <utility>

namespace commesso {
namespace {

// Events planned per store call; a round takes as many batches as it needs.
constexpr int kBatch = 100;
// Tasks released per transaction: a round releases what is due in one write unless a wave
// holds more than this, which would hold the writer (and the placements) too long.
constexpr int kReleasesPerJob = 1000;

}  // namespace

Timestamp ReleaseTimeOf(const FulfillmentRules& rules, const ZoneDirectory& zones,
                        const std::string& department, Timestamp ready) {
  const Department* found = FindDepartment(rules, department);
  if (found == nullptr) return ready;
  return ReleaseAt(*found, rules, zones.Zone(found->time_zone), ready);
}

Timestamp EscalationTimeOf(const FulfillmentRules& rules, const ZoneDirectory& zones,
                           const std::string& department, Timestamp released) {
  const Department* found = FindDepartment(rules, department);
  if (found == nullptr) return released + std::chrono::hours{1};
  return AddWorkingTime(*found, rules, zones.Zone(found->time_zone), released,
                        found->escalate_after);
}

std::vector<NewTask> PlannedTasks(const Order& order, const FulfillmentRules& rules,
                                  const ZoneDirectory& zones) {
  std::vector<NewTask> tasks;
  for (TaskPlan& plan : Split(order, rules)) {
    const Timestamp at = ReleaseTimeOf(rules, zones, plan.department, order.placed_at);
    std::optional<Timestamp> escalate_at;
    if (at <= order.placed_at) {
      escalate_at = EscalationTimeOf(rules, zones, plan.department, order.placed_at);
    }
    tasks.push_back(NewTask{.plan = std::move(plan), .release_at = at, .escalate_at = escalate_at});
  }
  return tasks;
}

std::vector<Hold> PlannedHolds(const Order& order, Timestamp now) {
  std::vector<Hold> holds;
  if (order.payment.type == PaymentType::kBankTransfer &&
      order.payment.status == PaymentStatus::kPending) {
    holds.push_back(Hold{.kind = HoldKind::kPayment,
                         .reason = "bank transfer not yet received",
                         .placed_by = "scheduler",
                         .placed_at = now});
  }
  return holds;
}

FulfillmentScheduler::FulfillmentScheduler(FulfillmentStore& store, const OrderStore& orders,
                                           const FulfillmentRules& rules,
                                           const ZoneDirectory& zones)
    : store_(store), orders_(orders), rules_(rules), zones_(zones) {}

Result<void> FulfillmentScheduler::PlanPending(Timestamp now, SchedulerRound& round) {
  // An order that cannot be read (a bug) must not stop the others: it stays pending, is tried
  // again next round, and its error is the round's.
  std::optional<Error> skipped;
  while (true) {
    auto pending = store_.PendingPlans(kBatch);
    if (!pending) return Fail(pending.error());
    int planned = 0;
    for (const DueFulfillment& due : *pending) {
      auto order = orders_.FindByNumber(due.order);
      if (!order && order.error().code == ErrorCode::kUnavailable) return Fail(order.error());
      if (!order) {
        skipped = order.error();
        continue;
      }
      // Planned late (by an earlier version's placement): the tasks due by now are released
      // by this round's next step, from now, not from the placement.
      std::vector<NewTask> tasks = PlannedTasks(*order, rules_, zones_);
      for (NewTask& task : tasks) task.escalate_at.reset();
      auto made = store_.Plan(due, tasks, PlannedHolds(*order, now), now);
      if (!made) return Fail(made.error());
      ++planned;
      ++round.planned;
    }
    if (static_cast<int>(pending->size()) < kBatch || planned == 0) break;
  }
  if (skipped) return Fail(*std::move(skipped));
  return {};
}

Result<void> FulfillmentScheduler::ReleaseDue(Timestamp now, SchedulerRound& round) {
  while (true) {
    auto due = store_.DueForRelease(now, kReleasesPerJob);
    if (!due) return Fail(due.error());
    std::vector<TaskRelease> releases;
    releases.reserve(due->size());
    for (const FulfillmentTask& task : *due) {
      releases.push_back(
          TaskRelease{.task_id = task.id,
                      .escalate_at = EscalationTimeOf(rules_, zones_, task.department, now)});
    }
    auto released = store_.Release(releases, now);
    if (!released) return Fail(released.error());
    round.released += static_cast<int>(released->size());
    // Another scheduler took them: what is left is for its rounds too.
    if (static_cast<int>(due->size()) < kReleasesPerJob || released->empty()) return {};
  }
}

Result<SchedulerRound> FulfillmentScheduler::Round(Timestamp now) {
  SchedulerRound round;
  // An order that could not be planned does not hold back the releases of the others.
  auto planned = PlanPending(now, round);
  if (!planned && planned.error().code == ErrorCode::kUnavailable) return Fail(planned.error());
  if (auto released = ReleaseDue(now, round); !released) return Fail(released.error());
  auto expired = store_.ExpireLeases(now);
  if (!expired) return Fail(expired.error());
  round.expired = *expired;
  auto escalated = store_.Escalate(now);
  if (!escalated) return Fail(escalated.error());
  round.escalated = static_cast<int>(escalated->size());
  if (!planned) return Fail(planned.error());
  return round;
}

FulfillmentDesk::FulfillmentDesk(FulfillmentStore& store, const FulfillmentRules& rules,
                                 const ZoneDirectory& zones)
    : store_(store), rules_(rules), zones_(zones) {}

Result<FulfillmentTask> FulfillmentDesk::Claim(std::int64_t task_id, const std::string& who,
                                               Timestamp now) {
  auto task = store_.Find(task_id);
  if (!task) return Fail(task.error());
  const Department* department = FindDepartment(rules_, task->department);
  const std::chrono::seconds lease =
      department != nullptr ? department->lease : std::chrono::minutes{15};
  return store_.Claim(task_id, who, now, now + lease);
}

Result<std::vector<FulfillmentTask>> FulfillmentDesk::LiftHold(const OrderNumber& number,
                                                               HoldKind kind,
                                                               const std::string& who,
                                                               Timestamp now) {
  auto tasks = store_.ForOrder(number);
  if (!tasks) return Fail(tasks.error());
  std::vector<std::pair<std::string, Timestamp>> release_at;
  for (const FulfillmentTask& task : *tasks) {
    bool known = false;
    for (const auto& [department, at] : release_at) known = known || department == task.department;
    if (!known) {
      release_at.emplace_back(task.department, ReleaseTimeOf(rules_, zones_, task.department, now));
    }
  }
  return store_.LiftHold(number, kind, who, now, release_at);
}

namespace {

Error WrongKind(const FulfillmentTask& task, bool ships) {
  return Error{
      .code = ErrorCode::kConflict,
      .message = "The department " + task.department +
                 (ships ? " ships its tasks: record a shipment."
                        : " provides services: mark its tasks done."),
      .fields = {{"state", ships ? "the department ships" : "the department does not ship"}}};
}

}  // namespace

Result<FulfillmentTask> FulfillmentDesk::Complete(std::int64_t task_id, const std::string& who,
                                                  Timestamp now) {
  auto task = store_.Find(task_id);
  if (!task) return Fail(task.error());
  const Department* department = FindDepartment(rules_, task->department);
  if (department != nullptr && department->ships) return Fail(WrongKind(*task, true));
  return store_.Complete(task_id, who, now);
}

Result<FulfillmentTask> FulfillmentDesk::Ship(std::int64_t task_id, const Shipment& shipment,
                                              const IdempotencyKey& key,
                                              KeptAnswer<FulfillmentTask>* answer) {
  auto task = store_.Find(task_id);
  if (!task) return Fail(task.error());
  const Department* department = FindDepartment(rules_, task->department);
  if (department != nullptr && !department->ships) return Fail(WrongKind(*task, false));
  return store_.Ship(task_id, shipment, key, answer);
}

}  // namespace commesso
