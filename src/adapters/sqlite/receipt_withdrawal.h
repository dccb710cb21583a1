#pragma once

#include <cstdint>
#include <string>

#include "adapters/sqlite/connection.h"
#include "core/order.h"

// What cancelling an order does to its receipt e-mails (docs/receipts.md, "Cancelled orders"),
// shared by the fulfillment store, which cancels, and the delivery store, whose mailer side
// looks at the order again before each e-mail. Each runs inside the caller's write transaction.
namespace commesso::sqlite {

// The error of a withdrawn delivery: "the order was cancelled: <reason>".
std::string WithdrawalReason(const std::string& cancellation_reason);

// The reason the order's cancellation gave (its last "cancelled" history event); "" when none.
std::string CancellationReasonOf(Connection& connection, std::int64_t order_id);

// Order `order_id` was cancelled with `reason` at `now`: its queued receipt e-mails become
// withdrawn, and every address one of its receipts already went to gets a cancellation notice.
void WithdrawReceipts(Connection& connection, std::int64_t order_id, const std::string& reason,
                      Timestamp now);

// Queues, due at `now`, a cancellation notice to every address a receipt of order `order_id`
// was sent to that has none yet; returns how many.
std::int64_t QueueCancellationNotices(Connection& connection, std::int64_t order_id, Timestamp now);

}  // namespace commesso::sqlite
