#include "app/webhook_dispatcher.h"

#include <array>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <curl/curl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include "adapters/sqlite/sqlite_webhook_store.h"
#include "adapters/webhooks/curl_webhook_sender.h"
#include "app_fixture.h"
#include "support/temp_dir.h"
#include "support/webhook_receiver.h"

// Webhooks end to end: orders placed through PlaceOrder on SQLite write order.placed, more
// public events are appended to the outbox as the fulfillment store writes them, and the
// dispatcher sends them with the real libcurl sender to a real HTTP endpoint
// (tests/support/webhook_receiver.py). Time is the fixed clock, moved by hand between rounds.
namespace commesso {
namespace {

using nlohmann::json;
using testing::WebhookReceiver;

constexpr const char* kSecret = "whsec_test_0123456789";

// Verifies a received request as docs/webhooks.md tells receivers to, independently of the
// sender's code: the signature header's t and v1, HMAC-SHA256(secret, "<t>.<body>") compared
// in constant time, and t within five minutes of `now`.
bool Verifies(const WebhookReceiver::Received& request, const std::string& secret,
              std::chrono::seconds now) {
  const std::string header = request.headers.value("Commesso-Signature", "");
  const std::size_t comma = header.find(',');
  if (!header.starts_with("t=") || comma == std::string::npos ||
      header.compare(comma + 1, 3, "v1=") != 0) {
    return false;
  }
  const std::string t = header.substr(2, comma - 2);
  const std::string v1 = header.substr(comma + 4);
  if (std::llabs(std::atoll(t.c_str()) - now.count()) > 300) return false;
  const std::string signed_text = t + "." + request.body;
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_text.data()),
                                signed_text.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return v1.size() == 64 && sodium_memcmp(v1.data(), hex.data(), 64) == 0;
}

class WebhookDispatcherTest : public testing::UseCaseTest {
 protected:
  static constexpr RetryPolicy kPolicy{.first_delay = std::chrono::seconds{1},
                                       .factor = 2,
                                       .cap = std::chrono::seconds{8},
                                       .max_attempts = 4};

  WebhookSubscription Subscribe(const std::string& url, std::vector<std::string> events = {"*"}) {
    auto created = store_.Subscribe({.url = url,
                                     .events = std::move(events),
                                     .secret = kSecret,
                                     .created_by = "admin",
                                     .created_at = clock_.Now()},
                                    Key("subscription " + url), nullptr);
    EXPECT_TRUE(created.has_value());
    return created.has_value() ? created->first : WebhookSubscription{};
  }

  std::string Place(const std::string& key) {
    OrderDraft draft = testing::DraftOf({{.sku = "PEN", .quantity = 2}});
    auto placed = place_.Run(draft, Key(key));
    EXPECT_TRUE(placed.has_value()) << (placed ? "" : placed.error().message);
    return placed.has_value() ? placed->order.number.value : "";
  }

  // Appends public events to the outbox, as the fulfillment store writes them.
  void AddEvents(const std::vector<std::pair<std::string, std::string>>& number_and_event) {
    SQLite::Database database(stores_.path(), SQLite::OPEN_READWRITE);
    database.setBusyTimeout(5000);
    SQLite::Transaction transaction(database);
    SQLite::Statement insert(database,
                             "INSERT INTO outbox (order_id, event, payload, created_at, "
                             "next_attempt_at) SELECT id, ?1, json_object('order', number, "
                             "'order_status', 'released'), 0, 0 FROM orders WHERE number = ?2");
    for (const auto& [number, event] : number_and_event) {
      insert.reset();
      insert.bind(1, event);
      insert.bind(2, number);
      ASSERT_EQ(insert.exec(), 1);
    }
    transaction.commit();
  }

  WebhookRound Round() {
    auto round = dispatcher_.DeliverDue();
    EXPECT_TRUE(round.has_value()) << (round ? "" : round.error().message);
    return round.value_or(WebhookRound{});
  }

