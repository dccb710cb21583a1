#include "core/webhook.h"

#include <algorithm>

namespace commesso {

const std::vector<std::string_view>& WebhookEvents() {
  static const std::vector<std::string_view> events = {
      "order.placed",   "order.released", "task.acknowledged", "order.shipped",  "task.done",
      "task.escalated", "order.held",     "order.hold_lifted", "order.cancelled"};
  return events;
}

bool IsWebhookEvent(std::string_view name) {
  const auto& events = WebhookEvents();
  return std::find(events.begin(), events.end(), name) != events.end();
}

const char* Name(WebhookDeliveryState state) {
  switch (state) {
    case WebhookDeliveryState::kQueued:
      return "queued";
    case WebhookDeliveryState::kDelivered:
      return "delivered";
    case WebhookDeliveryState::kFailed:
      return "failed";
  }
  return "queued";
}

std::optional<WebhookDeliveryState> ParseWebhookDeliveryState(std::string_view name) {
  for (auto state : {WebhookDeliveryState::kQueued, WebhookDeliveryState::kDelivered,
                     WebhookDeliveryState::kFailed}) {
    if (name == Name(state)) return state;
  }
  return std::nullopt;
}

}  // namespace commesso
