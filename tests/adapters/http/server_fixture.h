#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adapters/clock/date_zone_rules.h"
#include "adapters/http/server.h"
#include "adapters/payments/test_card_processor.h"
#include "adapters/phone/libphonenumber_phone_numbers.h"
#include "adapters/sodium/sodium_credentials.h"
#include "adapters/sqlite/database.h"
#include "adapters/sqlite/sqlite_catalog.h"
#include "adapters/sqlite/sqlite_complaint_store.h"
#include "adapters/sqlite/sqlite_customer_store.h"
#include "adapters/sqlite/sqlite_delivery_store.h"
#include "adapters/sqlite/sqlite_document_store.h"
#include "adapters/sqlite/sqlite_draft_store.h"
#include "adapters/sqlite/sqlite_fulfillment_store.h"
#include "adapters/sqlite/sqlite_identity_store.h"
#include "adapters/sqlite/sqlite_order_store.h"
#include "adapters/sqlite/sqlite_webhook_store.h"
#include "adapters/webhooks/outbound_url_policy.h"
#include "app/business.h"
#include "app/fulfillment_scheduler.h"
#include "faulty_stores.h"
#include "support/fixed_clock.h"
#include "support/pricing_fixtures.h"
#include "support/temp_dir.h"
#include "test_client.h"

namespace commesso::http::testing {

// One valid request for a route, for tests that run something against every route.
// The field paths of a problem's "errors", in order; empty when there are none.
inline std::vector<std::string> PathsOf(const ClientResponse& response) {
  std::vector<std::string> paths;
  const nlohmann::json body = response.Json();
  if (!body.is_object() || !body.contains("errors")) return paths;
  for (const nlohmann::json& error : body["errors"]) paths.push_back(error.value("path", ""));
  return paths;
}

// A problem+json answer with `status`.
inline void ExpectStatusProblem(const ClientResponse& response, int status) {
  EXPECT_EQ(response.status, status) << response.body;
  EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
  EXPECT_EQ(response.Json()["status"], status) << response.body;
}

// Whether a POST to `route` takes an Idempotency-Key (and answers 201 when it creates): every
// POST but a quote, the fulfillment actions whose path says everything and a complaint's steps.
inline bool TakesIdempotencyKey(const std::string& method, const std::string& route) {
  if (method != "POST") return false;
  for (const char* keyless :
       {"/api/v1/quotes", "/api/v1/tasks/{id}/claim", "/api/v1/tasks/{id}/acknowledgement",
        "/api/v1/tasks/{id}/completion", "/api/v1/orders/{number}/holds",
        "/api/v1/orders/{number}/cancellation", "/api/v1/complaints/{number}/comments",
        "/api/v1/complaints/{number}/assign", "/api/v1/complaints/{number}/forward",
        "/api/v1/complaints/{number}/start", "/api/v1/complaints/{number}/await-customer",
        "/api/v1/complaints/{number}/resolve", "/api/v1/complaints/{number}/reject",
        "/api/v1/complaints/{number}/close", "/api/v1/complaints/{number}/reopen"}) {
    if (route == keyless) return false;
  }
  return true;
}

// The fulfillment rules of the test server: the default warehouse (Europe/Rome, Monday to
// Friday 09:00-18:00, immediate release) with escalation after 30 working minutes and 10-minute
// leases, and a service department for SETUP working every day in UTC. The fixed clock's
// Saturday is not a working day of the warehouse: its tasks are released at once (by their
// placement), dispatched and escalated on Monday. Tests that hold or cancel an order first
// call ServerTest::ReleaseTheWarehouseAtACutOff.
inline FulfillmentRules TestFulfillmentRules() {
  FulfillmentRules rules = DefaultFulfillment("Europe/Rome");
  Department& warehouse = rules.departments[0];
  warehouse.escalate_after = std::chrono::minutes{30};
  warehouse.lease = std::chrono::minutes{10};
  Department services = warehouse;
  services.code = "services";
  services.name = {.it = "Servizi", .en = "Services"};
  services.time_zone = "UTC";
  services.working_days = {std::chrono::Monday,   std::chrono::Tuesday, std::chrono::Wednesday,
                           std::chrono::Thursday, std::chrono::Friday,  std::chrono::Saturday,
                           std::chrono::Sunday};
  services.ships = false;
  rules.departments.push_back(services);
  rules.routing = {RoutingRule{.kind = ItemKind::kService,
                               .sku_prefix = "",
                               .shipping_method = "",
                               .department = "services"}};
  return rules;
}

struct Sample {
  std::string method;
  std::string route;   // The path template, as Api::Routes() names it.
  std::string target;  // A concrete target.
  std::string body;    // Empty for GET.

