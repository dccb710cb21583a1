#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/access.h"
#include "core/ids.h"

namespace commesso::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// The value of the first header called `name` (case-insensitive), or "" when there is none.
std::string_view HeaderValue(const Headers& headers, std::string_view name);

// One HTTP request as the API sees it, free of the transport library.
struct HttpRequest {
  std::string method;  // "GET", "POST", …
  std::string target;  // Origin form, as received: "/api/v1/items?q=pen".
  Headers headers{};
  std::string body;
  std::string peer{};  // The client's IP address as the transport saw it; "" when unknown.
  // Who sent it: set by the Api once the caller is authenticated (Api::PrincipalOf).
  std::string principal{};
  // The signed-in user's locale ("it", "en"); empty for API keys. Set with `principal`.
  std::string locale{};
  // What the caller may do: the user's role's permissions or the key's scopes. Set with
  // `principal`; the handlers read how much of an order to show from it (OrderViewOf).
  std::vector<Permission> permissions{};
  // The Idempotency-Key with the request's fingerprint: set by the Api, once it holds the key
  // in flight, for a route that creates (Api::KeyOf).
  std::optional<IdempotencyKey> idempotency_key{};

  std::string_view Header(std::string_view name) const { return HeaderValue(headers, name); }
};

// One HTTP response. The transport adds Content-Length, Connection and Date.
struct HttpResponse {
  int status = 200;
  Headers headers{};  // Including Content-Type when there is a body.
  std::string body;

  std::string_view Header(std::string_view name) const { return HeaderValue(headers, name); }
};

// A 200 (or `status`) response with a JSON body already serialized.
HttpResponse JsonResponse(int status, std::string body);

}  // namespace commesso::http
