#include "core/webhook.h"

#include <algorithm>
#include <set>

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

std::optional<std::string> WebhookUrlProblem(std::string_view url) {
  constexpr std::size_t kMaxLength = 2000;
  if (url.size() > kMaxLength) return "must be at most 2000 characters";
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return "must be an http:// or https:// URL";
  }
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return "must not contain spaces or control characters";
    }
  }
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.starts_with(':')) return "must name a host";
  if (authority.find('@') != std::string_view::npos) {
    return "must not contain a user name or password";
  }
  return std::nullopt;
}

std::vector<FieldError> WebhookEventsProblems(const std::vector<std::string>& events,
                                              const std::string& path) {
  std::vector<FieldError> problems;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    if (events[i] != "*" && !IsWebhookEvent(events[i])) {
      problems.push_back({at, "must be \"*\" or one of the events in docs/webhooks.md"});
    } else if (!seen.insert(events[i]).second) {
      problems.push_back({at, "is listed twice"});
    }
  }
  if (events.empty()) problems.push_back({path, "must name at least one event, or \"*\""});
  if (seen.contains("*") && events.size() > 1) {
    problems.push_back({path, "\"*\" already means every event: list it alone"});
  }
  return problems;
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
