#include "adapters/sqlite/sqlite_fulfillment_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/json/domain_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/sqlite/handoff_writes.h"
#include "adapters/sqlite/idempotency.h"
#include "adapters/sqlite/order_rows.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/receipt_withdrawal.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"
#include "core/invariant.h"
#include "core/order_history.h"

namespace commesso::sqlite {
namespace {

using Json = nlohmann::json;

// The states in which a task is in its department's queue.
constexpr const char* kOpenStates = "('released', 'in_progress', 'partly_shipped')";

// The columns TaskFrom reads, in its order.
constexpr const char* kTaskColumns =
    "t.id, o.number, t.department, t.state, t.created_at, t.release_at, t.released_at, "
    "t.escalate_at, t.escalated_at, t.claimed_by, t.lease_until, t.acknowledged_by, "
    "t.acknowledged_at, t.finished_at";

std::string SelectTasks(const std::string& rest) {
  return std::string("SELECT ") + kTaskColumns +
         " FROM fulfillment_tasks t JOIN orders o ON o.id = t.order_id " + rest;
}

std::optional<Timestamp> OptionalTime(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return TimestampOf(column.getInt64());
}

Error Conflict(std::string field, std::string problem, std::string message) {
  return Error{.code = ErrorCode::kConflict,
               .message = std::move(message),
               .fields = {{std::move(field), std::move(problem)}}};
}

Error StateConflict(const FulfillmentTask& task, const std::string& what) {
  return Conflict(
      "state", std::string("is ") + Name(task.state),
      "Task " + std::to_string(task.id) + " is " + Name(task.state) + ": " + what + ".");
}

Result<FulfillmentTask> TaskFrom(SQLite::Statement& row) {
  const std::string state = row.getColumn(3).getString();
  std::optional<TaskState> parsed = ParseTaskState(state);
  if (!parsed) return Fail(ErrorCode::kInternal, "A task has the unknown state " + state + ".");
  return FulfillmentTask{.id = row.getColumn(0).getInt64(),
                         .order = OrderNumber{row.getColumn(1).getString()},
                         .department = row.getColumn(2).getString(),
                         .state = *parsed,
                         .created_at = TimestampOf(row.getColumn(4).getInt64()),
                         .release_at = TimestampOf(row.getColumn(5).getInt64()),
                         .released_at = OptionalTime(row.getColumn(6)),
                         .escalate_at = OptionalTime(row.getColumn(7)),
                         .escalated_at = OptionalTime(row.getColumn(8)),
                         .claimed_by = row.getColumn(9).getString(),
                         .lease_until = OptionalTime(row.getColumn(10)),
                         .acknowledged_by = row.getColumn(11).getString(),
                         .acknowledged_at = OptionalTime(row.getColumn(12)),
                         .finished_at = OptionalTime(row.getColumn(13))};
}

// Fills in the lines and shipments of `task`.
Result<void> FillIn(Connection& connection, FulfillmentTask& task) {
  SQLite::Statement& lines = connection.Prepare(
      "SELECT line_no, sku, name_it, name_en, kind, unit, quantity, backordered, picked, shipped "
      "FROM fulfillment_task_lines WHERE task_id = ? ORDER BY line_no");
  lines.bind(1, task.id);
  task.lines.clear();
  while (lines.executeStep()) {
    const std::string kind = lines.getColumn(4).getString();
    std::optional<ItemKind> parsed = ParseItemKind(kind);
    if (!parsed)
      return Fail(ErrorCode::kInternal, "A task line has the unknown kind " + kind + ".");
    task.lines.push_back(TaskLine{
        .line_no = lines.getColumn(0).getInt(),
        .sku = lines.getColumn(1).getString(),
        .name = {.it = lines.getColumn(2).getString(), .en = lines.getColumn(3).getString()},
        .kind = *parsed,
        .unit = lines.getColumn(5).getString(),
        .quantity = lines.getColumn(6).getInt64(),
        .backordered = lines.getColumn(7).getInt64(),
        .picked = lines.getColumn(8).getInt64(),
        .shipped = lines.getColumn(9).getInt64()});
  }
  lines.reset();
  SQLite::Statement& shipments = connection.Prepare(
      "SELECT id, carrier, tracking_number, shipped_by, shipped_at FROM shipments "
      "WHERE task_id = ? ORDER BY id");
  shipments.bind(1, task.id);
  std::vector<std::int64_t> ids;
  task.shipments.clear();
  while (shipments.executeStep()) {
    ids.push_back(shipments.getColumn(0).getInt64());
    task.shipments.push_back(
        Shipment{.carrier = shipments.getColumn(1).getString(),
                 .tracking_number = shipments.getColumn(2).getString(),
                 .shipped_by = shipments.getColumn(3).getString(),
                 .shipped_at = TimestampOf(shipments.getColumn(4).getInt64())});
  }
  shipments.reset();
  SQLite::Statement& shipment_lines = connection.Prepare(
      "SELECT line_no, quantity FROM shipment_lines WHERE shipment_id = ? ORDER BY line_no");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    shipment_lines.tryReset();
    shipment_lines.clearBindings();
    shipment_lines.bind(1, ids[i]);
    while (shipment_lines.executeStep()) {
      task.shipments[i].lines.push_back({.line_no = shipment_lines.getColumn(0).getInt(),
                                         .quantity = shipment_lines.getColumn(1).getInt64()});
    }
  }
  shipment_lines.reset();
  return {};
}

// Every task `rows` gives, complete.
Result<std::vector<FulfillmentTask>> TasksFrom(Connection& connection, SQLite::Statement& rows) {
  std::vector<FulfillmentTask> tasks;
  while (rows.executeStep()) {
    auto task = TaskFrom(rows);
    if (!task) return Fail(task.error());
    tasks.push_back(*std::move(task));
  }
  rows.reset();
  for (FulfillmentTask& task : tasks) {
    auto completed = FillIn(connection, task);
    if (!completed) return Fail(completed.error());
  }
  return tasks;
}

Result<FulfillmentTask> FindTask(Connection& connection, std::int64_t id) {
  SQLite::Statement& find = connection.Prepare(SelectTasks("WHERE t.id = ?"));
  find.bind(1, id);
  auto tasks = TasksFrom(connection, find);
  if (!tasks) return Fail(tasks.error());
  if (tasks->empty()) {
    return Fail(Error{.code = ErrorCode::kNotFound,
                      .message = "There is no task " + std::to_string(id) + "."});
  }
  return std::move(tasks->front());
}

Result<std::vector<FulfillmentTask>> TasksOfOrder(Connection& connection, std::int64_t order_id) {
  SQLite::Statement& rows = connection.Prepare(SelectTasks("WHERE t.order_id = ? ORDER BY t.id"));
  rows.bind(1, order_id);
  return TasksFrom(connection, rows);
}

struct OrderRow {
  std::int64_t id = 0;
  std::string status;
};

Result<OrderRow> FindOrder(Connection& connection, const OrderNumber& number) {
  SQLite::Statement& find = connection.Prepare("SELECT id, status FROM orders WHERE number = ?");
  find.bind(1, number.value);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kNotFound, "There is no order " + number.value + ".");
  }
  OrderRow row{.id = find.getColumn(0).getInt64(), .status = find.getColumn(1).getString()};
  find.reset();
  return row;
}

