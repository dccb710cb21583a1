#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/order.h"
#include "core/result.h"

namespace commesso {

// That the customer confirmed the read-back of one revision of an order.
struct Confirmation {
  std::int64_t revision = 0;  // The revision read back, the order's current one when recorded.
  std::string by{};           // Who took the confirmation: a name the caller gave, or the caller.
  std::string principal{};    // The authenticated caller that recorded it.
  Timestamp confirmed_at{};
  friend bool operator==(const Confirmation&, const Confirmation&) = default;
};

enum class OrderEventKind {
  kPlaced,     // The order was placed (revision 1).
  kConfirmed,  // The customer confirmed the read-back of a revision.
  // Fulfillment (core/fulfillment.h); the detail names the department and task.
  kReleased,      // A task entered its department's queue.
  kAcknowledged,  // A department took a task over.
  kShipped,       // A shipment left (carrier, tracking number, quantities).
  kDone,          // A service task was completed.
  kHeld,          // A hold was placed (kind, reason).
  kHoldLifted,    // A hold was lifted.
  kCancelled,     // A supervisor cancelled the order before release.
  kEscalated,     // A released task was not acknowledged in time.
};

// One line of an order's history, written in the same transaction as what it records.
struct OrderEvent {
  Timestamp at{};
  std::string actor{};  // Who did it: the clerk, the user or the API caller.
  OrderEventKind kind = OrderEventKind::kPlaced;
  std::string detail{};  // For people: "revision 1".
  friend bool operator==(const OrderEvent&, const OrderEvent&) = default;
};

// "placed", "confirmed", "hold_lifted", …, and the parser (nothing for an unknown name).
const char* Name(OrderEventKind kind);
std::optional<OrderEventKind> ParseOrderEventKind(std::string_view name);

// Whether a confirmation of `revision` may be recorded on an order now at `current`:
// kInvalidInput (field "revision") when it is not a revision at all (below 1), kConflict
// (field "revision") when it is not the current one, so a customer never confirms what they
// were not read.
Result<void> CanConfirm(std::int64_t current, std::int64_t revision);

// The longest `by` a confirmation may carry, in bytes.
inline constexpr std::size_t kMaxConfirmedByBytes = 200;

}  // namespace commesso
