#pragma once

#include <cstdint>

#include <SQLiteCpp/Statement.h>

#include "adapters/sqlite/connection.h"
#include "core/order.h"
#include "core/order_history.h"
#include "core/result.h"

// Internal to this folder: reading orders back from their rows.
namespace commesso::sqlite {

// The columns OrderFrom reads, first in every query of orders.
inline constexpr const char* kOrderColumns = "id, number, snapshot, revision, status";

// Which revision and status an order read back has.
enum class OrderState {
  kCurrent,   // The row's: the status follows the fulfillment tasks.
  kAsPlaced,  // The snapshot's, which keeps the order as placed: what its placement answered.
};

// The order of a row whose first columns are kOrderColumns: its snapshot with the row's id and
// number, and the revision and status `state` says. kInternal when the snapshot is not a
// valid order.
Result<Order> OrderFrom(SQLite::Statement& row, OrderState state = OrderState::kCurrent);

// Appends `event` to the history of the order with row id `order_id`, in the caller's
// transaction. Throws SQLite::Exception.
void InsertHistory(Connection& connection, std::int64_t order_id, const OrderEvent& event);

}  // namespace commesso::sqlite
