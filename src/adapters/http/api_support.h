#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "adapters/http/http_message.h"
#include "adapters/http/query_string.h"
#include "adapters/json/domain_json.h"
#include "core/ids.h"
#include "core/result.h"

// What every file of the API's handlers (api.cc, api_fulfillment.cc, api_webhooks.cc) reads
// requests with and answers problems with. Internal to the HTTP adapter.
namespace commesso::http {

// A value, or the response that says why there is none.
template <typename T>
using OrResponse = tl::expected<T, HttpResponse>;

inline constexpr std::size_t kMaxKeyLength = 255;  // Bytes of an Idempotency-Key.
inline constexpr int kDefaultLimit = 50;           // Rows of a page when `limit` is absent.
inline constexpr int kMaxLimit = 200;

// 422 with every field problem.
HttpResponse Invalid(std::string_view detail, const std::vector<FieldError>& errors);

// 400 of problem type `type`.
HttpResponse BadRequest(std::string_view type, std::string_view detail,
                        const std::vector<FieldError>& errors = {});

// Whether a Content-Type header names application/json (parameters and case ignored).
bool IsJsonMediaType(std::string_view content_type);

// The body as JSON: 415 unless it is declared application/json, 400 when it does not parse.
OrResponse<json::Json> JsonBody(const HttpRequest& request);

// The request's Idempotency-Key with its fingerprint: 400 when missing or malformed.
OrResponse<IdempotencyKey> KeyOf(const HttpRequest& request, const Target& target);

// 409 while the first request with the same Idempotency-Key is still being answered.
HttpResponse KeyInFlight();

// Empty when the body is empty or `{}` (the request's path says everything); else the 400,
// 415 or 422 that refuses it.
std::optional<HttpResponse> EmptyBody(const HttpRequest& request);

// A whole decimal number, nothing else around it.
std::optional<std::int64_t> ParseInteger(std::string_view text);

// An id in a path: a whole number of at least 1.
std::optional<std::int64_t> PositiveId(std::string_view text);

// Adds a problem for every query parameter not in `allowed`.
void CheckParams(const Target& target, std::initializer_list<std::string_view> allowed,
                 std::vector<FieldError>& problems);

// The `limit` query parameter (1..kMaxLimit), kDefaultLimit when absent or invalid (with a
// problem added).
int LimitOf(const Target& target, std::vector<FieldError>& problems);

}  // namespace commesso::http
