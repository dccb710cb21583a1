// The webhook routes of the API: subscriptions (created with their secret shown once, listed
// with their health, disabled), each one's delivery log, and replays. docs/webhooks.md.

#include <set>
#include <string>
#include <utility>

#include "adapters/http/api.h"
#include "adapters/http/api_support.h"
#include "adapters/http/keyed_response.h"
#include "adapters/http/problem.h"
#include "adapters/json/domain_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"
#include "core/webhook.h"

namespace commesso::http {
namespace {

using json::Json;

constexpr std::string_view kWebhooksPath = "/api/v1/webhooks";

HttpResponse NoSuch(std::string_view what, std::string_view id) {
  return NotFound("There is no " + std::string(what) + " " + std::string(id) + ".");
}

Json ToJson(const WebhookSubscription& subscription) {
  const char* status = !subscription.active      ? "disabled"
                       : subscription.failed > 0 ? "failing"
                                                 : "active";
  Json body{{"id", subscription.id.value},
            {"url", subscription.url},
            {"events", subscription.events},
            {"status", status},
            {"created_by", subscription.created_by},
            {"created_at", json::FormatTimestamp(subscription.created_at)},
            {"queued", subscription.queued},
            {"failed", subscription.failed}};
  body["disabled_at"] = subscription.disabled_at
                            ? Json(json::FormatTimestamp(*subscription.disabled_at))
                            : Json(nullptr);
  body["last_status"] =
      subscription.last_status == 0 ? Json(nullptr) : Json(subscription.last_status);
  body["last_attempt_at"] = subscription.last_attempt_at
                                ? Json(json::FormatTimestamp(*subscription.last_attempt_at))
                                : Json(nullptr);
  return body;
}

Json ToJson(const WebhookDelivery& delivery) {
  const auto time = [](const std::optional<Timestamp>& at) {
    return at ? Json(json::FormatTimestamp(*at)) : Json(nullptr);
  };
  return Json{
      {"id", delivery.id},
      {"delivery_id", delivery.key},
      {"subscription_id", delivery.subscription.value},
      {"event", delivery.event},
      {"order", delivery.order.value},
      {"state", Name(delivery.state)},
      {"attempts", delivery.attempts},
      {"next_attempt_at", time(delivery.next_attempt_at)},
      {"last_status", delivery.last_status == 0 ? Json(nullptr) : Json(delivery.last_status)},
      {"last_error", delivery.last_error},
      {"response_snippet", delivery.response_snippet},
      {"created_at", json::FormatTimestamp(delivery.created_at)},
      {"updated_at", json::FormatTimestamp(delivery.updated_at)},
      {"delivered_at", time(delivery.delivered_at)}};
}

}  // namespace

HttpResponse Api::CreateWebhook(const HttpRequest& request, const Target&, const std::string&) {
  const IdempotencyKey& key = KeyOf(request);

  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  std::vector<FieldError> problems;
  json::ObjectReader reader(*body, "", problems);
  const std::string url = reader.String("url", json::Presence::kRequired);
  std::vector<std::string> events;
  if (const Json* list = reader.Array("events", json::Presence::kRequired)) {
    std::set<std::string> not_strings;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Json& event = (*list)[i];
      events.push_back(event.is_string() ? event.get<std::string>() : "");
      if (!event.is_string()) {
        not_strings.insert(json::ElementPath("events", i));
        problems.push_back({json::ElementPath("events", i), "must be a string"});
      }
    }
    for (FieldError& problem : WebhookEventsProblems(events, "events")) {
      if (!not_strings.contains(problem.path)) problems.push_back(std::move(problem));
    }
  }
  reader.Finish();
  if (!url.empty()) {
    std::optional<std::string> problem = WebhookUrlProblem(url);
    // Where it leads (docs/security.md, "Outbound requests"): may resolve the host.
    if (!problem) problem = services_.outbound_urls.Problem(url);
    if (problem) problems.push_back({"url", *problem});
  }
  if (!problems.empty()) return Invalid("the subscription has errors", problems);

  const std::string secret = "whsec_" + services_.credentials.RandomHex(32);
  // The secret is shown once: in the answer to the request that created it, never again. What
  // is kept for replays is that answer without it.
  KeyedResponse<WebhookSubscription> replay([](const WebhookSubscription& subscription) {
    return Created(std::string(kWebhooksPath) + "/" + std::to_string(subscription.id.value),
                   ToJson(subscription));
  });
  Result<std::pair<WebhookSubscription, bool>> created =
      services_.webhooks.Subscribe({.url = url,
                                    .events = std::move(events),
                                    .secret = secret,
                                    .created_by = PrincipalOf(request),
                                    .created_at = services_.clock.Now()},
                                   key, replay.kept());
  if (!created) return Failure(request, created.error());
  if (created->second) return replay.For(created->first);
  Json answer = ToJson(created->first);
  answer["secret"] = secret;
  return Created(std::string(kWebhooksPath) + "/" + std::to_string(created->first.id.value),
                 answer);
}

