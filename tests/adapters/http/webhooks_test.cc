#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server_fixture.h"

// The webhook admin routes: subscriptions, their delivery log and replays. No dispatcher runs
// here (tests/app/webhook_dispatcher_test.cc sends to a real endpoint); the store's fan-out is
// called by hand, and an attempt's outcome is stored as the dispatcher would store it.
namespace commesso::http::testing {
namespace {

using Json = nlohmann::json;
using ::testing::StartsWith;

bool NamesField(const ClientResponse& response, const std::string& path) {
  const Json body = response.Json();
  if (!body.is_object() || !body.contains("errors")) return false;
  for (const Json& error : body["errors"]) {
    if (error.value("path", "") == path) return true;
  }
  return false;
}

using WebhooksTest = ServerTest;

TEST_F(WebhooksTest, CreatesASubscriptionShowingItsSecretOnce) {
  const std::string body =
      R"({"url": "https://erp.example/hooks", "events": ["order.placed", "order.shipped"]})";

  const ClientResponse created = Create("/api/v1/webhooks", body, "create");
  const ClientResponse replayed = Create("/api/v1/webhooks", body, "create");

  ASSERT_EQ(created.status, 201) << created.body;
  const Json subscription = created.Json();
  EXPECT_EQ(created.Header("Location"), "/api/v1/webhooks/" + subscription["id"].dump());
  EXPECT_THAT(subscription["secret"].get<std::string>(), StartsWith("whsec_"));
  EXPECT_EQ(subscription["secret"].get<std::string>().size(), 6u + 64u);
  EXPECT_EQ(subscription["url"], "https://erp.example/hooks");
  EXPECT_EQ(subscription["events"], Json::array({"order.placed", "order.shipped"}));
  EXPECT_EQ(subscription["status"], "active");
  EXPECT_EQ(subscription["created_by"], "key:test");
  ASSERT_EQ(replayed.status, 201);
  EXPECT_EQ(replayed.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(replayed.Json()["id"], subscription["id"]);
  EXPECT_FALSE(replayed.Json().contains("secret"));
  const ClientResponse shown = Call("GET", created.Header("Location"));
  ASSERT_EQ(shown.status, 200);
  EXPECT_FALSE(shown.Json().contains("secret"));
  EXPECT_EQ(Call("GET", "/api/v1/webhooks").body.find("whsec_"), std::string::npos);
}

TEST_F(WebhooksTest, RefusesABadUrlOrUnknownEventsNamingEachField) {
  const ClientResponse response = Create(
      "/api/v1/webhooks",
      R"({"url": "ftp://erp.example/x", "events": ["order.placed", "receipt.due", 3, "order.placed"]})",
      "bad");
  const ClientResponse userinfo = Create(
      "/api/v1/webhooks", R"({"url": "https://user:pw@erp.example/x", "events": ["*"]})", "user");
  const ClientResponse empty =
      Create("/api/v1/webhooks", R"({"url": "https://erp.example", "events": []})", "empty");

  ExpectStatusProblem(response, 422);
  EXPECT_TRUE(NamesField(response, "url"));
  EXPECT_TRUE(NamesField(response, "events[1]")) << "internal events are not webhook events";
  EXPECT_TRUE(NamesField(response, "events[2]"));
  EXPECT_TRUE(NamesField(response, "events[3]"));
  ExpectStatusProblem(userinfo, 422);
  EXPECT_TRUE(NamesField(userinfo, "url"));
  ExpectStatusProblem(empty, 422);
  EXPECT_TRUE(NamesField(empty, "events"));
}

// The outbound URL policy (docs/security.md): https:// to public addresses only, whatever the
// spelling of the address. The test server does not allow loopback.
TEST_F(WebhooksTest, RefusesUrlsLeadingAnywhereButAPublicAddress) {
  const std::vector<std::string> hostile = {
      "http://hooks.example/in",  // http:// only to loopback, and only when allowed.
      "https://localhost/in",
      "https://sub.localhost/in",
      "https://127.0.0.1/in",
      "https://127.0.0.1.:8443/in",
      "https://0/in",
      "https://2130706433/in",
      "https://0x7f000001/in",
      "https://0177.0.0.1/in",
      "https://127.1/in",
      "https://%31%32%37.0.0.1/in",
      "https://10.1.2.3/in",
      "https://172.16.0.1/in",
      "https://192.168.1.1/in",
      "https://100.64.0.1/in",
      "https://169.254.169.254/latest",
      "https://0.0.0.0/in",
      "https://224.0.0.1/in",
      "https://255.255.255.255/in",
      "https://[::1]/in",
      "https://[::]/in",
      "https://[::ffff:127.0.0.1]/in",
      "https://[::ffff:7f00:1]/in",
      "https://[::127.0.0.1]/in",
      "https://[fe80::1%25eth0]/in",
      "https://[fd00::1]/in",
      "https://[ff02::1]/in",
      "https://[64:ff9b::a9fe:a9fe]/in",
      "https://[2002:7f00:1::]/in",
      "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/in"};

  for (std::size_t i = 0; i < hostile.size(); ++i) {
    const ClientResponse response =
        Create("/api/v1/webhooks", R"({"url": ")" + hostile[i] + R"(", "events": ["*"]})",
               "hostile " + std::to_string(i));
    ExpectStatusProblem(response, 422);
    EXPECT_EQ(PathsOf(response), std::vector<std::string>{"url"}) << hostile[i];
  }
  EXPECT_EQ(Call("GET", "/api/v1/webhooks").Json()["entries"].size(), 1u) << "the seeded one";
}

TEST_F(WebhooksTest, SaysWhyAnAddressIsRefused) {
  const ClientResponse metadata = Create(
      "/api/v1/webhooks", R"({"url": "https://169.254.169.254/latest", "events": ["*"]})", "m");
  const ClientResponse plain =
      Create("/api/v1/webhooks", R"({"url": "http://203.0.114.1/in", "events": ["*"]})", "p");

  ASSERT_EQ(metadata.status, 422) << metadata.body;
  EXPECT_EQ(metadata.Json()["errors"][0]["problem"],
            "leads to 169.254.169.254, a link-local address: webhooks are sent to public "
            "addresses only");
  ASSERT_EQ(plain.status, 422) << plain.body;
  EXPECT_EQ(plain.Json()["errors"][0]["problem"], "must be an https:// URL");
}

TEST_F(WebhooksTest, ListsSubscriptionsAndShowsOneThatGaveUpAsFailing) {
  // One event per order: placed, its task not released yet.
  ReleaseTheWarehouseAtACutOff();
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "order").status, 201);
  ASSERT_EQ(webhooks_->FanOut(clock_.Now(), 100).value(), 0) << "the placement fanned out";
  WebhookDelivery delivery = webhooks_->Due(clock_.Now(), 10).value().at(0).delivery;
  delivery.state = WebhookDeliveryState::kFailed;
  delivery.next_attempt_at.reset();
  delivery.attempts = 10;
  delivery.last_status = 500;
  delivery.last_error = "the endpoint answered 500";
  delivery.response_snippet = "Internal Server Error";
  ASSERT_TRUE(webhooks_->Update(delivery).has_value());

  const ClientResponse listed = Call("GET", "/api/v1/webhooks");
  const ClientResponse log = Call("GET", "/api/v1/webhooks/1/deliveries");

  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["entries"].size(), 1u);
  const Json subscription = listed.Json()["entries"][0];
  EXPECT_EQ(subscription["status"], "failing");
  EXPECT_EQ(subscription["failed"], 1);
  EXPECT_EQ(subscription["last_status"], 500);
  ASSERT_EQ(log.status, 200) << log.body;
  const Json entry = log.Json()["entries"][0];
  EXPECT_EQ(entry["event"], "order.placed");
  EXPECT_EQ(entry["order"], "2026-000001");
  EXPECT_EQ(entry["state"], "failed");
  EXPECT_EQ(entry["attempts"], 10);
  EXPECT_EQ(entry["last_status"], 500);
  EXPECT_EQ(entry["response_snippet"], "Internal Server Error");
  EXPECT_THAT(entry["delivery_id"].get<std::string>(), StartsWith("whd_"));
  EXPECT_EQ(log.Json()["next_cursor"], nullptr);
}

TEST_F(WebhooksTest, ReplaysADeliveryWithTheSameDeliveryId) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "order").status, 201);
  ASSERT_EQ(webhooks_->FanOut(clock_.Now(), 100).value(), 0) << "the placement fanned out";
  WebhookDelivery delivery = webhooks_->Due(clock_.Now(), 10).value().at(0).delivery;
  delivery.state = WebhookDeliveryState::kFailed;
  delivery.next_attempt_at.reset();
  delivery.attempts = 10;
  ASSERT_TRUE(webhooks_->Update(delivery).has_value());