  bool HasBody() const { return method == "POST" || method == "PUT"; }
  bool Creates() const { return TakesIdempotencyKey(method, route); }
  // Whether the route reads or writes the stores past authentication (the shipping methods
  // come from the configuration, the sign-in throttle lives in the server's memory).
  bool UsesStores() const {
    return route != "/api/v1/shipping-methods" && route != "/api/v1/users/{name}/sign-in-throttle";
  }
};

// A server on port 0 over the real SQLite stores in a temporary directory, with Italian
// pricing rules, a fixed clock (2026-11-28T10:00Z) and a seeded catalog and customers:
// PEN-01 (good, 12.50, standard), BOOK-01 (good, 18.00, reduced), SETUP (service, 50.00),
// LIMITED (good, 5.00, 2 in stock, backorders refused); Mario Rossi (Milano, with an address,
// phone 02 1234 5678, tax id IT09876543217) and Nadia Smith (no address, no tax id, locale en);
// the seller of documents is the business with tax id IT01234567890; card payments go to the test
// card processor, on which the fixture authorizes 10 000.00 EUR (token card_token_, visa
// ending 4242) for DraftJson's card payment. Requests carry the API key kApiKey ("key:test",
// every permission) unless they say otherwise; passwords are hashed at libsodium's minimum cost.
// The stores and the processor are wrapped in Faulty* decorators so a test can take the database
// down, inject a bug or hold writes.
class ServerTest : public ::testing::Test {
 protected:
  static constexpr const char* kApiKey = "cmso_test_0123456789abcdef0123456789abcdef";

  void SetUp() override {
    business_.rules = commesso::testing::ItalianRules();
    business_.fulfillment = TestFulfillmentRules();
    auto zones = DateZoneDirectory::Load({business_.time_zone, "UTC"});
    ASSERT_TRUE(zones.has_value()) << zones.error().message;
    zones_ = *std::move(zones);
    auto database = sqlite::Database::Open({.path = dir_.File("commesso.db")});
    ASSERT_TRUE(database.has_value()) << database.error().message;
    database_ = *std::move(database);
    catalog_ = std::make_unique<sqlite::SqliteCatalog>(*database_);
    customers_ = std::make_unique<sqlite::SqliteCustomerStore>(*database_);
    business_.tax_id = "IT01234567890";
    business_.email = "ordini@example.com";
    business_.phone = "+39 02 1234 5678";
    const sqlite::DocumentSettings documents{.seller = SellerOf(business_),
                                             .default_locale = business_.locale};
    orders_ = std::make_unique<sqlite::SqliteOrderStore>(*database_, documents);
    documents_ = std::make_unique<sqlite::SqliteDocumentStore>(*database_, documents, clock_);
    faulty_documents_ = std::make_unique<FaultyDocumentStore>(*documents_, faults_);
    faulty_catalog_ = std::make_unique<FaultyCatalog>(*catalog_, faults_);
    faulty_customers_ = std::make_unique<FaultyCustomerStore>(*customers_, faults_);
    faulty_orders_ = std::make_unique<FaultyOrderStore>(*orders_, faults_);
    drafts_ = std::make_unique<sqlite::SqliteDraftStore>(*database_);
    faulty_drafts_ = std::make_unique<FaultyDraftStore>(*drafts_, faults_);
    faulty_cards_ = std::make_unique<FaultyCardPayments>(cards_, faults_);
    identities_ = std::make_unique<sqlite::SqliteIdentityStore>(*database_);
    deliveries_ = std::make_unique<sqlite::SqliteDeliveryStore>(*database_);
    faulty_deliveries_ = std::make_unique<FaultyDeliveryStore>(*deliveries_, faults_);
    webhooks_ = std::make_unique<sqlite::SqliteWebhookStore>(*database_);
    faulty_webhooks_ = std::make_unique<FaultyWebhookStore>(*webhooks_, faults_);
    fulfillment_ = std::make_unique<sqlite::SqliteFulfillmentStore>(*database_);
    faulty_fulfillment_ = std::make_unique<FaultyFulfillmentStore>(*fulfillment_, faults_);
    complaints_ = std::make_unique<sqlite::SqliteComplaintStore>(*database_);
    faulty_complaints_ = std::make_unique<FaultyComplaintStore>(*complaints_, faults_);
    Seed();
    StartServer();
  }

