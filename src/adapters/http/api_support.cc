#include "adapters/http/api_support.h"

#include <charconv>
#include <utility>

#include <strings.h>

#include "adapters/http/problem.h"
#include "adapters/json/domain_json.h"
#include "adapters/json/object_reader.h"
#include "adapters/json/read_json.h"

namespace commesso::http {
namespace {

using json::Json;

bool IsJsonMediaType(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  std::string_view media = content_type.substr(0, semicolon);
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  constexpr std::string_view kJson = "application/json";
  return media.size() == kJson.size() && strncasecmp(media.data(), kJson.data(), kJson.size()) == 0;
}

}  // namespace

HttpResponse Invalid(std::string_view detail, const std::vector<FieldError>& errors) {
  return ProblemResponse(422, ErrorCodeName(ErrorCode::kInvalidInput),
                         "The request has invalid fields", detail, errors);
}

HttpResponse BadRequest(std::string_view type, std::string_view detail,
                        const std::vector<FieldError>& errors) {
  return ProblemResponse(400, type, "Bad request", detail, errors);
}

HttpResponse NotFound(std::string detail) {
  return ProblemResponse(Error{.code = ErrorCode::kNotFound, .message = std::move(detail)});
}

HttpResponse Created(std::string location, const Json& body) {
  return CreatedText(std::move(location), json::Dump(body));
}

HttpResponse CreatedText(std::string location, std::string body) {
  HttpResponse response = JsonResponse(201, std::move(body));
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

HttpResponse BodyResponse(std::string content_type, std::string body) {
  return HttpResponse{
      .status = 200,
      .headers = {{"Content-Type", std::move(content_type)}, {"X-Content-Type-Options", "nosniff"}},
      .body = std::move(body)};
}

namespace {

// 415 unless the body is declared application/json.
std::optional<HttpResponse> NotJson(const HttpRequest& request) {
  if (IsJsonMediaType(request.Header("Content-Type"))) return std::nullopt;
  return ProblemResponse(415, "unsupported_media_type", "Unsupported media type",
                         "The body must be sent as Content-Type: application/json.",
                         {{"Content-Type", "must be application/json"}});
}

// The answer to a body the reading policy refused: docs/api.md, "Reading JSON".
HttpResponse Unread(const json::ReadFailure& failure) {
  const Error& error = failure.error;
  if (failure.fault == json::ReadFault::kRefused) return Invalid(error.message, error.fields);
  return BadRequest("malformed_json", error.message, error.fields);
}

}  // namespace

OrResponse<Json> JsonBody(const HttpRequest& request) {
  if (auto refused = NotJson(request)) return tl::unexpected(*std::move(refused));
  auto read = json::ReadJson(request.body);
  if (!read) return tl::unexpected(Unread(read.error()));
  return *std::move(read);
}

OrResponse<OrderDraft> DraftBody(const HttpRequest& request, Currency currency) {
  if (auto refused = NotJson(request)) return tl::unexpected(*std::move(refused));
  auto read = json::DraftFromText(request.body, currency);
  if (!read) return tl::unexpected(Unread(read.error()));
  if (!*read) return tl::unexpected(ProblemResponse(read->error()));
  return **std::move(read);
}

std::optional<HttpResponse> EmptyBody(const HttpRequest& request) {
  if (request.body.empty()) return std::nullopt;
  OrResponse<Json> body = JsonBody(request);
  if (!body) return body.error();
  std::vector<FieldError> problems;
  json::ObjectReader(*body, "", problems).Finish();
  if (!problems.empty()) return Invalid("the request has errors", problems);
  return std::nullopt;
}

std::optional<std::int64_t> PositiveId(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < 1) {
    return std::nullopt;
  }
  return value;
}

void CheckParams(const Target& target, std::initializer_list<std::string_view> allowed,
                 std::vector<FieldError>& problems) {
  for (const auto& [name, value] : target.query) {
    bool known = false;
    for (std::string_view candidate : allowed) known = known || candidate == name;
    if (!known) problems.push_back({name, "unknown parameter"});
  }
}

int LimitOf(const Target& target, std::vector<FieldError>& problems) {
  const std::optional<std::string> text = target.Param("limit");
  if (!text) return kDefaultLimit;
  const std::optional<std::int64_t> limit = PositiveId(*text);
  if (!limit || *limit > kMaxLimit) {
    problems.push_back({"limit", "must be an integer 1..200"});
    return kDefaultLimit;
  }
  return static_cast<int>(*limit);
}

}  // namespace commesso::http