std::int64_t OrderIdOfTask(Connection& connection, std::int64_t task_id) {
  SQLite::Statement& find =
      connection.Prepare("SELECT order_id FROM fulfillment_tasks WHERE id = ?");
  find.bind(1, task_id);
  find.executeStep();
  const std::int64_t id = find.getColumn(0).getInt64();
  find.reset();
  return id;
}

// Writes `status` as the order's.
void WriteStatus(Connection& connection, std::int64_t order_id, OrderStatus status) {
  SQLite::Statement& update = connection.Prepare("UPDATE orders SET status = ? WHERE id = ?");
  update.bind(1, Name(status));
  update.bind(2, order_id);
  update.exec();
}

// Sets orders.status from the order's tasks as they are now (StatusAfter) and returns it.
Result<std::string> UpdateStatus(Connection& connection, std::int64_t order_id) {
  SQLite::Statement& current = connection.Prepare("SELECT status FROM orders WHERE id = ?");
  current.bind(1, order_id);
  current.executeStep();
  const std::string text = current.getColumn(0).getString();
  current.reset();
  const std::optional<OrderStatus> was = ParseOrderStatus(text);
  if (!was) return Fail(ErrorCode::kInternal, "An order has the unknown status " + text + ".");
  auto tasks = TasksOfOrder(connection, order_id);
  if (!tasks) return Fail(tasks.error());
  const OrderStatus status = StatusAfter(*was, *tasks);
  if (status != *was) WriteStatus(connection, order_id, status);
  return std::string(Name(status));
}

// Appends `event` to the outbox for the webhooks, with the order's status after the change.
void InsertEvent(Connection& connection, std::int64_t order_id, const char* event, Json payload,
                 const std::string& status, Timestamp at) {
  payload["order_status"] = status;
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO outbox (order_id, event, payload, created_at, next_attempt_at) "
      "VALUES (?1, ?2, ?3, ?4, ?4)");
  insert.bind(1, order_id);
  insert.bind(2, event);
  insert.bind(3, json::Dump(payload));
  insert.bind(4, MillisOf(at));
  insert.exec();
}

// Writes the history event and the outbox event of a change to `order_id` after which the
// order's status, already written, is `status`.
void RecordAs(Connection& connection, std::int64_t order_id, const OrderEvent& history,
              const char* event, Json payload, OrderStatus status) {
  InsertHistory(connection, order_id, history);
  InsertEvent(connection, order_id, event, std::move(payload), Name(status), history.at);
}

// Writes the status (read from the order's tasks), the history event and the outbox event of
// a change to `order_id`.
Result<void> Record(Connection& connection, std::int64_t order_id, const OrderEvent& history,
                    const char* event, Json payload) {
  auto status = UpdateStatus(connection, order_id);
  if (!status) return Fail(status.error());
  InsertHistory(connection, order_id, history);
  InsertEvent(connection, order_id, event, std::move(payload), *status, history.at);
  return {};
}

std::string TaskLabel(const FulfillmentTask& task) {
  return "task " + std::to_string(task.id) + " (" + task.department + ")";
}

Json TaskPayload(const FulfillmentTask& task) {
  return Json{{"order", task.order.value}, {"task_id", task.id}, {"department", task.department}};
}

bool IsOpen(TaskState state) {
  return state == TaskState::kReleased || state == TaskState::kInProgress ||
         state == TaskState::kPartlyShipped;
}

bool LiveClaimOfOther(const FulfillmentTask& task, const std::string& who, Timestamp now) {
  return !task.claimed_by.empty() && task.claimed_by != who && task.lease_until &&
         *task.lease_until >= now;
}

bool HoldsClaim(const FulfillmentTask& task, const std::string& who, Timestamp now) {
  return task.claimed_by == who && task.lease_until && *task.lease_until >= now;
}

Error ClaimConflict(const FulfillmentTask& task, const std::string& who) {
  if (task.claimed_by.empty() || task.claimed_by == who) {
    return Conflict("claimed_by", "you do not hold a claim",
                    "Claim task " + std::to_string(task.id) + " first.");
  }
  return Conflict("claimed_by", "is claimed by " + task.claimed_by,
                  "Task " + std::to_string(task.id) + " is claimed by " + task.claimed_by + ".");
}

// Acknowledges `task` for `who` at `now` unless it was; writes the history and event.
Result<void> AcknowledgeIn(Connection& connection, const FulfillmentTask& task,
                           const std::string& who, Timestamp now) {
  SQLite::Statement& update = connection.Prepare(
      "UPDATE fulfillment_tasks SET acknowledged_by = ?1, acknowledged_at = ?2, "
      "state = CASE WHEN state = 'released' THEN 'in_progress' ELSE state END "
      "WHERE id = ?3 AND acknowledged_at IS NULL");
  update.bind(1, who);
  update.bind(2, MillisOf(now));
  update.bind(3, task.id);
  if (update.exec() == 0) return {};
  Json payload = TaskPayload(task);
  payload["acknowledged_by"] = who;
  payload["acknowledged_at"] = json::FormatTimestamp(now);
  return Record(connection, OrderIdOfTask(connection, task.id),
                OrderEvent{.at = now,
                           .actor = who,
                           .kind = OrderEventKind::kAcknowledged,
                           .detail = TaskLabel(task)},
                "task.acknowledged", std::move(payload));
}

std::vector<Hold> HoldsOf(Connection& connection, std::int64_t order_id) {
  SQLite::Statement& rows = connection.Prepare(
      "SELECT kind, reason, placed_by, placed_at, lifted_by, lifted_at FROM order_holds "
      "WHERE order_id = ? ORDER BY id");
  rows.bind(1, order_id);
  std::vector<Hold> holds;
  while (rows.executeStep()) {
    Hold hold{.kind = ParseHoldKind(rows.getColumn(0).getString()).value_or(HoldKind::kManual),
              .reason = rows.getColumn(1).getString(),
              .placed_by = rows.getColumn(2).getString(),
              .placed_at = TimestampOf(rows.getColumn(3).getInt64())};
    if (!rows.getColumn(4).isNull()) hold.lifted_by = rows.getColumn(4).getString();
    hold.lifted_at = OptionalTime(rows.getColumn(5));
    holds.push_back(std::move(hold));
  }
  rows.reset();
  return holds;
}