  // The options of the test server.
  static ServerOptions Options(std::size_t body_limit = 1 << 20, AccessOptions access = {}) {
    return ServerOptions{.host = "127.0.0.1",
                         .port = 0,
                         .body_limit = body_limit,
                         .io_threads = 2,
                         .worker_threads = 8,
                         .access = access};
  }

  void StartServer(std::size_t body_limit = 1 << 20, AccessOptions access = {}) {
    StartServer(Options(body_limit, access));
  }

  void StartServer(const ServerOptions& options) {
    auto server = Server::Start(options, Services{.business = business_,
                                                  .catalog = *faulty_catalog_,
                                                  .customers = *faulty_customers_,
                                                  .orders = *faulty_orders_,
                                                  .documents = *faulty_documents_,
                                                  .phones = phones_,
                                                  .clock = clock_,
                                                  .zones = *zones_,
                                                  .drafts = *faulty_drafts_,
                                                  .cards = *faulty_cards_,
                                                  .identities = *identities_,
                                                  .credentials = credentials_,
                                                  .deliveries = *faulty_deliveries_,
                                                  .outbox = outbox_,
                                                  .webhooks = *faulty_webhooks_,
                                                  .fulfillment = *faulty_fulfillment_,
                                                  .outbound_urls = outbound_urls_,
                                                  .complaints = *faulty_complaints_});
    ASSERT_TRUE(server.has_value()) << server.error().message;
    server_ = *std::move(server);
  }

  // The services over the stores themselves, without the fault-injecting wrappers.
  Services StoreServices() {
    return Services{.business = business_,
                    .catalog = *catalog_,
                    .customers = *customers_,
                    .orders = *orders_,
                    .documents = *documents_,
                    .phones = phones_,
                    .clock = clock_,
                    .zones = *zones_,
                    .drafts = *drafts_,
                    .cards = cards_,
                    .identities = *identities_,
                    .credentials = credentials_,
                    .deliveries = *deliveries_,
                    .outbox = outbox_,
                    .webhooks = *webhooks_,
                    .fulfillment = *fulfillment_,
                    .outbound_urls = outbound_urls_,
                    .complaints = *complaints_};
  }

  void Seed() {
    using commesso::testing::Good;
    using commesso::testing::Service;
    Item limited = Good("LIMITED", 500);
    limited.track_stock = true;
    limited.stock_on_hand = 2;
    for (const Item& item : {Good("PEN-01", 1250), Good("BOOK-01", 1800, "reduced"),
                             Service("SETUP", 5000), limited}) {
      auto created = catalog_->Create(item, IdempotencyKey{"seed-" + item.sku, item.sku}, nullptr);
      ASSERT_TRUE(created.has_value()) << created.error().message;
    }
    Customer mario = commesso::testing::CustomerIn("IT");
    mario.phone = "02 1234 5678";
    mario.phone_e164 = "+390212345678";
    mario.tax_id = "IT09876543217";  // A business customer: invoices may be issued to him.
    auto created = customers_->Create(mario, IdempotencyKey{"seed-mario", "mario"}, nullptr);
    ASSERT_TRUE(created.has_value()) << created.error().message;
    mario_ = created->id;
    Customer nadia;
    nadia.name = "Nadia Smith";
    nadia.email = "nadia@example.com";
    nadia.locale = "en";
    created = customers_->Create(nadia, IdempotencyKey{"seed-nadia", "nadia"}, nullptr);
    ASSERT_TRUE(created.has_value()) << created.error().message;
    nadia_ = created->id;
    auto authorized =
        cards_.Authorize(Money(1'000'000, kEur), "fixture", IdempotencyKey{"seed-card", "card"});
    ASSERT_TRUE(authorized.has_value()) << authorized.error().message;
    card_token_ = authorized->token;
    const std::string key(kApiKey);
    auto api_key = identities_->CreateApiKey(ApiKey{.name = "test",
                                                    .prefix = key.substr(0, key.find('_', 5)),
                                                    .secret_hash = credentials_.Digest(key),
                                                    .scopes = AllPermissions(),
                                                    .created_at = clock_.Now()});
    ASSERT_TRUE(api_key.has_value()) << api_key.error().message;
    // Webhook subscription 1, which gets every order placed from now on.
    auto subscription = webhooks_->Subscribe({.url = "https://hooks.example/all",
                                              .events = {"*"},
                                              .secret = "whsec_seed",
                                              .created_by = "seed",
                                              .created_at = clock_.Now()},
                                             IdempotencyKey{"seed-webhook", "webhook"}, nullptr);
    ASSERT_TRUE(subscription.has_value()) << subscription.error().message;
  }

