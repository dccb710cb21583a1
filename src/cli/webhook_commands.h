#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/wiring.h"
#include "core/result.h"

// The subcommands that manage webhook subscriptions (docs/webhooks.md, docs/cli.md). Like the
// others, each prints its result on stdout and returns the failure for main() to report.
namespace commesso {

struct WebhookOptions {
  CommonOptions common{};
  std::string url;                  // webhook add --url.
  std::vector<std::string> events;  // webhook add --event, repeated; "*" for every event.
  std::int64_t id = 0;              // webhook disable <id>.
};

// Subscribes an endpoint and prints its signing secret once on stdout; kInvalidInput (fields
// "--url", "--event[i]") for a bad URL, one the outbound URL policy refuses, or unknown events.
Result<void> AddWebhook(const WebhookOptions& options);

// Prints every subscription: id, status, queued and failed deliveries, last status, URL,
// events. Never the secret.
Result<void> ListWebhooks(const WebhookOptions& options);

// Disables subscription `options.id`; kNotFound when there is none.
Result<void> DisableWebhook(const WebhookOptions& options);

}  // namespace commesso
