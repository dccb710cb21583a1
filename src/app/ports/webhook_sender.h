#pragma once

#include <string>

#include "core/order.h"
#include "core/result.h"

namespace commesso {

// One POST of an event to an endpoint.
struct WebhookRequest {
  std::string url{};
  std::string delivery_key{};  // Commesso-Delivery and the body's "id".
  std::string event{};         // Commesso-Event and the body's "event".
  Timestamp created_at{};      // When the event happened: the body's "created_at".
  std::string payload{};       // JSON object text: the body's "data".
  std::string secret{};        // Signs the body; never logged nor part of an error.
  Timestamp sent_at{};         // The signature's timestamp.
};

// What the endpoint answered.
struct WebhookResponse {
  int status = 0;         // The HTTP status code.
  std::string snippet{};  // The start of the body (a few hundred bytes at most).
};

// Sends webhook requests, signed as docs/webhooks.md says. Any HTTP answer is a
// WebhookResponse, whatever its status (the caller decides). kUnavailable with the reason
// (connection refused, timeout, TLS verification) when there was no answer; kRejected with
// the reason when the request may not be made at all (a URL or address the outbound policy
// refuses: docs/security.md), so retrying cannot help.
// Thread-safe.
class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  virtual Result<WebhookResponse> Post(const WebhookRequest& request) = 0;
};

}  // namespace commesso
