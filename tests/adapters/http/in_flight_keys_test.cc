#include "adapters/http/in_flight_keys.h"

#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace commesso::http {
namespace {

// Key `value` of the API key "shop" on the orders route.
InFlightKeys::Key ShopKey(const std::string& value) {
  return {.principal = "key:shop", .route = "POST /api/v1/orders", .value = value};
}

TEST(InFlightKeysTest, RefusesASecondClaimOfTheSameKey) {
  InFlightKeys keys;

  auto first = keys.TryClaim(ShopKey("k1"));
  auto second = keys.TryClaim(ShopKey("k1"));
  auto other = keys.TryClaim(ShopKey("k2"));

  EXPECT_TRUE(first.has_value());
  EXPECT_FALSE(second.has_value());
  EXPECT_TRUE(other.has_value());
}

TEST(InFlightKeysTest, ReleasesTheKeyWhenTheClaimEnds) {
  InFlightKeys keys;
  {
    auto claim = keys.TryClaim(ShopKey("k1"));
    ASSERT_TRUE(claim.has_value());
    EXPECT_TRUE(keys.Contains(ShopKey("k1")));
  }

  EXPECT_FALSE(keys.Contains(ShopKey("k1")));
  EXPECT_TRUE(keys.TryClaim(ShopKey("k1")).has_value());
}

TEST(InFlightKeysTest, AMovedClaimReleasesOnce) {
  InFlightKeys keys;
  std::optional<InFlightKeys::Claim> kept;
  {
    auto claim = keys.TryClaim(ShopKey("k1"));
    ASSERT_TRUE(claim.has_value());
    kept.emplace(std::move(*claim));
  }  // The moved-from claim ends here and must not release the key.

  EXPECT_TRUE(keys.Contains(ShopKey("k1")));
  kept.reset();
  EXPECT_FALSE(keys.Contains(ShopKey("k1")));
}

TEST(InFlightKeysTest, AnotherPrincipalsOrRoutesSameKeyIsAnotherKey) {
  InFlightKeys keys;
  auto first = keys.TryClaim(ShopKey("k1"));

  auto other_caller =
      keys.TryClaim({.principal = "anna", .route = "POST /api/v1/orders", .value = "k1"});
  auto other_route =
      keys.TryClaim({.principal = "key:shop", .route = "POST /api/v1/customers", .value = "k1"});

  EXPECT_TRUE(first.has_value());
  EXPECT_TRUE(other_caller.has_value());
  EXPECT_TRUE(other_route.has_value());
  EXPECT_FALSE(keys.TryClaim(ShopKey("k1")).has_value());
}

}  // namespace
}  // namespace commesso::http
