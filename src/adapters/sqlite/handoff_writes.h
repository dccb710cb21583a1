#pragma once

// The writes a placement's transaction makes for the scheduler, the mailer and the webhooks
// when it hands the order on itself (OrderStore::Place with a handoff): the same writes those
// workers' own store calls make, without looking up an event the placement has just written.
// All run on the writer's connection, inside a transaction.

#include <cstdint>
#include <optional>
#include <vector>

#include "adapters/sqlite/connection.h"
#include "app/ports/delivery_store.h"
#include "app/ports/fulfillment_store.h"
#include "core/result.h"

namespace commesso::sqlite {

// The scheduler's and the mailer's look-ups of their pending events (after every placement),
// shared with the test that checks they read a partial index, not the whole outbox.
inline constexpr const char* kPendingPlansSql =
    "SELECT x.id, o.number FROM outbox x JOIN orders o ON o.id = x.order_id "
    "WHERE x.event = 'fulfillment.due' AND x.delivered_at IS NULL ORDER BY x.id LIMIT ?";
// Parameters: the mailer's now (ms), the limit. New events regardless of their time (written
// with the system clock), postponed ones when their time has come by the mailer's clock.
inline constexpr const char* kPendingReceiptsSql =
    "SELECT x.id, o.number, x.attempts FROM outbox x JOIN orders o ON o.id = x.order_id "
    "WHERE x.event = 'receipt.due' AND x.delivered_at IS NULL "
    "AND (x.attempts = 0 OR x.next_attempt_at <= ?) ORDER BY x.id LIMIT ?";

// Writes the holds and tasks planned for order `order_id` (`number`) at `now`, the tasks linked
// to the fulfillment.due event `event_id`, releases those due at `now` that no hold blocks (a
// task with an escalate_at: the scheduler's release, history and order.released included), and
// writes the order's status after them (sqlite_fulfillment_store.cc). The order has no task yet
// and its status is `was`: every status it writes and records follows from `was` and the tasks
// it has just written (StatusAfter), with nothing read back.
Result<void> WritePlan(Connection& connection, std::int64_t order_id, const OrderNumber& number,
                       OrderStatus was, std::int64_t event_id, const std::vector<NewTask>& tasks,
                       const std::vector<Hold>& holds, Timestamp now);

// Inserts the receipt delivery `request` asks for at the placement of order `order_id`, taking
// the receipt.due event `outbox_id`: queued and due at once, or failed with its refusal; its id
// (sqlite_delivery_store.cc).
std::int64_t InsertPlacementDelivery(Connection& connection, std::int64_t order_id,
                                     const DeliveryRequest& request, std::int64_t outbox_id);

// Fans out up to `limit` public outbox events, oldest first, to the subscriptions that want
// them; the number taken (sqlite_webhook_store.cc).
Result<int> FanOutIn(Connection& connection, Timestamp now, int limit);

}  // namespace commesso::sqlite
