#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adapters/http/keyed_response.h"
#include "core/invariant.h"
#include "server_fixture.h"

// Idempotency keys belong to their caller and route (docs/decisions/0017): the same key from
// another principal is another request and never reaches the first caller's resource, and a
// replay answers the first response's bytes whatever happened to the resource since.
namespace commesso::http::testing {
namespace {

class IdempotencyScopeTest : public ServerTest {
 protected:
  // A second API key with every permission: principal "key:other".
  static constexpr const char* kOtherKey = "cmso_other_fedcba9876543210fedcba9876543210";

  void SetUp() override {
    ServerTest::SetUp();
    const std::string key(kOtherKey);
    auto api_key = identities_->CreateApiKey(ApiKey{.name = "other",
                                                    .prefix = key.substr(0, key.find('_', 5)),
                                                    .secret_hash = credentials_.Digest(key),
                                                    .scopes = AllPermissions(),
                                                    .created_at = clock_.Now()});
    ASSERT_TRUE(api_key.has_value()) << api_key.error().message;
  }

  // A POST that creates, with `key`, sent with the other API key.
  ClientResponse CreateAsOther(const std::string& target, const std::string& body,
                               const std::string& key) {
    return Call("POST", target, body,
                {{"Idempotency-Key", key}, {"Authorization", std::string("Bearer ") + kOtherKey}});
  }

  // A POST that creates, with `key`, in `login`'s session.
  ClientResponse CreateAs(const Login& login, const std::string& target, const std::string& body,
                          const std::string& key) {
    return CallAs(login, "POST", target, body, {{"Idempotency-Key", key}});
  }

  // Places an order with `key` and answers its number.
  std::string PlaceOrder(const std::string& key) {
    const ClientResponse placed = Create("/api/v1/orders", DraftJson(), key);
    EXPECT_EQ(placed.status, 201) << placed.body;
    return placed.Json().value("number", "");
  }

  // `replay` answers what `first` answered, byte for byte, marked as a replay.
  static void ExpectSameAnswer(const ClientResponse& first, const ClientResponse& replay) {
    EXPECT_EQ(replay.status, first.status) << replay.body;
    EXPECT_EQ(replay.Header("Content-Type"), first.Header("Content-Type"));
    EXPECT_EQ(replay.Header("Location"), first.Header("Location"));
    EXPECT_EQ(replay.body, first.body);
    EXPECT_EQ(replay.Header("Idempotent-Replayed"), "true");
  }

