#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/sqlite/database.h"
#include "app/ports/fulfillment_store.h"

namespace commesso::sqlite {

// The FulfillmentStore port on SQLite (migration 8): fulfillment_tasks with their lines,
// shipments with theirs, order_holds, the fulfillment.due rows of the outbox, and
// orders.status. Writes go through the database's single writer, each in its own transaction
// (BEGIN IMMEDIATE), and every state change is a conditional UPDATE on the state it expects, so
// a release, a claim or an escalation happens once even when two processes share the file.
// Each change writes its order_events row, the order's status (StatusOf its tasks; a cancelled
// order stays cancelled) and its outbox event in the same transaction. Shipment idempotency keys
// are recorded with their caller in idempotency_keys (scope shipments), with the first answer.
// Borrows `database`, which must outlive it. Thread-safe.
class SqliteFulfillmentStore final : public FulfillmentStore {
 public:
  explicit SqliteFulfillmentStore(Database& database) : database_(database) {}

  Result<std::vector<DueFulfillment>> PendingPlans(int limit) const override;
  Result<std::vector<FulfillmentTask>> Plan(const DueFulfillment& due,
                                            const std::vector<NewTask>& tasks,
                                            const std::vector<Hold>& holds, Timestamp now) override;
  Result<std::vector<FulfillmentTask>> DueForRelease(Timestamp now, int limit) const override;
  Result<std::vector<FulfillmentTask>> Release(const std::vector<TaskRelease>& releases,
                                               Timestamp now) override;
  Result<std::int64_t> ExpireLeases(Timestamp now) override;
  Result<std::vector<FulfillmentTask>> Escalate(Timestamp now) override;
  Result<std::vector<FulfillmentTask>> Queue(std::string_view department, int limit) const override;
  Result<std::vector<FulfillmentTask>> Escalated() const override;
  Result<FulfillmentTask> Find(std::int64_t task_id) const override;
  Result<std::vector<FulfillmentTask>> ForOrder(const OrderNumber& number) const override;
  Result<FulfillmentTask> Claim(std::int64_t task_id, const std::string& who, Timestamp now,
                                Timestamp lease_until) override;
  Result<FulfillmentTask> Unclaim(std::int64_t task_id, const std::string& who,
                                  Timestamp now) override;
  Result<FulfillmentTask> Acknowledge(std::int64_t task_id, const std::string& who,
                                      Timestamp now) override;
  Result<FulfillmentTask> RecordPicks(std::int64_t task_id, const std::string& who,
                                      const std::vector<Shipment::Line>& picked,
                                      Timestamp now) override;
  Result<FulfillmentTask> Ship(std::int64_t task_id, const Shipment& shipment,
                               const IdempotencyKey& key,
                               KeptAnswer<FulfillmentTask>* answer) override;
  Result<FulfillmentTask> Complete(std::int64_t task_id, const std::string& who,
                                   Timestamp now) override;
  Result<std::vector<Hold>> Holds(const OrderNumber& number) const override;
  Result<std::vector<Hold>> PlaceHold(const OrderNumber& number, const Hold& hold) override;
  Result<std::vector<FulfillmentTask>> LiftHold(
      const OrderNumber& number, HoldKind kind, const std::string& who, Timestamp now,
      const std::vector<std::pair<std::string, Timestamp>>& release_at) override;
  Result<std::vector<FulfillmentTask>> Cancel(const OrderNumber& number, const std::string& who,
                                              const std::string& reason, Timestamp now) override;
  Result<std::vector<DepartmentStats>> Stats(Timestamp since) const override;

 private:
  // Whether a task meets `condition` (SQL on fulfillment_tasks, `now` bound to ?1), on a
  // reader.
  Result<bool> Any(const char* condition, Timestamp now) const;

  Database& database_;
};

}  // namespace commesso::sqlite
