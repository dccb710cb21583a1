#include "adapters/webhooks/outbound_url_policy.h"

#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

// The outbound URL policy on whole URLs (docs/security.md, "Outbound requests"). Only IP
// literals and localhost names here: no test depends on a DNS server.
namespace commesso::webhooks {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

const OutboundUrlPolicy kStrict{};
const OutboundUrlPolicy kLoopbackAllowed{{.allow_http_loopback = true}};

TEST(OutboundUrlPolicyTest, AllowsHttpsToPublicAddressesOnly) {
  EXPECT_EQ(kStrict.Problem("https://8.8.8.8/hooks"), std::nullopt);
  EXPECT_EQ(kStrict.Problem("https://[2606:4700:4700::1111]:8443/hooks?x=1"), std::nullopt);
  EXPECT_THAT(kStrict.Problem("http://8.8.8.8/hooks"),
              Optional(std::string("must be an https:// URL")));
  EXPECT_THAT(kStrict.Problem("ftp://8.8.8.8/"), Optional(std::string("must be an https:// URL")));
  EXPECT_THAT(kStrict.Problem("https://127.0.0.1/hooks"),
              Optional(std::string("leads to 127.0.0.1, a loopback address: webhooks are sent "
                                   "to public addresses only")));
  EXPECT_THAT(kStrict.Problem("https://0x7f000001/"), Optional(HasSubstr("127.0.0.1, a loopback")));
  EXPECT_THAT(kStrict.Problem("https://[::ffff:a9fe:a9fe]/"),
              Optional(HasSubstr("::ffff:169.254.169.254, a link-local address")));
  EXPECT_THAT(kStrict.Problem("https://0/"), Optional(HasSubstr("0.0.0.0, an unspecified")));
  EXPECT_THAT(kStrict.Problem("not a url"), Optional(std::string("is not a URL libcurl can read")));
}

TEST(OutboundUrlPolicyTest, LocalhostNamesAreLoopbackWhatevertheResolverSays) {
  for (const char* url : {"https://localhost/", "https://LocalHost./x", "https://a.b.localhost/"}) {
    EXPECT_THAT(kStrict.Problem(url), Optional(HasSubstr("a loopback address"))) << url;
    EXPECT_EQ(kLoopbackAllowed.Problem(url), std::nullopt) << url;
  }
}

TEST(OutboundUrlPolicyTest, AllowHttpLoopbackOpensLoopbackAndNothingElse) {
  EXPECT_EQ(kLoopbackAllowed.Problem("http://127.0.0.1:8080/hooks"), std::nullopt);
  EXPECT_EQ(kLoopbackAllowed.Problem("https://[::1]:8443/hooks"), std::nullopt);
  EXPECT_EQ(kLoopbackAllowed.Problem("https://8.8.8.8/hooks"), std::nullopt);
  EXPECT_THAT(kLoopbackAllowed.Problem("http://8.8.8.8/hooks"),
              Optional(std::string("leads to 8.8.8.8, a public address, which http:// may not "
                                   "reach: use https://")));
  EXPECT_THAT(kLoopbackAllowed.Problem("http://10.0.0.1/"),
              Optional(HasSubstr("a private address")));
  EXPECT_THAT(kLoopbackAllowed.Problem("https://169.254.169.254/"),
              Optional(HasSubstr("a link-local address")));
  EXPECT_THAT(kLoopbackAllowed.Problem("ftp://127.0.0.1/"),
              Optional(std::string("must be an https:// URL (or http:// to loopback)")));
}

TEST(OutboundUrlPolicyTest, JudgesAnAddressAtConnectTimeByScheme) {
  const IpAddress loopback = *ParseIpAddress("127.0.0.1");
  const IpAddress public_v6 = *ParseIpAddress("2606:4700:4700::1111");

  EXPECT_THAT(kStrict.AddressProblem(loopback, "https"), Optional(HasSubstr("loopback")));
  EXPECT_EQ(kStrict.AddressProblem(public_v6, "https"), std::nullopt);
  EXPECT_EQ(kLoopbackAllowed.AddressProblem(loopback, "http"), std::nullopt);
  EXPECT_THAT(kLoopbackAllowed.AddressProblem(public_v6, "http"), Optional(HasSubstr("https://")));
}

TEST(OutboundUrlPolicyTest, ReadsTheUrlAsLibcurlDoes) {
  const Result<UrlParts> parts = PartsOf("HTTPS://%31%32%37.0.0.1.:8443/x");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->host, "127.0.0.1");
  EXPECT_EQ(PartsOf("https://[fe80::1%25eth0]/")->host, "fe80::1");
  EXPECT_FALSE(PartsOf("https://exa mple.com/").has_value());
}

TEST(OutboundUrlPolicyTest, ResolvesLocalhostThroughTheSystemResolver) {
  const Result<std::vector<IpAddress>> addresses = Resolve("localhost");

  ASSERT_TRUE(addresses.has_value()) << addresses.error().message;
  ASSERT_FALSE(addresses->empty());
  for (const IpAddress& address : *addresses) {
    EXPECT_EQ(ScopeOf(address), AddressScope::kLoopback) << Text(address);
  }
}

}  // namespace
}  // namespace commesso::webhooks
