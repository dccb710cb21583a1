// Rate limits per API key and per client address (docs/security.md, "Rate limits").

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/http/rate_limiter.h"
#include "server_fixture.h"

namespace commesso::http::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const Timestamp kStart{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};

TEST(RateLimiterTest, LetsABurstThroughThenOneRequestPerInterval) {
  RateLimiter limiter(Rate{.per_second = 4, .burst = 3});

  std::vector<bool> burst;
  for (int i = 0; i < 4; ++i) burst.push_back(!limiter.Take("a", kStart).has_value());
  const std::optional<seconds> refused = limiter.Take("a", kStart + milliseconds{249});
  const bool refilled = !limiter.Take("a", kStart + milliseconds{250}).has_value();
  const bool other = !limiter.Take("b", kStart).has_value();

  EXPECT_EQ(burst, (std::vector<bool>{true, true, true, false}));
  EXPECT_EQ(refused, seconds{1});  // 1 ms to go, in whole seconds: at least 1.
  EXPECT_TRUE(refilled);
  EXPECT_TRUE(other);
}

TEST(RateLimiterTest, FillsUpToTheBurstAndNoFurther) {
  RateLimiter limiter(Rate{.per_second = 1, .burst = 2});
  ASSERT_FALSE(limiter.Take("a", kStart).has_value());

  const Timestamp later = kStart + std::chrono::hours{1};
  std::vector<bool> taken;
  for (int i = 0; i < 3; ++i) taken.push_back(!limiter.Take("a", later).has_value());

  EXPECT_EQ(taken, (std::vector<bool>{true, true, false}));
}

TEST(RateLimiterTest, AZeroRateLimitsNothing) {
  RateLimiter limiter(Rate{.per_second = 0, .burst = 0});

  for (int i = 0; i < 1000; ++i) ASSERT_FALSE(limiter.Take("a", kStart).has_value());
}

TEST(RateLimiterTest, GrantsNoMoreThanTheBurstToCallersOnManyThreads) {
  RateLimiter limiter(Rate{.per_second = 1, .burst = 5});
  std::atomic<int> granted{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (!limiter.Take("shared", kStart)) ++granted;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(granted.load(), 5);
}

TEST(RateLimiterTest, RemembersAtMostTheMostCallers) {
  RateLimiter limiter(Rate{.per_second = 1, .burst = 1});

  for (std::size_t i = 0; i < RateLimiter::kMaxEntries + 10; ++i) {
    ASSERT_FALSE(limiter.Take(std::to_string(i), kStart).has_value());
  }

  EXPECT_LE(limiter.SizeForTest(), RateLimiter::kMaxEntries);
}

TEST(RateLimiterTest, KnowsTheLoopbackAddresses) {
  for (const char* address : {"127.0.0.1", "127.3.2.1", "::1", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(IsLoopback(address)) << address;
  }
  for (const char* address : {"", "10.0.0.1", "128.0.0.1", "::2", "1.127.0.0", "::ffff:10.0.0.1"}) {
    EXPECT_FALSE(IsLoopback(address)) << address;
  }
}

class RateLimitTest : public ServerTest {
 protected:
  void Restart(RateLimits limits) {
    server_.reset();
    StartServer(1 << 20, AccessOptions{.limits = limits});
  }

  // A key called `name` that may read items.
  std::string AddKey(const std::string& name) {
    const std::string key = "cmso_" + name + "_00000000000000000000000000000001";
    auto created = identities_->CreateApiKey(ApiKey{.name = name,
                                                    .prefix = "cmso_" + name,
                                                    .secret_hash = credentials_.Digest(key),
                                                    .scopes = {Permission::kItemsRead},
                                                    .created_at = clock_.Now()});
    EXPECT_TRUE(created.has_value());
    return key;
  }

  static Headers As(const std::string& key) { return {{"Authorization", "Bearer " + key}}; }
};

void ExpectLimited(const ClientResponse& response) {
  ExpectStatusProblem(response, 429);
  EXPECT_EQ(response.Header("Retry-After"), "1");
}

TEST_F(RateLimitTest, LimitsEachApiKeyAndLeavesAnotherKeyAlone) {
  Restart({.per_key = {.per_second = 1, .burst = 3}, .exempt_loopback = false});
  const std::string shop = AddKey("shop");
  const std::string partner = AddKey("partner");

  std::vector<int> statuses;
  for (int i = 0; i < 3; ++i) statuses.push_back(Call("GET", "/api/v1/items", "", As(shop)).status);
  const ClientResponse over = Call("GET", "/api/v1/items", "", As(shop), "127.0.0.2");
  const ClientResponse other_key = Call("GET", "/api/v1/items", "", As(partner));
  clock_.Advance(seconds{1});
  const ClientResponse refilled = Call("GET", "/api/v1/items", "", As(shop));

  EXPECT_EQ(statuses, (std::vector<int>{200, 200, 200}));
  ExpectLimited(over);  // From another address too: the limit is the key's.
  EXPECT_EQ(over.Json()["limit"], "api_key");
  EXPECT_EQ(other_key.status, 200);
  EXPECT_EQ(refilled.status, 200);
}

TEST_F(RateLimitTest, LimitsEachAddressAndLeavesAnotherAddressAlone) {
  Restart({.per_address = {.per_second = 2, .burst = 2}, .exempt_loopback = false});
  AddUser("chiara", Role::kClerk);

  const int first = Call("GET", "/api/v1/items", "", {}, "127.0.0.2").status;
  const int unauthenticated =
      Call("GET", "/api/v1/items", "", {{"Authorization", "Bearer wrong"}}, "127.0.0.2").status;
  const ClientResponse over = Call("GET", "/api/v1/items", "", {}, "127.0.0.2");
  const ClientResponse sign_in = SignIn("chiara", "chiara-password", "127.0.0.2").response;
  const ClientResponse other_address = Call("GET", "/api/v1/items", "", {}, "127.0.0.3");
  const ClientResponse health = Call("GET", "/healthz", "", {}, "127.0.0.2");
  clock_.Advance(milliseconds{500});
  const ClientResponse refilled = Call("GET", "/api/v1/items", "", {}, "127.0.0.2");

  EXPECT_EQ(first, 200);
  EXPECT_EQ(unauthenticated, 401);  // Counted too: guessing keys costs the same.
  ExpectLimited(over);
  EXPECT_EQ(over.Json()["limit"], "address");
  ExpectLimited(sign_in);
  EXPECT_EQ(other_address.status, 200);
  EXPECT_EQ(health.status, 200);  // Health checks are not limited.
  EXPECT_EQ(refilled.status, 200);
}

TEST_F(RateLimitTest, ExemptsLoopbackFromTheAddressLimitOnlyWhenConfigured) {
  Restart({.per_key = {.per_second = 1, .burst = 2},
           .per_address = {.per_second = 1, .burst = 1},
           .exempt_loopback = true});
  const std::string shop = AddKey("shop");

  const int loopback_first = Call("GET", "/api/v1/items", "", As(shop), "127.0.0.2").status;
  const int loopback_second = Call("GET", "/api/v1/items", "", As(shop), "127.0.0.2").status;
  const ClientResponse key_over = Call("GET", "/api/v1/items", "", As(shop), "127.0.0.2");

  EXPECT_EQ(loopback_first, 200);
  EXPECT_EQ(loopback_second, 200);  // Over the address limit, but exempt.
  ExpectLimited(key_over);          // The key's limit holds on loopback too.
  EXPECT_EQ(key_over.Json()["limit"], "api_key");
}

}  // namespace
}  // namespace commesso::http::testing
