#include "adapters/http/in_flight_keys.h"

#include <optional>
#include <utility>

#include <gtest/gtest.h>

namespace commesso::http {
namespace {

TEST(InFlightKeysTest, RefusesASecondClaimOfTheSameKey) {
  InFlightKeys keys;

  auto first = keys.TryClaim("k1");
  auto second = keys.TryClaim("k1");
  auto other = keys.TryClaim("k2");

  EXPECT_TRUE(first.has_value());
  EXPECT_FALSE(second.has_value());
  EXPECT_TRUE(other.has_value());
}

TEST(InFlightKeysTest, ReleasesTheKeyWhenTheClaimEnds) {
  InFlightKeys keys;
  {
    auto claim = keys.TryClaim("k1");
    ASSERT_TRUE(claim.has_value());
    EXPECT_TRUE(keys.Contains("k1"));
  }

  EXPECT_FALSE(keys.Contains("k1"));
  EXPECT_TRUE(keys.TryClaim("k1").has_value());
}

TEST(InFlightKeysTest, AMovedClaimReleasesOnce) {
  InFlightKeys keys;
  std::optional<InFlightKeys::Claim> kept;
  {
    auto claim = keys.TryClaim("k1");
    ASSERT_TRUE(claim.has_value());
    kept.emplace(std::move(*claim));
  }  // The moved-from claim ends here and must not release the key.

  EXPECT_TRUE(keys.Contains("k1"));
  kept.reset();
  EXPECT_FALSE(keys.Contains("k1"));
}

}  // namespace
}  // namespace commesso::http