bool HasActiveHold(Connection& connection, std::int64_t order_id) {
  SQLite::Statement& find = connection.Prepare(
      "SELECT 1 FROM order_holds WHERE order_id = ? AND lifted_at IS NULL LIMIT 1");
  find.bind(1, order_id);
  const bool found = find.executeStep();
  find.reset();
  return found;
}

// Adds `hold` unless one of its kind is active; false when there was one. Its events record
// `status` as the order's after it when the caller knows it (and has written it), else the
// status read from the order's tasks.
Result<bool> InsertHold(Connection& connection, std::int64_t order_id, const OrderNumber& number,
                        const Hold& hold, std::optional<OrderStatus> status = std::nullopt) {
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO order_holds (order_id, kind, reason, placed_by, placed_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert.bind(1, order_id);
  insert.bind(2, Name(hold.kind));
  insert.bind(3, hold.reason);
  insert.bind(4, hold.placed_by);
  insert.bind(5, MillisOf(hold.placed_at));
  if (insert.exec() == 0) return false;
  const OrderEvent history{.at = hold.placed_at,
                           .actor = hold.placed_by,
                           .kind = OrderEventKind::kHeld,
                           .detail = std::string(Name(hold.kind)) + " hold: " + hold.reason};
  Json payload{{"order", number.value},
               {"kind", Name(hold.kind)},
               {"reason", hold.reason},
               {"by", hold.placed_by},
               {"at", json::FormatTimestamp(hold.placed_at)}};
  if (status) {
    RecordAs(connection, order_id, history, "order.held", std::move(payload), *status);
    return true;
  }
  auto recorded = Record(connection, order_id, history, "order.held", std::move(payload));
  if (!recorded) return Fail(recorded.error());
  return true;
}

// Marks the task released at `now`, escalating at `escalate_at`, if it is still scheduled (a
// conditional update: two rounds, or a round and a hold, never both have it); false if not.
bool MarkReleased(Connection& connection, std::int64_t task_id, Timestamp escalate_at,
                  Timestamp now) {
  SQLite::Statement& update = connection.Prepare(
      "UPDATE fulfillment_tasks SET state = 'released', released_at = ?, escalate_at = ? "
      "WHERE id = ? AND state = 'scheduled'");
  update.bind(1, MillisOf(now));
  update.bind(2, MillisOf(escalate_at));
  update.bind(3, task_id);
  return update.exec() != 0;
}

// The history line of the release of `task` at `now`.
OrderEvent ReleasedHistory(const FulfillmentTask& task, Timestamp now) {
  return OrderEvent{.at = now,
                    .actor = "scheduler",
                    .kind = OrderEventKind::kReleased,
                    .detail = TaskLabel(task)};
}

// The order.released payload of `task` released at `now` (its lines by line number).
Json ReleasedPayload(const FulfillmentTask& task, Timestamp now) {
  Json lines = Json::array();
  for (const TaskLine& line : task.lines) {
    lines.push_back(
        Json{{"line_no", line.line_no}, {"sku", line.sku}, {"quantity", line.quantity}});
  }
  Json payload = TaskPayload(task);
  payload["released_at"] = json::FormatTimestamp(now);
  payload["lines"] = std::move(lines);
  return payload;
}

}  // namespace

