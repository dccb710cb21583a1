#include "adapters/http/api.h"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include <spdlog/spdlog.h>
#include <strings.h>
#include <tl/expected.hpp>

#include "adapters/http/api_support.h"
#include "adapters/http/keyed_response.h"
#include "adapters/http/origin_check.h"
#include "adapters/http/problem.h"
#include "adapters/json/card_json.h"
#include "adapters/json/document_json.h"
#include "adapters/json/domain_json.h"
#include "adapters/json/draft_json.h"
#include "adapters/json/history_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/object_reader.h"
#include "adapters/json/read_back.h"
#include "adapters/render/receipt_render.h"
#include "core/customer_rules.h"
#include "core/fulfillment.h"
#include "core/identity.h"
#include "core/invariant.h"

namespace commesso::http {
namespace {

using json::Json;

constexpr std::size_t kMaxKeyLength = 255;

// The request's Idempotency-Key with its fingerprint and the caller's principal, whose key it
// is: 400 when missing or malformed.
OrResponse<IdempotencyKey> ParseIdempotencyKey(const HttpRequest& request, const Target& target) {
  const std::string_view key = request.Header("Idempotency-Key");
  std::string problem;
  if (key.empty()) problem = "is required on this request";
  if (key.size() > kMaxKeyLength) problem = "must be at most 255 characters";
  for (char c : key) {
    if (c < 0x20 || c > 0x7e) problem = "must be printable ASCII";
  }
  if (!problem.empty()) {
    return tl::unexpected(BadRequest("idempotency_key",
                                     "Send a unique Idempotency-Key header with every POST that "
                                     "creates something; repeat it only to retry.",
                                     {{"Idempotency-Key", problem}}));
  }
  return IdempotencyKey{
      .value = std::string(key),
      .fingerprint = RequestFingerprint(request.method, target.path, request.body),
      .principal = request.principal};
}

// How much of an order the caller of `request` reads (docs/security.md, "What each role reads").
OrderView ViewOf(const HttpRequest& request) { return OrderViewOf(request.permissions); }

HttpResponse KeyInFlight() {
  return ProblemResponse(409, "idempotency_key_in_flight", "Conflict",
                         "The first request with this Idempotency-Key is still being processed; "
                         "retry once it has been answered.",
                         {{"Idempotency-Key", "a request with this key is in progress"}});
}

template <typename T, typename ToJsonOf>
HttpResponse PageResponse(const Page<T>& page, ToJsonOf to_json) {
  std::string text;
  json::JsonOut out(text);
  out.BeginObject();
  out.Key("entries");
  out.BeginArray();
  for (const T& entry : page.entries) {
    if constexpr (std::is_invocable_v<ToJsonOf, json::JsonOut&, const T&>) {
      to_json(out, entry);  // Written straight into the answer.
    } else {
      out.Tree(to_json(entry));
    }
  }
  out.EndArray();
  out.Key("next_cursor");
  if (page.next_cursor.empty()) {
    out.Null();
  } else {
    out.String(page.next_cursor);
  }
  out.EndObject();
  return JsonResponse(200, std::move(text));
}

// The first instant of business day `day`. Clocks map instants to business days
// monotonically, and a zone's offset is within a day of UTC, so bisecting the four days
// around the UTC midnight finds it to the millisecond, daylight saving time included.
Timestamp StartOfBusinessDay(const Clock& clock, std::chrono::sys_days day) {
  Timestamp before = Timestamp{day} - std::chrono::days{2};  // Business day < `day`.
  Timestamp after = Timestamp{day} + std::chrono::days{2};   // Business day >= `day`.
  while (after - before > std::chrono::milliseconds{1}) {
    const Timestamp middle = before + (after - before) / 2;
    if (std::chrono::sys_days{clock.BusinessDay(middle)} < day) {
      before = middle;
    } else {
      after = middle;
    }
  }
  return after;
}

enum class Bound {
  kFrom,   // Inclusive: a day means its first instant.
  kUntil,  // Exclusive: a day means the first instant of the next day, so it is included.
};

std::optional<Timestamp> InstantParam(const Target& target, std::string_view name, Bound bound,
                                      const Clock& clock, std::vector<FieldError>& problems) {
  const std::optional<std::string> text = target.Param(name);
  if (!text) return std::nullopt;
  if (std::optional<Timestamp> instant = json::ParseTimestamp(*text)) return instant;
  if (std::optional<std::chrono::year_month_day> day = json::ParseDate(*text)) {
    std::chrono::sys_days first{*day};
    if (bound == Bound::kUntil) first += std::chrono::days{1};
    return StartOfBusinessDay(clock, first);
  }
  problems.push_back(
      {std::string(name), "must be a day (2026-11-28) or an instant (2026-11-28T10:00:00Z)"});
  return std::nullopt;
}

std::vector<std::string_view> SplitTemplate(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return segments;
    path.remove_prefix(slash + 1);
  }
}

// Whether `segments` fit `path`; a "{name}" segment matches any non-empty one, into `param`.
bool Matches(std::string_view path, const std::vector<std::string>& segments, std::string& param) {
  const std::vector<std::string_view> pattern = SplitTemplate(path);
  if (pattern.size() != segments.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i].starts_with('{')) {
      if (segments[i].empty()) return false;
      param = segments[i];
    } else if (pattern[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

// 401 with the header RFC 9110 asks for; `detail` says how to authenticate.
HttpResponse Unauthenticated(std::string_view detail) {
  HttpResponse response =
      ProblemResponse(401, "unauthorized", "Unauthorized", detail,
                      {{"Authorization", "must be a valid session cookie or Bearer API key"}});
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

// 429 for a caller over its rate limit (`limit`: "address" or "api_key").
HttpResponse RateLimited(std::chrono::seconds wait, std::string_view limit) {
  HttpResponse response =
      ProblemResponse(429, "rate_limited", "Too many requests",
                      std::string(limit == "address" ? "This address" : "This API key") +
                          " sent more requests than its rate limit allows: retry after " +
                          std::to_string(wait.count()) + " seconds.",
                      {}, Json{{"limit", limit}});
  response.headers.emplace_back("Retry-After", std::to_string(wait.count()));
  return response;
}

// The value of cookie `name` in a Cookie header ("a=1; commesso_session=…"); "" when absent.
std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const std::size_t semicolon = header.find(';');
    std::string_view pair = header.substr(0, semicolon);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
    if (semicolon == std::string_view::npos) break;
    header.remove_prefix(semicolon + 1);
  }
  return "";
}

}  // namespace

Api::Api(Services services, AccessOptions access, Resume resume)
    : services_(services),
      access_(access),
      resume_(resume ? std::move(resume) : [](std::function<void()> task) { task(); }),
      throttle_(access.login_max_failures, access.login_longest_wait),
      key_limits_(access.limits.per_key),
      address_limits_(access.limits.per_address),
      quote_(services.customers, services.catalog, services.business),
      place_(quote_, services.orders, services.cards, services.clock, services.business.fulfillment,
             services.zones),
      confirm_(services.orders, services.clock),
      resend_(services.deliveries, services.documents, services.outbox, services.clock),
      desk_(services.fulfillment, services.business.fulfillment, services.zones),
      open_complaint_(services.complaints, services.orders, services.clock,
                      services.business.customer_service, services.business.fulfillment,
                      services.zones),
      work_complaint_(services.complaints, services.identities, services.clock,
                      services.business.customer_service, services.business.fulfillment,
                      services.zones) {}

const std::vector<Api::Entry>& Api::Table() {
  using P = Permission;
  constexpr Gate kPublic = Gate::kPublic;
  constexpr Gate kSession = Gate::kSession;
  constexpr Gate kNeeds = Gate::kPermission;
  // Creates something, so takes an Idempotency-Key. The other POSTs (a quote, signing in, the
  // fulfillment actions whose path says everything, a complaint's steps, which name the
  // revision they were decided on) take none.
  constexpr bool kKeyed = true;
  static const std::vector<Entry> table = {
      {"GET", "/healthz", &Api::Health, kPublic, {}},
      {"POST", "/api/v1/session", &Api::SignIn, kPublic, {}},
      {"GET", "/api/v1/session", &Api::GetSession, kSession, {}},
      {"DELETE", "/api/v1/session", &Api::SignOut, kSession, {}},
      {"PUT", "/api/v1/session/locale", &Api::SetLocale, kSession, {}},
      {"DELETE", "/api/v1/users/{name}/sign-in-throttle", &Api::LiftSignInThrottle, kNeeds,
       P::kUsersSupervise},
      {"POST", "/api/v1/items", &Api::CreateItem, kNeeds, P::kItemsWrite, kKeyed},
      {"GET", "/api/v1/items", &Api::SearchItems, kNeeds, P::kItemsRead},
      {"GET", "/api/v1/items/{sku}", &Api::GetItem, kNeeds, P::kItemsRead},
      {"PUT", "/api/v1/items/{sku}", &Api::ReplaceItem, kNeeds, P::kItemsWrite},
      {"POST", "/api/v1/customers", &Api::CreateCustomer, kNeeds, P::kCustomersWrite, kKeyed},
      {"GET", "/api/v1/customers", &Api::SearchCustomers, kNeeds, P::kCustomersRead},
      {"GET", "/api/v1/customers/{id}", &Api::GetCustomer, kNeeds, P::kCustomersRead},
      {"PUT", "/api/v1/customers/{id}", &Api::ReplaceCustomer, kNeeds, P::kCustomersWrite},
      {"GET", "/api/v1/shipping-methods", &Api::ShippingMethods, kNeeds, P::kOrdersRead},
      {"POST", "/api/v1/quotes", &Api::Quote, kNeeds, P::kOrdersReadPrivate},
      {"POST", "/api/v1/orders", &Api::PlaceOrder, kNeeds, P::kOrdersWrite, kKeyed},
      {"GET", "/api/v1/orders", &Api::ListOrders, kNeeds, P::kOrdersRead},
      {"GET", "/api/v1/orders/{number}", &Api::GetOrder, kNeeds, P::kOrdersRead},
      {"POST", "/api/v1/orders/{number}/confirmations", &Api::Confirm, kNeeds, P::kOrdersWrite,
       kKeyed},
      {"GET", "/api/v1/orders/{number}/history", &Api::History, kNeeds, P::kOrdersRead},
      {"GET", "/api/v1/orders/{number}/read-back", &Api::GetReadBack, kNeeds,
       P::kOrdersReadPrivate},
      {"GET", "/api/v1/orders/{number}/receipt", &Api::GetReceipt, kNeeds, P::kOrdersReadPrivate},
      {"POST", "/api/v1/orders/{number}/invoice", &Api::IssueInvoice, kNeeds, P::kOrdersWrite,
       kKeyed},
      {"GET", "/api/v1/orders/{number}/receipt/deliveries", &Api::ReceiptDeliveries, kNeeds,
       P::kOrdersReadPrivate},
      {"POST", "/api/v1/orders/{number}/receipt/deliveries", &Api::ResendReceipt, kNeeds,
       P::kOrdersWrite, kKeyed},
      {"POST", "/api/v1/drafts", &Api::CreateDraft, kNeeds, P::kDraftsWrite, kKeyed},
      {"GET", "/api/v1/drafts", &Api::ListDrafts, kNeeds, P::kDraftsWrite},
      {"GET", "/api/v1/drafts/{id}", &Api::GetDraft, kNeeds, P::kDraftsWrite},
      {"PUT", "/api/v1/drafts/{id}", &Api::SaveDraft, kNeeds, P::kDraftsWrite},
      {"DELETE", "/api/v1/drafts/{id}", &Api::DeleteDraft, kNeeds, P::kDraftsWrite},
      {"POST", "/api/v1/card-payments", &Api::AuthorizeCard, kNeeds, P::kOrdersWrite, kKeyed},
      // Fulfillment (api_fulfillment.cc).
      {"GET", "/api/v1/departments", &Api::ListDepartments, kNeeds, P::kFulfillmentRead},
      {"GET", "/api/v1/departments/{code}/queue", &Api::DepartmentQueue, kNeeds,
       P::kFulfillmentRead},
      {"GET", "/api/v1/departments/{code}/pick-list", &Api::DepartmentPickList, kNeeds,
       P::kFulfillmentRead},
      {"GET", "/api/v1/tasks/{id}", &Api::GetTask, kNeeds, P::kFulfillmentRead},
      {"GET", "/api/v1/tasks/{id}/pick-list", &Api::TaskPickList, kNeeds, P::kFulfillmentRead},
      {"POST", "/api/v1/tasks/{id}/claim", &Api::ClaimTask, kNeeds, P::kFulfillmentWrite},
      {"DELETE", "/api/v1/tasks/{id}/claim", &Api::UnclaimTask, kNeeds, P::kFulfillmentWrite},
      {"POST", "/api/v1/tasks/{id}/acknowledgement", &Api::AcknowledgeTask, kNeeds,
       P::kFulfillmentWrite},
      {"PUT", "/api/v1/tasks/{id}/picks", &Api::RecordPicks, kNeeds, P::kFulfillmentWrite},
      {"POST", "/api/v1/tasks/{id}/shipments", &Api::ShipTask, kNeeds, P::kFulfillmentWrite,
       kKeyed},
      {"POST", "/api/v1/tasks/{id}/completion", &Api::CompleteTask, kNeeds, P::kFulfillmentWrite},
      {"GET", "/api/v1/orders/{number}/fulfillment", &Api::OrderFulfillment, kNeeds,
       P::kOrdersRead},
      {"POST", "/api/v1/orders/{number}/holds", &Api::PlaceHold, kNeeds, P::kFulfillmentSupervise},
      {"DELETE", "/api/v1/orders/{number}/holds/{kind}", &Api::LiftHold, kNeeds,
       P::kFulfillmentSupervise},
      {"POST", "/api/v1/orders/{number}/cancellation", &Api::CancelOrder, kNeeds,
       P::kFulfillmentSupervise},
      {"GET", "/api/v1/escalations", &Api::ListEscalations, kNeeds, P::kFulfillmentSupervise},
      // Complaints (api_complaints.cc).
      {"POST", "/api/v1/complaints", &Api::OpenComplaint, kNeeds, P::kComplaintsWrite, kKeyed},
      {"GET", "/api/v1/complaints", &Api::ListComplaints, kNeeds, P::kComplaintsRead},
      {"GET", "/api/v1/complaints/{number}", &Api::GetComplaint, kNeeds, P::kComplaintsRead},
      {"POST", "/api/v1/complaints/{number}/comments", &Api::CommentComplaint, kNeeds,
       P::kComplaintsWrite},
      {"POST", "/api/v1/complaints/{number}/assign", &Api::AssignComplaint, kNeeds,
       P::kComplaintsManage},
      {"POST", "/api/v1/complaints/{number}/forward", &Api::ForwardComplaint, kNeeds,
       P::kComplaintsWrite},
      {"POST", "/api/v1/complaints/{number}/start", &Api::StartComplaint, kNeeds,
       P::kComplaintsManage},
      {"POST", "/api/v1/complaints/{number}/await-customer", &Api::AwaitCustomer, kNeeds,
       P::kComplaintsManage},
      {"POST", "/api/v1/complaints/{number}/resolve", &Api::ResolveComplaint, kNeeds,
       P::kComplaintsWrite},
      {"POST", "/api/v1/complaints/{number}/reject", &Api::RejectComplaint, kNeeds,
       P::kComplaintsManage},
      {"POST", "/api/v1/complaints/{number}/close", &Api::CloseComplaint, kNeeds,
       P::kComplaintsManage},
      {"POST", "/api/v1/complaints/{number}/reopen", &Api::ReopenComplaint, kNeeds,
       P::kComplaintsManage},
      // Webhook subscriptions (api_webhooks.cc).
      {"POST", "/api/v1/webhooks", &Api::CreateWebhook, kNeeds, P::kWebhooksAdmin, kKeyed},
      {"GET", "/api/v1/webhooks", &Api::ListWebhooks, kNeeds, P::kWebhooksAdmin},
      {"GET", "/api/v1/webhooks/{id}", &Api::GetWebhook, kNeeds, P::kWebhooksAdmin},
      {"DELETE", "/api/v1/webhooks/{id}", &Api::DisableWebhook, kNeeds, P::kWebhooksAdmin},
      {"GET", "/api/v1/webhooks/{id}/deliveries", &Api::WebhookDeliveries, kNeeds,
       P::kWebhooksAdmin},
      {"POST", "/api/v1/webhook-deliveries/{id}/replay", &Api::ReplayWebhookDelivery, kNeeds,
       P::kWebhooksAdmin, kKeyed},
  };
  return table;
}

std::vector<RouteInfo> Api::Routes() {
  std::vector<RouteInfo> routes;
  for (const Entry& entry : Table()) {
    std::string requirement = entry.gate == Gate::kPublic    ? "public"
                              : entry.gate == Gate::kSession ? "session"
                                                             : std::string(Name(entry.permission));
    routes.push_back({entry.method, entry.path, std::move(requirement)});
  }
  return routes;
}

void Api::Handle(HttpRequest request, Responder respond) {
  // Answers once: a route that took the responder and then threw gets its 500 here, and
  // whatever it would have answered later is dropped.
  struct Once {
    Responder respond;
    std::atomic<bool> answered{false};
    void operator()(HttpResponse response) {
      if (!answered.exchange(true)) respond(std::move(response));
    }
  };
  auto once = std::make_shared<Once>();
  once->respond = std::move(respond);
  Responder answer = [once](HttpResponse response) { (*once)(std::move(response)); };
  std::optional<HttpResponse> response;
  try {
    response = Route(request, answer);
  } catch (const std::exception& error) {
    // Not swallowed (an InvariantError is a bug): logged in full with the reference the client
    // sees.
    response = Internal(request, error.what());
  }
  if (response) (*once)(*std::move(response));
}

HttpResponse Api::Handle(HttpRequest request) {
  std::promise<HttpResponse> promise;
  std::future<HttpResponse> answer = promise.get_future();
  Handle(std::move(request),
         [&promise](HttpResponse response) { promise.set_value(std::move(response)); });
  return answer.get();
}

const std::string& Api::DecoyHash() {
  std::call_once(decoy_once_, [this] {
    decoy_hash_ = services_.credentials.HashPassword("decoy password of no user");
  });
  return decoy_hash_;
}

HttpResponse Api::Internal(const HttpRequest& request, std::string_view what) {
  const std::string reference = RandomReference();
  spdlog::error("internal error, reference {}: {} {}: {}", reference, request.method,
                request.target.substr(0, request.target.find('?')), what);
  return ProblemResponse(Error{.code = ErrorCode::kInternal, .message = ""}, reference);
}

HttpResponse Api::Failure(const HttpRequest& request, const Error& error) {
  if (error.code != ErrorCode::kInternal) return ProblemResponse(error);
  std::string what = error.message;
  for (const FieldError& field : error.fields) what += "; " + field.path + ": " + field.problem;
  return Internal(request, what);
}

std::optional<HttpResponse> Api::Route(HttpRequest& request, Responder& respond) {
  const std::optional<Target> target = ParseTarget(request.target);
  if (!target) {
    return BadRequest("bad_target", "The request target is not a valid path and query.");
  }
  const Entry* chosen = nullptr;
  std::string param;
  std::string allow;
  for (const Entry& entry : Table()) {
    std::string candidate;
    if (!Matches(entry.path, target->segments, candidate)) continue;
    if (request.method == entry.method) {
      chosen = &entry;
      param = std::move(candidate);
      break;
    }
    allow += allow.empty() ? "" : ", ";
    allow += entry.method;
  }

  const std::string_view path = target->path;
  const bool api = path == kApiPrefix || path.starts_with(std::string(kApiPrefix) + "/");
  // Before authentication, so guessing keys and passwords counts too.
  if (api && !(access_.limits.exempt_loopback && IsLoopback(request.peer))) {
    if (auto wait = address_limits_.Take(request.peer, services_.clock.Now())) {
      return RateLimited(*wait, "address");
    }
  }
  if (api && (chosen == nullptr || chosen->gate != Gate::kPublic)) {
    tl::expected<Caller, HttpResponse> caller = Authenticate(request);
    if (!caller) return caller.error();
    if (!caller->session) {
      if (auto wait = key_limits_.Take(caller->principal, services_.clock.Now())) {
        return RateLimited(*wait, "api_key");
      }
    }
    const bool changes = request.method != "GET" && request.method != "HEAD";
    if (caller->session && changes && chosen != nullptr) {
      if (std::optional<FieldError> cross = CrossSiteProblem(request, access_.public_origin)) {
        return ProblemResponse(403, "cross_site", "Forbidden",
                               "A change made with the session cookie must come from the "
                               "console's own origin.",
                               {*std::move(cross)});
      }
      const std::string_view presented = request.Header("X-CSRF-Token");
      if (presented.empty() ||
          !services_.credentials.Matches(
              presented, services_.credentials.Digest(caller->session->session.csrf_token))) {
        return ProblemResponse(
            403, "csrf", "Forbidden",
            "Send the session's csrf_token in the X-CSRF-Token header with "
            "every request that changes something.",
            {{"X-CSRF-Token", presented.empty() ? "is required" : "does not match the session"}});
      }
    }
    if (chosen != nullptr && chosen->gate == Gate::kSession && !caller->session) {
      return Unauthenticated("This route needs a signed-in session (the commesso_session cookie).");
    }
    if (chosen != nullptr && chosen->gate == Gate::kPermission &&
        !Holds(caller->permissions, chosen->permission)) {
      const std::string needed(Name(chosen->permission));
      return ProblemResponse(403, "forbidden", "Forbidden",
                             "This request needs the permission " + needed + ", which " +
                                 caller->principal + " does not have.",
                             {}, Json{{"permission", needed}});
    }
    request.principal = caller->principal;
    request.permissions = caller->permissions;
    if (caller->session) request.locale = caller->session->user.locale;
  }
  if (chosen != nullptr && chosen->keyed) {
    OrResponse<IdempotencyKey> key = ParseIdempotencyKey(request, *target);
    if (!key) return key.error();
    // Held until the handler has answered, so the caller's retry meanwhile gets 409 (decision
    // 0003); another caller's same key, or this caller's on another route, is another request.
    std::optional<InFlightKeys::Claim> claim =
        in_flight_.TryClaim({.principal = key->principal,
                             .route = std::string(chosen->method) + " " + chosen->path,
                             .value = key->value});
    if (!claim) return KeyInFlight();
    request.idempotency_key = *std::move(key);
    if (const Deferred* deferred = std::get_if<Deferred>(&chosen->handler)) {
      // The claim goes with the answer and ends before it is posted, whichever copy of the
      // responder answers, so a client that retries on reading it finds the key free.
      auto held = std::make_shared<std::optional<InFlightKeys::Claim>>(std::move(claim));
      (this->*(*deferred))(std::move(request),
                           [held, respond = std::move(respond)](HttpResponse response) mutable {
                             held->reset();
                             respond(std::move(response));
                           });
      return std::nullopt;
    }
    return (this->*std::get<Handler>(chosen->handler))(request, *target, param);
  }
  if (chosen != nullptr) {
    if (const Deferred* deferred = std::get_if<Deferred>(&chosen->handler)) {
      (this->*(*deferred))(std::move(request), std::move(respond));
      return std::nullopt;
    }
    return (this->*std::get<Handler>(chosen->handler))(request, *target, param);
  }
  if (allow.empty()) {
    return ProblemResponse(404, "route_not_found", "Not found",
                           "There is no resource at this path.");
  }
  HttpResponse response = ProblemResponse(405, "method_not_allowed", "Method not allowed",
                                          "This path allows " + allow + ".");
  response.headers.emplace_back("Allow", allow);
  return response;
}

tl::expected<Api::Caller, HttpResponse> Api::Authenticate(const HttpRequest& request) {
  const std::string_view authorization = request.Header("Authorization");
  if (!authorization.empty()) return ByKey(request, authorization);
  return BySession(request);
}

tl::expected<Api::Caller, HttpResponse> Api::ByKey(const HttpRequest& request,
                                                   std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  constexpr std::string_view kKeyStart = "cmso_";
  const auto refused = [] {
    return tl::unexpected(Unauthenticated("Send an API key as Authorization: Bearer cmso_..."));
  };
  if (authorization.size() <= kScheme.size() ||
      strncasecmp(authorization.data(), kScheme.data(), kScheme.size()) != 0) {
    return refused();
  }
  const std::string_view key = authorization.substr(kScheme.size());
  const std::size_t end_of_prefix = key.find('_', kKeyStart.size());
  if (!key.starts_with(kKeyStart) || end_of_prefix == std::string_view::npos) return refused();
  Result<ApiKey> stored =
      services_.identities.FindApiKey(std::string(key.substr(0, end_of_prefix)));
  if (!stored && stored.error().code == ErrorCode::kNotFound) return refused();
  if (!stored) return tl::unexpected(Failure(request, stored.error()));
  if (!services_.credentials.Matches(key, stored->secret_hash) || stored->revoked_at) {
    return refused();
  }
  return Caller{.principal = "key:" + stored->name, .permissions = stored->scopes};
}

tl::expected<Api::Caller, HttpResponse> Api::BySession(const HttpRequest& request) {
  const std::string token = CookieValue(request.Header("Cookie"), kSessionCookie);
  const auto refused = [] {
    return tl::unexpected(
        Unauthenticated("Sign in (POST /api/v1/session) or send an API key as Authorization: "
                        "Bearer cmso_..."));
  };
  if (token.empty()) return refused();
  const std::string token_hash = services_.credentials.Digest(token);
  Result<SignedIn> found = services_.identities.FindSession(token_hash);
  if (!found && found.error().code == ErrorCode::kNotFound) return refused();
  if (!found) return tl::unexpected(Failure(request, found.error()));
  const Timestamp now = services_.clock.Now();
  if (found->user.disabled || !SessionAlive(found->session, now, access_.sessions)) {
    Result<void> ended = services_.identities.DeleteSession(token_hash);
    if (!ended) return tl::unexpected(Failure(request, ended.error()));
    return refused();
  }
  // One write per minute of use at most: the idle limit is counted in minutes anyway.
  if (now - found->session.last_seen_at >= std::chrono::minutes{1}) {
    Result<void> touched = services_.identities.TouchSession(token_hash, now);
    if (!touched) return tl::unexpected(Failure(request, touched.error()));
    found->session.last_seen_at = now;
  }
  return Caller{.principal = found->user.username,
                .permissions = PermissionsOf(found->user.role),
                .session = *std::move(found)};
}

const IdempotencyKey& Api::KeyOf(const HttpRequest& request) {
  COMMESSO_INVARIANT(request.idempotency_key.has_value(),
                     "only the routes marked keyed in Api::Table() read the Idempotency-Key");
  return *request.idempotency_key;
}

HttpResponse Api::Health(const HttpRequest&, const Target&, const std::string&) {
  return JsonResponse(200, R"({"status":"ok"})");
}

HttpResponse Api::CreateItem(const HttpRequest& request, const Target&, const std::string&) {
  const IdempotencyKey& key = KeyOf(request);

  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<Item> item = json::ItemFromJson(*body, services_.business.rules);
  if (!item) return ProblemResponse(item.error());

  KeyedResponse<Item> answer([](const Item& stored) {
    return Created(std::string(kApiPrefix) + "/items/" + stored.sku, json::ToJson(stored));
  });
  Result<Item> created = services_.catalog.Create(*item, key, answer.kept());
  if (!created) return Failure(request, created.error());
  return answer.For(*created);
}

HttpResponse Api::ReplaceItem(const HttpRequest& request, const Target&, const std::string& sku) {
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  // The SKU is in the URL; the body may repeat it.
  if (body->is_object() && !body->contains("sku")) (*body)["sku"] = sku;
  Result<Item> item = json::ItemFromJson(*body, services_.business.rules);
  if (!item) return ProblemResponse(item.error());
  if (item->sku != sku) return Invalid("the item has errors", {{"sku", "must match the URL"}});

  Result<Item> updated = services_.catalog.Update(*item);
  if (!updated) return Failure(request, updated.error());
  return JsonResponse(200, json::Dump(json::ToJson(*updated)));
}

HttpResponse Api::GetItem(const HttpRequest& request, const Target&, const std::string& sku) {
  Result<Item> item = services_.catalog.FindBySku(sku);
  if (!item) return Failure(request, item.error());
  return JsonResponse(200, json::Dump(json::ToJson(*item)));
}

HttpResponse Api::SearchItems(const HttpRequest& request, const Target& target,
                              const std::string&) {
  std::vector<FieldError> problems;
  CheckParams(target, {"q", "limit", "cursor"}, problems);
  const int limit = LimitOf(target, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);

  Result<Page<Item>> page = services_.catalog.Search(target.Param("q").value_or(""), limit,
                                                     target.Param("cursor").value_or(""));
  if (!page) return Failure(request, page.error());
  return PageResponse(*page, [](const Item& item) { return json::ToJson(item); });
}

HttpResponse Api::ShippingMethods(const HttpRequest&, const Target& target, const std::string&) {
  std::vector<FieldError> problems;
  CheckParams(target, {}, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);
  Json entries = Json::array();
  for (const ShippingMethod& method : services_.business.rules.shipping.methods)
    entries.push_back(json::ToJson(method));
  return JsonResponse(200, json::Dump(Json{{"entries", std::move(entries)}}));
}

namespace {

// A customer from a request body, with the phone normalized and the locale defaulted.
Result<Customer> CustomerOf(Json body, const Services& services) {
  if (body.is_object() && !body.contains("locale")) body["locale"] = services.business.locale;
  Result<Customer> customer = json::CustomerFromJson(body);
  if (!customer) return customer;
  customer->phone_e164 =
      customer->phone.empty()
          ? ""
          : services.phones.ToE164(customer->phone, services.business.phone_region);
  std::vector<FieldError> problems = ValidateCustomer(*customer);
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the customer has errors", std::move(problems)});
  }
  return customer;
}

std::optional<CustomerId> CustomerIdOf(std::string_view text) {
  std::optional<std::int64_t> id = PositiveId(text);
  if (!id) return std::nullopt;
  return CustomerId{*id};
}

}  // namespace

