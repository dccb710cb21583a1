#include "core/order_history.h"

namespace commesso {

const char* Name(OrderEventKind kind) {
  switch (kind) {
    case OrderEventKind::kPlaced:
      return "placed";
    case OrderEventKind::kConfirmed:
      return "confirmed";
    case OrderEventKind::kReleased:
      return "released";
    case OrderEventKind::kAcknowledged:
      return "acknowledged";
    case OrderEventKind::kShipped:
      return "shipped";
    case OrderEventKind::kDone:
      return "done";
    case OrderEventKind::kHeld:
      return "held";
    case OrderEventKind::kHoldLifted:
      return "hold_lifted";
    case OrderEventKind::kCancelled:
      return "cancelled";
    case OrderEventKind::kEscalated:
      return "escalated";
  }
  return "unknown";
}

std::optional<OrderEventKind> ParseOrderEventKind(std::string_view name) {
  for (OrderEventKind kind :
       {OrderEventKind::kPlaced, OrderEventKind::kConfirmed, OrderEventKind::kReleased,
        OrderEventKind::kAcknowledged, OrderEventKind::kShipped, OrderEventKind::kDone,
        OrderEventKind::kHeld, OrderEventKind::kHoldLifted, OrderEventKind::kCancelled,
        OrderEventKind::kEscalated}) {
    if (name == Name(kind)) return kind;
  }
  return std::nullopt;
}

Result<void> CanConfirm(std::int64_t current, std::int64_t revision) {
  if (revision < 1) {
    return Fail(Error{.code = ErrorCode::kInvalidInput,
                      .message = "the confirmation has errors",
                      .fields = {{"revision", "must be a revision number, 1 or more"}}});
  }
  if (revision != current) {
    const std::string now = std::to_string(current);
    return Fail(Error{.code = ErrorCode::kConflict,
                      .message = "The order is at revision " + now +
                                 ": read the order back again and confirm "
                                 "revision " +
                                 now + ".",
                      .fields = {{"revision", "is not the order's current revision " + now}}});
  }
  return {};
}

}  // namespace commesso
