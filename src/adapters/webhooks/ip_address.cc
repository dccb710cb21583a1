#include "adapters/webhooks/ip_address.h"

#include <algorithm>
#include <cstring>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace commesso::webhooks {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

// A prefix of the 16-byte form and the scope of every address under it.
struct Block {
  Bytes prefix{};
  int length = 0;  // In bits.
  AddressScope scope = AddressScope::kReserved;
};

// An IPv4 block as its mapped IPv6 block (::ffff:a.b.c.d/96+length).
constexpr Block V4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d, int length,
                   AddressScope scope) {
  return Block{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d}, 96 + length, scope};
}

// The IPv4 special-purpose registry, more specific blocks first (the first match counts).
constexpr std::array kV4Blocks = {
    V4(0, 0, 0, 0, 8, AddressScope::kUnspecified),         // "This network" (RFC 791).
    V4(10, 0, 0, 0, 8, AddressScope::kPrivate),            // RFC 1918.
    V4(100, 64, 0, 0, 10, AddressScope::kPrivate),         // Shared address space (RFC 6598).
    V4(127, 0, 0, 0, 8, AddressScope::kLoopback),          // RFC 1122.
    V4(169, 254, 0, 0, 16, AddressScope::kLinkLocal),      // RFC 3927, cloud metadata.
    V4(172, 16, 0, 0, 12, AddressScope::kPrivate),         // RFC 1918.
    V4(192, 0, 0, 0, 24, AddressScope::kReserved),         // IETF protocol assignments.
    V4(192, 0, 2, 0, 24, AddressScope::kReserved),         // TEST-NET-1.
    V4(192, 88, 99, 0, 24, AddressScope::kReserved),       // 6to4 relay anycast (deprecated).
    V4(192, 168, 0, 0, 16, AddressScope::kPrivate),        // RFC 1918.
    V4(198, 18, 0, 0, 15, AddressScope::kReserved),        // Benchmarking.
    V4(198, 51, 100, 0, 24, AddressScope::kReserved),      // TEST-NET-2.
    V4(203, 0, 113, 0, 24, AddressScope::kReserved),       // TEST-NET-3.
    V4(224, 0, 0, 0, 4, AddressScope::kMulticast),         // RFC 5771.
    V4(255, 255, 255, 255, 32, AddressScope::kBroadcast),  // Limited broadcast.
    V4(240, 0, 0, 0, 4, AddressScope::kReserved),          // Future use.
};

// IPv6 blocks that are not judged by an embedded IPv4 address, more specific first.
constexpr std::array kV6Blocks = {
    Block{{}, 128, AddressScope::kUnspecified},  // ::/128.
    Block{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, AddressScope::kLoopback},
    Block{{0x00, 0x64, 0xff, 0x9b, 0, 1}, 48, AddressScope::kReserved},  // Local NAT64 (RFC 8215).
    Block{{0x01, 0x00}, 64, AddressScope::kReserved},                    // Discard-only (RFC 6666).
    Block{{0x20, 0x01, 0x0d, 0xb8}, 32, AddressScope::kReserved},        // Documentation.
    Block{{0x20, 0x01}, 23, AddressScope::kReserved},   // IETF protocol assignments.
    Block{{0x3f, 0xff}, 20, AddressScope::kReserved},   // Documentation (RFC 9637).
    Block{{0xfc}, 7, AddressScope::kPrivate},           // Unique local (RFC 4193).
    Block{{0xfe, 0x80}, 10, AddressScope::kLinkLocal},  // RFC 4291.
    Block{{0xfe, 0xc0}, 10, AddressScope::kPrivate},    // Site-local (deprecated).
    Block{{0xff}, 8, AddressScope::kMulticast},         // RFC 4291.
};

bool Under(const Bytes& address, const Bytes& prefix, int length) {
  const int whole = length / 8;
  if (!std::equal(address.begin(), address.begin() + whole, prefix.begin())) return false;
  const int rest = length % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (address[static_cast<std::size_t>(whole)] & mask) ==
         (prefix[static_cast<std::size_t>(whole)] & mask);
}

