#include "app/webhook_dispatcher.h"

#include <set>
#include <utility>

namespace commesso {

WebhookDispatcher::WebhookDispatcher(WebhookStore& store, WebhookSender& sender, const Clock& clock,
                                     WebhookSettings settings)
    : store_(store), sender_(sender), clock_(clock), settings_(settings) {}

Result<WebhookRound> WebhookDispatcher::DeliverDue() {
  WebhookRound round;
  while (true) {
    auto taken = store_.FanOut(clock_.Now(), settings_.batch);
    if (!taken) return Fail(taken.error());
    round.fanned_out += *taken;
    if (*taken < settings_.batch) break;
  }

  std::set<std::int64_t> unreachable;  // Subscriptions that did not answer this round.
  for (int pass = 0; pass < settings_.passes; ++pass) {
    auto due = store_.Due(clock_.Now(), settings_.batch);
    if (!due) return Fail(due.error());
    int tried = 0;
    for (DueWebhook& next : *due) {
      WebhookDelivery& delivery = next.delivery;
      if (unreachable.contains(delivery.subscription.value)) continue;
      ++tried;
      const Timestamp now = clock_.Now();
      Result<WebhookResponse> answer =
          sender_.Post(WebhookRequest{.url = next.url,
                                      .delivery_key = delivery.key,
                                      .event = delivery.event,
                                      .created_at = delivery.created_at,
                                      .payload = next.payload,
                                      .secret = std::move(next.secret),
                                      .sent_at = now});
      delivery.attempts += 1;
      delivery.updated_at = now;
      if (answer && answer->status >= 200 && answer->status < 300) {
        delivery.state = WebhookDeliveryState::kDelivered;
        delivery.next_attempt_at.reset();
        delivery.delivered_at = now;
        delivery.last_status = answer->status;
        delivery.last_error.clear();
        delivery.response_snippet = answer->snippet;
        ++round.delivered;
      } else {
        if (answer) {
          delivery.last_status = answer->status;
          delivery.last_error = "the endpoint answered " + std::to_string(answer->status);
          delivery.response_snippet = answer->snippet;
        } else {
          delivery.last_status = 0;
          delivery.last_error = answer.error().message;
          delivery.response_snippet.clear();
          if (answer.error().code == ErrorCode::kUnavailable) {
            unreachable.insert(delivery.subscription.value);
          }
        }
        round.last_error = delivery.last_error;
        // kRejected: the sender refused the URL or its address (the outbound policy), which
        // no retry changes.
        const bool refused = !answer && answer.error().code == ErrorCode::kRejected;
        if (refused || delivery.attempts >= settings_.retry.max_attempts) {
          delivery.state = WebhookDeliveryState::kFailed;
          delivery.next_attempt_at.reset();
          ++round.failed;
        } else {
          delivery.next_attempt_at = now + RetryDelay(settings_.retry, delivery.attempts);
          ++round.retrying;
        }
      }
      auto stored = store_.Update(delivery);
      if (!stored) return Fail(stored.error());
    }
    if (tried == 0) break;
  }
  return round;
}

}  // namespace commesso
