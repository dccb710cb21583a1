#include "adapters/http/origin_check.h"

#include <string>

#include <strings.h>

namespace commesso::http {
namespace {

bool SameText(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool OwnOrigin(std::string_view origin, std::string_view host, std::string_view public_origin) {
  if (!public_origin.empty()) return SameText(origin, public_origin);
  if (host.empty()) return false;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin.size() == scheme.size() + host.size() &&
        SameText(origin.substr(0, scheme.size()), scheme) &&
        SameText(origin.substr(scheme.size()), host)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<FieldError> CrossSiteProblem(const HttpRequest& request,
                                           std::string_view public_origin) {
  const std::string_view site = request.Header("Sec-Fetch-Site");
  if (SameText(site, "cross-site") || SameText(site, "same-site")) {
    return FieldError{"Sec-Fetch-Site", "says the request comes from another site"};
  }
  const std::string_view origin = request.Header("Origin");
  if (!origin.empty() && !OwnOrigin(origin, request.Header("Host"), public_origin)) {
    return FieldError{"Origin", "must be the server's own origin"};
  }
  return std::nullopt;
}

}  // namespace commesso::http
