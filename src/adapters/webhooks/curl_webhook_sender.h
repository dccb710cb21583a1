#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "adapters/webhooks/outbound_url_policy.h"
#include "app/ports/webhook_sender.h"

namespace commesso::webhooks {

struct SenderOptions {
  int connect_timeout_seconds = 10;
  int timeout_seconds = 30;    // For the whole request.
  OutboundOptions outbound{};  // Where requests may go (OutboundUrlPolicy).
};

// The body of a request: {"id", "event", "created_at", "data"} with `data` the payload as
// stored (kInvalidInput when the payload is not a JSON object).
Result<std::string> WebhookBody(const WebhookRequest& request);

// The Commesso-Signature header's value for `body` sent at `unix_seconds`:
// "t=<unix seconds>,v1=<lower-case hex of HMAC-SHA256(secret, "<t>.<body>")>".
std::string SignatureHeader(std::string_view secret, long long unix_seconds, std::string_view body);

// The WebhookSender port with libcurl: one POST per request on a kept-alive connection,
// certificates always verified against the system's CA store, redirects not followed (a 3xx
// is an answer like any other), no proxy, only the URLs and addresses OutboundUrlPolicy
// allows: every address libcurl is about to connect to is judged when its socket is opened,
// so the address checked is the address connected to. A refused URL or address is kRejected
// with the reason, without a connection. curl_global_init must have run (main does it).
// Thread-safe: requests are serialized.
class CurlWebhookSender final : public WebhookSender {
 public:
  explicit CurlWebhookSender(SenderOptions options = {});
  ~CurlWebhookSender() override;
  CurlWebhookSender(const CurlWebhookSender&) = delete;
  CurlWebhookSender& operator=(const CurlWebhookSender&) = delete;

  Result<WebhookResponse> Post(const WebhookRequest& request) override;

 private:
  const SenderOptions options_;
  const OutboundUrlPolicy policy_;
  std::mutex mutex_;
  void* handle_ = nullptr;  // The CURL easy handle; guarded by mutex_.
};

}  // namespace commesso::webhooks