Result<void> WritePlan(Connection& connection, std::int64_t order_id, const OrderNumber& number,
                       OrderStatus was, std::int64_t event_id, const std::vector<NewTask>& tasks,
                       const std::vector<Hold>& holds, Timestamp now) {
  // The tasks as written here, and the order's status from them (StatusAfter, the rule the
  // other changes apply after reading the tasks back): nothing written is read back.
  std::vector<FulfillmentTask> written;
  written.reserve(tasks.size());
  OrderStatus status = was;
  const auto settle = [&] {
    const OrderStatus next = StatusAfter(status, written);
    if (next != status) WriteStatus(connection, order_id, next);
    status = next;
  };
  settle();
  for (const Hold& hold : holds) {
    auto added = InsertHold(connection, order_id, number, hold, status);
    if (!added) return Fail(added.error());
  }
  const bool held = HasActiveHold(connection, order_id);
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO fulfillment_tasks (order_id, outbox_id, department, state, created_at, "
      "release_at) VALUES (?, ?, ?, ?, ?, ?)");
  SQLite::Statement& insert_line = connection.Prepare(
      "INSERT INTO fulfillment_task_lines (order_id, task_id, line_no, sku, name_it, name_en, "
      "kind, unit, quantity, backordered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  // Tasks due as they are written: released below, once every task exists, so the status
  // each release records is the order's.
  std::vector<std::pair<std::size_t, Timestamp>> due;
  for (const NewTask& task : tasks) {
    const TaskState state = held ? TaskState::kHeld : TaskState::kScheduled;
    insert.tryReset();
    insert.bind(1, order_id);
    insert.bind(2, event_id);
    insert.bind(3, task.plan.department);
    insert.bind(4, Name(state));
    insert.bind(5, MillisOf(now));
    insert.bind(6, MillisOf(task.release_at));
    insert.exec();
    FulfillmentTask& made =
        written.emplace_back(FulfillmentTask{.id = connection.database().getLastInsertRowid(),
                                             .order = number,
                                             .department = task.plan.department,
                                             .state = state,
                                             .lines = task.plan.lines,
                                             .created_at = now,
                                             .release_at = task.release_at});
    if (!held && task.escalate_at && task.release_at <= now) {
      due.emplace_back(written.size() - 1, *task.escalate_at);
    }
    for (TaskLine& line : made.lines) {
      line.backordered = std::clamp<std::int64_t>(line.backordered, 0, line.quantity);
      insert_line.tryReset();
      insert_line.bind(1, order_id);
      insert_line.bind(2, made.id);
      insert_line.bind(3, line.line_no);
      insert_line.bind(4, line.sku);
      insert_line.bind(5, line.name.it);
      insert_line.bind(6, line.name.en);
      insert_line.bind(7, Name(line.kind));
      insert_line.bind(8, line.unit);
      insert_line.bind(9, line.quantity);
      insert_line.bind(10, line.backordered);
      insert_line.exec();
    }
    // As a read would give them.
    std::sort(made.lines.begin(), made.lines.end(),
              [](const TaskLine& a, const TaskLine& b) { return a.line_no < b.line_no; });
  }
  for (const auto& [index, escalate_at] : due) {
    FulfillmentTask& task = written[index];
    if (!MarkReleased(connection, task.id, escalate_at, now)) continue;
    task.state = TaskState::kReleased;
    task.released_at = now;
    task.escalate_at = escalate_at;
    settle();
    RecordAs(connection, order_id, ReleasedHistory(task, now), "order.released",
             ReleasedPayload(task, now), status);
  }
  settle();
  return {};
}

namespace {

Result<std::vector<FulfillmentTask>> PlanIn(Connection& connection, const DueFulfillment& due,
                                            const std::vector<NewTask>& tasks,
                                            const std::vector<Hold>& holds, Timestamp now) {
  SQLite::Statement& event = connection.Prepare(
      "SELECT x.order_id, x.delivered_at IS NOT NULL, o.number, o.status FROM outbox x "
      "JOIN orders o ON o.id = x.order_id WHERE x.id = ? AND x.event = 'fulfillment.due'");
  event.bind(1, due.event_id);
  if (!event.executeStep()) {
    return Fail(ErrorCode::kNotFound,
                "There is no fulfillment.due event " + std::to_string(due.event_id) + ".");
  }
  const std::int64_t order_id = event.getColumn(0).getInt64();
  const bool delivered = event.getColumn(1).getInt() != 0;
  const OrderNumber number{event.getColumn(2).getString()};
  const std::string status_text = event.getColumn(3).getString();
  event.reset();
  if (delivered) {
    SQLite::Statement& earlier =
        connection.Prepare(SelectTasks("WHERE t.outbox_id = ? ORDER BY t.id"));
    earlier.bind(1, due.event_id);
    return TasksFrom(connection, earlier);
  }
  SQLite::Statement& done =
      connection.Prepare("UPDATE outbox SET delivered_at = ?, last_error = '' WHERE id = ?");
  done.bind(1, MillisOf(now));
  done.bind(2, due.event_id);
  done.exec();
  const std::optional<OrderStatus> status = ParseOrderStatus(status_text);
  if (!status) {
    return Fail(ErrorCode::kInternal,
                "Order " + number.value + " has the unknown status " + status_text + ".");
  }
  if (*status == OrderStatus::kCancelled) return std::vector<FulfillmentTask>{};

  auto written = WritePlan(connection, order_id, number, *status, due.event_id, tasks, holds, now);
  if (!written) return Fail(written.error());
  SQLite::Statement& made = connection.Prepare(SelectTasks("WHERE t.outbox_id = ? ORDER BY t.id"));
  made.bind(1, due.event_id);
  return TasksFrom(connection, made);
}

Result<std::optional<FulfillmentTask>> ReleaseIn(Connection& connection, std::int64_t task_id,
                                                 Timestamp escalate_at, Timestamp now) {
  if (!MarkReleased(connection, task_id, escalate_at, now)) {
    return std::optional<FulfillmentTask>{};
  }
  auto task = FindTask(connection, task_id);
  if (!task) return Fail(task.error());
  auto recorded =
      Record(connection, OrderIdOfTask(connection, task_id), ReleasedHistory(*task, now),
             "order.released", ReleasedPayload(*task, now));
  if (!recorded) return Fail(recorded.error());
  return std::optional<FulfillmentTask>{*std::move(task)};
}

// Tasks whose claim's lease ended before ?1.
constexpr const char* kLeaseEnded = "lease_until IS NOT NULL AND lease_until < ?1";
// Released tasks nobody acknowledged by their escalation time, not yet escalated, at ?1.
constexpr const char* kEscalationDue =
    "escalated_at IS NULL AND acknowledged_at IS NULL AND state = 'released' AND "
    "escalate_at <= ?1";

Result<std::vector<FulfillmentTask>> EscalateIn(Connection& connection, Timestamp now) {
  SQLite::Statement& due =
      connection.Prepare(std::string("SELECT id FROM fulfillment_tasks WHERE ") + kEscalationDue +
                         " ORDER BY escalate_at, id");
  due.bind(1, MillisOf(now));
  std::vector<std::int64_t> ids;
  while (due.executeStep()) ids.push_back(due.getColumn(0).getInt64());
  due.reset();
  std::vector<FulfillmentTask> flagged;
  SQLite::Statement& update = connection.Prepare(
      "UPDATE fulfillment_tasks SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL "
      "AND acknowledged_at IS NULL AND state = 'released'");
  for (std::int64_t id : ids) {
    update.tryReset();
    update.bind(1, MillisOf(now));
    update.bind(2, id);
    if (update.exec() == 0) continue;
    auto task = FindTask(connection, id);
    if (!task) return Fail(task.error());
    Json payload = TaskPayload(*task);
    payload["released_at"] = json::FormatTimestamp(task->released_at.value_or(now));
    payload["escalated_at"] = json::FormatTimestamp(now);
    auto recorded = Record(connection, OrderIdOfTask(connection, id),
                           OrderEvent{.at = now,
                                      .actor = "scheduler",
                                      .kind = OrderEventKind::kEscalated,
                                      .detail = TaskLabel(*task) + " not acknowledged in time"},
                           "task.escalated", std::move(payload));
    if (!recorded) return Fail(recorded.error());
    flagged.push_back(*std::move(task));
  }
  return flagged;
}

Result<FulfillmentTask> ClaimIn(Connection& connection, std::int64_t task_id,
                                const std::string& who, Timestamp now, Timestamp lease_until) {
  auto task = FindTask(connection, task_id);
  if (!task) return Fail(task.error());
  if (!IsOpen(task->state)) return Fail(StateConflict(*task, "only open tasks can be claimed"));
  if (LiveClaimOfOther(*task, who, now)) return Fail(ClaimConflict(*task, who));
  SQLite::Statement& update = connection.Prepare(
      "UPDATE fulfillment_tasks SET claimed_by = ?1, lease_until = ?2 WHERE id = ?3 "
      "AND state IN ('released', 'in_progress', 'partly_shipped') "
      "AND (claimed_by = '' OR claimed_by = ?1 OR lease_until < ?4)");
  update.bind(1, who);
  update.bind(2, MillisOf(lease_until));
  update.bind(3, task_id);
  update.bind(4, MillisOf(now));
  if (update.exec() == 0) return Fail(ClaimConflict(*task, who));
  auto acknowledged = AcknowledgeIn(connection, *task, who, now);
  if (!acknowledged) return Fail(acknowledged.error());
  return FindTask(connection, task_id);
}

// Validates picked or shipped quantities against `task`; `limit` gives each line's maximum.
template <typename Limit>
Result<void> CheckLines(const FulfillmentTask& task, const std::vector<Shipment::Line>& lines,
                        std::int64_t minimum, Limit limit) {
  std::vector<FieldError> problems;
  std::set<int> seen;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string path = "lines[" + std::to_string(i) + "]";
    const auto line = std::find_if(task.lines.begin(), task.lines.end(), [&](const TaskLine& l) {
      return l.line_no == lines[i].line_no;
    });
    if (line == task.lines.end()) {
      problems.push_back({path + ".line_no", "is not a line of this task"});
      continue;
    }
    if (!seen.insert(lines[i].line_no).second) {
      problems.push_back({path + ".line_no", "appears twice"});
      continue;
    }
    const std::int64_t most = limit(*line);
    if (lines[i].quantity < minimum || lines[i].quantity > most) {
      problems.push_back(
          {path + ".quantity", "must be " + std::to_string(minimum) + ".." + std::to_string(most)});
    }
  }
  if (!problems.empty()) {
    return Fail(Error{.code = ErrorCode::kInvalidInput,
                      .message = "the quantities have errors",
                      .fields = std::move(problems)});
  }
  return {};
}

void WriteLine(Connection& connection, std::int64_t task_id, const TaskLine& line) {
  SQLite::Statement& update = connection.Prepare(
      "UPDATE fulfillment_task_lines SET backordered = ?, picked = ?, shipped = ? "
      "WHERE task_id = ? AND line_no = ?");
  update.bind(1, line.backordered);
  update.bind(2, line.picked);
  update.bind(3, line.shipped);
  update.bind(4, task_id);
  update.bind(5, line.line_no);
  update.exec();
}

Result<FulfillmentTask> PicksIn(Connection& connection, std::int64_t task_id,
                                const std::string& who, const std::vector<Shipment::Line>& picked,
                                Timestamp now) {
  auto task = FindTask(connection, task_id);
  if (!task) return Fail(task.error());
  if (!IsOpen(task->state)) return Fail(StateConflict(*task, "nothing is left to pick"));
  if (!HoldsClaim(*task, who, now)) return Fail(ClaimConflict(*task, who));
  auto checked = CheckLines(*task, picked, 0,
                            [](const TaskLine& line) { return line.quantity - line.shipped; });
  if (!checked) return Fail(checked.error());
  for (const Shipment::Line& entry : picked) {
    for (TaskLine& line : task->lines) {
      if (line.line_no != entry.line_no) continue;
      line.picked = entry.quantity;
      // Picking into the backorder means the missing goods arrived.
      line.backordered = std::min(line.backordered, line.quantity - line.shipped - line.picked);
      WriteLine(connection, task_id, line);
    }
  }
  return FindTask(connection, task_id);
}

// The task of shipment `shipment_id`.
std::int64_t TaskOfShipment(Connection& connection, std::int64_t shipment_id) {
  SQLite::Statement& find = connection.Prepare("SELECT task_id FROM shipments WHERE id = ?");
  find.bind(1, shipment_id);
  const bool found = find.executeStep();
  COMMESSO_INVARIANT(found, "an idempotency key refers to a shipment that exists");
  const std::int64_t task_id = find.getColumn(0).getInt64();
  find.reset();
  return task_id;
}

Result<FulfillmentTask> ShipIn(Connection& connection, std::int64_t task_id,
                               const Shipment& shipment, const IdempotencyKey& key,
                               KeptAnswer<FulfillmentTask>* answer) {
  auto earlier = FindKey(connection, KeyScope::kShipments, key);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) {
    if (TaskOfShipment(connection, (*earlier)->resource_id) != task_id) {
      return Fail(KeyUsedForAnotherRequest());
    }
    TellReplayed(answer, **earlier);
    return FindTask(connection, task_id);
  }
  std::vector<FieldError> problems;
  if (shipment.carrier.empty() || shipment.carrier.size() > 64) {
    problems.push_back({"carrier", "must be 1..64 characters"});
  }
  if (shipment.tracking_number.empty() || shipment.tracking_number.size() > 64) {
    problems.push_back({"tracking_number", "must be 1..64 characters"});
  }
  if (!problems.empty()) {
    return Fail(Error{.code = ErrorCode::kInvalidInput,
                      .message = "the shipment has errors",
                      .fields = std::move(problems)});
  }
  auto task = FindTask(connection, task_id);
  if (!task) return Fail(task.error());
  const Timestamp now = shipment.shipped_at;
  if (!IsOpen(task->state)) return Fail(StateConflict(*task, "nothing is left to ship"));
  if (!HoldsClaim(*task, shipment.shipped_by, now)) {
    return Fail(ClaimConflict(*task, shipment.shipped_by));
  }
  std::vector<Shipment::Line> lines = shipment.lines;
  if (lines.empty()) {
    for (const TaskLine& line : task->lines) {
      if (line.picked > 0) lines.push_back({.line_no = line.line_no, .quantity = line.picked});
    }
    if (lines.empty()) {
      return Fail(Error{.code = ErrorCode::kInvalidInput,
                        .message = "Nothing is picked: record the picks or name the lines.",
                        .fields = {{"lines", "nothing is picked to ship"}}});
    }
  } else {
    auto checked = CheckLines(*task, lines, 1,
                              [](const TaskLine& line) { return line.quantity - line.shipped; });
    if (!checked) return Fail(checked.error());
  }

  const std::int64_t order_id = OrderIdOfTask(connection, task_id);
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO shipments (order_id, task_id, carrier, tracking_number, shipped_by, "
      "shipped_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, order_id);
  insert.bind(2, task_id);
  insert.bind(3, shipment.carrier);
  insert.bind(4, shipment.tracking_number);
  insert.bind(5, shipment.shipped_by);
  insert.bind(6, MillisOf(now));
  insert.exec();
  const std::int64_t shipment_id = connection.database().getLastInsertRowid();
  SQLite::Statement& insert_line = connection.Prepare(
      "INSERT INTO shipment_lines (order_id, shipment_id, line_no, quantity) VALUES (?, ?, ?, ?)");
  Json payload_lines = Json::array();
  bool everything = true;
  for (TaskLine& line : task->lines) {
    for (const Shipment::Line& entry : lines) {
      if (entry.line_no != line.line_no) continue;
      line.shipped += entry.quantity;
      line.picked -= std::min(line.picked, entry.quantity);
      insert_line.tryReset();
      insert_line.bind(1, order_id);
      insert_line.bind(2, shipment_id);
      insert_line.bind(3, line.line_no);
      insert_line.bind(4, entry.quantity);
      insert_line.exec();
      payload_lines.push_back(
          Json{{"line_no", line.line_no}, {"sku", line.sku}, {"quantity", entry.quantity}});
    }
    // What is still unshipped and not picked waits as a backorder.
    line.backordered = line.quantity - line.shipped - line.picked;
    everything = everything && line.shipped == line.quantity;
    WriteLine(connection, task_id, line);
  }
  SQLite::Statement& update = connection.Prepare(
      everything ? "UPDATE fulfillment_tasks SET state = 'shipped', finished_at = ?1, "
                   "dispatched_at = coalesce(dispatched_at, ?1), claimed_by = '', "
                   "lease_until = NULL WHERE id = ?2"
                 : "UPDATE fulfillment_tasks SET state = 'partly_shipped', "
                   "dispatched_at = coalesce(dispatched_at, ?1) WHERE id = ?2");
  update.bind(1, MillisOf(now));
  update.bind(2, task_id);
  update.exec();
  std::string detail = TaskLabel(*task) + ": " + shipment.carrier + " " + shipment.tracking_number +
                       (everything ? ", everything" : ", in part");
  Json payload = TaskPayload(*task);
  payload["carrier"] = shipment.carrier;
  payload["tracking_number"] = shipment.tracking_number;
  payload["lines"] = std::move(payload_lines);
  payload["shipped_at"] = json::FormatTimestamp(now);
  auto recorded = Record(connection, order_id,
                         OrderEvent{.at = now,
                                    .actor = shipment.shipped_by,
                                    .kind = OrderEventKind::kShipped,
                                    .detail = std::move(detail)},
                         "order.shipped", std::move(payload));
  if (!recorded) return Fail(recorded.error());
  auto shipped = FindTask(connection, task_id);
  if (!shipped) return Fail(shipped.error());
  RecordKey(connection, KeyScope::kShipments, key, shipment_id, AnswerFor(answer, *shipped));
  return shipped;
}

Result<FulfillmentTask> CompleteIn(Connection& connection, std::int64_t task_id,
                                   const std::string& who, Timestamp now) {
  auto task = FindTask(connection, task_id);
  if (!task) return Fail(task.error());
  if (!IsOpen(task->state)) return Fail(StateConflict(*task, "it cannot be completed"));
  if (LiveClaimOfOther(*task, who, now)) return Fail(ClaimConflict(*task, who));
  auto acknowledged = AcknowledgeIn(connection, *task, who, now);
  if (!acknowledged) return Fail(acknowledged.error());
  for (TaskLine& line : task->lines) {
    line.shipped = line.quantity;
    line.picked = 0;
    line.backordered = 0;
    WriteLine(connection, task_id, line);
  }
  SQLite::Statement& update = connection.Prepare(
      "UPDATE fulfillment_tasks SET state = 'done', finished_at = ?1, "
      "dispatched_at = coalesce(dispatched_at, ?1), claimed_by = '', lease_until = NULL "
      "WHERE id = ?2");
  update.bind(1, MillisOf(now));
  update.bind(2, task_id);
  update.exec();
  Json payload = TaskPayload(*task);
  payload["done_by"] = who;
  payload["done_at"] = json::FormatTimestamp(now);
  auto recorded = Record(
      connection, OrderIdOfTask(connection, task_id),
      OrderEvent{
          .at = now, .actor = who, .kind = OrderEventKind::kDone, .detail = TaskLabel(*task)},
      "task.done", std::move(payload));
  if (!recorded) return Fail(recorded.error());
  return FindTask(connection, task_id);
}

// Whether any task of the order left scheduled/held (released, worked, finished).
bool AnyReleased(Connection& connection, std::int64_t order_id) {
  SQLite::Statement& find = connection.Prepare(
      "SELECT 1 FROM fulfillment_tasks WHERE order_id = ? AND released_at IS NOT NULL LIMIT 1");
  find.bind(1, order_id);
  const bool found = find.executeStep();
  find.reset();
  return found;
}

Result<std::vector<Hold>> PlaceHoldIn(Connection& connection, const OrderNumber& number,
                                      const Hold& hold) {
  auto order = FindOrder(connection, number);
  if (!order) return Fail(order.error());
  if (order->status == Name(OrderStatus::kCancelled) || AnyReleased(connection, order->id)) {
    return Fail(Conflict("state", "is " + order->status,
                         "Order " + number.value + " is " + order->status +
                             ": only orders no task of which was released can be held."));
  }
  auto added = InsertHold(connection, order->id, number, hold);
  if (!added) return Fail(added.error());
  if (!*added) {
    return Fail(
        Conflict("kind", std::string("a ") + Name(hold.kind) + " hold is active",
                 "Order " + number.value + " already has an active " + Name(hold.kind) + " hold."));
  }
  SQLite::Statement& hold_tasks = connection.Prepare(
      "UPDATE fulfillment_tasks SET state = 'held' WHERE order_id = ? AND state = 'scheduled'");
  hold_tasks.bind(1, order->id);
  hold_tasks.exec();
  return HoldsOf(connection, order->id);
}

Result<std::vector<FulfillmentTask>> LiftHoldIn(
    Connection& connection, const OrderNumber& number, HoldKind kind, const std::string& who,
    Timestamp now, const std::vector<std::pair<std::string, Timestamp>>& release_at) {
  auto order = FindOrder(connection, number);
  if (!order) return Fail(order.error());
  SQLite::Statement& lift = connection.Prepare(
      "UPDATE order_holds SET lifted_by = ?, lifted_at = ? WHERE order_id = ? AND kind = ? "
      "AND lifted_at IS NULL");
  lift.bind(1, who);
  lift.bind(2, MillisOf(now));
  lift.bind(3, order->id);
  lift.bind(4, Name(kind));
  if (lift.exec() == 0) {
    return Fail(
        Error{.code = ErrorCode::kNotFound,
              .message = "Order " + number.value + " has no active " + Name(kind) + " hold.",
              .fields = {{"kind", "no such active hold"}}});
  }
  if (!HasActiveHold(connection, order->id)) {
    auto tasks = TasksOfOrder(connection, order->id);
    if (!tasks) return Fail(tasks.error());
    SQLite::Statement& schedule = connection.Prepare(
        "UPDATE fulfillment_tasks SET state = 'scheduled', release_at = ? "
        "WHERE id = ? AND state = 'held'");
    for (const FulfillmentTask& task : *tasks) {
      Timestamp at = now;
      for (const auto& [department, when] : release_at) {
        if (department == task.department) at = when;
      }
      schedule.tryReset();
      schedule.bind(1, MillisOf(at));
      schedule.bind(2, task.id);
      schedule.exec();
    }
  }
  auto recorded = Record(connection, order->id,
                         OrderEvent{.at = now,
                                    .actor = who,
                                    .kind = OrderEventKind::kHoldLifted,
                                    .detail = std::string(Name(kind)) + " hold lifted"},
                         "order.hold_lifted",
                         Json{{"order", number.value},
                              {"kind", Name(kind)},
                              {"by", who},
                              {"at", json::FormatTimestamp(now)}});
  if (!recorded) return Fail(recorded.error());
  return TasksOfOrder(connection, order->id);
}

Result<std::vector<FulfillmentTask>> CancelIn(Connection& connection, const OrderNumber& number,
                                              const std::string& who, const std::string& reason,
                                              Timestamp now) {
  auto order = FindOrder(connection, number);
  if (!order) return Fail(order.error());
  if (order->status == Name(OrderStatus::kCancelled)) return TasksOfOrder(connection, order->id);
  if (AnyReleased(connection, order->id)) {
    return Fail(Conflict("state", "is " + order->status,
                         "Order " + number.value + " is " + order->status +
                             ": a task was released, so it can no longer be cancelled."));
  }
  SQLite::Statement& cancel_tasks = connection.Prepare(
      "UPDATE fulfillment_tasks SET state = 'cancelled', finished_at = ? "
      "WHERE order_id = ? AND state IN ('scheduled', 'held')");
  cancel_tasks.bind(1, MillisOf(now));
  cancel_tasks.bind(2, order->id);
  cancel_tasks.exec();
  SQLite::Statement& cancel_order =
      connection.Prepare("UPDATE orders SET status = 'cancelled' WHERE id = ?");
  cancel_order.bind(1, order->id);
  cancel_order.exec();
  // What the placement took from stock goes back (an order is cancelled once: see above).
  SQLite::Statement& restock = connection.Prepare(
      "UPDATE items SET stock_on_hand = stock_on_hand + taken.units FROM "
      "(SELECT item_id, sum(reserved) AS units FROM order_lines WHERE order_id = ? "
      "AND reserved > 0 GROUP BY item_id) AS taken WHERE items.id = taken.item_id");
  restock.bind(1, order->id);
  restock.exec();
  // Finding 12: the customer got the receipt of an order cancelled before it went out.
  WithdrawReceipts(connection, order->id, reason, now);
  auto recorded = Record(
      connection, order->id,
      OrderEvent{.at = now, .actor = who, .kind = OrderEventKind::kCancelled, .detail = reason},
      "order.cancelled",
      Json{{"order", number.value},
           {"reason", reason},
           {"by", who},
           {"at", json::FormatTimestamp(now)}});
  if (!recorded) return Fail(recorded.error());
  return TasksOfOrder(connection, order->id);
}

}  // namespace