// The IPv4 address a, b, c, d mapped into IPv6.
IpAddress MappedV4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return IpAddress{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d}, true};
}

AddressScope ScopeOfV4(const Bytes& mapped) {
  for (const Block& block : kV4Blocks) {
    if (Under(mapped, block.prefix, block.length)) return block.scope;
  }
  return AddressScope::kPublic;
}

}  // namespace

std::optional<IpAddress> AddressOf(const sockaddr& address) {
  if (address.sa_family == AF_INET) {
    sockaddr_in v4{};
    std::memcpy(&v4, &address, sizeof v4);
    std::array<std::uint8_t, 4> octets{};
    std::memcpy(octets.data(), &v4.sin_addr, octets.size());
    return MappedV4(octets[0], octets[1], octets[2], octets[3]);
  }
  if (address.sa_family == AF_INET6) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, &address, sizeof v6);
    IpAddress result;
    std::memcpy(result.bytes.data(), &v6.sin6_addr, result.bytes.size());
    return result;
  }
  return std::nullopt;
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  const std::string host(text);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST;
  addrinfo* found = nullptr;
  if (host.find('\0') != std::string::npos ||
      getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) {
    return std::nullopt;
  }
  std::optional<IpAddress> address =
      found != nullptr && found->ai_addr != nullptr ? AddressOf(*found->ai_addr) : std::nullopt;
  freeaddrinfo(found);
  return address;
}

std::string Text(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.v4) {
    inet_ntop(AF_INET, address.bytes.data() + 12, text, sizeof text);
  } else {
    inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text);
  }
  return text;
}

AddressScope ScopeOf(const IpAddress& address) {
  const Bytes& bytes = address.bytes;
  // IPv4-mapped ::ffff:0:0/96 (and plain IPv4, held that way).
  if (Under(bytes, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96)) return ScopeOfV4(bytes);
  const auto embedded = [&](std::size_t at, std::uint8_t flip) {
    return ScopeOfV4(MappedV4(static_cast<std::uint8_t>(bytes[at] ^ flip),
                              static_cast<std::uint8_t>(bytes[at + 1] ^ flip),
                              static_cast<std::uint8_t>(bytes[at + 2] ^ flip),
                              static_cast<std::uint8_t>(bytes[at + 3] ^ flip))
                         .bytes);
  };
  // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765) and NAT64 64:ff9b::a.b.c.d (RFC 6052).
  if (Under(bytes, {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0}, 96) ||
      Under(bytes, {0x00, 0x64, 0xff, 0x9b}, 96)) {
    return embedded(12, 0);
  }
  if (Under(bytes, {0x20, 0x02}, 16)) return embedded(2, 0);            // 6to4 (RFC 3056).
  if (Under(bytes, {0x20, 0x01, 0, 0}, 32)) return embedded(12, 0xff);  // Teredo's client.
  for (const Block& block : kV6Blocks) {
    if (Under(bytes, block.prefix, block.length)) return block.scope;
  }
  // IPv4-compatible ::a.b.c.d (deprecated by RFC 4291): never a real destination.
  if (Under(bytes, {}, 96)) {
    const AddressScope scope = embedded(12, 0);
    return scope == AddressScope::kPublic ? AddressScope::kReserved : scope;
  }
  if (!Under(bytes, {0x20}, 3)) return AddressScope::kReserved;  // Outside global unicast.
  return AddressScope::kPublic;
}

std::string_view Describe(AddressScope scope) {
  switch (scope) {
    case AddressScope::kPublic:
      return "a public address";
    case AddressScope::kLoopback:
      return "a loopback address";
    case AddressScope::kPrivate:
      return "a private address";
    case AddressScope::kLinkLocal:
      return "a link-local address";
    case AddressScope::kMulticast:
      return "a multicast address";
    case AddressScope::kBroadcast:
      return "the broadcast address";
    case AddressScope::kUnspecified:
      return "an unspecified address";
    case AddressScope::kReserved:
      return "a reserved address";
  }
  return "a reserved address";
}

}  // namespace commesso::webhooks