  // `second` created something of its own: 201, not a replay, not what `first` answered (a
  // confirmation or a receipt delivery has the Location of its collection, the same for both).
  static void ExpectItsOwn(const ClientResponse& first, const ClientResponse& second) {
    EXPECT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(second.Header("Idempotent-Replayed"), "");
    EXPECT_NE(second.body, first.body);
  }
};

TEST_F(IdempotencyScopeTest, AnotherApiKeysSameKeyCreatesItsOwnResource) {
  const std::string number = PlaceOrder("setup-order");
  struct Case {
    std::string target;
    std::string body;
    std::string other_body;  // The other caller's: an item's SKU must be new.
  };
  const std::vector<Case> cases = {
      {"/api/v1/items", R"({"sku": "MINE-1", "name": {"it": "Mio"}, "unit_price": {"minor": 100}})",
       R"({"sku": "THEIRS-1", "name": {"it": "Suo"}, "unit_price": {"minor": 100}})"},
      {"/api/v1/customers", R"({"name": "Luca Bianchi", "email": "luca@example.com"})", ""},
      {"/api/v1/orders", DraftJson(), ""},
      {"/api/v1/orders/" + number + "/confirmations", R"({"revision": 1})", ""},
      {"/api/v1/orders/" + number + "/receipt/deliveries", R"({"to": "mario@example.com"})", ""},
      {"/api/v1/drafts", R"({"channel": "phone", "content": {"lines": []}})", ""},
      {"/api/v1/card-payments", R"({"amount": {"minor": 5417}, "reference": "console"})", ""},
      {"/api/v1/webhooks", R"({"url": "https://hooks.example/in", "events": ["order.placed"]})",
       ""},
  };
  for (const Case& each : cases) {
    SCOPED_TRACE(each.target);
    const ClientResponse first = Create(each.target, each.body, "shared-key");
    ASSERT_EQ(first.status, 201) << first.body;

    const ClientResponse second = CreateAsOther(
        each.target, each.other_body.empty() ? each.body : each.other_body, "shared-key");

    ExpectItsOwn(first, second);
    // Each caller's retry is its own replay. The card processor replays an authorization
    // itself, unmarked; a webhook's secret is shown once only.
    const ClientResponse retry = Create(each.target, each.body, "shared-key");
    if (each.target == "/api/v1/card-payments") {
      EXPECT_EQ(retry.body, first.body);
    } else if (each.target == "/api/v1/webhooks") {
      EXPECT_EQ(retry.Header("Location"), first.Header("Location"));
    } else {
      ExpectSameAnswer(first, retry);
    }
  }
}

TEST_F(IdempotencyScopeTest, TwoUsersKeepTheirOwnDraftsAndPlacementKeys) {
  AddUser("anna", Role::kClerk);
  AddUser("bruno", Role::kClerk);
  const Login anna = SignIn("anna", "anna-password");
  const Login bruno = SignIn("bruno", "bruno-password");
  const std::string draft = R"({"channel": "phone", "content": {"lines": []}})";
  const ClientResponse annas = CreateAs(anna, "/api/v1/drafts", draft, "draft-1");
  ASSERT_EQ(annas.status, 201) << annas.body;
  const std::string annas_draft = annas.Header("Location");
  const std::string annas_placement_key = annas.Json()["placement_key"];

  const ClientResponse brunos = CreateAs(bruno, "/api/v1/drafts", draft, "draft-1");

  ExpectItsOwn(annas, brunos);
  EXPECT_NE(brunos.Json()["placement_key"], annas_placement_key);
  // Bruno placing with Anna's placement key places an order of his own and leaves her draft.
  const ClientResponse brunos_order =
      CreateAs(bruno, "/api/v1/orders", DraftJson(), annas_placement_key);
  ASSERT_EQ(brunos_order.status, 201) << brunos_order.body;
  EXPECT_EQ(CallAs(anna, "GET", annas_draft).status, 200);
  const ClientResponse annas_order =
      CreateAs(anna, "/api/v1/orders", DraftJson(), annas_placement_key);
  ExpectItsOwn(brunos_order, annas_order);
  EXPECT_EQ(CallAs(anna, "GET", annas_draft).status, 404);  // Placed: the draft is done.
  ExpectSameAnswer(brunos_order,
                   CreateAs(bruno, "/api/v1/orders", DraftJson(), annas_placement_key));
  ExpectSameAnswer(annas_order, CreateAs(anna, "/api/v1/orders", DraftJson(), annas_placement_key));
}

TEST_F(IdempotencyScopeTest, ReplaysAnOrderWithItsFirstBytesAfterItWasReleasedOrCancelled) {
  const ClientResponse released = Create("/api/v1/orders", DraftJson(), "order-released");
  ASSERT_EQ(released.status, 201) << released.body;
  // The second waits for its warehouse's cut-off, so it can still be cancelled.
  ReleaseTheWarehouseAtACutOff();
  const ClientResponse cancelled = Create("/api/v1/orders", DraftJson(), "order-cancelled");
  ASSERT_EQ(cancelled.status, 201) << cancelled.body;
  ASSERT_EQ(
      Call("POST",
           "/api/v1/orders/" + cancelled.Json()["number"].get<std::string>() + "/cancellation",
           R"({"reason": "the customer called"})")
          .status,
      200);
  RunScheduler();
  ASSERT_EQ(Call("GET", released.Header("Location")).Json()["status"], "released");
  ASSERT_EQ(Call("GET", cancelled.Header("Location")).Json()["status"], "cancelled");

  ExpectSameAnswer(released, Create("/api/v1/orders", DraftJson(), "order-released"));
  ExpectSameAnswer(cancelled, Create("/api/v1/orders", DraftJson(), "order-cancelled"));
}

TEST_F(IdempotencyScopeTest, ReplaysADraftsCreationAfterTheDraftWasPlaced) {
  const std::string body = R"({"channel": "phone", "content": {"lines": []}})";
  const ClientResponse created = Create("/api/v1/drafts", body, "draft-placed");
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), created.Json()["placement_key"]).status, 201);
  ASSERT_EQ(Call("GET", created.Header("Location")).status, 404);

  ExpectSameAnswer(created, Create("/api/v1/drafts", body, "draft-placed"));
}

