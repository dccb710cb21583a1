#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/ports/handoff.h"
#include "app/ports/kept_answer.h"
#include "core/fulfillment.h"
#include "core/ids.h"
#include "core/order.h"
#include "core/result.h"

namespace commesso {

// A `fulfillment.due` event of the outbox (written when an order was placed), not yet planned.
struct DueFulfillment {
  std::int64_t event_id = 0;
  OrderNumber order{};
  friend bool operator==(const DueFulfillment&, const DueFulfillment&) = default;
};

// A scheduled task to release, with the escalation time it gets (FulfillmentStore::Release).
struct TaskRelease {
  std::int64_t task_id = 0;
  Timestamp escalate_at{};
  friend bool operator==(const TaskRelease&, const TaskRelease&) = default;
};

// Counts and times of one department, for its queue screen and the supervisor.
struct DepartmentStats {
  std::string department;
  std::int64_t scheduled = 0;    // Waiting for release (including held).
  std::int64_t queued = 0;       // Released, nobody on it.
  std::int64_t in_progress = 0;  // Claimed, acknowledged or partly shipped.
  std::int64_t escalated = 0;    // Open, escalated, not acknowledged.
  // Over tasks released since the `since` given to Stats: release → acknowledgement, and
  // release → first shipment (or done). Empty when no task got that far.
  std::int64_t acknowledged_count = 0;
  std::optional<std::chrono::milliseconds> mean_time_in_queue{};
  std::int64_t dispatched_count = 0;
  std::optional<std::chrono::milliseconds> mean_time_to_dispatch{};
  friend bool operator==(const DepartmentStats&, const DepartmentStats&) = default;
};

// The fulfillment tasks of placed orders, their holds, and the outbox events their changes
// write. Every change is one transaction that also writes the order's history event, keeps
// the order's status (StatusOf its tasks) and appends the outbox event webhooks send:
//
//   order.released     {order, task_id, department, released_at, lines[{line_no, sku, quantity}]}
//   task.acknowledged  {order, task_id, department, acknowledged_by, acknowledged_at}
//   order.shipped      {order, task_id, department, carrier, tracking_number,
//                       lines[{line_no, sku, quantity}], shipped_at}
//   task.done          {order, task_id, department, done_by, done_at}
//   task.escalated     {order, task_id, department, released_at, escalated_at}
//   order.held         {order, kind, reason, by, at}
//   order.hold_lifted  {order, kind, by, at}
//   order.cancelled    {order, reason, by, at}
//
// Every payload also carries "order_status" (the order's status after the change). Times are
// RFC 3339 UTC strings. Errors: kNotFound for an unknown task or order; kConflict (field
// "state", or "claimed_by" for someone else's live claim) for a change the task's state does
// not allow; kInvalidInput naming the field for bad quantities or line numbers. Thread-safe.
class FulfillmentStore {
 public:
  virtual ~FulfillmentStore() = default;

  // ---- The scheduler ----

  // fulfillment.due events not yet planned, oldest first.
  virtual Result<std::vector<DueFulfillment>> PendingPlans(int limit) const = 0;

  // In one transaction: creates `tasks` (held when the order has an active hold, after adding
  // `holds`; else scheduled, and released at `now` as Release does when the task has an
  // escalate_at and its release_at is not after `now`), adds `holds`, and marks `due`
  // delivered. Planning an event that was delivered already changes nothing and returns the
  // tasks made then, so an order is planned exactly once. An order cancelled before it was
  // planned gets no tasks.
  virtual Result<std::vector<FulfillmentTask>> Plan(const DueFulfillment& due,
                                                    const std::vector<NewTask>& tasks,
                                                    const std::vector<Hold>& holds,
                                                    Timestamp now) = 0;

  // Scheduled tasks whose release_at is at or before `now`, by release_at, then id.
  virtual Result<std::vector<FulfillmentTask>> DueForRelease(Timestamp now, int limit) const = 0;

  // Releases, in one transaction, every task of `releases` that is still scheduled (state
  // released, released_at = now, its escalate_at), writing order.released for each; returns
  // the tasks released now, in the order given. A task that was not scheduled any more
  // (released by an earlier round, held, cancelled) is left as it is: the conditional change
  // is what makes every release happen exactly once, whatever rounds or restarts overlap.
  virtual Result<std::vector<FulfillmentTask>> Release(const std::vector<TaskRelease>& releases,
                                                       Timestamp now) = 0;

