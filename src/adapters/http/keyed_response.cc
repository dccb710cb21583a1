#include "adapters/http/keyed_response.h"

#include <charconv>
#include <optional>
#include <string>
#include <utility>

#include "core/invariant.h"

namespace commesso::http {
namespace {

// Lines end as in HTTP/1.1; header values the API sets never hold a line break.
constexpr std::string_view kLineEnd = "\r\n";

std::optional<HttpResponse> Parse(std::string_view kept) {
  HttpResponse response;
  std::size_t end = kept.find(kLineEnd);
  if (end == std::string_view::npos) return std::nullopt;
  const std::string_view status = kept.substr(0, end);
  const auto [last, error] =
      std::from_chars(status.data(), status.data() + status.size(), response.status);
  if (error != std::errc{} || last != status.data() + status.size()) return std::nullopt;
  kept.remove_prefix(end + kLineEnd.size());
  while (true) {
    end = kept.find(kLineEnd);
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view line = kept.substr(0, end);
    kept.remove_prefix(end + kLineEnd.size());
    if (line.empty()) break;
    const std::size_t colon = line.find(": ");
    if (colon == std::string_view::npos) return std::nullopt;
    response.headers.emplace_back(std::string(line.substr(0, colon)),
                                  std::string(line.substr(colon + 2)));
  }
  response.body = std::string(kept);
  return response;
}

}  // namespace

// The status line, one "Name: value" line per header, an empty line, then the body as is:
// "201\r\nContent-Type: application/json\r\nLocation: /api/v1/items/A\r\n\r\n{...}".
std::string KeepResponse(const HttpResponse& response) {
  std::string kept = std::to_string(response.status);
  kept += kLineEnd;
  for (const auto& [name, value] : response.headers) {
    kept.append(name).append(": ").append(value).append(kLineEnd);
  }
  kept += kLineEnd;
  kept += response.body;
  return kept;
}

HttpResponse ReplayOf(std::string_view kept) {
  std::optional<HttpResponse> response = Parse(kept);
  COMMESSO_INVARIANT(response.has_value(), "an answer kept with an idempotency key is readable");
  response->headers.emplace_back("Idempotent-Replayed", "true");
  return *std::move(response);
}

}  // namespace commesso::http