TEST_F(IdempotencyScopeTest, ReplaysItemsAndCustomersAsFirstCreated) {
  const std::string item =
      R"({"sku": "MUG-1", "name": {"it": "Tazza"}, "unit_price": {"minor": 900}})";
  const ClientResponse item_created = Create("/api/v1/items", item, "item-1");
  ASSERT_EQ(item_created.status, 201) << item_created.body;
  const std::string customer = R"({"name": "Luca Bianchi", "email": "luca@example.com"})";
  const ClientResponse customer_created = Create("/api/v1/customers", customer, "customer-1");
  ASSERT_EQ(customer_created.status, 201) << customer_created.body;
  ASSERT_EQ(Call("PUT", "/api/v1/items/MUG-1",
                 R"({"name": {"it": "Tazza grande"}, "unit_price": {"minor": 1100}})")
                .status,
            200);
  ASSERT_EQ(Call("PUT", customer_created.Header("Location"),
                 R"({"name": "Luca Bianchi", "email": "luca.bianchi@example.com"})")
                .status,
            200);

  ExpectSameAnswer(item_created, Create("/api/v1/items", item, "item-1"));
  ExpectSameAnswer(customer_created, Create("/api/v1/customers", customer, "customer-1"));
}

TEST_F(IdempotencyScopeTest, ReplaysAReceiptDeliveryAndAWebhookAsFirstAnswered) {
  const std::string number = PlaceOrder("order-1");
  const std::string deliveries = "/api/v1/orders/" + number + "/receipt/deliveries";
  const std::string to = R"({"to": "mario@example.com"})";
  const ClientResponse requested = Create(deliveries, to, "resend-1");
  ASSERT_EQ(requested.status, 201) << requested.body;
  const std::string hook = R"({"url": "https://hooks.example/in", "events": ["order.placed"]})";
  const ClientResponse subscribed = Create("/api/v1/webhooks", hook, "hook-1");
  ASSERT_EQ(subscribed.status, 201) << subscribed.body;
  // The secret is shown once: a replay answers without it, and the same way ever after.
  const ClientResponse replayed = Create("/api/v1/webhooks", hook, "hook-1");
  EXPECT_FALSE(replayed.Json().contains("secret")) << replayed.body;

  auto sent = deliveries_->ForOrder(OrderNumber{number});
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  ReceiptDelivery delivery = sent->back();
  delivery.state = DeliveryState::kSent;
  delivery.attempts = 1;
  delivery.next_attempt_at.reset();
  delivery.sent_at = clock_.Now();
  ASSERT_TRUE(deliveries_->Update({delivery}).has_value());
  ASSERT_EQ(Call("DELETE", subscribed.Header("Location")).status, 200);

  ExpectSameAnswer(requested, Create(deliveries, to, "resend-1"));
  ExpectSameAnswer(replayed, Create("/api/v1/webhooks", hook, "hook-1"));
}