Result<std::vector<DueFulfillment>> SqliteFulfillmentStore::PendingPlans(int limit) const {
  return database_.readers().Read<std::vector<DueFulfillment>>(
      [&](Connection& connection) -> Result<std::vector<DueFulfillment>> {
        SQLite::Statement& rows = connection.Prepare(kPendingPlansSql);
        rows.bind(1, limit);
        std::vector<DueFulfillment> due;
        while (rows.executeStep()) {
          due.push_back({.event_id = rows.getColumn(0).getInt64(),
                         .order = OrderNumber{rows.getColumn(1).getString()}});
        }
        return due;
      });
}

Result<std::vector<FulfillmentTask>> SqliteFulfillmentStore::Plan(const DueFulfillment& due,
                                                                  const std::vector<NewTask>& tasks,
                                                                  const std::vector<Hold>& holds,
                                                                  Timestamp now) {
  return database_.writer().Write<std::vector<FulfillmentTask>>(
      [&](Connection& connection) { return PlanIn(connection, due, tasks, holds, now); });
}

Result<std::vector<FulfillmentTask>> SqliteFulfillmentStore::DueForRelease(Timestamp now,
                                                                           int limit) const {
  return database_.readers().Read<std::vector<FulfillmentTask>>(
      [&](Connection& connection) -> Result<std::vector<FulfillmentTask>> {
        SQLite::Statement& rows = connection.Prepare(SelectTasks(
            "WHERE t.state = 'scheduled' AND t.release_at <= ? ORDER BY t.release_at, t.id "
            "LIMIT ?"));
        rows.bind(1, MillisOf(now));
        rows.bind(2, limit);
        return TasksFrom(connection, rows);
      });
}

