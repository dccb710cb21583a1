#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/webhooks/ip_address.h"
#include "app/ports/outbound_urls.h"
#include "core/result.h"

namespace commesso::webhooks {

struct OutboundOptions {
  // [webhooks] allow_http_loopback: loopback addresses may be called, and over http:// (only
  // them). For tests and the demo; off in production.
  bool allow_http_loopback = false;
};

// The URL as libcurl reads it: the scheme in lower case and the host without brackets,
// percent-decoded ("0x7f000001" is already "127.0.0.1"). kInvalidInput when libcurl cannot
// read it.
struct UrlParts {
  std::string scheme;
  std::string host;
};
Result<UrlParts> PartsOf(std::string_view url);

// Every address `host` resolves to with the system's resolver (getaddrinfo), both families.
// kNotFound when the name does not resolve, kUnavailable when the resolver fails.
Result<std::vector<IpAddress>> Resolve(const std::string& host);

// Where Commesso sends requests (docs/security.md, "Outbound requests"): https:// to public
// addresses only. Every address a host resolves to must be public (kPublic): loopback,
// private, link-local, multicast, broadcast, unspecified and reserved addresses are refused,
// however they are spelled. With allow_http_loopback, loopback addresses are allowed too, and
// http:// only to them. Problem() judges a URL before it is stored; the sender judges every
// address it is about to connect to with AddressProblem(), so a name that resolves elsewhere
// later (DNS rebinding) is refused at connect time. Thread-safe.
class OutboundUrlPolicy final : public OutboundUrls {
 public:
  explicit OutboundUrlPolicy(OutboundOptions options = {}) : options_(options) {}

  // A name that does not resolve now is not a problem: it is judged when a request is sent.
  std::optional<std::string> Problem(std::string_view url) const override;

  // Why a URL with `scheme` may not be called at all ("must be an https:// URL …").
  std::optional<std::string> SchemeProblem(std::string_view scheme) const;

  // Why a request for a `scheme` URL may not connect to `address`, or nothing.
  std::optional<std::string> AddressProblem(const IpAddress& address,
                                            std::string_view scheme) const;

  const OutboundOptions& options() const { return options_; }

 private:
  const OutboundOptions options_;
};

}  // namespace commesso::webhooks
