#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ports/kept_answer.h"
#include "core/ids.h"
#include "core/order.h"
#include "core/result.h"
#include "core/webhook.h"

namespace commesso {

// A subscription to create. `secret` is what deliveries are signed with.
struct NewWebhookSubscription {
  std::string url{};
  std::vector<std::string> events{};
  std::string secret{};
  std::string created_by{};
  Timestamp created_at{};
};

// A queued delivery whose turn has come, with what sending it needs.
struct DueWebhook {
  WebhookDelivery delivery{};
  std::string url{};
  std::string secret{};   // Never logged.
  std::string payload{};  // The outbox row's JSON, sent as "data".
  friend bool operator==(const DueWebhook&, const DueWebhook&) = default;
};

// Webhook subscriptions, and their deliveries made from the outbox's public events
// (docs/webhooks.md). Thread-safe.
class WebhookStore {
 public:
  virtual ~WebhookStore() = default;

  // Creates an active subscription and records `key`, with the answer `answer` renders from
  // it as stored (null: none kept), in the same transaction. Asking again with the same `key`
  // (of the same principal) returns the first one as it is now (second member true) and
  // hands `answer` what was kept; kInvalidInput (field "Idempotency-Key") for a key used with
  // another request.
  virtual Result<std::pair<WebhookSubscription, bool>> Subscribe(
      const NewWebhookSubscription& subscription, const IdempotencyKey& key,
      KeptAnswer<WebhookSubscription>* answer) = 0;

  // Every subscription, active and disabled, by id.
  virtual Result<std::vector<WebhookSubscription>> Subscriptions() const = 0;

  // kNotFound when there is none.
  virtual Result<WebhookSubscription> Subscription(WebhookSubscriptionId id) const = 0;

  // Disables a subscription: nothing more is fanned out or sent to it; its queued deliveries
  // stay queued (a replay does not send them either). Disabling again changes nothing.
  virtual Result<WebhookSubscription> Disable(WebhookSubscriptionId id, Timestamp now) = 0;

  // In one transaction per call: takes up to `limit` public outbox events not fanned out yet,
  // oldest first, creates a queued delivery (due at `now`) for every active subscription that
  // wants the event and was created before it, and marks the events fanned out. Returns how
  // many events were taken.
  virtual Result<int> FanOut(Timestamp now, int limit) = 0;

  // Queued deliveries of active subscriptions whose next attempt has come at `now` and whose
  // earlier deliveries of the same order to the same subscription are all delivered, oldest
  // first: at most one per order and subscription.
  virtual Result<std::vector<DueWebhook>> Due(Timestamp now, int limit) const = 0;

  // Stores what an attempt changed: state, attempts, next attempt, last status, error and
  // snippet, updated_at and delivered_at. kNotFound when there is no such delivery.
  virtual Result<void> Update(const WebhookDelivery& delivery) = 0;

  // The deliveries of a subscription, newest first, with ids below `before` when given;
  // kNotFound when there is no such subscription.
  virtual Result<std::vector<WebhookDelivery>> Deliveries(
      WebhookSubscriptionId id, int limit, std::optional<std::int64_t> before) const = 0;

  // Queues a delivery again, whatever its state: due at `now`, attempts counted from zero,
  // the same delivery key. kNotFound when there is none.
  virtual Result<WebhookDelivery> Replay(std::int64_t delivery_id, Timestamp now) = 0;
};

}  // namespace commesso
