#include "adapters/http/api_support.h"

#include <charconv>
#include <string>
#include <utility>

#include <strings.h>

#include "adapters/http/problem.h"
#include "adapters/http/request_crypto.h"
#include "adapters/json/object_reader.h"

namespace commesso::http {

using json::Json;

HttpResponse Invalid(std::string_view detail, const std::vector<FieldError>& errors) {
  return ProblemResponse(422, ErrorCodeName(ErrorCode::kInvalidInput),
                         "The request has invalid fields", detail, errors);
}

HttpResponse BadRequest(std::string_view type, std::string_view detail,
                        const std::vector<FieldError>& errors) {
  return ProblemResponse(400, type, "Bad request", detail, errors);
}

bool IsJsonMediaType(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  std::string_view media = content_type.substr(0, semicolon);
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  constexpr std::string_view kJson = "application/json";
  return media.size() == kJson.size() && strncasecmp(media.data(), kJson.data(), kJson.size()) == 0;
}

OrResponse<Json> JsonBody(const HttpRequest& request) {
  if (!IsJsonMediaType(request.Header("Content-Type"))) {
    return tl::unexpected(
        ProblemResponse(415, "unsupported_media_type", "Unsupported media type",
                        "The body must be sent as Content-Type: application/json.",
                        {{"Content-Type", "must be application/json"}}));
  }
  Result<Json> parsed = json::Parse(request.body);
  if (!parsed) {
    return tl::unexpected(
        BadRequest("malformed_json", parsed.error().message, parsed.error().fields));
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
    return tl::unexpected(BadRequest("idempotency_key",
                                     "Send a unique Idempotency-Key header with every POST that "
                                     "creates something; repeat it only to retry.",
                                     {{"Idempotency-Key", problem}}));
  }
  return IdempotencyKey{
      .value = std::string(key),
      .fingerprint = RequestFingerprint(request.method, target.path, request.body)};
}

HttpResponse KeyInFlight() {
  return ProblemResponse(409, "idempotency_key_in_flight", "Conflict",
                         "The first request with this Idempotency-Key is still being processed; "
                         "retry once it has been answered.",
                         {{"Idempotency-Key", "a request with this key is in progress"}});
}

std::optional<std::int64_t> ParseInteger(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) {
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
  const std::optional<std::int64_t> limit = ParseInteger(*text);
  if (!limit || *limit < 1 || *limit > kMaxLimit) {
    problems.push_back({"limit", "must be an integer 1..200"});
    return kDefaultLimit;
  }
  return static_cast<int>(*limit);
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
  const std::optional<std::int64_t> value = ParseInteger(text);
  if (!value || *value < 1) return std::nullopt;
  return value;
}

}  // namespace commesso::http