HttpResponse Api::CreateCustomer(const HttpRequest& request, const Target&, const std::string&) {
  const IdempotencyKey& key = KeyOf(request);

  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<Customer> customer = CustomerOf(*std::move(body), services_);
  if (!customer) return ProblemResponse(customer.error());
  customer->id = CustomerId{};  // Storage assigns it.

  KeyedResponse<Customer> answer([](const Customer& stored) {
    return Created(std::string(kApiPrefix) + "/customers/" + std::to_string(stored.id.value),
                   json::ToJson(stored));
  });
  Result<Customer> created = services_.customers.Create(*customer, key, answer.kept());
  if (!created) return Failure(request, created.error());
  return answer.For(*created);
}

HttpResponse Api::ReplaceCustomer(const HttpRequest& request, const Target&,
                                  const std::string& id_text) {
  const std::optional<CustomerId> id = CustomerIdOf(id_text);
  if (!id) return ProblemResponse(Error{ErrorCode::kNotFound, "no customer has this id"});
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<Customer> customer = CustomerOf(*std::move(body), services_);
  if (!customer) return ProblemResponse(customer.error());
  if (customer->id != CustomerId{} && customer->id != *id) {
    return Invalid("the customer has errors", {{"id", "must match the URL"}});
  }
  customer->id = *id;

  Result<Customer> updated = services_.customers.Update(*customer);
  if (!updated) return Failure(request, updated.error());
  return JsonResponse(200, json::Dump(json::ToJson(*updated)));
}