HttpResponse Api::ListWebhooks(const HttpRequest& request, const Target& target,
                               const std::string&) {
  if (!target.query.empty()) {
    return Invalid("the query has errors", {{target.query.front().first, "unknown parameter"}});
  }
  Result<std::vector<WebhookSubscription>> subscriptions = services_.webhooks.Subscriptions();
  if (!subscriptions) return Failure(request, subscriptions.error());
  Json entries = Json::array();
  for (const WebhookSubscription& subscription : *subscriptions) {
    entries.push_back(ToJson(subscription));
  }
  return JsonResponse(200, json::Dump(Json{{"entries", std::move(entries)}}));
}

HttpResponse Api::GetWebhook(const HttpRequest& request, const Target&, const std::string& id) {
  const std::optional<std::int64_t> value = PositiveId(id);
  if (!value) return NoSuch("webhook subscription", id);
  Result<WebhookSubscription> found = services_.webhooks.Subscription({*value});
  if (!found) return Failure(request, found.error());
  return JsonResponse(200, json::Dump(ToJson(*found)));
}

HttpResponse Api::DisableWebhook(const HttpRequest& request, const Target&, const std::string& id) {
  const std::optional<std::int64_t> value = PositiveId(id);
  if (!value) return NoSuch("webhook subscription", id);
  Result<WebhookSubscription> disabled =
      services_.webhooks.Disable({*value}, services_.clock.Now());
  if (!disabled) return Failure(request, disabled.error());
  return JsonResponse(200, json::Dump(ToJson(*disabled)));
}

HttpResponse Api::WebhookDeliveries(const HttpRequest& request, const Target& target,
                                    const std::string& id) {
  std::vector<FieldError> problems;
  int limit = kDefaultLimit;
  std::optional<std::int64_t> before;
  for (const auto& [name, value] : target.query) {
    if (name == "limit") {
      const std::optional<std::int64_t> parsed = PositiveId(value);
      if (!parsed || *parsed > kMaxLimit) {
        problems.push_back({"limit", "must be an integer 1..200"});
      } else {
        limit = static_cast<int>(*parsed);
      }
    } else if (name == "cursor") {
      before = PositiveId(value);
      if (!before) problems.push_back({"cursor", "must be a next_cursor this route returned"});
    } else {
      problems.push_back({name, "unknown parameter"});
    }
  }
  if (!problems.empty()) return Invalid("the query has errors", problems);
  const std::optional<std::int64_t> value = PositiveId(id);
  if (!value) return NoSuch("webhook subscription", id);

  Result<std::vector<WebhookDelivery>> deliveries =
      services_.webhooks.Deliveries({*value}, limit + 1, before);
  if (!deliveries) return Failure(request, deliveries.error());
  Json entries = Json::array();
  Json next = nullptr;
  for (std::size_t i = 0; i < deliveries->size(); ++i) {
    if (i == static_cast<std::size_t>(limit)) {
      next = std::to_string((*deliveries)[i - 1].id);
      break;
    }
    entries.push_back(ToJson((*deliveries)[i]));
  }
  return JsonResponse(200,
                      json::Dump(Json{{"entries", std::move(entries)}, {"next_cursor", next}}));
}

HttpResponse Api::ReplayWebhookDelivery(const HttpRequest& request, const Target&,
                                        const std::string& id) {
  // The route's Idempotency-Key guards against a concurrent duplicate only: replaying twice
  // queues the delivery twice, which its receiver de-duplicates by the delivery id anyway.
  // The delivery says everything: the body, when there is one, is an empty JSON object.
  if (std::optional<HttpResponse> refused = EmptyBody(request)) return *refused;
  const std::optional<std::int64_t> value = PositiveId(id);
  if (!value) return NoSuch("webhook delivery", id);

  Result<WebhookDelivery> replayed = services_.webhooks.Replay(*value, services_.clock.Now());
  if (!replayed) return Failure(request, replayed.error());
  return Created(std::string(kWebhooksPath) + "/" + std::to_string(replayed->subscription.value) +
                     "/deliveries",
                 ToJson(*replayed));
}

}  // namespace commesso::http
