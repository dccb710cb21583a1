#include "adapters/webhooks/outbound_url_policy.h"

#include <memory>

#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>

namespace commesso::webhooks {
namespace {

struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct TextDeleter {
  void operator()(char* text) const { curl_free(text); }
};

// The part of `url`, or "" when it has none.
std::string Part(CURLU* url, CURLUPart part, unsigned int flags) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, flags) != CURLUE_OK || raw == nullptr) return "";
  const std::unique_ptr<char, TextDeleter> text(raw);
  return text.get();
}

// RFC 6761: "localhost" and every name under it is loopback, whatever the resolver says
// (libcurl resolves them so itself).
bool IsLocalhostName(std::string_view host) {
  std::string lower;
  for (const char c : host) {
    lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return lower == "localhost" || lower.ends_with(".localhost");
}

}  // namespace

Result<UrlParts> PartsOf(std::string_view url) {
  const std::unique_ptr<CURLU, UrlDeleter> handle(curl_url());
  if (handle == nullptr) return Fail(ErrorCode::kInternal, "libcurl cannot make a URL handle.");
  const std::string text(url);
  if (text.find('\0') != std::string::npos ||
      curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return Fail(Error{.code = ErrorCode::kInvalidInput,
                      .message = "The URL cannot be read.",
                      .fields = {{"url", "is not a URL libcurl can read"}}});
  }
  UrlParts parts{.scheme = Part(handle.get(), CURLUPART_SCHEME, 0),
                 .host = Part(handle.get(), CURLUPART_HOST, CURLU_URLDECODE)};
  if (parts.host.size() >= 2 && parts.host.front() == '[' && parts.host.back() == ']') {
    parts.host = parts.host.substr(1, parts.host.size() - 2);
  }
  // libcurl drops one trailing dot of a name before resolving it; so does this.
  if (parts.host.size() > 1 && parts.host.back() == '.') parts.host.pop_back();
  return parts;
}

Result<std::vector<IpAddress>> Resolve(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int status = getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (status == EAI_NONAME || status == EAI_NODATA || status == EAI_FAIL) {
    return Fail(ErrorCode::kNotFound, host + " does not resolve.");
  }
  if (status != 0) {
    return Fail(ErrorCode::kUnavailable,
                "Resolving " + host + " failed: " + std::string(gai_strerror(status)) + ".");
  }
  std::vector<IpAddress> addresses;
  for (const addrinfo* entry = found; entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_addr == nullptr) continue;
    if (std::optional<IpAddress> address = AddressOf(*entry->ai_addr)) {
      addresses.push_back(*address);
    }
  }
  freeaddrinfo(found);
  return addresses;
}

std::optional<std::string> OutboundUrlPolicy::Problem(std::string_view url) const {
  Result<UrlParts> parts = PartsOf(url);
  if (!parts) return parts.error().fields.front().problem;
  if (std::optional<std::string> problem = SchemeProblem(parts->scheme)) return problem;
  if (parts->host.empty()) return "must name a host";
  if (IsLocalhostName(parts->host)) {
    constexpr IpAddress kLoopback{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1}, true};
    return AddressProblem(kLoopback, parts->scheme);
  }
  Result<std::vector<IpAddress>> addresses = Resolve(parts->host);
  if (!addresses) return std::nullopt;  // Judged at connect time, when it resolves.
  for (const IpAddress& address : *addresses) {
    if (std::optional<std::string> problem = AddressProblem(address, parts->scheme)) {
      return problem;
    }
  }
  return std::nullopt;
}

std::optional<std::string> OutboundUrlPolicy::SchemeProblem(std::string_view scheme) const {
  if (scheme == "https") return std::nullopt;
  if (scheme == "http" && options_.allow_http_loopback) return std::nullopt;
  return options_.allow_http_loopback ? "must be an https:// URL (or http:// to loopback)"
                                      : "must be an https:// URL";
}

std::optional<std::string> OutboundUrlPolicy::AddressProblem(const IpAddress& address,
                                                             std::string_view scheme) const {
  if (std::optional<std::string> problem = SchemeProblem(scheme)) return problem;
  const AddressScope scope = ScopeOf(address);
  if (scope == AddressScope::kLoopback && options_.allow_http_loopback) return std::nullopt;
  if (scope != AddressScope::kPublic) {
    return "leads to " + Text(address) + ", " + std::string(Describe(scope)) +
           ": webhooks are sent to public addresses only";
  }
  if (scheme != "https") {
    return "leads to " + Text(address) +
           ", a public address, which http:// may not reach: " + "use https://";
  }
  return std::nullopt;
}

}  // namespace commesso::webhooks