  std::vector<WebhookDelivery> Log(WebhookSubscriptionId id) {
    return store_.Deliveries(id, 200, std::nullopt).value_or(std::vector<WebhookDelivery>{});
  }

  std::chrono::seconds NowSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch());
  }

  testing::TempDir receiver_dir_;
  WebhookReceiver receiver_{receiver_dir_.path()};
  sqlite::SqliteWebhookStore store_{stores_.database()};
  // The receiver listens on loopback over http://: allowed here, as in the demo.
  webhooks::CurlWebhookSender sender_{{.connect_timeout_seconds = 5,
                                       .timeout_seconds = 10,
                                       .outbound = {.allow_http_loopback = true}}};
  WebhookDispatcher dispatcher_{store_, sender_, clock_,
                                WebhookSettings{.retry = kPolicy, .batch = 50, .passes = 50}};
};

TEST_F(WebhookDispatcherTest, DeliversEveryEventInOrderPerOrderAfterAnOutage) {
  receiver_.Verifying(kSecret, NowSeconds().count() + 60);  // Within the 5-minute window.
  receiver_.Start();
  const std::string url = receiver_.Url();
  receiver_.Stop();  // Down from the start; the same port comes back later.
  const WebhookSubscription subscription = Subscribe(url);
  // 30 orders (30 order.placed), then 9 more events each, interleaved: 300 events.
  std::vector<std::string> numbers;
  for (int i = 0; i < 30; ++i) numbers.push_back(Place("order " + std::to_string(i)));
  const std::array<const char*, 9> later = {
      "order.held",    "order.hold_lifted", "order.released", "task.acknowledged", "task.escalated",
      "order.shipped", "order.released",    "order.shipped",  "task.done"};
  std::vector<std::pair<std::string, std::string>> events;
  std::map<std::string, std::vector<std::string>> expected;
  for (const std::string& number : numbers) expected[number].push_back("order.placed");
  for (const char* event : later) {
    for (const std::string& number : numbers) {
      events.emplace_back(number, event);
      expected[number].push_back(event);
    }
  }
  AddEvents(events);

  const WebhookRound down = Round();

  EXPECT_EQ(down.fanned_out, 270) << "each placement fanned its order.placed out itself";
  EXPECT_EQ(down.delivered, 0);
  EXPECT_EQ(down.retrying, 1) << "a subscription that does not answer is tried once a round";
  EXPECT_TRUE(receiver_.Requests().empty());

  receiver_.Start();
  int delivered = 0;
  for (int round = 0; round < 10 && delivered < 300; ++round) {
    clock_.Advance(std::chrono::seconds{10});
    delivered += Round().delivered;
  }

  EXPECT_EQ(delivered, 300);
  const std::vector<WebhookReceiver::Received> requests = receiver_.Requests();
  ASSERT_EQ(requests.size(), 300u);
  std::map<std::string, std::vector<std::string>> arrived;
  std::set<std::string> keys;
  for (const WebhookReceiver::Received& request : requests) {
    EXPECT_TRUE(Verifies(request, kSecret, NowSeconds())) << request.body;
    EXPECT_TRUE(request.verified) << "docs/webhooks.md's Python check refused " << request.body;
    EXPECT_EQ(request.path, "/hooks");
    const json body = json::parse(request.body);
    EXPECT_EQ(request.headers.value("Commesso-Delivery", ""), body.at("id"));
    EXPECT_EQ(request.headers.value("Commesso-Event", ""), body.at("event"));
    EXPECT_EQ(request.headers.value("Content-Type", ""), "application/json");
    keys.insert(body.at("id").get<std::string>());
    arrived[body.at("data").at("order").get<std::string>()].push_back(body.at("event"));
  }
  EXPECT_EQ(keys.size(), 300u);
  EXPECT_EQ(arrived, expected) << "every order's events arrive in the order they happened";
  for (const WebhookDelivery& delivery : Log(subscription.id)) {
    EXPECT_EQ(delivery.state, WebhookDeliveryState::kDelivered);
    EXPECT_EQ(delivery.last_status, 204);
  }
}

