#pragma once

#include <string>

#include "app/ports/clock.h"
#include "app/ports/webhook_sender.h"
#include "app/ports/webhook_store.h"
#include "core/receipt_delivery.h"
#include "core/result.h"

namespace commesso {

// How webhooks are sent ([webhooks] in the configuration).
struct WebhookSettings {
  RetryPolicy retry{.first_delay = std::chrono::seconds{10},
                    .factor = 2,
                    .cap = std::chrono::hours{1},
                    .max_attempts = 10};
  int batch = 100;  // Outbox events fanned out, and deliveries read, per store call.
  int passes = 50;  // Reads of due deliveries per round at most, so a round ends.
};

// What one round did.
struct WebhookRound {
  int fanned_out = 0;  // Outbox events turned into deliveries.
  int delivered = 0;   // Answered 2xx.
  int retrying = 0;    // Failed and wait for another try.
  int failed = 0;      // Given up after the last try.
  std::string last_error{};
};

// Sends the outbox's public events to the webhook subscriptions, at least once each, in
// order per order (docs/webhooks.md). A round (DeliverDue) fans new outbox events out into
// deliveries, then sends every delivery whose turn has come, again and again until none is
// left: the store hands out only the earliest undelivered delivery of each order and
// subscription, so a later event of an order waits until the earlier one is delivered.
//
// An attempt answered 2xx is delivered. Any other answer, and no answer (refused, timeout,
// TLS), counts as a failed attempt: the delivery is tried again after RetryDelay(policy,
// attempts), and after policy.max_attempts it is `failed`, which keeps the order's later
// events waiting until an administrator replays it. A request the sender refuses to make
// (kRejected: the URL or its address is not allowed) is `failed` at once, with the reason. An
// endpoint that did not answer is not tried again in the same round: its other deliveries wait for
// the next round, so a subscription that is down costs one connection attempt per round, not one
// per event.
//
// Borrows everything it is given. One caller at a time (the webhook worker's thread).
class WebhookDispatcher {
 public:
  WebhookDispatcher(WebhookStore& store, WebhookSender& sender, const Clock& clock,
                    WebhookSettings settings);

  // One round. Fails only when the store fails; what the endpoints did is in the deliveries.
  Result<WebhookRound> DeliverDue();

 private:
  WebhookStore& store_;
  WebhookSender& sender_;
  const Clock& clock_;
  const WebhookSettings settings_;
};

}  // namespace commesso
