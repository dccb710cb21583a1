#include "core/receipt_delivery.h"

#include <algorithm>

namespace commesso {

std::chrono::milliseconds RetryDelay(const RetryPolicy& policy, int failures) {
  std::int64_t delay = policy.first_delay.count();
  const std::int64_t cap = policy.cap.count();
  // Multiplying stops at the cap, so the delay never overflows however many failures.
  for (int i = 1; i < failures && delay < cap; ++i) delay *= std::max(policy.factor, 1);
  return std::chrono::milliseconds{std::min(delay, cap)};
}

const char* Name(DeliveryState state) {
  switch (state) {
    case DeliveryState::kQueued:
      return "queued";
    case DeliveryState::kSent:
      return "sent";
    case DeliveryState::kFailed:
      return "failed";
    case DeliveryState::kWithdrawn:
      return "withdrawn";
  }
  return "queued";
}

std::optional<DeliveryState> ParseDeliveryState(std::string_view name) {
  if (name == "queued") return DeliveryState::kQueued;
  if (name == "sent") return DeliveryState::kSent;
  if (name == "failed") return DeliveryState::kFailed;
  if (name == "withdrawn") return DeliveryState::kWithdrawn;
  return std::nullopt;
}

const char* Name(DeliveryKind kind) {
  return kind == DeliveryKind::kCancellation ? "cancellation" : "receipt";
}

std::optional<DeliveryKind> ParseDeliveryKind(std::string_view name) {
  if (name == "receipt") return DeliveryKind::kReceipt;
  if (name == "cancellation") return DeliveryKind::kCancellation;
  return std::nullopt;
}

}  // namespace commesso