HttpResponse Api::GetCustomer(const HttpRequest& request, const Target&,
                              const std::string& id_text) {
  const std::optional<CustomerId> id = CustomerIdOf(id_text);
  if (!id) return ProblemResponse(Error{ErrorCode::kNotFound, "no customer has this id"});
  Result<Customer> customer = services_.customers.Find(*id);
  if (!customer) return Failure(request, customer.error());
  return JsonResponse(200, json::Dump(json::ToJson(*customer)));
}

HttpResponse Api::SearchCustomers(const HttpRequest& request, const Target& target,
                                  const std::string&) {
  std::vector<FieldError> problems;
  CheckParams(target, {"phone", "email", "q", "limit", "cursor"}, problems);
  const int limit = LimitOf(target, problems);
  CustomerQuery query;
  query.email = target.Param("email").value_or("");
  query.name = target.Param("q").value_or("");
  if (std::optional<std::string> phone = target.Param("phone"); phone && !phone->empty()) {
    query.phone_e164 = services_.phones.ToE164(*phone, services_.business.phone_region);
    if (query.phone_e164.empty()) problems.push_back({"phone", "is not a phone number"});
  }
  if (!problems.empty()) return Invalid("the query has errors", problems);

  Result<Page<Customer>> page =
      services_.customers.Search(query, limit, target.Param("cursor").value_or(""));
  if (!page) return Failure(request, page.error());
  return PageResponse(*page, [](const Customer& customer) { return json::ToJson(customer); });
}