  // Adds a user called `username` with password "<username>-password".
  void AddUser(const std::string& username, Role role, const std::string& locale = "it") {
    auto user = identities_->CreateUser(
        User{.username = username,
             .display_name = "User " + username,
             .role = role,
             .locale = locale,
             .password_hash = credentials_.HashPassword(username + "-password"),
             .created_at = clock_.Now(),
             .updated_at = clock_.Now()});
    ASSERT_TRUE(user.has_value()) << user.error().message;
  }

  // What signing in gave: the cookie to send back and the CSRF token.
  struct Login {
    ClientResponse response{};
    std::string cookie{};  // "commesso_session=<token>", "" when refused.
    std::string csrf_token{};
  };

  // Signs in from address `from` (127.0.0.0/8).
  Login SignIn(const std::string& username, const std::string& password,
               const std::string& from = "127.0.0.1") {
    TestClient client(server_->port(), from);
    Login login;
    login.response = client.Exchange(
        RequestText("POST", "/api/v1/session", {{"Content-Type", "application/json"}},
                    nlohmann::json{{"username", username}, {"password", password}}.dump()));
    const std::string set_cookie = login.response.Header("Set-Cookie");
    login.cookie = set_cookie.substr(0, set_cookie.find(';'));
    if (login.response.status == 200) login.csrf_token = login.response.Json()["csrf_token"];
    return login;
  }

  // A request authenticated by `login`'s cookie, with its CSRF token unless `headers` has one.
  ClientResponse CallAs(const Login& login, const std::string& method, const std::string& target,
                        const std::string& body = "", Headers headers = {}) {
    headers.emplace_back("Cookie", login.cookie);
    if (HeaderValue(headers, "X-CSRF-Token").empty()) {
      headers.emplace_back("X-CSRF-Token", login.csrf_token);
    }
    if ((method == "POST" || method == "PUT") && HeaderValue(headers, "Content-Type").empty()) {
      headers.emplace_back("Content-Type", "application/json");
    }
    TestClient client(server_->port());
    return client.Exchange(RequestText(method, target, headers, body));
  }

  // Sends one request on a new connection from address `from`, with the API key unless
  // `headers` carry an Authorization or a Cookie, and Content-Type: application/json when there
  // is a body.
  ClientResponse Call(const std::string& method, const std::string& target,
                      const std::string& body = "", Headers headers = {},
                      const std::string& from = "127.0.0.1") {
    if (HeaderValue(headers, "Authorization").empty() && HeaderValue(headers, "Cookie").empty()) {
      headers.emplace_back("Authorization", std::string("Bearer ") + kApiKey);
    }
    if ((method == "POST" || method == "PUT") && HeaderValue(headers, "Content-Type").empty()) {
      headers.emplace_back("Content-Type", "application/json");
    }
    TestClient client(server_->port(), from);
    return client.Exchange(RequestText(method, target, headers, body));
  }

  // A POST that creates, with `key` as its Idempotency-Key.
  ClientResponse Create(const std::string& target, const std::string& body,
                        const std::string& key) {
    return Call("POST", target, body, {{"Idempotency-Key", key}});
  }

  std::string DraftJson(const std::string& lines = R"([{"sku": "PEN-01", "quantity": 3}])",
                        const std::string& extra = "") const {
    return R"({"customer_id": )" + std::to_string(mario_.value) + R"(, "lines": )" + lines +
           R"(, "shipping_method": "standard", "payment": {"type": "card", "card": {"brand":)" +
           R"( "visa", "last4": "4242", "token": ")" + card_token_ + R"("}})" + extra + "}";
  }

  // Orders in the database, read from the store itself.
  std::size_t CountOrders() const {
    std::size_t count = 0;
    std::string cursor;
    do {
      auto page = orders_->List(OrderQuery{}, 200, cursor);
      if (!page) {
        ADD_FAILURE() << page.error().message;
        return count;
      }
      count += page->entries.size();
      cursor = page->next_cursor;
    } while (!cursor.empty());
    return count;
  }

