#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/ports/fulfillment_store.h"
#include "app/ports/order_store.h"
#include "core/fulfillment.h"
#include "core/result.h"
#include "core/zone_rules.h"

namespace commesso {

// What one round of the scheduler did.
struct SchedulerRound {
  int planned = 0;           // Orders split into tasks.
  int released = 0;          // Tasks this round put into their queues.
  std::int64_t expired = 0;  // Claims whose lease ended.
  int escalated = 0;         // Tasks flagged for a supervisor.
};

// Hands placed orders to the departments. A round (run every second on a worker thread, and
// woken after each placement):
// 1. plans every pending fulfillment.due event (PlannedTasks, PlannedHolds: what a placement
//    with a handoff does itself, so only orders placed without one are left here);
// 2. releases every scheduled task whose time has come, with its escalation time
//    (AddWorkingTime of the department's escalate_after), all in one transaction (a task due
//    at its placement was released by the placement: decision 0022);
// 3. returns to the queue the claims whose lease ended;
// 4. escalates the released tasks nobody acknowledged in time.
// Steps 2 to 4 each take at most one write a round, and none when a reader finds nothing to do.
// Every step is exactly-once in the store (conditional changes), so rounds may overlap — two
// servers, or a restart in the middle of a wave — and a release missed while the server was
// down happens at the first round after the start. Borrows everything. Thread-safe as far as
// the store is; one round at a time per scheduler is expected.
class FulfillmentScheduler {
 public:
  FulfillmentScheduler(FulfillmentStore& store, const OrderStore& orders,
                       const FulfillmentRules& rules, const ZoneDirectory& zones);

  // One round at `now`. Fails when the stores fail, or when an order could not be read for
  // planning (it stays pending; the rest of the round still runs); what was done stays done.
  Result<SchedulerRound> Round(Timestamp now);

 private:
  Result<void> PlanPending(Timestamp now, SchedulerRound& round);
  Result<void> ReleaseDue(Timestamp now, SchedulerRound& round);

  FulfillmentStore& store_;
  const OrderStore& orders_;
  const FulfillmentRules& rules_;
  const ZoneDirectory& zones_;
};

// The tasks Split makes of `order`, each with its release time from the order's placed_at;
// a task due at once (released at placed_at: an immediate department, or a cut-off whose
// release time has passed) also gets its escalation time, so the placement releases it.
std::vector<NewTask> PlannedTasks(const Order& order, const FulfillmentRules& rules,
                                  const ZoneDirectory& zones);

// The holds `order` gets when planned at `now`: a payment hold for an unpaid bank transfer.
std::vector<Hold> PlannedHolds(const Order& order, Timestamp now);

// When a task of `department` made ready at `ready` is released (ReleaseAt in the
// department's zone); `ready` itself for a department the rules no longer have.
Timestamp ReleaseTimeOf(const FulfillmentRules& rules, const ZoneDirectory& zones,
                        const std::string& department, Timestamp ready);

// The escalation time of a task of `department` released at `released`.
Timestamp EscalationTimeOf(const FulfillmentRules& rules, const ZoneDirectory& zones,
                           const std::string& department, Timestamp released);

// The supervisor's and the departments' changes that need the rules besides the store:
// claims get the department's lease, a lifted hold's tasks get new release times. Borrows
// everything. Thread-safe.
class FulfillmentDesk {
 public:
  FulfillmentDesk(FulfillmentStore& store, const FulfillmentRules& rules,
                  const ZoneDirectory& zones);

  // Claims (or renews) `task_id` for `who` for the department's lease from `now`.
  Result<FulfillmentTask> Claim(std::int64_t task_id, const std::string& who, Timestamp now);

  // Lifts the order's hold of `kind`; its tasks, when no hold is left, are released by their
  // departments' policies from `now`.
  Result<std::vector<FulfillmentTask>> LiftHold(const OrderNumber& number, HoldKind kind,
                                                const std::string& who, Timestamp now);

  // Completes a task of a service department: kConflict (field "state") for a department
  // that ships.
  Result<FulfillmentTask> Complete(std::int64_t task_id, const std::string& who, Timestamp now);

  // Ships part of a task of a goods department: kConflict (field "state") for a service
  // department. `answer` (null: none) is kept with the key (FulfillmentStore::Ship).
  Result<FulfillmentTask> Ship(std::int64_t task_id, const Shipment& shipment,
                               const IdempotencyKey& key, KeptAnswer<FulfillmentTask>* answer);

 private:
  FulfillmentStore& store_;
  const FulfillmentRules& rules_;
  const ZoneDirectory& zones_;
};

}  // namespace commesso