HttpResponse Api::Quote(const HttpRequest& request, const Target&, const std::string&) {
  OrResponse<OrderDraft> draft = DraftBody(request, services_.business.rules.currency);
  if (!draft) return draft.error();

  Result<QuoteOrder::Quoted> quoted = quote_.Price(*draft);
  if (!quoted) return Failure(request, quoted.error());
  // The date the clerk can promise if the order is placed now, as PlaceOrder computes it.
  Order as_placed;
  as_placed.billing_address = quoted->validated.billing_address;
  as_placed.shipping_address = quoted->validated.shipping_address;
  as_placed.priced = quoted->priced;
  const std::optional<std::chrono::year_month_day> day = PromisedDispatch(
      as_placed, services_.business.fulfillment, services_.zones, services_.clock.Now());
  std::string text;
  json::JsonOut out(text);
  json::WritePublic(out, quoted->priced, [&](json::JsonOut& more) {
    if (!day) return;
    more.Key("promised_dispatch");
    more.String(json::FormatDate(*day));
  });
  return JsonResponse(200, std::move(text));
}

void Api::PlaceOrder(HttpRequest request, Responder respond) {
  OrResponse<OrderDraft> draft = DraftBody(request, services_.business.rules.currency);
  if (!draft) return respond(draft.error());
  draft->placed_by = PrincipalOf(request);

  // The request's body is not needed any more; its headers and key are, for the answer.
  request.body.clear();
  auto held = std::make_shared<HttpRequest>(std::move(request));
  place_.Start(
      *draft, KeyOf(*held),
      [this, held, respond = std::move(respond)](Result<StoredPlacement> placement) mutable {
        // Possibly on the store's writer thread: the answer is made elsewhere.
        resume_(
            [this, held, respond = std::move(respond), placement = std::move(placement)]() mutable {
              HttpResponse response;
              try {
                response = Placed(*held, placement);
              } catch (const std::exception& error) {
                response = Internal(*held, error.what());
              }
              respond(std::move(response));
            });
      });
}