  // Returns to the queue every claimed task whose lease ended before `now` (claimed_by and
  // lease_until cleared; acknowledged tasks stay acknowledged). Returns how many.
  virtual Result<std::int64_t> ExpireLeases(Timestamp now) = 0;

  // Flags the released tasks nobody acknowledged whose escalate_at has come (escalated_at =
  // now, task.escalated written once per task). Returns the tasks flagged now.
  virtual Result<std::vector<FulfillmentTask>> Escalate(Timestamp now) = 0;

  // ---- The departments ----

  // The open tasks of `department` (released, in progress, partly shipped), released first
  // first.
  virtual Result<std::vector<FulfillmentTask>> Queue(std::string_view department,
                                                     int limit) const = 0;

  // Open tasks flagged by Escalate and still not acknowledged, oldest release first.
  virtual Result<std::vector<FulfillmentTask>> Escalated() const = 0;

  virtual Result<FulfillmentTask> Find(std::int64_t task_id) const = 0;

  // The tasks of an order, by id; kNotFound when there is no such order.
  virtual Result<std::vector<FulfillmentTask>> ForOrder(const OrderNumber& number) const = 0;

  // Claims a released (or in progress, or partly shipped) task for `who` until
  // `lease_until`: a renewal when `who` holds it; kConflict (field "claimed_by") when someone
  // else's lease has not ended. Claiming also acknowledges a task nobody acknowledged yet.
  virtual Result<FulfillmentTask> Claim(std::int64_t task_id, const std::string& who, Timestamp now,
                                        Timestamp lease_until) = 0;

  // Gives a claim back: kConflict (field "claimed_by") when `who` does not hold it.
  virtual Result<FulfillmentTask> Unclaim(std::int64_t task_id, const std::string& who,
                                          Timestamp now) = 0;

  // Records that the department took the task over (who, when), once: acknowledging again
  // returns the task unchanged.
  virtual Result<FulfillmentTask> Acknowledge(std::int64_t task_id, const std::string& who,
                                              Timestamp now) = 0;

  // Sets the picked quantity of the given lines (0..quantity - backordered - shipped).
  // `who` must hold the claim.
  virtual Result<FulfillmentTask> RecordPicks(std::int64_t task_id, const std::string& who,
                                              const std::vector<Shipment::Line>& picked,
                                              Timestamp now) = 0;

  // Records a shipment by `shipment.shipped_by`, who must hold the claim: the lines' quantities
  // (default: what is picked and not shipped) leave; what is still unshipped stays
  // backordered and the task is partly_shipped, else shipped (and finished, claim released).
  // Idempotent on `key` (of the same principal): the same key returns the task as it is now
  // and hands `answer` what was kept with the key; `answer` (null: none kept) renders what to
  // keep from the task as after the shipment, in the same transaction.
  virtual Result<FulfillmentTask> Ship(std::int64_t task_id, const Shipment& shipment,
                                       const IdempotencyKey& key,
                                       KeptAnswer<FulfillmentTask>* answer) = 0;

  // Marks a service department's task done (every line counted as delivered).
  virtual Result<FulfillmentTask> Complete(std::int64_t task_id, const std::string& who,
                                           Timestamp now) = 0;

  // ---- Supervisors ----

  // The holds of an order, active and lifted, oldest first.
  virtual Result<std::vector<Hold>> Holds(const OrderNumber& number) const = 0;

  // Adds an active hold of `hold.kind` (kConflict, field "kind", when one is active); the
  // order's scheduled tasks become held. kConflict (field "state") once any task is released.
  virtual Result<std::vector<Hold>> PlaceHold(const OrderNumber& number, const Hold& hold) = 0;

  // Lifts the active hold of `kind` (kNotFound, field "kind", when none). When no other hold
  // is active the held tasks become scheduled again with the release time `release_at` gives
  // for their department (ReleaseAt from `now`). Returns the order's tasks.
  virtual Result<std::vector<FulfillmentTask>> LiftHold(
      const OrderNumber& number, HoldKind kind, const std::string& who, Timestamp now,
      const std::vector<std::pair<std::string, Timestamp>>& release_at) = 0;

  // Cancels an order none of whose tasks was released (kConflict, field "state", otherwise):
  // its tasks become cancelled, the order cancelled. Cancelling again changes nothing.
  virtual Result<std::vector<FulfillmentTask>> Cancel(const OrderNumber& number,
                                                      const std::string& who,
                                                      const std::string& reason, Timestamp now) = 0;

  // One row per department that has tasks, by code.
  virtual Result<std::vector<DepartmentStats>> Stats(Timestamp since) const = 0;
};

}  // namespace commesso
