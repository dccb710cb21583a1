#include "adapters/http/request_crypto.h"

#include <gtest/gtest.h>

namespace commesso::http {
namespace {

TEST(RequestFingerprintTest, IsAStableHexDigest) {
  const std::string fingerprint = RequestFingerprint("POST", "/api/v1/orders", "{}");

  EXPECT_EQ(fingerprint.size(), 64u);
  EXPECT_EQ(fingerprint.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(RequestFingerprint("POST", "/api/v1/orders", "{}"), fingerprint);
}

TEST(RequestFingerprintTest, DiffersWhenAnyPartDiffers) {
  const std::string base = RequestFingerprint("POST", "/api/v1/orders", "{}");

  EXPECT_NE(RequestFingerprint("PUT", "/api/v1/orders", "{}"), base);
  EXPECT_NE(RequestFingerprint("POST", "/api/v1/items", "{}"), base);
  EXPECT_NE(RequestFingerprint("POST", "/api/v1/orders", "{ }"), base);
  // Length prefixes keep the parts apart.
  EXPECT_NE(RequestFingerprint("POST", "/a", "b"), RequestFingerprint("POST", "/ab", ""));
}

TEST(RandomReferenceTest, GivesSixteenHexDigits) {
  const std::string reference = RandomReference();

  EXPECT_EQ(reference.size(), 16u);
  EXPECT_EQ(reference.find_first_not_of("0123456789abcdef"), std::string::npos);
}

}  // namespace
}  // namespace commesso::http