HttpResponse Api::Placed(const HttpRequest& request, const Result<StoredPlacement>& placement) {
  if (!placement) return Failure(request, placement.error());
  if (!placement->replayed) services_.outbox.Notify();  // Its receipt is due.
  // Built only from the order as placed (a replay gets it from the snapshot written in the
  // placement's transaction, whatever its status became), so a replay answers the same bytes
  // without keeping them: the placement's one transaction stays as small as it was (0017).
  const Order& order = placement->order;
  const OrderView view = ViewOf(request);
  std::string text;
  json::JsonOut out(text);
  json::WritePublic(out, order, view, [&](json::JsonOut& more) {
    if (view != OrderView::kFull) return;
    more.Key("readback");
    more.String(json::ReadBack(order));
  });
  HttpResponse created =
      CreatedText(std::string(kApiPrefix) + "/orders/" + order.number.value, std::move(text));
  if (placement->replayed) created.headers.emplace_back("Idempotent-Replayed", "true");
  return created;
}

HttpResponse Api::GetOrder(const HttpRequest& request, const Target&, const std::string& number) {
  Result<Order> order = services_.orders.FindByNumber(OrderNumber{number});
  if (!order) return Failure(request, order.error());
  const OrderView view = ViewOf(request);
  std::string text;
  json::JsonOut out(text);
  if (view == OrderView::kDelivery) {
    json::WritePublic(out, *order, view, {});
    return JsonResponse(200, std::move(text));
  }
  Result<std::vector<Confirmation>> confirmations =
      services_.orders.Confirmations(OrderNumber{number});
  if (!confirmations) return Failure(request, confirmations.error());
  Result<std::vector<Document>> documents = services_.documents.ForOrder(order->id);
  if (!documents) return Failure(request, documents.error());
  json::WritePublic(out, *order, view, [&](json::JsonOut& more) {
    more.Key("confirmations");
    more.BeginArray();
    for (const Confirmation& confirmation : *confirmations) {
      more.Tree(json::ToJson(confirmation));
    }
    more.EndArray();
    more.Key("documents");
    more.BeginArray();
    for (const Document& document : *documents) more.Tree(json::ToSummaryJson(document));
    more.EndArray();
  });
  return JsonResponse(200, std::move(text));
}

HttpResponse Api::ListOrders(const HttpRequest& request, const Target& target, const std::string&) {
  std::vector<FieldError> problems;
  CheckParams(
      target,
      {"channel", "status", "customer_id", "placed_from", "placed_until", "limit", "cursor"},
      problems);
  const int limit = LimitOf(target, problems);
  OrderQuery query;
  if (std::optional<std::string> channel = target.Param("channel")) {
    query.channel = ParseChannel(*channel);
    if (!query.channel) problems.push_back({"channel", "is not a channel"});
  }
  if (std::optional<std::string> status = target.Param("status")) {
    query.status = ParseOrderStatus(*status);
    if (!query.status) problems.push_back({"status", "is not an order status"});
  }
  if (std::optional<std::string> customer = target.Param("customer_id")) {
    query.customer_id = CustomerIdOf(*customer);
    if (!query.customer_id) problems.push_back({"customer_id", "must be a positive integer"});
  }
  query.placed_from = InstantParam(target, "placed_from", Bound::kFrom, services_.clock, problems);
  query.placed_until =
      InstantParam(target, "placed_until", Bound::kUntil, services_.clock, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);

  Result<Page<Order>> page =
      services_.orders.List(query, limit, target.Param("cursor").value_or(""));
  if (!page) return Failure(request, page.error());
  const OrderView view = ViewOf(request);
  return PageResponse(*page, [view](json::JsonOut& out, const Order& order) {
    json::WritePublic(out, order, view, {});
  });
}

