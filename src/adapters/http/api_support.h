#pragma once

// What the Api's handler files (api.cc, api_fulfillment.cc, api_webhooks.cc,
// api_complaints.cc) share to read requests and build answers: internal to this folder, not
// part of the API's interface.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "adapters/http/http_message.h"
#include "adapters/http/query_string.h"
#include "core/order.h"
#include "core/result.h"

namespace commesso::http {

inline constexpr std::string_view kApiPrefix = "/api/v1";
inline constexpr int kDefaultLimit = 50;
inline constexpr int kMaxLimit = 200;

// A value, or the response that says why there is none.
template <typename T>
using OrResponse = tl::expected<T, HttpResponse>;

// 422 invalid_input with the field errors; `detail` says what had them ("the query has errors").
HttpResponse Invalid(std::string_view detail, const std::vector<FieldError>& errors);

// 400 with problem type `type`.
HttpResponse BadRequest(std::string_view type, std::string_view detail,
                        const std::vector<FieldError>& errors = {});

// 404 saying what is not there ("There is no task 7.").
HttpResponse NotFound(std::string detail);

// 201 with `body` and a Location header.
HttpResponse Created(std::string location, const nlohmann::json& body);
// The same for a body already written as JSON text.
HttpResponse CreatedText(std::string location, std::string body);

// 200 with a rendering (text, HTML, PDF) the browser must not sniff into another type.
HttpResponse BodyResponse(std::string content_type, std::string body);

// The body as JSON: 415 unless it is declared application/json, 400 when it does not parse.
OrResponse<nlohmann::json> JsonBody(const HttpRequest& request);
// The body as an order request (placements and quotes): JsonBody's answers, then the draft's
// problems (422), read without a tree where it can (json::DraftFromText).
OrResponse<OrderDraft> DraftBody(const HttpRequest& request, Currency currency);

// The answer refusing a body that must be empty or `{}` because the path says everything;
// nothing when the body is fine.
std::optional<HttpResponse> EmptyBody(const HttpRequest& request);

// `text` as a positive decimal integer (an id, a limit); nothing when it is not one.
std::optional<std::int64_t> PositiveId(std::string_view text);

// Problems for every query parameter not in `allowed`.
void CheckParams(const Target& target, std::initializer_list<std::string_view> allowed,
                 std::vector<FieldError>& problems);

// The `limit` parameter, 1..200, kDefaultLimit when absent; a problem when out of range.
int LimitOf(const Target& target, std::vector<FieldError>& problems);

}  // namespace commesso::http