Result<std::vector<FulfillmentTask>> SqliteFulfillmentStore::Release(
    const std::vector<TaskRelease>& releases, Timestamp now) {
  if (releases.empty()) return std::vector<FulfillmentTask>{};
  return database_.writer().Write<std::vector<FulfillmentTask>>(
      [&](Connection& connection) -> Result<std::vector<FulfillmentTask>> {
        std::vector<FulfillmentTask> released;
        for (const TaskRelease& release : releases) {
          auto task = ReleaseIn(connection, release.task_id, release.escalate_at, now);
          if (!task) return Fail(task.error());
          if (*task) released.push_back(**std::move(task));
        }
        return released;
      });
}

Result<bool> SqliteFulfillmentStore::Any(const char* condition, Timestamp now) const {
  return database_.readers().Read<bool>([&](Connection& connection) -> Result<bool> {
    SQLite::Statement& any = connection.Prepare(
        std::string("SELECT EXISTS (SELECT 1 FROM fulfillment_tasks WHERE ") + condition + ")");
    any.bind(1, MillisOf(now));
    any.executeStep();
    const bool found = any.getColumn(0).getInt() != 0;
    any.reset();
    return found;
  });
}

Result<std::int64_t> SqliteFulfillmentStore::ExpireLeases(Timestamp now) {
  // Most rounds have nothing to do: they ask a reader, and only the rest take the writer.
  auto any = Any(kLeaseEnded, now);
  if (!any) return Fail(any.error());
  if (!*any) return std::int64_t{0};
  return database_.writer().Write<std::int64_t>(
      [&](Connection& connection) -> Result<std::int64_t> {
        SQLite::Statement& update = connection.Prepare(
            std::string("UPDATE fulfillment_tasks SET claimed_by = '', lease_until = NULL WHERE ") +
            kLeaseEnded);
        update.bind(1, MillisOf(now));
        return static_cast<std::int64_t>(update.exec());
      });
}