namespace {

// A 409 for a stale revision, naming the current one so the client can reload and retry.
HttpResponse StaleRevision(const Error& error, std::int64_t current) {
  return ProblemResponse(409, ErrorCodeName(ErrorCode::kConflict), "Conflict", error.message,
                         error.fields, Json{{"current_revision", current}});
}

bool NamesRevision(const Error& error) {
  return error.code == ErrorCode::kConflict && !error.fields.empty() &&
         error.fields.front().path == "revision";
}

std::optional<DraftId> DraftIdOf(std::string_view text) {
  std::optional<std::int64_t> id = PositiveId(text);
  if (!id) return std::nullopt;
  return DraftId{*id};
}

HttpResponse NoDraft() {
  return ProblemResponse(Error{ErrorCode::kNotFound, "There is no draft with this id."});
}

}  // namespace

HttpResponse Api::Confirm(const HttpRequest& request, const Target&, const std::string& number) {
  const IdempotencyKey& key = KeyOf(request);

  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<ConfirmationRequest> confirmation = json::ConfirmationRequestFromJson(*body);
  if (!confirmation) return ProblemResponse(confirmation.error());
  confirmation->principal = PrincipalOf(request);

  Result<StoredConfirmation> stored = confirm_.Run(OrderNumber{number}, *confirmation, key);
  if (!stored && NamesRevision(stored.error())) {
    Result<Order> order = services_.orders.FindByNumber(OrderNumber{number});
    if (!order) return Failure(request, order.error());
    return StaleRevision(stored.error(), order->revision);
  }
  if (!stored) return Failure(request, stored.error());
  HttpResponse created =
      Created(std::string(kApiPrefix) + "/orders/" + number, json::ToJson(stored->confirmation));
  if (stored->replayed) created.headers.emplace_back("Idempotent-Replayed", "true");
  return created;
}

HttpResponse Api::History(const HttpRequest& request, const Target&, const std::string& number) {
  Result<std::vector<OrderEvent>> events = services_.orders.History(OrderNumber{number});
  if (!events) return Failure(request, events.error());
  Json body{{"number", number}, {"events", Json::array()}};
  for (const OrderEvent& event : *events) body["events"].push_back(json::ToJson(event));
  return JsonResponse(200, json::Dump(body));
}

HttpResponse Api::GetReadBack(const HttpRequest& request, const Target& target,
                              const std::string& number) {
  std::vector<FieldError> problems;
  CheckParams(target, {"locale"}, problems);
  const std::optional<std::string> locale = target.Param("locale");
  if (locale && *locale != "it" && *locale != "en") {
    problems.push_back({"locale", "must be it or en"});
  }
  if (!problems.empty()) return Invalid("the query has errors", problems);

  Result<Order> order = services_.orders.FindByNumber(OrderNumber{number});
  if (!order) return Failure(request, order.error());
  const std::string chosen =
      locale ? *locale : (order->customer.locale.starts_with("it") ? "it" : "en");
  return JsonResponse(200, json::Dump(Json{{"number", number},
                                           {"revision", order->revision},
                                           {"locale", chosen},
                                           {"text", json::ReadBack(*order, chosen)}}));
}

