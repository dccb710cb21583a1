#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "adapters/http/http_message.h"
#include "adapters/http/in_flight_keys.h"
#include "adapters/http/login_throttle.h"
#include "adapters/http/query_string.h"
#include "adapters/http/request_crypto.h"
#include "adapters/http/server.h"
#include "app/confirm_order.h"
#include "app/fulfillment_scheduler.h"
#include "app/open_complaint.h"
#include "app/place_order.h"
#include "app/quote_order.h"
#include "app/resend_receipt.h"
#include "app/work_complaint.h"
#include "core/access.h"

namespace commesso::http {

// What a route asks of its caller.
enum class Gate {
  kPublic,      // Nothing: /healthz and signing in.
  kSession,     // A signed-in user's session cookie, whatever the role: the session routes.
  kPermission,  // A session or API key holding the route's permission.
};

// One route of the API: a method, a path template ("/api/v1/items/{sku}") and what it
// requires: "public", "session" or a permission name ("items:read").
struct RouteInfo {
  std::string method;
  std::string path;
  std::string requirement;
  friend bool operator==(const RouteInfo&, const RouteInfo&) = default;
};

// The JSON API (/api/v1 and /healthz) independent of the transport: routing (404, 405 with
// Allow), authentication by session cookie or API key (401), the route's permission (403),
// origin checks and CSRF on cookie-authenticated changes (403), rate limits per address and
// API key and sign-in throttling (429 with Retry-After), the caller's
// principal (PrincipalOf), content type (415),
// Idempotency-Key (400, and 409 while the caller's first request with the key is in flight;
// replays answer the first answer's bytes, docs/decisions/0017), strict JSON in
// (400, 422 naming fields) and out, and problem responses for every failure. Runs use cases on the
// calling thread, which therefore must be allowed to block, except for a placement's commit:
// its answer comes from the store's writer once the order is durable, through `resume`, and no
// thread waits for it (docs/decisions/0023). Never throws: an exception from a handler (an
// InvariantError is a bug) becomes a 500 whose reference the log also records. Borrows the
// services, which must outlive it. Thread-safe.
class Api {
 public:
  // Runs a task on a thread that may do CPU work but must not wait for anything.
  using Resume = std::function<void(std::function<void()>)>;
  // Takes a request's answer; called exactly once per request, on any thread.
  using Responder = std::function<void(HttpResponse)>;

  // `resume` runs the rest of a request whose commit the store reports from its writer thread
  // (rendering the answer), so the writer only hands results on; empty: run it right there.
  Api(Services services, AccessOptions access, Resume resume = {});

  // Answers `request` through `respond`: before returning, or later from `resume` for a
  // placement that was handed to the store.
  void Handle(HttpRequest request, Responder respond);

  // Handle, waiting for the answer.
  HttpResponse Handle(HttpRequest request);

  // Every route served, in a stable order; docs/openapi.yaml must document each and
  // docs/security.md must give each its row of the role matrix.
  static std::vector<RouteInfo> Routes();

  // The name of the session cookie.
  static constexpr std::string_view kSessionCookie = "commesso_session";

 private:
  // Who is calling, once authenticated.
  struct Caller {
    std::string principal;  // The user name, or "key:<key name>".
    std::vector<Permission> permissions{};
    std::optional<SignedIn> session{};  // Set when signed in by cookie.
  };

  // The answer, or nothing when the route took `respond` to answer later.
  std::optional<HttpResponse> Route(HttpRequest& request, Responder& respond);
  HttpResponse Internal(const HttpRequest& request, std::string_view what);