Result<std::vector<FulfillmentTask>> SqliteFulfillmentStore::Escalate(Timestamp now) {
  auto any = Any(kEscalationDue, now);
  if (!any) return Fail(any.error());
  if (!*any) return std::vector<FulfillmentTask>{};
  return database_.writer().Write<std::vector<FulfillmentTask>>(
      [&](Connection& connection) { return EscalateIn(connection, now); });
}

Result<std::vector<FulfillmentTask>> SqliteFulfillmentStore::Queue(std::string_view department,
                                                                   int limit) const {
  return database_.readers().Read<std::vector<FulfillmentTask>>(
      [&](Connection& connection) -> Result<std::vector<FulfillmentTask>> {
        SQLite::Statement& rows =
            connection.Prepare(SelectTasks(std::string("WHERE t.department = ? AND t.state IN ") +
                                           kOpenStates + " ORDER BY t.released_at, t.id LIMIT ?"));
        rows.bind(1, std::string(department));
        rows.bind(2, limit);
        return TasksFrom(connection, rows);
      });
}

Result<std::vector<FulfillmentTask>> SqliteFulfillmentStore::Escalated() const {
  return database_.readers().Read<std::vector<FulfillmentTask>>(
      [&](Connection& connection) -> Result<std::vector<FulfillmentTask>> {
        SQLite::Statement& rows = connection.Prepare(
            SelectTasks(std::string("WHERE t.state IN ") + kOpenStates +
                        " AND t.escalated_at IS NOT NULL AND t.acknowledged_at IS NULL "
                        "ORDER BY t.released_at, t.id"));
        return TasksFrom(connection, rows);
      });
}

Result<FulfillmentTask> SqliteFulfillmentStore::Find(std::int64_t task_id) const {
  return database_.readers().Read<FulfillmentTask>(
      [&](Connection& connection) { return FindTask(connection, task_id); });
}

Result<std::vector<FulfillmentTask>> SqliteFulfillmentStore::ForOrder(
    const OrderNumber& number) const {
  return database_.readers().Read<std::vector<FulfillmentTask>>(
      [&](Connection& connection) -> Result<std::vector<FulfillmentTask>> {
        auto order = FindOrder(connection, number);
        if (!order) return Fail(order.error());
        return TasksOfOrder(connection, order->id);
      });
}