namespace {

enum class Format { kJson, kText, kHtml, kPdf };

// The format a receipt request asks for: ?format= when given (a field error otherwise), else
// the first of the Accept header's media types that names one, else JSON.
Format FormatOf(const HttpRequest& request, const Target& target,
                std::vector<FieldError>& problems) {
  constexpr std::pair<std::string_view, Format> kNames[] = {{"json", Format::kJson},
                                                            {"text", Format::kText},
                                                            {"html", Format::kHtml},
                                                            {"pdf", Format::kPdf}};
  if (const std::optional<std::string> name = target.Param("format")) {
    for (const auto& [known, format] : kNames) {
      if (*name == known) return format;
    }
    problems.push_back({"format", "must be json, text, html or pdf"});
    return Format::kJson;
  }
  constexpr std::pair<std::string_view, Format> kMediaTypes[] = {
      {"application/json", Format::kJson},
      {"application/pdf", Format::kPdf},
      {"text/plain", Format::kText},
      {"text/html", Format::kHtml}};
  std::string_view accept = request.Header("Accept");
  while (!accept.empty()) {
    const std::size_t comma = accept.find(',');
    std::string_view media = accept.substr(0, std::min(comma, accept.find(';')));
    while (!media.empty() && media.front() == ' ') media.remove_prefix(1);
    while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
    for (const auto& [known, format] : kMediaTypes) {
      if (media.size() == known.size() &&
          strncasecmp(media.data(), known.data(), known.size()) == 0) {
        return format;
      }
    }
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return Format::kJson;
}

Json ToJson(const ReceiptDelivery& delivery) {
  const auto instant = [](const std::optional<Timestamp>& at) {
    return at ? Json(json::FormatTimestamp(*at)) : Json(nullptr);
  };
  return Json{{"id", delivery.id.value},
              {"kind", Name(delivery.kind)},
              {"document_number", delivery.document_number},
              {"to", delivery.to},
              {"state", Name(delivery.state)},
              {"attempts", delivery.attempts},
              {"next_attempt_at", instant(delivery.next_attempt_at)},
              {"server_reply", delivery.server_reply},
              {"error", delivery.error},
              {"message_id", delivery.message_id},
              {"requested_by", delivery.requested_by},
              {"requested_at", json::FormatTimestamp(delivery.requested_at)},
              {"updated_at", json::FormatTimestamp(delivery.updated_at)},
              {"sent_at", instant(delivery.sent_at)}};
}

}  // namespace

HttpResponse Api::GetReceipt(const HttpRequest& request, const Target& target,
                             const std::string& number) {
  std::vector<FieldError> problems;
  CheckParams(target, {"format", "width", "kind"}, problems);
  const Format format = FormatOf(request, target, problems);
  int width = 80;
  if (const std::optional<std::string> text = target.Param("width")) {
    if (*text == "42" || *text == "80") {
      width = *text == "42" ? 42 : 80;
    } else {
      problems.push_back({"width", "must be 42 or 80"});
    }
  }
  DocumentKind kind = DocumentKind::kReceipt;
  if (const std::optional<std::string> name = target.Param("kind")) {
    const std::optional<DocumentKind> parsed = ParseDocumentKind(*name);
    if (parsed) {
      kind = *parsed;
    } else {
      problems.push_back({"kind", "must be receipt or invoice"});
    }
  }
  if (!problems.empty()) return Invalid("the query has errors", problems);

  Result<std::vector<Document>> documents = services_.documents.ForOrder(OrderNumber{number});
  if (!documents) return Failure(request, documents.error());
  const Document* document = nullptr;
  for (const Document& issued : *documents) {
    if (issued.kind == kind) document = &issued;
  }
  if (document == nullptr) {
    return ProblemResponse(
        Error{ErrorCode::kNotFound, "The order " + number + " has no " + Name(kind) + " yet."});
  }

  switch (format) {
    case Format::kText:
      return BodyResponse("text/plain; charset=utf-8", render::ReceiptText(*document, width));
    case Format::kHtml: {
      // Shown in the console's sandboxed frame and opened on its own: no script, nothing
      // loaded from elsewhere, the inline styles of the rendering, framed by this origin only
      // (which measures the page's height to print it whole, so no CSP sandbox here).
      HttpResponse response =
          BodyResponse("text/html; charset=utf-8", render::ReceiptHtml(*document));
      response.headers.emplace_back("Content-Security-Policy",
                                    "default-src 'none'; style-src 'unsafe-inline'; "
                                    "img-src data:; frame-ancestors 'self'");
      return response;
    }
    case Format::kPdf: {
      Result<std::string> pdf = render::ReceiptPdf(*document);
      if (!pdf) return Failure(request, pdf.error());
      HttpResponse response = BodyResponse("application/pdf", *std::move(pdf));
      response.headers.emplace_back("Content-Disposition",
                                    "inline; filename=\"" + document->number + ".pdf\"");
      return response;
    }
    case Format::kJson:
      break;
  }
  return JsonResponse(200, json::Dump(json::ToPublicJson(*document)));
}

HttpResponse Api::IssueInvoice(const HttpRequest& request, const Target&,
                               const std::string& number) {
  // The route claims the Idempotency-Key only against a concurrent duplicate: an order has one
  // invoice anyway. The order says everything: the body, when there is one, is `{}`.
  if (std::optional<HttpResponse> refused = EmptyBody(request)) return *refused;

  // An order has one invoice: issuing again answers the one there is, with 200.
  Result<std::vector<Document>> documents = services_.documents.ForOrder(OrderNumber{number});
  if (!documents) return Failure(request, documents.error());
  // The document is the customer's: without orders:read_private, only that it exists.
  const auto to_json = [view = ViewOf(request)](const Document& document) {
    return view == OrderView::kFull ? json::ToPublicJson(document) : json::ToSummaryJson(document);
  };
  for (const Document& document : *documents) {
    if (document.kind == DocumentKind::kInvoice) {
      return JsonResponse(200, json::Dump(to_json(document)));
    }
  }
  Result<Document> invoice =
      services_.documents.IssueInvoice(OrderNumber{number}, services_.clock.Now());
  if (!invoice) return Failure(request, invoice.error());
  return Created(std::string(kApiPrefix) + "/orders/" + number + "/receipt?kind=invoice",
                 to_json(*invoice));
}

HttpResponse Api::ReceiptDeliveries(const HttpRequest& request, const Target& target,
                                    const std::string& number) {
  std::vector<FieldError> problems;
  CheckParams(target, {}, problems);
  if (!problems.empty()) return Invalid("the query has errors", problems);
  Result<std::vector<ReceiptDelivery>> deliveries =
      services_.deliveries.ForOrder(OrderNumber{number});
  if (!deliveries) return Failure(request, deliveries.error());
  Json entries = Json::array();
  for (const ReceiptDelivery& delivery : *deliveries) entries.push_back(ToJson(delivery));
  return JsonResponse(200, json::Dump(Json{{"number", number}, {"entries", std::move(entries)}}));
}

HttpResponse Api::ResendReceipt(const HttpRequest& request, const Target&,
                                const std::string& number) {
  const IdempotencyKey& key = KeyOf(request);

  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  std::vector<FieldError> problems;
  json::ObjectReader reader(*body, "", problems);
  const std::string to = reader.String("to", json::Presence::kOptional);
  reader.Finish();
  if (!problems.empty()) return Invalid("the request has errors", problems);

  const OrderView view = ViewOf(request);
  KeyedResponse<ReceiptDelivery> answer([&number, view](const ReceiptDelivery& delivery) {
    Json json = ToJson(delivery);
    // The address may be the customer's, which only orders:read_private reads.
    if (view == OrderView::kDelivery) json.erase("to");
    return Created(std::string(kApiPrefix) + "/orders/" + number + "/receipt/deliveries", json);
  });
  Result<std::pair<ReceiptDelivery, bool>> requested =
      resend_.Run(OrderNumber{number}, to, PrincipalOf(request), key, answer.kept());
  if (!requested) return Failure(request, requested.error());
  return answer.For(requested->first);
}

HttpResponse Api::CreateDraft(const HttpRequest& request, const Target&, const std::string&) {
  const IdempotencyKey& key = KeyOf(request);

  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<json::DraftInput> input = json::DraftInputFromJson(*body, json::DraftRequest::kCreate);
  if (!input) return ProblemResponse(input.error());

  const Timestamp now = services_.clock.Now();
  const EntryDraft draft{.channel = *input->channel,
                         .owner = PrincipalOf(request),
                         .placement_key = "draft-" + RandomKey(),
                         .content = std::move(input->content),
                         .summary = std::move(input->summary),
                         .created_at = now,
                         .updated_at = now};
  KeyedResponse<EntryDraft> answer([](const EntryDraft& stored) {
    return Created(std::string(kApiPrefix) + "/drafts/" + std::to_string(stored.id.value),
                   json::ToJson(stored, json::DraftDetail::kFull));
  });
  Result<EntryDraft> created = services_.drafts.Create(draft, key, answer.kept());
  if (!created) return Failure(request, created.error());
  return answer.For(*created);
}

HttpResponse Api::ListDrafts(const HttpRequest& request, const Target& target, const std::string&) {
  std::vector<FieldError> problems;
  CheckParams(target, {"parked", "limit", "cursor"}, problems);
  const int limit = LimitOf(target, problems);
  DraftQuery query{.owner = PrincipalOf(request)};
  if (std::optional<std::string> parked = target.Param("parked")) {
    if (*parked == "true" || *parked == "false") {
      query.parked = *parked == "true";
    } else {
      problems.push_back({"parked", "must be true or false"});
    }
  }
  if (!problems.empty()) return Invalid("the query has errors", problems);

  Result<Page<EntryDraft>> page =
      services_.drafts.List(query, limit, target.Param("cursor").value_or(""));
  if (!page) return Failure(request, page.error());
  return PageResponse(*page, [](const EntryDraft& draft) {
    return json::ToJson(draft, json::DraftDetail::kSummary);
  });
}

HttpResponse Api::GetDraft(const HttpRequest& request, const Target&, const std::string& id_text) {
  const std::optional<DraftId> id = DraftIdOf(id_text);
  if (!id) return NoDraft();
  Result<EntryDraft> draft = services_.drafts.Find(*id, PrincipalOf(request));
  if (!draft) return Failure(request, draft.error());
  return JsonResponse(200, json::Dump(json::ToJson(*draft, json::DraftDetail::kFull)));
}

HttpResponse Api::SaveDraft(const HttpRequest& request, const Target&, const std::string& id_text) {
  const std::optional<DraftId> id = DraftIdOf(id_text);
  if (!id) return NoDraft();
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<json::DraftInput> input = json::DraftInputFromJson(*body, json::DraftRequest::kSave);
  if (!input) return ProblemResponse(input.error());

  const std::string owner = PrincipalOf(request);
  Result<EntryDraft> current = services_.drafts.Find(*id, owner);
  if (!current) return Failure(request, current.error());
  EntryDraft draft = *std::move(current);
  draft.revision = *input->revision;
  if (input->channel) draft.channel = *input->channel;
  if (input->parked) draft.parked = *input->parked;
  draft.content = std::move(input->content);
  draft.summary = std::move(input->summary);
  draft.updated_at = services_.clock.Now();

  Result<EntryDraft> saved = services_.drafts.Update(draft);
  if (!saved && NamesRevision(saved.error())) {
    Result<EntryDraft> now = services_.drafts.Find(*id, owner);
    if (!now) return Failure(request, now.error());
    return StaleRevision(saved.error(), now->revision);
  }
  if (!saved) return Failure(request, saved.error());
  return JsonResponse(200, json::Dump(json::ToJson(*saved, json::DraftDetail::kFull)));
}

HttpResponse Api::DeleteDraft(const HttpRequest& request, const Target&,
                              const std::string& id_text) {
  const std::optional<DraftId> id = DraftIdOf(id_text);
  if (!id) return NoDraft();
  Result<void> deleted = services_.drafts.Delete(*id, PrincipalOf(request));
  if (!deleted) return Failure(request, deleted.error());
  return HttpResponse{.status = 204, .headers = {}, .body = ""};
}

HttpResponse Api::AuthorizeCard(const HttpRequest& request, const Target&, const std::string&) {
  const IdempotencyKey& key = KeyOf(request);

  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<json::CardPaymentRequest> payment =
      json::CardPaymentRequestFromJson(*body, services_.business.rules.currency);
  if (!payment) return ProblemResponse(payment.error());

  Result<CardAuthorization> authorized =
      services_.cards.Authorize(payment->amount, payment->reference, key);
  if (!authorized && authorized.error().code == ErrorCode::kRejected) {
    const std::string& reason = authorized.error().message;
    return ProblemResponse(402, "card_declined", "Card declined",
                           "The card was declined: " + reason + ".", {}, Json{{"reason", reason}});
  }
  if (!authorized) return Failure(request, authorized.error());
  // No Location: an authorization is read back only through the order that names it.
  return JsonResponse(201, json::Dump(json::ToJson(*authorized)));
}

// Sessions.

namespace {

struct Login {
  std::string username;
  std::string password;
};

Result<Login> LoginFromJson(const Json& body) {
  std::vector<FieldError> problems;
  json::ObjectReader reader(body, "", problems);
  Login login{.username = reader.String("username", json::Presence::kRequired),
              .password = reader.String("password", json::Presence::kRequired)};
  reader.Finish();
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the sign-in has errors", std::move(problems)});
  }
  return login;
}

HttpResponse WrongLogin() {
  return ProblemResponse(401, "unauthorized", "Unauthorized",
                         "The user name or password is wrong, or the user is disabled.",
                         {{"password", "does not match the user name"}});
}

}  // namespace

