#include "adapters/webhooks/ip_address.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

// The address classifier of the outbound URL policy, over every spelling the system's resolver
// reads as an address: docs/security.md ("Outbound requests") lists the scopes.
namespace commesso::webhooks {
namespace {

struct Case {
  std::string text;
  AddressScope scope;
};

void ExpectScopes(const std::vector<Case>& cases) {
  for (const Case& test : cases) {
    const std::optional<IpAddress> address = ParseIpAddress(test.text);
    ASSERT_TRUE(address.has_value()) << test.text;
    EXPECT_EQ(ScopeOf(*address), test.scope)
        << test.text << " (" << Text(*address) << ") is " << Describe(ScopeOf(*address)) << ", not "
        << Describe(test.scope);
  }
}

TEST(IpAddressTest, JudgesIpv4Blocks) {
  ExpectScopes({{"8.8.8.8", AddressScope::kPublic},
                {"93.184.216.34", AddressScope::kPublic},
                {"127.0.0.1", AddressScope::kLoopback},
                {"127.255.255.254", AddressScope::kLoopback},
                {"10.0.0.1", AddressScope::kPrivate},
                {"172.16.0.1", AddressScope::kPrivate},
                {"172.31.255.255", AddressScope::kPrivate},
                {"172.32.0.1", AddressScope::kPublic},
                {"192.168.1.1", AddressScope::kPrivate},
                {"100.64.0.1", AddressScope::kPrivate},
                {"100.127.255.255", AddressScope::kPrivate},
                {"100.128.0.1", AddressScope::kPublic},
                {"169.254.169.254", AddressScope::kLinkLocal},
                {"224.0.0.1", AddressScope::kMulticast},
                {"239.255.255.250", AddressScope::kMulticast},
                {"255.255.255.255", AddressScope::kBroadcast},
                {"240.0.0.1", AddressScope::kReserved},
                {"0.0.0.0", AddressScope::kUnspecified},
                {"0.1.2.3", AddressScope::kUnspecified},
                {"192.0.0.8", AddressScope::kReserved},
                {"192.0.2.1", AddressScope::kReserved},
                {"198.18.0.1", AddressScope::kReserved},
                {"198.51.100.1", AddressScope::kReserved},
                {"203.0.113.1", AddressScope::kReserved},
                {"192.88.99.1", AddressScope::kReserved}});
}

TEST(IpAddressTest, ReadsTheOddIpv4SpellingsAsTheResolverDoes) {
  ExpectScopes({{"0", AddressScope::kUnspecified},
                {"2130706433", AddressScope::kLoopback},
                {"0x7f000001", AddressScope::kLoopback},
                {"0177.0.0.1", AddressScope::kLoopback},
                {"127.1", AddressScope::kLoopback},
                {"0x7f.1", AddressScope::kLoopback},
                {"0xa9.0xfe.0xa9.0xfe", AddressScope::kLinkLocal},
                {"2852039166", AddressScope::kLinkLocal},
                {"012.0.0.1", AddressScope::kPrivate}});
  EXPECT_EQ(Text(*ParseIpAddress("0x7f000001")), "127.0.0.1");
  EXPECT_EQ(Text(*ParseIpAddress("0")), "0.0.0.0");
}

TEST(IpAddressTest, JudgesIpv6Blocks) {
  ExpectScopes({{"2606:4700:4700::1111", AddressScope::kPublic},
                {"2a00:1450:4001:80b::200e", AddressScope::kPublic},
                {"::", AddressScope::kUnspecified},
                {"::1", AddressScope::kLoopback},
                {"fc00::1", AddressScope::kPrivate},
                {"fd12:3456:789a::1", AddressScope::kPrivate},
                {"fec0::1", AddressScope::kPrivate},
                {"fe80::1", AddressScope::kLinkLocal},
                {"febf:ffff::1", AddressScope::kLinkLocal},
                {"ff02::1", AddressScope::kMulticast},
                {"ff0e::101", AddressScope::kMulticast},
                {"2001:db8::1", AddressScope::kReserved},
                {"3fff::1", AddressScope::kReserved},
                {"100::1", AddressScope::kReserved},
                {"2001:2::1", AddressScope::kReserved},
                {"64:ff9b:1::a00:1", AddressScope::kReserved},
                {"4000::1", AddressScope::kReserved},
                {"::1:0:0:1", AddressScope::kReserved}});
}

TEST(IpAddressTest, JudgesIpv6FormsByTheIpv4AddressTheyCarry) {
  ExpectScopes({// IPv4-mapped, in both spellings.
                {"::ffff:127.0.0.1", AddressScope::kLoopback},
                {"::ffff:7f00:1", AddressScope::kLoopback},
                {"::ffff:169.254.169.254", AddressScope::kLinkLocal},
                {"::ffff:8.8.8.8", AddressScope::kPublic},
                // IPv4-translated (RFC 2765).
                {"::ffff:0:7f00:1", AddressScope::kLoopback},
                // IPv4-compatible (deprecated): never public.
                {"::127.0.0.1", AddressScope::kLoopback},
                {"::10.0.0.1", AddressScope::kPrivate},
                {"::8.8.8.8", AddressScope::kReserved},
                // NAT64.
                {"64:ff9b::10.0.0.1", AddressScope::kPrivate},
                {"64:ff9b::a9fe:a9fe", AddressScope::kLinkLocal},
                {"64:ff9b::8.8.8.8", AddressScope::kPublic},
                // 6to4.
                {"2002:7f00:1::", AddressScope::kLoopback},
                {"2002:c0a8:101::1", AddressScope::kPrivate},
                {"2002:808:808::1", AddressScope::kPublic},
                // Teredo: the client's address, bits inverted.
                {"2001:0:4136:e378:8000:63bf:80ff:fffe", AddressScope::kLoopback},
                {"2001:0:4136:e378:8000:63bf:f7f7:f7f7", AddressScope::kPublic}});
  EXPECT_EQ(Text(*ParseIpAddress("::ffff:127.0.0.1")), "::ffff:127.0.0.1");
}

TEST(IpAddressTest, ANameOrGarbageIsNoAddress) {
  for (const char* text : {"localhost", "example.com", "1.2.3.4.5", "", "127.0.0.1 ", "[::1]",
                           "256.0.0.1", "::1::2", "0x100000000"}) {
    EXPECT_FALSE(ParseIpAddress(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace commesso::webhooks