TEST_F(WebhookDispatcherTest, AnEndpointAnswering500IsGivenUpAtTheRetryCap) {
  receiver_.Start(500);
  const WebhookSubscription subscription = Subscribe(receiver_.Url());
  const std::string number = Place("order");
  AddEvents({{number, "order.released"}});

  for (int round = 0; round < 12; ++round) {
    Round();
    clock_.Advance(std::chrono::seconds{30});
  }

  const std::vector<WebhookReceiver::Received> requests = receiver_.Requests();
  ASSERT_EQ(requests.size(), 4u) << "max_attempts tries, then no more";
  for (const auto& request : requests) {
    EXPECT_EQ(request.headers.value("Commesso-Event", ""), "order.placed");
    EXPECT_EQ(request.headers.value("Commesso-Delivery", ""),
              requests[0].headers.value("Commesso-Delivery", ""));
  }
  const std::vector<WebhookDelivery> log = Log(subscription.id);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[1].event, "order.placed");
  EXPECT_EQ(log[1].state, WebhookDeliveryState::kFailed);
  EXPECT_EQ(log[1].attempts, 4);
  EXPECT_EQ(log[1].last_status, 500);
  EXPECT_EQ(log[1].response_snippet, "status 500");
  EXPECT_EQ(log[0].event, "order.released");
  EXPECT_EQ(log[0].state, WebhookDeliveryState::kQueued) << "held back by the failed one";
  EXPECT_EQ(log[0].attempts, 0);
  const WebhookSubscription shown = store_.Subscription(subscription.id).value();
  EXPECT_EQ(shown.failed, 1);
  EXPECT_EQ(shown.last_status, 500);
}

TEST_F(WebhookDispatcherTest, AReplaySendsTheFailedEventAgainAndReleasesTheLaterOnes) {
  receiver_.Start(500);
  const WebhookSubscription subscription = Subscribe(receiver_.Url());
  const std::string number = Place("order");
  AddEvents({{number, "order.released"}});
  for (int round = 0; round < 8; ++round) {
    Round();
    clock_.Advance(std::chrono::seconds{30});
  }
  const WebhookDelivery failed = Log(subscription.id).at(1);
  ASSERT_EQ(failed.state, WebhookDeliveryState::kFailed);
  receiver_.Stop();
  receiver_.Start(200);

  ASSERT_TRUE(store_.Replay(failed.id, clock_.Now()).has_value());
  const WebhookRound round = Round();

  EXPECT_EQ(round.delivered, 2);
  const std::vector<WebhookReceiver::Received> requests = receiver_.Requests();
  ASSERT_EQ(requests.size(), 6u);
  EXPECT_EQ(requests[4].headers.value("Commesso-Delivery", ""), failed.key);
  EXPECT_EQ(requests[5].headers.value("Commesso-Event", ""), "order.released");
  EXPECT_EQ(store_.Subscription(subscription.id).value().failed, 0);
}

TEST_F(WebhookDispatcherTest, ARedirectIsNotFollowedNorCountedAsDelivered) {
  receiver_.Start(302);
  const WebhookSubscription subscription = Subscribe(receiver_.Url());
  Place("order");

  const WebhookRound round = Round();

  EXPECT_EQ(round.delivered, 0);
  EXPECT_EQ(round.retrying, 1);
  EXPECT_EQ(Log(subscription.id).at(0).last_status, 302);
}

TEST_F(WebhookDispatcherTest, OnlyTheEventsASubscriptionAskedForAreSent) {
  receiver_.Start();
  Subscribe(receiver_.Url(), {"order.shipped"});
  const std::string number = Place("order");
  AddEvents({{number, "order.released"}, {number, "order.shipped"}});

  Round();

  const auto requests = receiver_.Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].headers.value("Commesso-Event", ""), "order.shipped");
}

