#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server_fixture.h"

// The receipt's e-mail deliveries of an order: their state, and re-sends a clerk asks for.
// No mailer runs here: requested deliveries stay queued (the mailer's own tests send them).
namespace commesso::http::testing {
namespace {

using Json = nlohmann::json;

bool NamesField(const ClientResponse& response, const std::string& path) {
  const Json body = response.Json();
  if (!body.is_object() || !body.contains("errors")) return false;
  for (const Json& error : body["errors"]) {
    if (error.value("path", "") == path) return true;
  }
  return false;
}

constexpr const char* kDeliveries = "/api/v1/orders/2026-000001/receipt/deliveries";

TEST_F(ServerTest, ListsTheReceiptDeliveriesOfAnOrderAndResendsOnRequest) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "order").status, 201);
  const int woken_by_placement = outbox_.count();
  const ClientResponse none = Call("GET", kDeliveries);

  const ClientResponse requested = Create(kDeliveries, "{}", "resend");
  const ClientResponse listed = Call("GET", kDeliveries);

  EXPECT_EQ(woken_by_placement, 1);
  ASSERT_EQ(none.status, 200) << none.body;
  ASSERT_EQ(none.Json()["entries"].size(), 1u) << "the placement queued the receipt";
  EXPECT_EQ(none.Json()["entries"][0]["requested_by"], "placement");
  EXPECT_EQ(none.Json()["entries"][0]["state"], "queued");
  ASSERT_EQ(requested.status, 201) << requested.body;
  EXPECT_EQ(requested.Header("Location"), kDeliveries);
  EXPECT_EQ(requested.Json()["state"], "queued");
  EXPECT_EQ(requested.Json()["to"], "mario.rossi@example.com");
  EXPECT_EQ(requested.Json()["document_number"], "R-2026-000001");
  EXPECT_EQ(requested.Json()["requested_by"], "key:test");
  EXPECT_EQ(requested.Json()["next_attempt_at"], "2026-11-28T10:00:00Z");
  EXPECT_EQ(outbox_.count(), 2) << "the re-send woke the mailer";
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.Json()["entries"].size(), 2u);
  EXPECT_EQ(listed.Json()["entries"][1]["requested_by"], "key:test");
  EXPECT_EQ(listed.Json()["entries"][1]["attempts"], 0);
  EXPECT_EQ(listed.Json()["entries"][1]["sent_at"], nullptr);
}

TEST_F(ServerTest, ResendsToACorrectedAddressOncePerIdempotencyKey) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "order").status, 201);

  const ClientResponse first = Create(kDeliveries, R"({"to": "anna@example.com"})", "fix");
  const ClientResponse again = Create(kDeliveries, R"({"to": "anna@example.com"})", "fix");
  const ClientResponse reused = Create(kDeliveries, R"({"to": "bruno@example.com"})", "fix");

  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json()["to"], "anna@example.com");
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.Json()["id"], first.Json()["id"]);
  EXPECT_EQ(reused.status, 422);
  EXPECT_TRUE(NamesField(reused, "Idempotency-Key"));
  // The placement's own delivery and the one re-send.
  EXPECT_EQ(Call("GET", kDeliveries).Json()["entries"].size(), 2u);
}

// Header injection through the corrected address: refused before anything is stored.
TEST_F(ServerTest, RefusesAnInvalidOrInjectedAddressNamingTo) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "order").status, 201);

  for (const std::string& body :
       {std::string(R"({"to": "anna@example.com\r\nBcc: all@example.com"})"),
        std::string(R"({"to": "Anna <anna@example.com>"})"), std::string(R"({"to": "anna"})"),
        std::string(R"({"to": 5})")}) {
    SCOPED_TRACE(body);
    const ClientResponse refused = Create(kDeliveries, body, "bad " + body);

    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.Header("Content-Type"), "application/problem+json");
    EXPECT_TRUE(NamesField(refused, "to")) << refused.body;
  }
  // Only the placement's own delivery.
  EXPECT_EQ(Call("GET", kDeliveries).Json()["entries"].size(), 1u);
}

TEST_F(ServerTest, AnswersNotFoundForTheDeliveriesOfAnUnknownOrder) {
  const std::string target = "/api/v1/orders/2026-999999/receipt/deliveries";

  const ClientResponse listed = Call("GET", target);
  const ClientResponse requested = Create(target, "{}", "missing");

  EXPECT_EQ(listed.status, 404) << listed.body;
  EXPECT_EQ(requested.status, 404) << requested.body;
}

}  // namespace
}  // namespace commesso::http::testing

namespace commesso::http::testing {
namespace {

TEST_F(ServerTest, RefusesUnknownQueryParametersOnTheDeliveries) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "order").status, 201);

  const ClientResponse refused = Call("GET", std::string(kDeliveries) + "?state=sent");

  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(NamesField(refused, "state"));
}

}  // namespace
}  // namespace commesso::http::testing