  HttpResponse Health(const HttpRequest& request, const Target& target, const std::string& param);
  HttpResponse CreateItem(const HttpRequest& request, const Target& target,
                          const std::string& param);
  HttpResponse ReplaceItem(const HttpRequest& request, const Target& target,
                           const std::string& sku);
  HttpResponse GetItem(const HttpRequest& request, const Target& target, const std::string& sku);
  HttpResponse SearchItems(const HttpRequest& request, const Target& target,
                           const std::string& param);
  HttpResponse CreateCustomer(const HttpRequest& request, const Target& target,
                              const std::string& param);
  HttpResponse ReplaceCustomer(const HttpRequest& request, const Target& target,
                               const std::string& id);
  HttpResponse GetCustomer(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse SearchCustomers(const HttpRequest& request, const Target& target,
                               const std::string& param);
  HttpResponse ShippingMethods(const HttpRequest& request, const Target& target,
                               const std::string& param);
  HttpResponse Quote(const HttpRequest& request, const Target& target, const std::string& param);
  // Answers through `respond` once the order is durable (or refused).
  void PlaceOrder(HttpRequest request, Responder respond);
  // A placement's answer, for the caller of `request`.
  HttpResponse Placed(const HttpRequest& request, const Result<StoredPlacement>& placement);
  HttpResponse GetOrder(const HttpRequest& request, const Target& target,
                        const std::string& number);
  HttpResponse ListOrders(const HttpRequest& request, const Target& target,
                          const std::string& param);
  HttpResponse Confirm(const HttpRequest& request, const Target& target, const std::string& number);
  HttpResponse History(const HttpRequest& request, const Target& target, const std::string& number);
  HttpResponse GetReadBack(const HttpRequest& request, const Target& target,
                           const std::string& number);
  HttpResponse GetReceipt(const HttpRequest& request, const Target& target,
                          const std::string& number);
  HttpResponse IssueInvoice(const HttpRequest& request, const Target& target,
                            const std::string& number);
  HttpResponse ReceiptDeliveries(const HttpRequest& request, const Target& target,
                                 const std::string& number);
  HttpResponse ResendReceipt(const HttpRequest& request, const Target& target,
                             const std::string& number);
  HttpResponse CreateDraft(const HttpRequest& request, const Target& target,
                           const std::string& param);
  HttpResponse ListDrafts(const HttpRequest& request, const Target& target,
                          const std::string& param);
  HttpResponse GetDraft(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse SaveDraft(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse DeleteDraft(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse AuthorizeCard(const HttpRequest& request, const Target& target,
                             const std::string& param);
  HttpResponse SignIn(const HttpRequest& request, const Target& target, const std::string& param);
  HttpResponse GetSession(const HttpRequest& request, const Target& target,
                          const std::string& param);
  HttpResponse SignOut(const HttpRequest& request, const Target& target, const std::string& param);
  HttpResponse SetLocale(const HttpRequest& request, const Target& target,
                         const std::string& param);
  HttpResponse LiftSignInThrottle(const HttpRequest& request, const Target& target,
                                  const std::string& username);
  // Webhook subscriptions and their deliveries (api_webhooks.cc).
  HttpResponse CreateWebhook(const HttpRequest& request, const Target& target,
                             const std::string& param);
  HttpResponse ListWebhooks(const HttpRequest& request, const Target& target,
                            const std::string& param);
  HttpResponse GetWebhook(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse DisableWebhook(const HttpRequest& request, const Target& target,
                              const std::string& id);
  HttpResponse WebhookDeliveries(const HttpRequest& request, const Target& target,
                                 const std::string& id);
  HttpResponse ReplayWebhookDelivery(const HttpRequest& request, const Target& target,
                                     const std::string& id);
  // Fulfillment (api_fulfillment.cc).
  HttpResponse ListDepartments(const HttpRequest& request, const Target& target,
                               const std::string& param);
  HttpResponse DepartmentQueue(const HttpRequest& request, const Target& target,
                               const std::string& code);
  HttpResponse DepartmentPickList(const HttpRequest& request, const Target& target,
                                  const std::string& code);
  HttpResponse GetTask(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse TaskPickList(const HttpRequest& request, const Target& target,
                            const std::string& id);
  HttpResponse ClaimTask(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse UnclaimTask(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse AcknowledgeTask(const HttpRequest& request, const Target& target,
                               const std::string& id);
  HttpResponse RecordPicks(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse ShipTask(const HttpRequest& request, const Target& target, const std::string& id);
  HttpResponse CompleteTask(const HttpRequest& request, const Target& target,
                            const std::string& id);
  HttpResponse OrderFulfillment(const HttpRequest& request, const Target& target,
                                const std::string& number);
  HttpResponse PlaceHold(const HttpRequest& request, const Target& target,
                         const std::string& number);
  HttpResponse LiftHold(const HttpRequest& request, const Target& target, const std::string& kind);
  HttpResponse CancelOrder(const HttpRequest& request, const Target& target,
                           const std::string& number);
  HttpResponse ListEscalations(const HttpRequest& request, const Target& target,
                               const std::string& param);
  // Complaints (api_complaints.cc).
  HttpResponse OpenComplaint(const HttpRequest& request, const Target& target,
                             const std::string& param);
  HttpResponse ListComplaints(const HttpRequest& request, const Target& target,
                              const std::string& param);
  HttpResponse GetComplaint(const HttpRequest& request, const Target& target,
                            const std::string& number);
  HttpResponse CommentComplaint(const HttpRequest& request, const Target& target,
                                const std::string& number);
  HttpResponse AssignComplaint(const HttpRequest& request, const Target& target,
                               const std::string& number);
  HttpResponse ForwardComplaint(const HttpRequest& request, const Target& target,
                                const std::string& number);
  HttpResponse StartComplaint(const HttpRequest& request, const Target& target,
                              const std::string& number);
  HttpResponse AwaitCustomer(const HttpRequest& request, const Target& target,
                             const std::string& number);
  HttpResponse ResolveComplaint(const HttpRequest& request, const Target& target,
                                const std::string& number);
  HttpResponse RejectComplaint(const HttpRequest& request, const Target& target,
                               const std::string& number);
  HttpResponse CloseComplaint(const HttpRequest& request, const Target& target,
                              const std::string& number);
  HttpResponse ReopenComplaint(const HttpRequest& request, const Target& target,
                               const std::string& number);
  // Takes the step `action` named by the body of `request` on complaint `number`.
  HttpResponse TakeStep(const HttpRequest& request, const std::string& number,
                        ComplaintAction action);
  // The complaint `number` with its lines' items and history, answered with `status`.
  HttpResponse ComplaintDetail(const HttpRequest& request, const Complaint& complaint, int status);

  // The JSON of `tasks` for the caller, each with its order's facts; the response on failure.
  tl::expected<std::vector<nlohmann::json>, HttpResponse> TasksJson(
      const HttpRequest& request, const std::vector<FulfillmentTask>& tasks);
  // The task as JSON with `status`, or the failure.
  HttpResponse TaskResponse(const HttpRequest& request, const Result<FulfillmentTask>& task,
                            int status);
  // GET …/fulfillment's body for order `number`.
  HttpResponse FulfillmentOfOrder(const HttpRequest& request, const std::string& number,
                                  int status);
  HttpResponse PickListResponse(const HttpRequest& request, const Target& target,
                                const Department& department,
                                const std::vector<FulfillmentTask>& tasks);

  // The caller of `request` by its Authorization header (an API key) or else its session
  // cookie: 401 when neither is valid, 503 when the store is down. A session past its idle
  // or absolute limit is ended here; one used more than a minute ago is touched.
  tl::expected<Caller, HttpResponse> Authenticate(const HttpRequest& request);
  tl::expected<Caller, HttpResponse> BySession(const HttpRequest& request);
  tl::expected<Caller, HttpResponse> ByKey(const HttpRequest& request,
                                           std::string_view authorization);

  // The session routes' answer: the user, the CSRF token and the user's permissions.
  HttpResponse SessionResponse(const SignedIn& signed_in,
                               std::vector<std::pair<std::string, std::string>> headers = {});
  std::string SessionCookie(std::string_view token, bool clear) const;

  // Who is calling: the name drafts are owned by and confirmations and placements are
  // recorded under. The user name of a session, or "key:<name>" for an API key.
  static std::string PrincipalOf(const HttpRequest& request) { return request.principal; }

  // The request's Idempotency-Key with the caller's principal, which Route has read (400 when
  // missing or malformed) and holds in flight (409 while another request of the same caller
  // on the same route has it) for a keyed route, and only there.
  static const IdempotencyKey& KeyOf(const HttpRequest& request);

  // The problem for `error`, logging kInternal in full with the reference it shows.
  HttpResponse Failure(const HttpRequest& request, const Error& error);

  using Handler = HttpResponse (Api::*)(const HttpRequest&, const Target&, const std::string&);
  // A route that answers later, through its Responder.
  using Deferred = void (Api::*)(HttpRequest, Responder);
  struct Entry {
    const char* method;
    const char* path;
    std::variant<Handler, Deferred> handler;
    Gate gate;
    Permission permission;  // For Gate::kPermission.
    // Whether the route creates something and so takes an Idempotency-Key: Route reads and
    // claims it before the handler runs and releases it once the route has answered (KeyOf).
    bool keyed = false;
  };
  static const std::vector<Entry>& Table();

  Services services_;
  const AccessOptions access_;
  const Resume resume_;
  LoginThrottle throttle_;
  RateLimiter key_limits_;      // By principal, "key:<name>".
  RateLimiter address_limits_;  // By peer address.
  // Verified against when the user is unknown, to take as long. Made at the first such
  // sign-in, not at start: an argon2id hash takes 64 MiB while it runs, and a server that
  // only takes orders by API key should not pay that.
  const std::string& DecoyHash();
  std::once_flag decoy_once_;
  std::string decoy_hash_;  // Set once, under decoy_once_.
  QuoteOrder quote_;
  commesso::PlaceOrder place_;
  commesso::ConfirmOrder confirm_;
  commesso::ResendReceipt resend_;
  FulfillmentDesk desk_;
  commesso::OpenComplaint open_complaint_;
  WorkComplaint work_complaint_;
  InFlightKeys in_flight_;
};

}  // namespace commesso::http