  // One round of the fulfillment scheduler at the clock's time: plans placed orders and
  // releases what is due.
  // Restarts the server with the warehouse releasing at a 14:00 cut-off instead of at once: an
  // order placed at the fixed Saturday instant then waits for Monday 14:00 in Rome, so it can
  // still be held or cancelled (a task due at once is released by its placement, decision
  // 0022). The database, users and keys stay.
  void ReleaseTheWarehouseAtACutOff() {
    server_.reset();
    business_.fulfillment.departments[0].release = ReleasePolicy{.kind = ReleaseKind::kCutOff};
    StartServer();
  }

  SchedulerRound RunScheduler() {
    FulfillmentScheduler scheduler(*fulfillment_, *orders_, business_.fulfillment, *zones_);
    auto round = scheduler.Round(clock_.Now());
    EXPECT_TRUE(round.has_value()) << round.error().message;
    return round.value_or(SchedulerRound{});
  }

  // One valid request per /api/v1 route.
  std::vector<Sample> Samples() const {
    const std::string mario = std::to_string(mario_.value);
    const std::string address =
        R"({"name": "Mario Rossi", "line1": "Via Roma 1", "postal_code": "20121",)"
        R"( "city": "Milano", "country": "IT"})";
    return {
        {"POST", "/api/v1/items", "/api/v1/items",
         R"({"sku": "NEW-1", "name": {"it": "Nuovo", "en": "New"}, "unit_price": {"minor": 1000}})"},
        {"GET", "/api/v1/items", "/api/v1/items?q=pen&limit=5", ""},
        {"GET", "/api/v1/items/{sku}", "/api/v1/items/PEN-01", ""},
        {"PUT", "/api/v1/items/{sku}", "/api/v1/items/PEN-01",
         R"({"sku": "PEN-01", "name": {"it": "Penna", "en": "Pen"},)"
         R"( "unit_price": {"minor": 1300}, "weight_grams": 500})"},
        {"POST", "/api/v1/customers", "/api/v1/customers",
         R"({"name": "Luca Bianchi", "email": "luca@example.com", "phone": "333 123 4567"})"},
        {"GET", "/api/v1/customers", "/api/v1/customers?q=rossi", ""},
        {"GET", "/api/v1/customers/{id}", "/api/v1/customers/" + mario, ""},
        {"PUT", "/api/v1/customers/{id}", "/api/v1/customers/" + mario,
         R"({"name": "Mario Rossi", "email": "mario@example.com", "addresses": [{"label": "Sede",)"
         R"( "address": )" +
             address + R"(, "default_billing": true, "default_shipping": true}]})"},
        {"GET", "/api/v1/shipping-methods", "/api/v1/shipping-methods", ""},
        {"POST", "/api/v1/quotes", "/api/v1/quotes", DraftJson()},
        {"POST", "/api/v1/orders", "/api/v1/orders", DraftJson()},
        {"GET", "/api/v1/orders", "/api/v1/orders?channel=api&limit=10", ""},
        {"GET", "/api/v1/orders/{number}", "/api/v1/orders/2026-000001", ""},
        {"POST", "/api/v1/orders/{number}/confirmations",
         "/api/v1/orders/2026-000001/confirmations", R"({"revision": 1})"},
        {"GET", "/api/v1/orders/{number}/history", "/api/v1/orders/2026-000001/history", ""},
        {"GET", "/api/v1/orders/{number}/read-back",
         "/api/v1/orders/2026-000001/read-back?locale=en", ""},
        {"GET", "/api/v1/orders/{number}/receipt",
         "/api/v1/orders/2026-000001/receipt?format=text&width=42", ""},
        {"POST", "/api/v1/orders/{number}/invoice", "/api/v1/orders/2026-000001/invoice", "{}"},
        {"GET", "/api/v1/orders/{number}/receipt/deliveries",
         "/api/v1/orders/2026-000001/receipt/deliveries", ""},
        {"POST", "/api/v1/orders/{number}/receipt/deliveries",
         "/api/v1/orders/2026-000001/receipt/deliveries", R"({"to": "mario.rossi@example.com"})"},
        {"POST", "/api/v1/drafts", "/api/v1/drafts",
         R"({"channel": "phone", "content": {"customer": {"name": "Mario Rossi"}, "lines": []}})"},
        {"GET", "/api/v1/drafts", "/api/v1/drafts?parked=false", ""},
        {"GET", "/api/v1/drafts/{id}", "/api/v1/drafts/1", ""},
        {"PUT", "/api/v1/drafts/{id}", "/api/v1/drafts/1",
         R"({"revision": 1, "content": {"lines": [{"sku": "PEN-01"}]}, "parked": true})"},
        {"DELETE", "/api/v1/drafts/{id}", "/api/v1/drafts/1", ""},
        {"POST", "/api/v1/card-payments", "/api/v1/card-payments",
         R"({"amount": {"minor": 5417, "currency": "EUR"}, "reference": "console"})"},
        // Complaint RCL-2026-000001 about order 2026-000001, which the order sample places;
        // each step on the revision the steps before it leave (rejecting a resolved
        // complaint is refused: 409).
        {"POST", "/api/v1/complaints", "/api/v1/complaints",
         R"({"order_number": "2026-000001", "lines": [{"line_no": 1, "quantity": 1}],)"
         R"( "reason": "damaged", "channel": "phone", "customer_words": "One pen leaks"})"},
        {"GET", "/api/v1/complaints", "/api/v1/complaints?status=open&overdue=false&limit=10", ""},
        {"GET", "/api/v1/complaints/{number}", "/api/v1/complaints/RCL-2026-000001", ""},
        {"POST", "/api/v1/complaints/{number}/comments",
         "/api/v1/complaints/RCL-2026-000001/comments", R"({"text": "Photo asked for"})"},
        {"POST", "/api/v1/complaints/{number}/assign", "/api/v1/complaints/RCL-2026-000001/assign",
         R"({"revision": 1, "owner": ""})"},
        {"POST", "/api/v1/complaints/{number}/forward",
         "/api/v1/complaints/RCL-2026-000001/forward",
         R"({"revision": 2, "note": "Needs a replacement"})"},
        {"POST", "/api/v1/complaints/{number}/start", "/api/v1/complaints/RCL-2026-000001/start",
         R"({"revision": 3})"},
        {"POST", "/api/v1/complaints/{number}/await-customer",
         "/api/v1/complaints/RCL-2026-000001/await-customer",
         R"({"revision": 4, "note": "Waiting for the photo"})"},
        {"POST", "/api/v1/complaints/{number}/resolve",
         "/api/v1/complaints/RCL-2026-000001/resolve",
         R"({"revision": 5, "outcome": "Replacement sent"})"},
        {"POST", "/api/v1/complaints/{number}/reject", "/api/v1/complaints/RCL-2026-000001/reject",
         R"({"revision": 6, "reason": "Not our pen"})"},
        {"POST", "/api/v1/complaints/{number}/close", "/api/v1/complaints/RCL-2026-000001/close",
         R"({"revision": 6})"},
        {"POST", "/api/v1/complaints/{number}/reopen", "/api/v1/complaints/RCL-2026-000001/reopen",
         R"({"revision": 7, "reason": "It leaks again"})"},
        {"POST", "/api/v1/webhooks", "/api/v1/webhooks",
         R"({"url": "https://hooks.example/in", "events": ["order.placed", "order.shipped"]})"},
        {"GET", "/api/v1/webhooks", "/api/v1/webhooks", ""},
        {"GET", "/api/v1/webhooks/{id}", "/api/v1/webhooks/1", ""},
        {"GET", "/api/v1/webhooks/{id}/deliveries", "/api/v1/webhooks/1/deliveries?limit=10", ""},
        {"POST", "/api/v1/webhook-deliveries/{id}/replay", "/api/v1/webhook-deliveries/1/replay",
         "{}"},
        {"DELETE", "/api/v1/webhooks/{id}", "/api/v1/webhooks/1", ""},
        {"GET", "/api/v1/departments", "/api/v1/departments", ""},
        {"GET", "/api/v1/departments/{code}/queue", "/api/v1/departments/warehouse/queue", ""},
        {"GET", "/api/v1/departments/{code}/pick-list",
         "/api/v1/departments/warehouse/pick-list?format=text", ""},
        {"GET", "/api/v1/tasks/{id}", "/api/v1/tasks/1", ""},
        {"GET", "/api/v1/tasks/{id}/pick-list", "/api/v1/tasks/1/pick-list?format=json", ""},
        {"POST", "/api/v1/tasks/{id}/claim", "/api/v1/tasks/1/claim", "{}"},
        {"DELETE", "/api/v1/tasks/{id}/claim", "/api/v1/tasks/1/claim", ""},
        {"POST", "/api/v1/tasks/{id}/acknowledgement", "/api/v1/tasks/1/acknowledgement", "{}"},
        {"PUT", "/api/v1/tasks/{id}/picks", "/api/v1/tasks/1/picks",
         R"({"lines": [{"line_no": 1, "quantity": 3}]})"},
        {"POST", "/api/v1/tasks/{id}/shipments", "/api/v1/tasks/1/shipments",
         R"({"carrier": "BRT", "tracking_number": "123"})"},
        {"POST", "/api/v1/tasks/{id}/completion", "/api/v1/tasks/1/completion", "{}"},
        {"GET", "/api/v1/orders/{number}/fulfillment", "/api/v1/orders/2026-000001/fulfillment",
         ""},
        {"POST", "/api/v1/orders/{number}/holds", "/api/v1/orders/2026-000001/holds",
         R"({"kind": "manual", "reason": "check the stock"})"},
        {"DELETE", "/api/v1/orders/{number}/holds/{kind}",
         "/api/v1/orders/2026-000001/holds/manual", ""},
        {"POST", "/api/v1/orders/{number}/cancellation", "/api/v1/orders/2026-000001/cancellation",
         R"({"reason": "the customer called"})"},
        {"GET", "/api/v1/escalations", "/api/v1/escalations", ""},
        {"DELETE", "/api/v1/users/{name}/sign-in-throttle", "/api/v1/users/clerk/sign-in-throttle",
         ""},
    };
  }

  ClientResponse Send(const Sample& sample, const std::string& key) {
    // The webhook worker's fan-out, which the server does not run: the first order placed
    // becomes delivery 1 of subscription 1 (Seed), which the replay sample replays.
    EXPECT_TRUE(webhooks_->FanOut(clock_.Now(), 100).has_value());
    Headers headers;
    if (sample.Creates()) headers.emplace_back("Idempotency-Key", key);
    return Call(sample.method, sample.target, sample.body, headers);
  }

  // Declared in destruction order reversed: the server stops before the stores go.
  commesso::testing::TempDir dir_;
  commesso::testing::FixedClock clock_;
  LibphonenumberPhoneNumbers phones_;
  Business business_;
  std::unique_ptr<sqlite::Database> database_;
  std::unique_ptr<sqlite::SqliteCatalog> catalog_;
  std::unique_ptr<sqlite::SqliteCustomerStore> customers_;
  std::unique_ptr<sqlite::SqliteOrderStore> orders_;
  std::unique_ptr<sqlite::SqliteDocumentStore> documents_;
  Faults faults_;
  std::unique_ptr<FaultyDocumentStore> faulty_documents_;
  std::unique_ptr<FaultyCatalog> faulty_catalog_;
  std::unique_ptr<FaultyCustomerStore> faulty_customers_;
  std::unique_ptr<FaultyOrderStore> faulty_orders_;
  std::unique_ptr<sqlite::SqliteDraftStore> drafts_;
  std::unique_ptr<FaultyDraftStore> faulty_drafts_;
  TestCardProcessor cards_{clock_};
  std::unique_ptr<FaultyCardPayments> faulty_cards_;
  std::unique_ptr<sqlite::SqliteIdentityStore> identities_;
  std::unique_ptr<sqlite::SqliteDeliveryStore> deliveries_;
  std::unique_ptr<FaultyDeliveryStore> faulty_deliveries_;
  std::unique_ptr<sqlite::SqliteWebhookStore> webhooks_;
  std::unique_ptr<FaultyWebhookStore> faulty_webhooks_;
  std::unique_ptr<DateZoneDirectory> zones_;
  std::unique_ptr<sqlite::SqliteFulfillmentStore> fulfillment_;
  std::unique_ptr<FaultyFulfillmentStore> faulty_fulfillment_;
  std::unique_ptr<sqlite::SqliteComplaintStore> complaints_;
  std::unique_ptr<FaultyComplaintStore> faulty_complaints_;
  CountingSignal outbox_;
  SodiumCredentials credentials_{PasswordCost::MinimumForTest()};
  webhooks::OutboundUrlPolicy outbound_urls_{};  // Loopback not allowed.
  std::string card_token_;
  CustomerId mario_{};
  CustomerId nadia_{};
  std::unique_ptr<Server> server_;
};

}  // namespace commesso::http::testing