  const ClientResponse replayed =
      Create("/api/v1/webhook-deliveries/" + std::to_string(delivery.id) + "/replay", "", "r1");

  ASSERT_EQ(replayed.status, 201) << replayed.body;
  EXPECT_EQ(replayed.Header("Location"), "/api/v1/webhooks/1/deliveries");
  EXPECT_EQ(replayed.Json()["state"], "queued");
  EXPECT_EQ(replayed.Json()["attempts"], 0);
  EXPECT_EQ(replayed.Json()["delivery_id"], delivery.key);
  EXPECT_EQ(Call("GET", "/api/v1/webhooks/1").Json()["status"], "active");
}

TEST_F(WebhooksTest, DisablesASubscription) {
  const ClientResponse disabled = Call("DELETE", "/api/v1/webhooks/1");
  const ClientResponse again = Call("DELETE", "/api/v1/webhooks/1");

  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.Json()["status"], "disabled");
  EXPECT_NE(disabled.Json()["disabled_at"], nullptr);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.Json()["disabled_at"], disabled.Json()["disabled_at"]);
}

TEST_F(WebhooksTest, AnswersNotFoundForUnknownSubscriptionsAndDeliveries) {
  ExpectStatusProblem(Call("GET", "/api/v1/webhooks/99"), 404);
  ExpectStatusProblem(Call("GET", "/api/v1/webhooks/x"), 404);
  ExpectStatusProblem(Call("DELETE", "/api/v1/webhooks/99"), 404);
  ExpectStatusProblem(Call("GET", "/api/v1/webhooks/99/deliveries"), 404);
  ExpectStatusProblem(Create("/api/v1/webhook-deliveries/99/replay", "{}", "missing"), 404);
}