Result<FulfillmentTask> SqliteFulfillmentStore::Claim(std::int64_t task_id, const std::string& who,
                                                      Timestamp now, Timestamp lease_until) {
  return database_.writer().Write<FulfillmentTask>(
      [&](Connection& connection) { return ClaimIn(connection, task_id, who, now, lease_until); });
}

Result<FulfillmentTask> SqliteFulfillmentStore::Unclaim(std::int64_t task_id,
                                                        const std::string& who, Timestamp now) {
  return database_.writer().Write<FulfillmentTask>(
      [&](Connection& connection) -> Result<FulfillmentTask> {
        auto task = FindTask(connection, task_id);
        if (!task) return Fail(task.error());
        if (!HoldsClaim(*task, who, now)) return Fail(ClaimConflict(*task, who));
        SQLite::Statement& update = connection.Prepare(
            "UPDATE fulfillment_tasks SET claimed_by = '', lease_until = NULL "
            "WHERE id = ? AND claimed_by = ?");
        update.bind(1, task_id);
        update.bind(2, who);
        update.exec();
        return FindTask(connection, task_id);
      });
}

Result<FulfillmentTask> SqliteFulfillmentStore::Acknowledge(std::int64_t task_id,
                                                            const std::string& who, Timestamp now) {
  return database_.writer().Write<FulfillmentTask>(
      [&](Connection& connection) -> Result<FulfillmentTask> {
        auto task = FindTask(connection, task_id);
        if (!task) return Fail(task.error());
        if (task->acknowledged_at) return task;
        if (!IsOpen(task->state)) {
          return Fail(StateConflict(*task, "only released tasks can be acknowledged"));
        }
        auto acknowledged = AcknowledgeIn(connection, *task, who, now);
        if (!acknowledged) return Fail(acknowledged.error());
        return FindTask(connection, task_id);
      });
}

Result<FulfillmentTask> SqliteFulfillmentStore::RecordPicks(
    std::int64_t task_id, const std::string& who, const std::vector<Shipment::Line>& picked,
    Timestamp now) {
  return database_.writer().Write<FulfillmentTask>(
      [&](Connection& connection) { return PicksIn(connection, task_id, who, picked, now); });
}

Result<FulfillmentTask> SqliteFulfillmentStore::Ship(std::int64_t task_id, const Shipment& shipment,
                                                     const IdempotencyKey& key,
                                                     KeptAnswer<FulfillmentTask>* answer) {
  return database_.writer().Write<FulfillmentTask>(
      [&](Connection& connection) { return ShipIn(connection, task_id, shipment, key, answer); });
}

Result<FulfillmentTask> SqliteFulfillmentStore::Complete(std::int64_t task_id,
                                                         const std::string& who, Timestamp now) {
  return database_.writer().Write<FulfillmentTask>(
      [&](Connection& connection) { return CompleteIn(connection, task_id, who, now); });
}

Result<std::vector<Hold>> SqliteFulfillmentStore::Holds(const OrderNumber& number) const {
  return database_.readers().Read<std::vector<Hold>>(
      [&](Connection& connection) -> Result<std::vector<Hold>> {
        auto order = FindOrder(connection, number);
        if (!order) return Fail(order.error());
        return HoldsOf(connection, order->id);
      });
}

Result<std::vector<Hold>> SqliteFulfillmentStore::PlaceHold(const OrderNumber& number,
                                                            const Hold& hold) {
  return database_.writer().Write<std::vector<Hold>>(
      [&](Connection& connection) { return PlaceHoldIn(connection, number, hold); });
}

Result<std::vector<FulfillmentTask>> SqliteFulfillmentStore::LiftHold(
    const OrderNumber& number, HoldKind kind, const std::string& who, Timestamp now,
    const std::vector<std::pair<std::string, Timestamp>>& release_at) {
  return database_.writer().Write<std::vector<FulfillmentTask>>([&](Connection& connection) {
    return LiftHoldIn(connection, number, kind, who, now, release_at);
  });
}

Result<std::vector<FulfillmentTask>> SqliteFulfillmentStore::Cancel(const OrderNumber& number,
                                                                    const std::string& who,
                                                                    const std::string& reason,
                                                                    Timestamp now) {
  return database_.writer().Write<std::vector<FulfillmentTask>>(
      [&](Connection& connection) { return CancelIn(connection, number, who, reason, now); });
}

Result<std::vector<DepartmentStats>> SqliteFulfillmentStore::Stats(Timestamp since) const {
  return database_.readers().Read<std::vector<DepartmentStats>>(
      [&](Connection& connection) -> Result<std::vector<DepartmentStats>> {
        SQLite::Statement& rows = connection.Prepare(
            "SELECT department, "
            "sum(state IN ('scheduled', 'held')), "
            "sum(state = 'released' AND claimed_by = ''), "
            "sum(state IN ('in_progress', 'partly_shipped') OR (state = 'released' AND "
            "claimed_by <> '')), "
            "sum(state IN ('released', 'in_progress', 'partly_shipped') AND escalated_at IS NOT "
            "NULL AND acknowledged_at IS NULL), "
            "sum(released_at >= ?1 AND acknowledged_at IS NOT NULL), "
            "avg(CASE WHEN released_at >= ?1 AND acknowledged_at IS NOT NULL "
            "THEN acknowledged_at - released_at END), "
            "sum(released_at >= ?1 AND dispatched_at IS NOT NULL), "
            "avg(CASE WHEN released_at >= ?1 AND dispatched_at IS NOT NULL "
            "THEN dispatched_at - released_at END) "
            "FROM fulfillment_tasks WHERE state <> 'cancelled' GROUP BY department "
            "ORDER BY department");
        rows.bind(1, MillisOf(since));
        std::vector<DepartmentStats> stats;
        const auto mean = [](const SQLite::Column& column) {
          std::optional<std::chrono::milliseconds> value;
          if (!column.isNull()) {
            value = std::chrono::milliseconds{static_cast<std::int64_t>(column.getDouble())};
          }
          return value;
        };
        while (rows.executeStep()) {
          stats.push_back(DepartmentStats{.department = rows.getColumn(0).getString(),
                                          .scheduled = rows.getColumn(1).getInt64(),
                                          .queued = rows.getColumn(2).getInt64(),
                                          .in_progress = rows.getColumn(3).getInt64(),
                                          .escalated = rows.getColumn(4).getInt64(),
                                          .acknowledged_count = rows.getColumn(5).getInt64(),
                                          .mean_time_in_queue = mean(rows.getColumn(6)),
                                          .dispatched_count = rows.getColumn(7).getInt64(),
                                          .mean_time_to_dispatch = mean(rows.getColumn(8))});
        }
        return stats;
      });
}

}  // namespace commesso::sqlite
