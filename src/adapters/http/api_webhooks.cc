// The webhook routes of the API: subscriptions (created with their secret shown once, listed
// with their health, disabled), each one's delivery log, and replays. docs/webhooks.md.

#include <charconv>
#include <set>
#include <string>
#include <utility>

#include <strings.h>
#include <tl/expected.hpp>

#include "adapters/http/api.h"
#include "adapters/http/problem.h"
#include "adapters/json/domain_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"
#include "core/webhook.h"

namespace commesso::http {
namespace {

using json::Json;

constexpr std::string_view kWebhooksPath = "/api/v1/webhooks";
constexpr std::size_t kMaxKeyLength = 255;
constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;

template <typename T>
using OrResponse = tl::expected<T, HttpResponse>;

HttpResponse Invalid(std::string_view detail, const std::vector<FieldError>& errors) {
  return ProblemResponse(422, ErrorCodeName(ErrorCode::kInvalidInput),
                         "The request has invalid fields", detail, errors);
}

OrResponse<Json> JsonBody(const HttpRequest& request) {
  const std::string_view type = request.Header("Content-Type");
  const std::string_view media = type.substr(0, type.find(';'));
  constexpr std::string_view kJson = "application/json";
  if (media.size() != kJson.size() || strncasecmp(media.data(), kJson.data(), kJson.size()) != 0) {
    return tl::unexpected(
        ProblemResponse(415, "unsupported_media_type", "Unsupported media type",
                        "The body must be sent as Content-Type: application/json.",
                        {{"Content-Type", "must be application/json"}}));
  }
  Result<Json> parsed = json::Parse(request.body);
  if (!parsed) {
    return tl::unexpected(ProblemResponse(400, "malformed_json", "Bad request",
                                          parsed.error().message, parsed.error().fields));
  }
  return *std::move(parsed);
}

OrResponse<IdempotencyKey> KeyOf(const HttpRequest& request, const Target& target) {
  const std::string_view key = request.Header("Idempotency-Key");
  std::string problem;
  if (key.empty()) problem = "is required on this request";
  if (key.size() > kMaxKeyLength) problem = "must be at most 255 characters";
  for (char c : key) {
    if (c < 0x20 || c > 0x7e) problem = "must be printable ASCII";
  }
  if (!problem.empty()) {
    return tl::unexpected(ProblemResponse(400, "idempotency_key", "Bad request",
                                          "Send a unique Idempotency-Key header with every POST "
                                          "that creates something; repeat it only to retry.",
                                          {{"Idempotency-Key", problem}}));
  }
  return IdempotencyKey{
      .value = std::string(key),
      .fingerprint = RequestFingerprint(request.method, target.path, request.body)};
}

HttpResponse KeyInFlightProblem() {
  return ProblemResponse(409, "idempotency_key_in_flight", "Conflict",
                         "The first request with this Idempotency-Key is still being processed; "
                         "retry once it has been answered.",
                         {{"Idempotency-Key", "a request with this key is in progress"}});
}

std::optional<std::int64_t> PositiveId(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < 1) {
    return std::nullopt;
  }
  return value;
}

HttpResponse NoSuch(std::string_view what, std::string_view id) {
  return ProblemResponse(
      Error{.code = ErrorCode::kNotFound,
            .message = "There is no " + std::string(what) + " " + std::string(id) + "."});
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

HttpResponse Api::CreateWebhook(const HttpRequest& request, const Target& target,
                                const std::string&) {
  OrResponse<IdempotencyKey> key = KeyOf(request, target);
  if (!key) return key.error();
  std::optional<InFlightKeys::Claim> claim = in_flight_.TryClaim(key->value);
  if (!claim) return KeyInFlightProblem();

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
    if (std::optional<std::string> problem = WebhookUrlProblem(url)) {
      problems.push_back({"url", *problem});
    }
  }
  if (!problems.empty()) return Invalid("the subscription has errors", problems);

  const std::string secret = "whsec_" + services_.credentials.RandomHex(32);
  Result<std::pair<WebhookSubscription, bool>> created =
      services_.webhooks.Subscribe({.url = url,
                                    .events = std::move(events),
                                    .secret = secret,
                                    .created_by = PrincipalOf(request),
                                    .created_at = services_.clock.Now()},
                                   *key);
  if (!created) return Failure(request, created.error());
  Json answer = ToJson(created->first);
  // The secret is shown once: in the answer to the request that created it, never again
  // (a replay of that request does not show it either).
  if (!created->second) answer["secret"] = secret;
  HttpResponse response = JsonResponse(201, json::Dump(answer));
  response.headers.emplace_back(
      "Location", std::string(kWebhooksPath) + "/" + std::to_string(created->first.id.value));
  if (created->second) response.headers.emplace_back("Idempotent-Replayed", "true");
  return response;
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

HttpResponse Api::ReplayWebhookDelivery(const HttpRequest& request, const Target& target,
                                        const std::string& id) {
  // The key guards against a concurrent duplicate only: replaying twice queues the delivery
  // twice, which its receiver de-duplicates by the delivery id anyway.
  OrResponse<IdempotencyKey> key = KeyOf(request, target);
  if (!key) return key.error();
  std::optional<InFlightKeys::Claim> claim = in_flight_.TryClaim(key->value);
  if (!claim) return KeyInFlightProblem();
  // The delivery says everything: the body, when there is one, is an empty JSON object.
  if (!request.body.empty()) {
    OrResponse<Json> body = JsonBody(request);
    if (!body) return body.error();
    std::vector<FieldError> problems;
    json::ObjectReader(*body, "", problems).Finish();
    if (!problems.empty()) return Invalid("the request has errors", problems);
  }
  const std::optional<std::int64_t> value = PositiveId(id);
  if (!value) return NoSuch("webhook delivery", id);

  Result<WebhookDelivery> replayed = services_.webhooks.Replay(*value, services_.clock.Now());
  if (!replayed) return Failure(request, replayed.error());
  HttpResponse response = JsonResponse(201, json::Dump(ToJson(*replayed)));
  response.headers.emplace_back("Location", std::string(kWebhooksPath) + "/" +
                                                std::to_string(replayed->subscription.value) +
                                                "/deliveries");
  return response;
}

}  // namespace commesso::http