TEST_F(WebhookDispatcherTest, TheDocumentedCheckRefusesAnotherSecretAndAStaleTimestamp) {
  receiver_.Verifying("whsec_another", NowSeconds().count());
  receiver_.Start();
  Subscribe(receiver_.Url());
  Place("order");
  Round();
  receiver_.Stop();
  receiver_.Verifying(kSecret, NowSeconds().count() + 301);
  receiver_.Start();
  Place("later");

  Round();

  const auto requests = receiver_.Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_FALSE(requests[0].verified) << "signed with another secret";
  EXPECT_FALSE(requests[1].verified) << "older than five minutes";
  EXPECT_TRUE(Verifies(requests[1], kSecret, NowSeconds()));
}

// DNS rebinding: the subscription was accepted (a name judged when it was stored may resolve
// elsewhere later), but the address the sender is about to connect to is judged again, and
// a loopback one is refused without a connection when loopback is not allowed.
TEST_F(WebhookDispatcherTest, ANameThatResolvesToLoopbackIsRefusedAtConnectAndFailedAtOnce) {
  receiver_.Start();
  const std::string url = "https://localhost:" + std::to_string(receiver_.port()) + "/hooks";
  const WebhookSubscription subscription = Subscribe(url);
  Place("order");
  webhooks::CurlWebhookSender strict{{.connect_timeout_seconds = 5, .timeout_seconds = 10}};
  WebhookDispatcher dispatcher{store_, strict, clock_,
                               WebhookSettings{.retry = kPolicy, .batch = 50, .passes = 50}};

  const auto round = dispatcher.DeliverDue();

  ASSERT_TRUE(round.has_value()) << round.error().message;
  EXPECT_EQ(round->failed, 1) << "refused is final: no retry can change the address";
  EXPECT_EQ(round->retrying, 0);
  EXPECT_TRUE(receiver_.Requests().empty());
  const std::vector<WebhookDelivery> log = Log(subscription.id);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].state, WebhookDeliveryState::kFailed);
  EXPECT_EQ(log[0].attempts, 1);
  EXPECT_EQ(log[0].last_status, 0);
  EXPECT_THAT(log[0].last_error,
              ::testing::MatchesRegex("refused: the host leads to (127\\.0\\.0\\.1|::1), a "
                                      "loopback address: webhooks are sent to public addresses "
                                      "only"));
}

TEST_F(WebhookDispatcherTest, AnHttpUrlIsRefusedWhenLoopbackIsNotAllowed) {
  receiver_.Start();
  const WebhookSubscription subscription = Subscribe(receiver_.Url());
  Place("order");
  webhooks::CurlWebhookSender strict{{.connect_timeout_seconds = 5, .timeout_seconds = 10}};
  WebhookDispatcher dispatcher{store_, strict, clock_,
                               WebhookSettings{.retry = kPolicy, .batch = 50, .passes = 50}};

  ASSERT_TRUE(dispatcher.DeliverDue().has_value());

  EXPECT_TRUE(receiver_.Requests().empty());
  const WebhookDelivery delivery = Log(subscription.id).at(0);
  EXPECT_EQ(delivery.state, WebhookDeliveryState::kFailed);
  EXPECT_EQ(delivery.last_error, "refused: the URL must be an https:// URL");
}

// The example of docs/webhooks.md, so the documentation cannot drift from the code.
TEST(WebhookSignatureTest, MatchesTheDocumentedExample) {
  EXPECT_EQ(webhooks::SignatureHeader("whsec_example", 1764324000,
                                      R"({"id":"whd_1","event":"order.placed"})"),
            "t=1764324000,v1=b58d316a3a4ca94e3a73ff12baeddbcafc3d2bbf78c26eb675a2b4d1ea7f8db2");
}

}  // namespace
}  // namespace commesso

int main(int argc, char** argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);  // Once, before any thread (pitfall 9).
  if (sodium_init() < 0) return 1;
  ::testing::InitGoogleTest(&argc, argv);
  const int result = RUN_ALL_TESTS();
  curl_global_cleanup();
  return result;
}
