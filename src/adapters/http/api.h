#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/http/http_message.h"
#include "adapters/http/in_flight_keys.h"
#include "adapters/http/query_string.h"
#include "adapters/http/request_crypto.h"
#include "adapters/http/server.h"
#include "app/confirm_order.h"
#include "app/place_order.h"
#include "app/quote_order.h"

namespace commesso::http {

// One route of the API: a method and a path template ("/api/v1/items/{sku}").
struct RouteInfo {
  std::string method;
  std::string path;
  friend bool operator==(const RouteInfo&, const RouteInfo&) = default;
};

// The JSON API (/api/v1 and /healthz) independent of the transport: routing (404, 405 with
// Allow), the API key (401), the caller's principal (PrincipalOf), content type (415),
// Idempotency-Key (400, and 409 while the first request with the key is in flight), strict JSON in
// (400, 422 naming fields) and out, and problem responses for every failure. Runs use cases on the
// calling thread, which therefore must be allowed to block. Never throws: an exception from a
// handler (an InvariantError is a bug) becomes a 500 whose reference the log also records. Borrows
// the services, which must outlive it. Thread-safe.
class Api {
 public:
  Api(Services services, std::string_view api_key);

  HttpResponse Handle(const HttpRequest& request);

  // Every route served, in a stable order; docs/openapi.yaml must document each.
  static std::vector<RouteInfo> Routes();

 private:
  HttpResponse Route(const HttpRequest& request);
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
  HttpResponse Quote(const HttpRequest& request, const Target& target, const std::string& param);
  HttpResponse PlaceOrder(const HttpRequest& request, const Target& target,
                          const std::string& param);
  HttpResponse GetOrder(const HttpRequest& request, const Target& target,
                        const std::string& number);
  HttpResponse ListOrders(const HttpRequest& request, const Target& target,
                          const std::string& param);
  HttpResponse Confirm(const HttpRequest& request, const Target& target, const std::string& number);
  HttpResponse History(const HttpRequest& request, const Target& target, const std::string& number);
  HttpResponse GetReadBack(const HttpRequest& request, const Target& target,
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

  // Who is calling: the name drafts are owned by and confirmations and placements are
  // recorded under. Until logins exist every caller holds the one API key and is "api"; the
  // session's user name plugs in here.
  std::string PrincipalOf(const HttpRequest& request) const;

  // The problem for `error`, logging kInternal in full with the reference it shows.
  HttpResponse Failure(const HttpRequest& request, const Error& error);

  using Handler = HttpResponse (Api::*)(const HttpRequest&, const Target&, const std::string&);
  struct Entry {
    const char* method;
    const char* path;
    Handler handler;
  };
  static const std::vector<Entry>& Table();

  Services services_;
  BearerToken token_;
  QuoteOrder quote_;
  commesso::PlaceOrder place_;
  commesso::ConfirmOrder confirm_;
  InFlightKeys in_flight_;
};

}  // namespace commesso::http