std::string Api::SessionCookie(std::string_view token, bool clear) const {
  std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) + "; Path=/";
  if (clear) cookie += "; Max-Age=0";
  cookie += "; HttpOnly; SameSite=Strict";
  if (access_.secure_cookies) cookie += "; Secure";
  return cookie;
}

HttpResponse Api::SessionResponse(const SignedIn& signed_in,
                                  std::vector<std::pair<std::string, std::string>> headers) {
  const User& user = signed_in.user;
  Json permissions = Json::array();
  for (Permission permission : PermissionsOf(user.role)) {
    permissions.push_back(std::string(Name(permission)));
  }
  Json body{{"user",
             {{"username", user.username},
              {"display_name", user.display_name},
              {"role", std::string(Name(user.role))},
              {"locale", user.locale}}},
            {"csrf_token", signed_in.session.csrf_token},
            {"permissions", std::move(permissions)}};
  HttpResponse response = JsonResponse(200, json::Dump(body));
  for (auto& header : headers) response.headers.push_back(std::move(header));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

HttpResponse Api::SignIn(const HttpRequest& request, const Target&, const std::string&) {
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  Result<Login> login = LoginFromJson(*body);
  if (!login) return ProblemResponse(login.error());

  const Timestamp now = services_.clock.Now();
  if (std::optional<std::chrono::seconds> wait =
          throttle_.Blocked(login->username, request.peer, now)) {
    HttpResponse response = ProblemResponse(
        429, "too_many_sign_ins", "Too many requests",
        "Too many failed sign-ins: try again in " + std::to_string(wait->count()) + " seconds.",
        {{"password", "too many failed attempts"}});
    response.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return response;
  }
  Result<User> user = services_.identities.FindUser(login->username);
  if (!user && user.error().code != ErrorCode::kNotFound) return Failure(request, user.error());
  // An unknown user costs a verification too, so timing does not tell which names exist.
  const bool known = user.has_value();
  const bool verified = services_.credentials.VerifyPassword(
      known ? user->password_hash : DecoyHash(), login->password);
  if (!known || !verified || user->disabled) {
    throttle_.Failed(login->username, request.peer, now);
    if (known) spdlog::info("sign-in refused for user {} from {}", user->username, request.peer);
    return WrongLogin();
  }
  throttle_.Succeeded(login->username, request.peer);

  if (services_.credentials.NeedsRehash(user->password_hash)) {
    user->password_hash = services_.credentials.HashPassword(login->password);
    user->updated_at = now;
    Result<User> rehashed = services_.identities.UpdateUser(*user);
    if (!rehashed) return Failure(request, rehashed.error());
  }
  const std::string token = services_.credentials.RandomHex(32);
  const SignedIn signed_in{.session = {.token_hash = services_.credentials.Digest(token),
                                       .csrf_token = services_.credentials.RandomHex(32),
                                       .user_id = user->id,
                                       .created_at = now,
                                       .last_seen_at = now},
                           .user = *user};
  Result<void> created = services_.identities.CreateSession(signed_in.session);
  if (!created) return Failure(request, created.error());
  // Sessions nobody ended (closed browsers) go at the next sign-in; a failure here costs
  // nothing but space, so it is logged and the sign-in goes on.
  if (Result<std::int64_t> purged = services_.identities.DeleteEndedSessions(now, access_.sessions);
      !purged) {
    spdlog::warn("could not delete ended sessions: {}", purged.error().message);
  }
  spdlog::info("user {} signed in from {}", user->username, request.peer);
  return SessionResponse(signed_in, {{"Set-Cookie", SessionCookie(token, false)}});
}

HttpResponse Api::GetSession(const HttpRequest& request, const Target&, const std::string&) {
  tl::expected<Caller, HttpResponse> caller = BySession(request);
  if (!caller) return caller.error();
  return SessionResponse(*caller->session);
}

HttpResponse Api::SignOut(const HttpRequest& request, const Target&, const std::string&) {
  tl::expected<Caller, HttpResponse> caller = BySession(request);
  if (!caller) return caller.error();
  Result<void> ended = services_.identities.DeleteSession(caller->session->session.token_hash);
  if (!ended) return Failure(request, ended.error());
  return HttpResponse{
      .status = 204, .headers = {{"Set-Cookie", SessionCookie("", true)}}, .body = ""};
}

HttpResponse Api::LiftSignInThrottle(const HttpRequest& request, const Target&,
                                     const std::string& username) {
  // Only a valid user name can have a user; anything else is refused before it reaches the log.
  for (const FieldError& problem : ValidateUser(User{.username = username})) {
    if (problem.path == "username") {
      return ProblemResponse(Error{
          ErrorCode::kNotFound, "no user can have this name", {{"name", "is not a user name"}}});
    }
  }
  throttle_.Lift(username);
  spdlog::info("sign-in throttle of user {} lifted by {}", username, PrincipalOf(request));
  return HttpResponse{.status = 204, .headers = {}, .body = ""};
}

HttpResponse Api::SetLocale(const HttpRequest& request, const Target&, const std::string&) {
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  std::vector<FieldError> problems;
  json::ObjectReader reader(*body, "", problems);
  const std::string locale = reader.String("locale", json::Presence::kRequired);
  reader.Finish();
  if (problems.empty() && !IsConsoleLocale(locale))
    problems.push_back({"locale", "must be it or en"});
  if (!problems.empty()) return Invalid("the locale has errors", problems);

  tl::expected<Caller, HttpResponse> caller = BySession(request);
  if (!caller) return caller.error();
  SignedIn& signed_in = *caller->session;
  signed_in.user.locale = locale;
  signed_in.user.updated_at = services_.clock.Now();
  Result<User> updated = services_.identities.UpdateUser(signed_in.user);
  if (!updated) return Failure(request, updated.error());
  signed_in.user = *std::move(updated);
  return SessionResponse(signed_in);
}

}  // namespace commesso::http
