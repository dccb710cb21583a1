#include "adapters/http/http_message.h"

#include <strings.h>

namespace commesso::http {

std::string_view HeaderValue(const Headers& headers, std::string_view name) {
  for (const auto& [header, value] : headers) {
    if (header.size() == name.size() && strncasecmp(header.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return {};
}

HttpResponse JsonResponse(int status, std::string body) {
  return HttpResponse{
      .status = status, .headers = {{"Content-Type", "application/json"}}, .body = std::move(body)};
}

}  // namespace commesso::http
