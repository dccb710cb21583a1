#pragma once

// The writes a placement's transaction makes for the scheduler, the mailer and the webhooks
// when it hands the order on itself (OrderStore::Place with a handoff). Each is also what
// that worker's own store call runs in its transaction; all run on the writer's connection,
// inside a transaction.

#include <cstdint>
#include <optional>
#include <vector>

#include "adapters/sqlite/connection.h"
#include "app/ports/delivery_store.h"
#include "app/ports/fulfillment_store.h"
#include "core/result.h"

namespace commesso::sqlite {

// Plans the fulfillment.due event `due`: its holds and tasks (sqlite_fulfillment_store.cc).
Result<std::vector<FulfillmentTask>> PlanIn(Connection& connection, const DueFulfillment& due,
                                            const std::vector<NewTask>& tasks,
                                            const std::vector<Hold>& holds, Timestamp now);

// Takes the receipt.due event `event` as the delivery `request` (sqlite_delivery_store.cc).
Result<ReceiptDelivery> TakeIn(Connection& connection, const DueReceipt& event,
                               const DeliveryRequest& request);

// Fans out up to `limit` public outbox events, oldest first, to the subscriptions that want
// them; the number taken (sqlite_webhook_store.cc).
Result<int> FanOutIn(Connection& connection, Timestamp now, int limit);

}  // namespace commesso::sqlite