TEST_F(WebhooksTest, PagesTheDeliveryLogAndRefusesBadQueryParameters) {
  // One event per order: placed, its task not released yet.
  ReleaseTheWarehouseAtACutOff();
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "order " + std::to_string(i)).status, 201);
  }
  ASSERT_EQ(webhooks_->FanOut(clock_.Now(), 100).value(), 0) << "the placements fanned out";

  const ClientResponse first = Call("GET", "/api/v1/webhooks/1/deliveries?limit=2");
  const std::string cursor = first.Json()["next_cursor"].get<std::string>();
  const ClientResponse second =
      Call("GET", "/api/v1/webhooks/1/deliveries?limit=2&cursor=" + cursor);
  const ClientResponse bad = Call("GET", "/api/v1/webhooks/1/deliveries?limit=0&cursor=x&q=1");
  const ClientResponse unknown = Call("GET", "/api/v1/webhooks?q=1");

  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.Json()["entries"].size(), 2u);
  EXPECT_EQ(first.Json()["entries"][0]["order"], "2026-000003");
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.Json()["entries"].size(), 1u);
  EXPECT_EQ(second.Json()["entries"][0]["order"], "2026-000001");
  EXPECT_EQ(second.Json()["next_cursor"], nullptr);
  ExpectStatusProblem(bad, 422);
  EXPECT_TRUE(NamesField(bad, "limit"));
  EXPECT_TRUE(NamesField(bad, "cursor"));
  EXPECT_TRUE(NamesField(bad, "q"));
  ExpectStatusProblem(unknown, 422);
}

}  // namespace
}  // namespace commesso::http::testing