TEST_F(IdempotencyScopeTest, ShipmentKeysBelongToTheirCallerAndReplayTheFirstAnswer) {
  std::vector<std::string> tasks;
  for (const char* key : {"order-a", "order-b"}) {
    const std::string number = PlaceOrder(key);
    RunScheduler();
    const nlohmann::json fulfillment =
        Call("GET", "/api/v1/orders/" + number + "/fulfillment").Json();
    ASSERT_FALSE(fulfillment["tasks"].empty()) << fulfillment.dump();
    tasks.push_back(std::to_string(fulfillment["tasks"][0]["id"].get<std::int64_t>()));
  }
  const std::string mine = "/api/v1/tasks/" + tasks[0];
  const std::string theirs = "/api/v1/tasks/" + tasks[1];
  ASSERT_EQ(Call("POST", mine + "/claim", "{}").status, 200);
  ASSERT_EQ(
      Call("POST", theirs + "/claim", "{}", {{"Authorization", std::string("Bearer ") + kOtherKey}})
          .status,
      200);
  const std::string shipment =
      R"({"carrier": "BRT", "tracking_number": "1", "lines": [{"line_no": 1, "quantity": 1}]})";
  const ClientResponse shipped = Create(mine + "/shipments", shipment, "ship-1");
  ASSERT_EQ(shipped.status, 201) << shipped.body;

  const ClientResponse other = CreateAsOther(theirs + "/shipments", shipment, "ship-1");

  ExpectItsOwn(shipped, other);
  clock_.Advance(std::chrono::minutes{5});  // The task's age has moved on since.
  ExpectSameAnswer(shipped, Create(mine + "/shipments", shipment, "ship-1"));
}

TEST_F(IdempotencyScopeTest, OnlyTheSameCallersSameKeyOnTheSameRouteIsInFlight) {
  faults_.HoldWrites();
  ClientResponse first;
  std::thread first_client([&] { first = Create("/api/v1/orders", DraftJson(), "race"); });
  faults_.WaitUntilHeld();

  const ClientResponse again = Create("/api/v1/orders", DraftJson(), "race");
  ClientResponse other_caller;
  std::thread other_client(
      [&] { other_caller = CreateAsOther("/api/v1/orders", DraftJson(), "race"); });
  ClientResponse other_route;
  std::thread route_client([&] {
    other_route = Create("/api/v1/customers",
                         R"({"name": "Luca Bianchi", "email": "luca@example.com"})", "race");
  });
  // Both wait at the store beside the first, unless they were refused at once.
  const bool all_held = faults_.WaitUntilHeldFor(3, std::chrono::seconds{20});

  faults_.Release();
  first_client.join();
  other_client.join();
  route_client.join();
  EXPECT_TRUE(all_held);
  ExpectStatusProblem(again, 409);
  EXPECT_EQ(first.status, 201) << first.body;
  ExpectItsOwn(first, other_caller);
  EXPECT_EQ(other_route.status, 201) << other_route.body;
  EXPECT_EQ(CountOrders(), 2u);
}

TEST(KeyedResponseTest, KeepsAResponseAndReplaysItMarkedAsAReplay) {
  const HttpResponse first{
      .status = 201,
      .headers = {{"Content-Type", "application/json"}, {"Location", "/api/v1/items/A: B"}},
      .body = "{\"name\": \"a\\r\\n\"}\r\n\r\nmore"};

  const HttpResponse replay = ReplayOf(KeepResponse(first));

  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.headers, (Headers{{"Content-Type", "application/json"},
                                     {"Location", "/api/v1/items/A: B"},
                                     {"Idempotent-Replayed", "true"}}));
  EXPECT_EQ(replay.body, first.body);
  EXPECT_EQ(ReplayOf(KeepResponse(HttpResponse{.status = 204, .headers = {}, .body = ""})).body,
            "");
  EXPECT_THROW(ReplayOf("garbage"), InvariantError);
  EXPECT_THROW(ReplayOf("201\r\nno colon\r\n\r\n"), InvariantError);
}

}  // namespace
}  // namespace commesso::http::testing
