#include "cli/webhook_commands.h"

#include <utility>

#include <fmt/core.h>

#include "core/webhook.h"

namespace commesso {
namespace {

Result<std::unique_ptr<Wiring>> Open(const CommonOptions& options) {
  auto config = LoadConfig(options);
  if (!config) return Fail(config.error());
  return Wiring::Open(*std::move(config));
}

std::string Joined(const std::vector<std::string>& events) {
  std::string text;
  for (const std::string& event : events) text += (text.empty() ? "" : " ") + event;
  return text;
}

const char* StatusOf(const WebhookSubscription& subscription) {
  if (!subscription.active) return "disabled";
  return subscription.failed > 0 ? "failing" : "active";
}

}  // namespace

Result<void> AddWebhook(const WebhookOptions& options) {
  std::vector<FieldError> problems = WebhookEventsProblems(options.events, "--event");
  if (std::optional<std::string> problem = WebhookUrlProblem(options.url)) {
    problems.push_back({"--url", *problem});
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the subscription has errors", std::move(problems)});
  }

  auto wiring = Open(options.common);
  if (!wiring) return Fail(wiring.error());
  // Where it leads, by the configuration's policy (docs/security.md, "Outbound requests").
  if (std::optional<std::string> problem = (*wiring)->outbound_urls().Problem(options.url)) {
    return Fail({ErrorCode::kInvalidInput, "the subscription has errors", {{"--url", *problem}}});
  }
  const std::string secret = "whsec_" + (*wiring)->credentials().RandomHex(32);
  auto created = (*wiring)->webhooks().Subscribe({.url = options.url,
                                                  .events = options.events,
                                                  .secret = secret,
                                                  .created_by = "cli",
                                                  .created_at = (*wiring)->clock().Now()},
                                                 IdempotencyKey{}, nullptr);
  if (!created) return Fail(created.error());
  fmt::print("{}\n", secret);
  fmt::print(stderr, "subscribed {} (id {}) to {}; the signing secret above is shown only now\n",
             created->first.url, created->first.id.value, Joined(created->first.events));
  return {};
}

Result<void> ListWebhooks(const WebhookOptions& options) {
  auto wiring = Open(options.common);
  if (!wiring) return Fail(wiring.error());
  auto subscriptions = (*wiring)->webhooks().Subscriptions();
  if (!subscriptions) return Fail(subscriptions.error());
  fmt::print("{:<4} {:<9} {:>7} {:>7} {:>5} {} [{}]\n", "id", "status", "queued", "failed", "last",
             "url", "events");
  for (const WebhookSubscription& subscription : *subscriptions) {
    fmt::print("{:<4} {:<9} {:>7} {:>7} {:>5} {} [{}]\n", subscription.id.value,
               StatusOf(subscription), subscription.queued, subscription.failed,
               subscription.last_status == 0 ? "-" : std::to_string(subscription.last_status),
               subscription.url, Joined(subscription.events));
  }
  return {};
}

Result<void> DisableWebhook(const WebhookOptions& options) {
  auto wiring = Open(options.common);
  if (!wiring) return Fail(wiring.error());
  auto disabled =
      (*wiring)->webhooks().Disable(WebhookSubscriptionId{options.id}, (*wiring)->clock().Now());
  if (!disabled) return Fail(disabled.error());
  fmt::print("disabled webhook {} ({})\n", disabled->id.value, disabled->url);
  return {};
}

}  // namespace commesso
