#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/order.h"
#include "core/result.h"

namespace commesso {

// A webhook subscription's key.
struct WebhookSubscriptionId {
  std::int64_t value = 0;
  friend auto operator<=>(const WebhookSubscriptionId&, const WebhookSubscriptionId&) = default;
};

// An endpoint that receives events (docs/webhooks.md). The secret it is signed with is not
// part of it: it is shown once, when the subscription is created, and otherwise only the
// sender reads it.
struct WebhookSubscription {
  WebhookSubscriptionId id{};
  std::string url{};                  // http:// or https://.
  std::vector<std::string> events{};  // Public event names, or {"*"} for all.
  bool active = true;                 // False once disabled.
  std::string created_by{};
  Timestamp created_at{};
  std::optional<Timestamp> disabled_at{};
  // Its deliveries: waiting, given up (and not replayed since), and the last answer.
  std::int64_t queued = 0;
  std::int64_t failed = 0;
  int last_status = 0;  // The HTTP status of the last attempt; 0: none yet, or no answer.
  std::optional<Timestamp> last_attempt_at{};
  friend bool operator==(const WebhookSubscription&, const WebhookSubscription&) = default;
};

enum class WebhookDeliveryState {
  kQueued,     // Waiting for its next attempt (or for an earlier event of its order).
  kDelivered,  // The endpoint answered 2xx.
  kFailed,     // Given up after the last attempt; waits for a replay.
};

// One event to one subscription, at least once, with the same delivery key on every try.
struct WebhookDelivery {
  std::int64_t id = 0;
  std::string key{};  // The "id" receivers de-duplicate on (Commesso-Delivery).
  WebhookSubscriptionId subscription{};
  std::int64_t event_id = 0;  // The outbox row.
  OrderNumber order{};
  std::string event{};  // "order.placed".
  WebhookDeliveryState state = WebhookDeliveryState::kQueued;
  int attempts = 0;
  std::optional<Timestamp> next_attempt_at{};  // Queued only.
  int last_status = 0;                         // 0: no answer (network error) or no try yet.
  std::string last_error{};
  std::string response_snippet{};  // The start of the last answer's body.
  Timestamp created_at{};          // When the event happened (the outbox row's time).
  Timestamp updated_at{};
  std::optional<Timestamp> delivered_at{};
  friend bool operator==(const WebhookDelivery&, const WebhookDelivery&) = default;
};

// The events sent to webhooks, in the order docs/webhooks.md lists them. Internal outbox
// events ("receipt.due", "fulfillment.due") are not among them.
const std::vector<std::string_view>& WebhookEvents();

// Whether `name` is one of WebhookEvents().
bool IsWebhookEvent(std::string_view name);

// Why `url` cannot receive webhooks, or nothing: it must be an absolute http:// or https://
// URL with a host, without a user name or password (they would end up in logs), without
// spaces or control characters, at most 2000 characters.
std::optional<std::string> WebhookUrlProblem(std::string_view url);

// The problems of a subscription's event list, with paths "<path>" and "<path>[i]": it names
// at least one event, each from WebhookEvents() (internal events are not) or "*" alone, none
// twice. Empty when it is fine.
std::vector<FieldError> WebhookEventsProblems(const std::vector<std::string>& events,
                                              const std::string& path);

// "queued", "delivered", "failed" and back (nothing for an unknown name).
const char* Name(WebhookDeliveryState state);
std::optional<WebhookDeliveryState> ParseWebhookDeliveryState(std::string_view name);

}  // namespace commesso
