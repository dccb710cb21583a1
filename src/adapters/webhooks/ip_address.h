#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sockaddr;

namespace commesso::webhooks {

// Where an IP address leads, after IANA's special-purpose address registries (RFC 6890 and
// its updates). Only kPublic addresses receive webhooks (kLoopback too when the
// configuration allows it, for tests and the demo).
enum class AddressScope {
  kPublic,       // Globally reachable unicast.
  kLoopback,     // 127.0.0.0/8, ::1.
  kPrivate,      // RFC 1918, shared 100.64.0.0/10 (CGNAT), unique local fc00::/7, fec0::/10.
  kLinkLocal,    // 169.254.0.0/16 (cloud metadata at 169.254.169.254), fe80::/10.
  kMulticast,    // 224.0.0.0/4, ff00::/8.
  kBroadcast,    // 255.255.255.255.
  kUnspecified,  // 0.0.0.0/8 ("this network": Linux connects 0.0.0.0 to this host), ::.
  kReserved,     // Documentation, benchmarking, 240.0.0.0/4, protocol assignments, discard,
                 // local NAT64, IPv4-compatible IPv6, and IPv6 outside 2000::/3.
};

// An IPv4 or IPv6 address. IPv4 is held mapped into ::ffff:0:0/96, so 127.0.0.1 and
// ::ffff:127.0.0.1 are judged alike; `v4` says how to write it.
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// The address of an AF_INET or AF_INET6 socket address; nothing for any other family.
std::optional<IpAddress> AddressOf(const sockaddr& address);

// `text` read as a numeric host the way the system's resolver reads it (getaddrinfo with
// AI_NUMERICHOST), so the odd IPv4 spellings count: "0", "2130706433", "0x7f000001",
// "0177.0.0.1" and "127.1" are all IPv4 addresses. Nothing when `text` is not an address.
std::optional<IpAddress> ParseIpAddress(std::string_view text);

// The address in its usual text: "127.0.0.1", "::ffff:127.0.0.1", "fe80::1".
std::string Text(const IpAddress& address);

// The scope of `address`. IPv6 forms that carry an IPv4 address are judged by it:
// IPv4-mapped ::ffff:0:0/96, IPv4-translated ::ffff:0:0:0/96, NAT64 64:ff9b::/96, 6to4
// 2002::/16 and Teredo 2001::/32 (its client address); IPv4-compatible ::/96 is kReserved
// at best.
AddressScope ScopeOf(const IpAddress& address);

// "a loopback address", "a private address", … for messages.
std::string_view Describe(AddressScope scope);

}  // namespace commesso::webhooks
