#include <chrono>
#include <cstdio>
#include <future>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adapters/sqlite/write_queue.h"
#include "server_fixture.h"

namespace commesso::http::testing {
namespace {

using Json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// The field errors of a problem response as path -> problem pairs.
std::vector<FieldError> ErrorsOf(const ClientResponse& response) {
  std::vector<FieldError> errors;
  const Json body = response.Json();
  if (!body.is_object() || !body.contains("errors")) return errors;
  for (const Json& error : body["errors"]) {
    errors.push_back({error.value("path", ""), error.value("problem", "")});
  }
  return errors;
}

bool NamesField(const ClientResponse& response, const std::string& path) {
  for (const FieldError& error : ErrorsOf(response)) {
    if (error.path == path) return true;
  }
  return false;
}

void ExpectProblem(const ClientResponse& response, int status) {
  EXPECT_EQ(response.status, status) << response.body;
  EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
  const Json body = response.Json();
  ASSERT_TRUE(body.is_object()) << response.body;
  EXPECT_EQ(body["status"], status);
  EXPECT_TRUE(body["type"].is_string());
  EXPECT_TRUE(body["title"].is_string());
  EXPECT_TRUE(body["detail"].is_string());
  EXPECT_TRUE(body["errors"].is_array());
}

// Happy paths, one or more per route.

TEST_F(ServerTest, HealthNeedsNoKey) {
  TestClient client(server_->port());

  ClientResponse response = client.Exchange(RequestText("GET", "/healthz", {}, ""));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Json(), (Json{{"status", "ok"}}));
}

TEST_F(ServerTest, CreatesAnItem) {
  ClientResponse created = Create("/api/v1/items",
                                  R"({"sku": "MUG-01", "name": {"it": "Tazza", "en": "Mug"},
                                      "unit_price": {"minor": 850, "currency": "EUR"},
                                      "weight_grams": 300, "tax_category": "standard"})",
                                  "item-1");

  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("Location"), "/api/v1/items/MUG-01");
  EXPECT_EQ(created.Json()["unit_price"], (Json{{"minor", 850}, {"currency", "EUR"}}));
  ClientResponse fetched = Call("GET", "/api/v1/items/MUG-01");
  EXPECT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.Json(), created.Json());
}

TEST_F(ServerTest, ReplaysAnItemCreation) {
  const std::string body =
      R"({"sku": "MUG-01", "name": {"it": "Tazza"}, "unit_price": {"minor": 850}})";
  ClientResponse first = Create("/api/v1/items", body, "item-replay");

  ClientResponse second = Create("/api/v1/items", body, "item-replay");

  EXPECT_EQ(first.status, 201);
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.body, first.body);
}

TEST_F(ServerTest, ReplacesAnItem) {
  ClientResponse replaced = Call("PUT", "/api/v1/items/PEN-01",
                                 R"({"name": {"it": "Penna blu", "en": "Blue pen"},
                                     "unit_price": {"minor": 1300}, "weight_grams": 20})");

  EXPECT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(replaced.Json()["sku"], "PEN-01");
  ClientResponse fetched = Call("GET", "/api/v1/items/PEN-01");
  EXPECT_EQ(fetched.Json()["unit_price"]["minor"], 1300);
  EXPECT_EQ(fetched.Json()["name"]["en"], "Blue pen");
}

// Items are read from memory, which the writer keeps true (issue 12): an answer given after a
// change was answered reads the changed item.
TEST_F(ServerTest, AQuoteAfterAPriceChangeAndAReadAfterASaleSeeTheChange) {
  const std::string last_two = R"([{"sku": "LIMITED", "quantity": 2}])";
  ASSERT_EQ(Call("POST", "/api/v1/quotes", DraftJson()).Json()["lines"][0]["amount"]["minor"],
            3750);
  ASSERT_EQ(Call("GET", "/api/v1/items/LIMITED").Json()["stock_on_hand"], 2);

  ASSERT_EQ(Call("PUT", "/api/v1/items/PEN-01",
                 R"({"name": {"it": "Penna"}, "unit_price": {"minor": 1300}, "weight_grams": 10})")
                .status,
            200);
  ASSERT_EQ(
      Call("POST", "/api/v1/orders", DraftJson(last_two), {{"Idempotency-Key", "last-two"}}).status,
      201);
  const ClientResponse quote = Call("POST", "/api/v1/quotes", DraftJson());
  const ClientResponse limited = Call("GET", "/api/v1/items/LIMITED");

  ASSERT_EQ(quote.status, 200) << quote.body;
  EXPECT_EQ(quote.Json()["lines"][0]["amount"]["minor"], 3900);
  EXPECT_EQ(limited.Json()["stock_on_hand"], 0);
}

TEST_F(ServerTest, KeepsAnItemsCategoryAndLocation) {
  ClientResponse replaced = Call("PUT", "/api/v1/items/PEN-01",
                                 R"({"name": {"it": "Penna blu"}, "unit_price": {"minor": 1300},
                                     "category": "writing", "location": " A-03-2 "})");
  ClientResponse refused = Call("PUT", "/api/v1/items/PEN-01",
                                R"({"name": {"it": "Penna blu"}, "unit_price": {"minor": 1300},
                                    "category": "Writing!", "location": "A\t3"})");

  ASSERT_EQ(replaced.status, 200) << replaced.body;
  ClientResponse fetched = Call("GET", "/api/v1/items/PEN-01");
  EXPECT_EQ(fetched.Json()["category"], "writing");
  EXPECT_EQ(fetched.Json()["location"], "A-03-2");
  ExpectProblem(refused, 422);
  EXPECT_TRUE(NamesField(refused, "category")) << refused.body;
  EXPECT_TRUE(NamesField(refused, "location")) << refused.body;
  EXPECT_EQ(Call("GET", "/api/v1/items/PEN-01").Json()["location"], "A-03-2");
}

TEST_F(ServerTest, SearchesItemsPageByPage) {
  ClientResponse first = Call("GET", "/api/v1/items?limit=2");

  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(first.Json()["entries"].size(), 2u);
  ASSERT_TRUE(first.Json()["next_cursor"].is_string());
  ClientResponse rest = Call(
      "GET", "/api/v1/items?limit=50&cursor=" + first.Json()["next_cursor"].get<std::string>());
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_EQ(rest.Json()["entries"].size(), 2u);
  EXPECT_TRUE(rest.Json()["next_cursor"].is_null());
  ClientResponse found = Call("GET", "/api/v1/items?q=pen");
  ASSERT_EQ(found.Json()["entries"].size(), 1u);
  EXPECT_EQ(found.Json()["entries"][0]["sku"], "PEN-01");
}

TEST_F(ServerTest, CreatesACustomerWithANormalizedPhone) {
  ClientResponse created = Create("/api/v1/customers",
                                  R"({"name": "Luca Bianchi", "phone": "02-8765 4321",
                                      "email": "luca@example.com"})",
                                  "customer-1");

  ASSERT_EQ(created.status, 201) << created.body;
  const Json customer = created.Json();
  EXPECT_EQ(customer["phone_e164"], "+390287654321");
  EXPECT_EQ(customer["locale"], "it");
  EXPECT_EQ(created.Header("Location"),
            "/api/v1/customers/" + std::to_string(customer["id"].get<std::int64_t>()));
  ClientResponse fetched = Call("GET", created.Header("Location"));
  EXPECT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.Json(), customer);
}

TEST_F(ServerTest, ReplacesACustomer) {
  const std::string target = "/api/v1/customers/" + std::to_string(nadia_.value);

  ClientResponse replaced =
      Call("PUT", target,
           R"({"name": "Nadia Smith", "locale": "en", "phone": "+44 20 7946 0958",
               "addresses": [{"label": "Home", "address": {"name": "Nadia Smith",
               "line1": "1 High Street", "postal_code": "EC1A 1AA", "city": "London",
               "country": "GB"}, "default_billing": true, "default_shipping": true}]})");

  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(replaced.Json()["phone_e164"], "+442079460958");
  EXPECT_EQ(Call("GET", target).Json()["addresses"][0]["address"]["city"], "London");
}

TEST_F(ServerTest, FindsCustomersByPhoneInAnyFormat) {
  for (const char* phone : {"02%201234%205678", "%2B39%2002-1234-5678", "0212345678"}) {
    ClientResponse found = Call("GET", std::string("/api/v1/customers?phone=") + phone);

    ASSERT_EQ(found.status, 200) << found.body;
    ASSERT_EQ(found.Json()["entries"].size(), 1u) << phone;
    EXPECT_EQ(found.Json()["entries"][0]["id"], mario_.value) << phone;
  }
}

TEST_F(ServerTest, FindsCustomersByEmailAndName) {
  ClientResponse by_email = Call("GET", "/api/v1/customers?email=NADIA%40example.com");
  ClientResponse by_name = Call("GET", "/api/v1/customers?q=ross");

  ASSERT_EQ(by_email.status, 200);
  ASSERT_EQ(by_email.Json()["entries"].size(), 1u);
  EXPECT_EQ(by_email.Json()["entries"][0]["id"], nadia_.value);
  ASSERT_EQ(by_name.Json()["entries"].size(), 1u);
  EXPECT_EQ(by_name.Json()["entries"][0]["id"], mario_.value);
}

TEST_F(ServerTest, QuotesWithTheFullTraceAndStoresNothing) {
  ClientResponse quote = Call("POST", "/api/v1/quotes", DraftJson());

  ASSERT_EQ(quote.status, 200) << quote.body;
  const Json priced = quote.Json();
  EXPECT_EQ(priced["lines"][0]["item"]["sku"], "PEN-01");
  EXPECT_EQ(priced["lines"][0]["amount"], (Json{{"minor", 3750}, {"currency", "EUR"}}));
  EXPECT_EQ(priced["lines"][0]["taxes"][0]["rate"], (Json{{"ppm", 220000}, {"percent", "22"}}));
  EXPECT_EQ(priced["shipping"]["amount"]["minor"], 690);
  EXPECT_EQ(priced["rounding"], (Json{{"rule", "half_up"}, {"level", "document"}}));
  EXPECT_EQ(priced["price_mode"], "tax_exclusive");
  EXPECT_EQ(priced["totals"]["amount_due"]["minor"], 5417);
  EXPECT_FALSE(priced["lines"][0]["item"].contains("id"));
  // The fixed clock stands on Saturday 28 November 2026; the default warehouse works Monday
  // to Friday.
  EXPECT_EQ(priced["promised_dispatch"], "2026-11-30");
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, QuoteReportsEveryProblemAtOnce) {
  const std::string draft = R"({"customer_id": 999999, "shipping_method": "teleport",
      "lines": [{"sku": "NOPE", "quantity": 1}, {"sku": "PEN-01", "quantity": 0}]})";

  ClientResponse response = Call("POST", "/api/v1/quotes", draft);

  ExpectProblem(response, 422);
  EXPECT_TRUE(NamesField(response, "customer_id")) << response.body;
  EXPECT_TRUE(NamesField(response, "lines[0].sku"));
  EXPECT_TRUE(NamesField(response, "lines[1].quantity"));
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, PlacesAnOrderAndReadsItBack) {
  ClientResponse placed = Create("/api/v1/orders", DraftJson(), "order-1");

  ASSERT_EQ(placed.status, 201) << placed.body;
  const Json order = placed.Json();
  EXPECT_EQ(placed.Header("Location"), "/api/v1/orders/2026-000001");
  EXPECT_EQ(placed.Header("Idempotent-Replayed"), "");
  EXPECT_EQ(order["number"], "2026-000001");
  EXPECT_EQ(order["placed_at"], "2026-11-28T10:00:00Z");
  EXPECT_EQ(order["payment"]["card"], (Json{{"brand", "visa"}, {"last4", "4242"}}));
  EXPECT_EQ(placed.body.find("tok_visa_1"), std::string::npos);
  EXPECT_EQ(order["lines"][0]["backordered"], 0);
  EXPECT_EQ(order["revision"], 1);
  EXPECT_EQ(order["placed_by"], "key:test");
  EXPECT_EQ(order["readback"],
            "Ordine 2026-000001: 1 articolo (3 \u00d7 Articolo PEN-01), spedizione a Via Roma 1, "
            "Milano, totale 54,17\u00a0\u20ac IVA inclusa, pagamento con carta che termina con "
            "4242. Spedizione prevista: luned\u00ec 30 novembre 2026.");
  EXPECT_EQ(order["promised_dispatch"], "2026-11-30");
  ClientResponse fetched = Call("GET", "/api/v1/orders/2026-000001");
  ASSERT_EQ(fetched.status, 200);
  Json expected = order;
  expected.erase("readback");
  expected["confirmations"] = Json::array();
  // The receipt issued with the order (docs/receipts.md).
  expected["documents"] = Json::array(
      {{{"kind", "receipt"}, {"number", "R-2026-000001"}, {"issued_at", "2026-11-28T10:00:00Z"}}});
  // The answer shows the order as placed; its warehouse task, due at once, was released by
  // the placement (decision 0022), and the read shows the order as it is now.
  EXPECT_EQ(order["status"], "placed");
  expected["status"] = "released";
  EXPECT_EQ(fetched.Json(), expected);
  EXPECT_EQ(CountOrders(), 1u);
}

TEST_F(ServerTest, ReadsBackInTheCustomersLanguage) {
  const std::string draft = R"({"customer_id": )" + std::to_string(nadia_.value) +
                            R"(, "lines": [{"sku": "SETUP", "quantity": 2}],
        "billing_address": {"name": "Nadia Smith", "line1": "Via Po 2", "city": "Torino",
                            "postal_code": "10121", "country": "IT"},
        "payment": {"type": "bank_transfer"}})";

  ClientResponse placed = Create("/api/v1/orders", draft, "order-en");

  ASSERT_EQ(placed.status, 201) << placed.body;
  EXPECT_THAT(placed.Json()["readback"].get<std::string>(),
              StartsWith("Order 2026-000001: 1 item (2 \u00d7 Service SETUP), total \u20ac122.00 "
                         "including VAT"));
}

TEST_F(ServerTest, ListsOrdersWithFilters) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "list-1").status, 201);
  ASSERT_EQ(Create("/api/v1/orders",
                   DraftJson(R"([{"sku": "BOOK-01", "quantity": 1}])", R"(, "channel": "phone")"),
                   "list-2")
                .status,
            201);

  auto numbers = [&](const std::string& query) {
    ClientResponse listed = Call("GET", "/api/v1/orders" + query);
    EXPECT_EQ(listed.status, 200) << query << " " << listed.body;
    std::vector<std::string> found;
    const Json body = listed.Json();
    for (const Json& order : body["entries"]) found.push_back(order["number"]);
    return found;
  };

  using V = std::vector<std::string>;
  EXPECT_EQ(numbers(""), (V{"2026-000002", "2026-000001"}));
  EXPECT_EQ(numbers("?channel=phone"), (V{"2026-000002"}));
  // Both released by their placement (decision 0022).
  EXPECT_EQ(numbers("?status=released&customer_id=" + std::to_string(mario_.value)),
            (V{"2026-000002", "2026-000001"}));
  EXPECT_EQ(numbers("?status=placed"), V{});
  EXPECT_EQ(numbers("?customer_id=" + std::to_string(nadia_.value)), V{});
  EXPECT_EQ(numbers("?placed_from=2026-11-28&placed_until=2026-11-28"),
            (V{"2026-000002", "2026-000001"}));
  EXPECT_EQ(numbers("?placed_until=2026-11-27"), V{});
  EXPECT_EQ(numbers("?placed_from=2026-11-28T10:00:00.001Z"), V{});
  EXPECT_EQ(numbers("?placed_from=2026-11-28T11:00:00%2B01:00&limit=1").size(), 1u);
}

TEST_F(ServerTest, KeepsTheConnectionAlive) {
  TestClient client(server_->port());
  const Headers auth = {{"Authorization", std::string("Bearer ") + kApiKey}};

  ClientResponse first = client.Exchange(RequestText("GET", "/api/v1/items/PEN-01", auth, ""));
  ClientResponse second = client.Exchange(RequestText("GET", "/api/v1/items/BOOK-01", auth, ""));

  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.Json()["sku"], "BOOK-01");
}

// Idempotency.

TEST_F(ServerTest, ReplaysAnOrderWithTheSameBytes) {
  ClientResponse first = Create("/api/v1/orders", DraftJson(), "replay-1");

  ClientResponse second = Create("/api/v1/orders", DraftJson(), "replay-1");

  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.Header("Location"), first.Header("Location"));
  EXPECT_EQ(CountOrders(), 1u);
}

TEST_F(ServerTest, RefusesAKeyReusedWithAnotherBody) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "reuse-1").status, 201);

  ClientResponse reused =
      Create("/api/v1/orders", DraftJson(R"([{"sku": "PEN-01", "quantity": 4}])"), "reuse-1");

  ExpectProblem(reused, 422);
  EXPECT_TRUE(NamesField(reused, "Idempotency-Key")) << reused.body;
  EXPECT_EQ(CountOrders(), 1u);
}

TEST_F(ServerTest, RefusesAKeyReusedForAnotherItem) {
  ASSERT_EQ(Create("/api/v1/items",
                   R"({"sku": "A-1", "name": {"it": "A"}, "unit_price": {"minor": 1}})", "item-k")
                .status,
            201);

  ClientResponse reused =
      Create("/api/v1/items", R"({"sku": "B-1", "name": {"it": "B"}, "unit_price": {"minor": 1}})",
             "item-k");

  ExpectProblem(reused, 422);
  EXPECT_TRUE(NamesField(reused, "Idempotency-Key")) << reused.body;
}

TEST_F(ServerTest, AnswersConflictWhileTheFirstRequestWithAKeyIsInFlight) {
  for (const Sample& sample : Samples()) {
    // A shipment needs a claimed task: FulfillmentTest.AnswersConflictWhileAShipmentIsInFlight.
    if (!sample.Creates() || sample.route == "/api/v1/tasks/{id}/shipments") continue;
    SCOPED_TRACE(sample.route);
    const std::string key = "in-flight " + sample.route;
    faults_.HoldWrites();
    ClientResponse first;
    std::thread client([&] { first = Send(sample, key); });
    faults_.WaitUntilHeld();

    ClientResponse second = Send(sample, key);

    faults_.Release();
    client.join();
    ExpectProblem(second, 409);
    EXPECT_TRUE(NamesField(second, "Idempotency-Key"));
    EXPECT_EQ(first.status, 201) << first.body;
  }
  EXPECT_EQ(CountOrders(), 1u);
}

TEST_F(ServerTest, RequiresAValidIdempotencyKeyOnCreation) {
  for (const Sample& sample : Samples()) {
    if (!sample.Creates()) continue;
    SCOPED_TRACE(sample.route);
    for (const std::string& key : {std::string(""), std::string(256, 'k'), std::string("a\tb")}) {
      ClientResponse response = Call("POST", sample.target, sample.body,
                                     key.empty() ? Headers{} : Headers{{"Idempotency-Key", key}});

      ExpectProblem(response, 400);
      EXPECT_TRUE(NamesField(response, "Idempotency-Key")) << response.body;
    }
  }
  EXPECT_EQ(CountOrders(), 0u);
}

// Bad input: the documented 4xx naming the field, and nothing stored.

TEST_F(ServerTest, RefusesMalformedJsonOnEveryBodyRoute) {
  for (const Sample& sample : Samples()) {
    if (!sample.HasBody()) continue;
    SCOPED_TRACE(sample.route);

    ClientResponse response =
        Send(Sample{sample.method, sample.route, sample.target, R"({"lines": [1,})"}, "bad-json");

    ExpectProblem(response, 400);
    ASSERT_EQ(ErrorsOf(response).size(), 1u);
    EXPECT_EQ(ErrorsOf(response)[0].path, "");
    EXPECT_THAT(ErrorsOf(response)[0].problem, StartsWith("invalid JSON at byte 14: "));
  }
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, RefusesInvalidUtf8) {
  ClientResponse response =
      Create("/api/v1/orders", DraftJson("[]", ", \"notes\": \"caf\xe9\""), "utf8");

  ExpectProblem(response, 400);
  ASSERT_EQ(ErrorsOf(response).size(), 1u);
  EXPECT_THAT(ErrorsOf(response)[0].problem, HasSubstr("UTF-8"));
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, NamesWrongTypesByPath) {
  ClientResponse response = Create(
      "/api/v1/orders",
      R"({"customer_id": "one", "lines": [{"sku": "PEN-01", "quantity": "3"}, {"sku": 5, "quantity": 1.5}]})",
      "types");

  ExpectProblem(response, 422);
  const std::vector<FieldError> expected = {{"customer_id", "must be an integer"},
                                            {"lines[0].quantity", "must be an integer"},
                                            {"lines[1].sku", "must be a string"},
                                            {"lines[1].quantity", "must be an integer"}};
  EXPECT_THAT(ErrorsOf(response), ::testing::UnorderedElementsAreArray(expected));
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, RefusesUnknownFields) {
  ClientResponse item =
      Create("/api/v1/items",
             R"({"sku": "X-1", "name": {"it": "X"}, "unit_price": {"minor": 1}, "colour": "red"})",
             "unknown-field");
  ClientResponse order = Create("/api/v1/orders", DraftJson("[]", R"(, "discount": 10)"), "u-2");

  ExpectProblem(item, 422);
  EXPECT_EQ(ErrorsOf(item), (std::vector<FieldError>{{"colour", "unknown field"}}));
  ExpectProblem(order, 422);
  EXPECT_TRUE(NamesField(order, "discount"));
  EXPECT_EQ(Call("GET", "/api/v1/items/X-1").status, 404);
}

TEST_F(ServerTest, RefusesACardNumber) {
  const std::string draft =
      R"({"customer_id": )" + std::to_string(mario_.value) +
      R"(, "lines": [{"sku": "PEN-01", "quantity": 1}], "shipping_method": "standard",
         "payment": {"type": "card", "card": {"brand": "visa", "last4": "4242",
                     "token": "tok_1", "number": "4242424242424242", "cvv": "123"}}})";

  ClientResponse response = Create("/api/v1/orders", draft, "card-number");

  ExpectProblem(response, 422);
  EXPECT_TRUE(NamesField(response, "payment.card.number"));
  EXPECT_TRUE(NamesField(response, "payment.card.cvv"));
  EXPECT_EQ(response.body.find("4242424242424242"), std::string::npos);
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, RefusesAnUnknownSku) {
  ClientResponse response =
      Create("/api/v1/orders",
             DraftJson(R"([{"sku": "PEN-01", "quantity": 1}, {"sku": "NOPE", "quantity": 1}])"),
             "unknown-sku");

  ExpectProblem(response, 422);
  EXPECT_EQ(ErrorsOf(response), (std::vector<FieldError>{{"lines[1].sku", "unknown SKU"}}));
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, RefusesQuantitiesOutOfRange) {
  for (const char* quantity : {"0", "-1", "1000000000000", "10000"}) {
    ClientResponse response =
        Create("/api/v1/orders",
               DraftJson(std::string(R"([{"sku": "PEN-01", "quantity": )") + quantity + "}]"),
               std::string("quantity ") + quantity);

    ExpectProblem(response, 422);
    EXPECT_EQ(ErrorsOf(response),
              (std::vector<FieldError>{{"lines[0].quantity", "must be 1..9999"}}))
        << quantity;
  }
  ClientResponse huge =
      Create("/api/v1/orders", DraftJson(R"([{"sku": "PEN-01", "quantity": 9223372036854775808}])"),
             "quantity huge");
  ExpectProblem(huge, 422);
  EXPECT_EQ(ErrorsOf(huge), (std::vector<FieldError>{{"lines[0].quantity", "is out of range"}}));
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, RefusesPricesThatCouldOverflow) {
  for (const char* minor : {"9223372036854775807", "1000000001", "-1"}) {
    ClientResponse response =
        Create("/api/v1/items",
               std::string(R"({"sku": "GOLD-1", "name": {"it": "Oro"}, "unit_price": {"minor": )") +
                   minor + "}}",
               std::string("price ") + minor);

    ExpectProblem(response, 422);
    EXPECT_TRUE(NamesField(response, "unit_price.minor")) << minor << " " << response.body;
  }
  EXPECT_EQ(Call("GET", "/api/v1/items/GOLD-1").status, 404);
}

TEST_F(ServerTest, RequiresAShippingAddressForGoods) {
  const std::string draft = R"({"customer_id": )" + std::to_string(nadia_.value) +
                            R"(, "lines": [{"sku": "PEN-01", "quantity": 1}],
        "billing_address": {"name": "Nadia Smith", "line1": "Via Po 2", "city": "Torino",
                            "postal_code": "10121", "country": "IT"},
        "shipping_method": "standard", "payment": {"type": "bank_transfer"}})";

  ClientResponse response = Create("/api/v1/orders", draft, "no-shipping-address");

  ExpectProblem(response, 422);
  EXPECT_TRUE(NamesField(response, "shipping_address")) << response.body;
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, RefusesAnotherCurrency) {
  ClientResponse unknown = Create(
      "/api/v1/orders",
      DraftJson(R"([{"sku": "PEN-01", "quantity": 1}])", R"(, "currency": "XXX")"), "currency-1");
  ClientResponse other = Create(
      "/api/v1/orders",
      DraftJson(R"([{"sku": "PEN-01", "quantity": 1}])", R"(, "currency": "USD")"), "currency-2");
  ClientResponse item = Create(
      "/api/v1/items",
      R"({"sku": "USD-1", "name": {"it": "X"}, "unit_price": {"minor": 1, "currency": "USD"}})",
      "currency-3");

  ExpectProblem(unknown, 422);
  EXPECT_EQ(ErrorsOf(unknown), (std::vector<FieldError>{{"currency", "unknown currency"}}));
  ExpectProblem(other, 422);
  EXPECT_TRUE(NamesField(other, "currency"));
  ExpectProblem(item, 422);
  EXPECT_EQ(ErrorsOf(item), (std::vector<FieldError>{{"unit_price.currency", "must be EUR"}}));
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, RefusesAnOrderWhenStockIsShort) {
  ClientResponse response =
      Create("/api/v1/orders", DraftJson(R"([{"sku": "LIMITED", "quantity": 3}])"), "short");

  ExpectProblem(response, 422);
  EXPECT_EQ(response.Json()["type"], "urn:commesso:problem:rejected");
  EXPECT_TRUE(NamesField(response, "lines[0].quantity")) << response.body;
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, RefusesADuplicateSku) {
  ClientResponse response = Create(
      "/api/v1/items", R"({"sku": "PEN-01", "name": {"it": "Penna"}, "unit_price": {"minor": 1}})",
      "duplicate");

  ExpectProblem(response, 409);
  EXPECT_EQ(Call("GET", "/api/v1/items/PEN-01").Json()["unit_price"]["minor"], 1250);
}

TEST_F(ServerTest, RefusesAMismatchedSkuOrIdInTheBody) {
  ClientResponse item =
      Call("PUT", "/api/v1/items/PEN-01",
           R"({"sku": "BOOK-01", "name": {"it": "X"}, "unit_price": {"minor": 1}})");
  ClientResponse customer =
      Call("PUT", "/api/v1/customers/" + std::to_string(mario_.value),
           R"({"id": )" + std::to_string(nadia_.value) + R"(, "name": "Someone"})");

  ExpectProblem(item, 422);
  EXPECT_EQ(ErrorsOf(item), (std::vector<FieldError>{{"sku", "must match the URL"}}));
  ExpectProblem(customer, 422);
  EXPECT_EQ(ErrorsOf(customer), (std::vector<FieldError>{{"id", "must match the URL"}}));
}

TEST_F(ServerTest, RefusesAnInvalidCustomer) {
  ClientResponse response =
      Create("/api/v1/customers", R"({"name": "", "email": "not an address", "locale": "fr"})",
             "bad-customer");

  ExpectProblem(response, 422);
  EXPECT_TRUE(NamesField(response, "name")) << response.body;
  EXPECT_TRUE(NamesField(response, "email"));
  EXPECT_TRUE(NamesField(response, "locale"));
}

TEST_F(ServerTest, RefusesBadQueryParameters) {
  struct Case {
    const char* target;
    const char* field;
  };
  for (const Case& c :
       {Case{"/api/v1/items?limit=0", "limit"}, Case{"/api/v1/items?limit=201", "limit"},
        Case{"/api/v1/items?limit=ten", "limit"}, Case{"/api/v1/items?sort=price", "sort"},
        Case{"/api/v1/customers?phone=abc", "phone"}, Case{"/api/v1/orders?channel=fax", "channel"},
        Case{"/api/v1/orders?status=lost", "status"},
        Case{"/api/v1/orders?customer_id=-3", "customer_id"},
        Case{"/api/v1/orders?placed_from=yesterday", "placed_from"},
        Case{"/api/v1/orders?placed_until=2026-02-30", "placed_until"},
        Case{"/api/v1/orders?cursor=garbage", "cursor"}}) {
    ClientResponse response = Call("GET", c.target);

    ExpectProblem(response, 422);
    EXPECT_TRUE(NamesField(response, c.field)) << c.target << " " << response.body;
  }
}

TEST_F(ServerTest, AnswersNotFound) {
  for (const char* target :
       {"/api/v1/items/NOPE", "/api/v1/customers/999999", "/api/v1/customers/abc",
        "/api/v1/orders/2026-999999", "/api/v1/unknown", "/api/v1", "/nothing-here"}) {
    ExpectProblem(Call("GET", target), 404);
  }
  ExpectProblem(
      Call("PUT", "/api/v1/items/NOPE", R"({"name": {"it": "X"}, "unit_price": {"minor": 1}})"),
      404);
  ExpectProblem(Call("PUT", "/api/v1/customers/999999", R"({"name": "Nobody"})"), 404);
}

TEST_F(ServerTest, AnswersMethodNotAllowedWithAllow) {
  ClientResponse items = Call("DELETE", "/api/v1/items/PEN-01");
  ClientResponse orders = Call("PUT", "/api/v1/orders", "{}");
  ClientResponse health = Call("POST", "/healthz", "{}");

  ExpectProblem(items, 405);
  EXPECT_EQ(items.Header("Allow"), "GET, PUT");
  ExpectProblem(orders, 405);
  EXPECT_EQ(orders.Header("Allow"), "POST, GET");
  ExpectProblem(health, 405);
  EXPECT_EQ(health.Header("Allow"), "GET");
}

TEST_F(ServerTest, RefusesABodyOverTheLimit) {
  TestClient client(server_->port());
  const std::string body(10 << 20, ' ');

  client.Send(RequestText("POST", "/api/v1/orders",
                          {{"Authorization", std::string("Bearer ") + kApiKey},
                           {"Content-Type", "application/json"},
                           {"Idempotency-Key", "ten-megabytes"}},
                          body));
  ClientResponse response = client.Read();

  ExpectProblem(response, 413);
  EXPECT_TRUE(client.Closed());
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, RefusesOversizedBodiesOnEveryBodyRoute) {
  for (const Sample& sample : Samples()) {
    if (!sample.HasBody()) continue;
    SCOPED_TRACE(sample.route);
    const std::string body = "[" + std::string((1 << 20) + 1, ' ') + "]";

    ClientResponse response = Send(Sample{sample.method, sample.route, sample.target, body}, "big");

    ExpectProblem(response, 413);
  }
}

TEST_F(ServerTest, RefusesOversizedHeaders) {
  TestClient client(server_->port());

  ClientResponse response = client.Exchange(
      RequestText("GET", "/api/v1/items", {{"X-Padding", std::string(20'000, 'a')}}, ""));

  ExpectProblem(response, 431);
}

TEST_F(ServerTest, RefusesWhatIsNotHttp) {
  TestClient client(server_->port());

  ClientResponse response = client.Exchange("GET /api/v1/items HTTP/1.1\r\nBad Header\r\n\r\n");

  ExpectProblem(response, 400);
}

// RFC 9112 §6.1: a request whose Transfer-Encoding is not exactly chunked has no length the
// server can trust. The parser took such a request as bodiless, so the bytes after its headers
// ran as a second request of their own (request smuggling); now the first gets 400 naming the
// header and the connection closes unread.
TEST_F(ServerTest, RefusesATransferEncodingOtherThanChunkedAndClosesTheConnection) {
  const std::string smuggled =
      RequestText("POST", "/api/v1/customers",
                  {{"Authorization", std::string("Bearer ") + kApiKey},
                   {"Content-Type", "application/json"},
                   {"Idempotency-Key", "smuggled"}},
                  R"({"name": "Smuggled Customer", "email": "smuggled@example.com"})");
  struct Case {
    std::vector<std::string> codings;  // One Transfer-Encoding field each.
    std::string body;                  // Before the smuggled request.
  };
  const std::vector<Case> cases = {
      {{"xchunked"}, ""},
      {{"gzip"}, ""},
      {{"identity"}, ""},
      {{"chunked, identity"}, ""},
      {{"chunked;ext=1"}, ""},
      {{"gzip, chunked"}, "0\r\n\r\n"},
      {{"gzip", "chunked"}, "0\r\n\r\n"},
      {{""}, ""},
  };

  for (const Case& test : cases) {
    SCOPED_TRACE(test.codings.front() + (test.codings.size() > 1 ? ", " + test.codings[1] : ""));
    TestClient client(server_->port());
    std::string request = "POST /api/v1/quotes HTTP/1.1\r\nHost: localhost\r\n";
    request += "Authorization: Bearer " + std::string(kApiKey) + "\r\n";
    request += "Content-Type: application/json\r\n";
    for (const std::string& coding : test.codings)
      request += "Transfer-Encoding: " + coding + "\r\n";
    request += "\r\n" + test.body + smuggled;

    ASSERT_TRUE(client.Send(request));
    const ClientResponse refused = client.Read();
    const ClientResponse after = client.Read();

    ExpectProblem(refused, 400);
    EXPECT_TRUE(NamesField(refused, "Transfer-Encoding")) << refused.body;
    EXPECT_EQ(refused.Header("Connection"), "close");
    EXPECT_EQ(after.status, 0) << "the smuggled request was answered: " << after.body;
  }
  const ClientResponse customers = Call("GET", "/api/v1/customers?q=Smuggled");
  ASSERT_EQ(customers.status, 200) << customers.body;
  EXPECT_EQ(customers.Json()["entries"], Json::array());
}

TEST_F(ServerTest, ReadsAChunkedBodyWhateverTheCaseAndSpacing) {
  const std::string body = DraftJson();
  TestClient client(server_->port());
  std::string request = "POST /api/v1/quotes HTTP/1.1\r\nHost: localhost\r\n";
  request += "Authorization: Bearer " + std::string(kApiKey) + "\r\n";
  request += "Content-Type: application/json\r\nTransfer-Encoding:  Chunked \r\n\r\n";
  const std::size_t half = body.size() / 2;
  for (const std::string& chunk : {body.substr(0, half), body.substr(half)}) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    request += size + chunk + "\r\n";
  }
  request += "0\r\n\r\n";

  ASSERT_TRUE(client.Send(request));
  const ClientResponse quoted = client.Read();
  const ClientResponse again = client.Exchange(RequestText(
      "GET", "/api/v1/items/PEN-01", {{"Authorization", std::string("Bearer ") + kApiKey}}, ""));

  EXPECT_EQ(quoted.status, 200) << quoted.body;
  EXPECT_EQ(again.status, 200);  // The connection stays open for the next request.
}

TEST_F(ServerTest, RefusesAWrongContentTypeOnEveryBodyRoute) {
  for (const Sample& sample : Samples()) {
    if (!sample.HasBody()) continue;
    SCOPED_TRACE(sample.route);
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded"}) {
      Headers headers = {{"Content-Type", type}};
      if (sample.Creates()) headers.emplace_back("Idempotency-Key", "content-type");

      ClientResponse response = Call(sample.method, sample.target, sample.body, headers);

      ExpectProblem(response, 415);
    }
  }
  EXPECT_EQ(Call("POST", "/api/v1/quotes", DraftJson(),
                 {{"Content-Type", "Application/JSON; charset=utf-8"}})
                .status,
            200);
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, AKeyIsFreeAgainWhenARefusedPlacementsAnswerArrives) {
  // The claim on the key must end before the answer is sent, not when the last copy of the
  // route's responder happens to be destroyed: a client retrying at once must never get 409.
  for (int i = 0; i < 50; ++i) {
    ClientResponse refused = Call("POST", "/api/v1/orders", DraftJson(),
                                  {{"Content-Type", "text/plain"}, {"Idempotency-Key", "again"}});
    ASSERT_EQ(refused.status, 415) << "try " << i << ": " << refused.body;
  }
}

TEST_F(ServerTest, RequiresTheApiKeyOnEveryApiRoute) {
  for (const Sample& sample : Samples()) {
    SCOPED_TRACE(sample.route);
    for (const std::string& authorization :
         {std::string(""), std::string("Bearer wrong"), std::string("Bearer ") + kApiKey + "x",
          std::string("Basic ") + kApiKey, std::string(kApiKey)}) {
      TestClient client(server_->port());
      Headers headers = {{"Content-Type", "application/json"}, {"Idempotency-Key", "auth"}};
      if (!authorization.empty()) headers.emplace_back("Authorization", authorization);

      ClientResponse response =
          client.Exchange(RequestText(sample.method, sample.target, headers, sample.body));

      ExpectProblem(response, 401);
      EXPECT_EQ(response.Header("WWW-Authenticate"), "Bearer");
    }
  }
  EXPECT_EQ(Call("GET", "/api/v1/items", "", {{"Authorization", std::string("bearer ") + kApiKey}})
                .status,
            200);
  EXPECT_EQ(CountOrders(), 0u);
}

// Failures of the stores.

TEST_F(ServerTest, AnswersUnavailableWhenTheDatabaseIsDown) {
  faults_.Set(Fault::kUnavailable);

  for (const Sample& sample : Samples()) {
    if (!sample.UsesStores()) continue;
    SCOPED_TRACE(sample.route);

    ClientResponse response = Send(sample, "down " + sample.route);

    ExpectProblem(response, 503);
    EXPECT_EQ(response.Header("Retry-After"), "1");
  }
  faults_.Set(Fault::kNone);
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(ServerTest, TurnsABugIntoInternalErrorAndGoesOn) {
  faults_.Set(Fault::kInvariant);

  for (const Sample& sample : Samples()) {
    if (!sample.UsesStores()) continue;
    SCOPED_TRACE(sample.route);

    ClientResponse response = Send(sample, "bug " + sample.route);

    ExpectProblem(response, 500);
    EXPECT_THAT(response.Json()["detail"].get<std::string>(), HasSubstr("quote reference "));
    EXPECT_EQ(response.body.find("injected"), std::string::npos);
  }
  faults_.Set(Fault::kNone);
  EXPECT_EQ(Call("GET", "/api/v1/items/PEN-01").status, 200);
  EXPECT_EQ(CountOrders(), 0u);
}

// Lifecycle.

TEST_F(ServerTest, StopLetsAnInFlightRequestFinish) {
  faults_.HoldWrites();
  ClientResponse placed;
  std::thread client([&] { placed = Create("/api/v1/orders", DraftJson(), "draining"); });
  faults_.WaitUntilHeld();
  TestClient idle(server_->port());

  std::thread stopper([&] { server_->Stop(); });
  faults_.Release();
  client.join();
  stopper.join();

  EXPECT_EQ(placed.status, 201) << placed.body;
  EXPECT_TRUE(idle.Closed());
  EXPECT_EQ(CountOrders(), 1u);
}

TEST_F(ServerTest, PlacementsWaitingForTheirCommitHoldNoWorker) {
  server_->Stop();
  ServerOptions one_worker = Options();
  one_worker.worker_threads = 1;
  StartServer(one_worker);
  // The writer is kept busy, so every placement that reaches it waits there for its commit.
  std::promise<void> writing;
  std::promise<void> release;
  std::thread holder([&] {
    auto held = database_->writer().Write<int>([&](sqlite::Connection&) -> Result<int> {
      writing.set_value();
      release.get_future().wait();
      return 0;
    });
    EXPECT_TRUE(held.has_value());
  });
  writing.get_future().wait();
  const std::string draft = R"({"customer_id": )" + std::to_string(nadia_.value) +
                            R"(, "lines": [{"sku": "SETUP", "quantity": 1}],
        "billing_address": {"name": "Nadia Smith", "line1": "Via Po 2", "city": "Torino",
                            "postal_code": "10121", "country": "IT"},
        "payment": {"type": "bank_transfer"}})";

  constexpr int kClients = 8;
  std::vector<ClientResponse> placed(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back(
        [&, i] { placed[i] = Create("/api/v1/orders", draft, "waiting-" + std::to_string(i)); });
  }
  // With the one worker blocked on the first commit, the other seven would never get here.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (database_->writer().PendingForTest() < kClients &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(database_->writer().PendingForTest(), static_cast<std::size_t>(kClients));
  const std::int64_t commits = database_->writer().stats().commits;
  release.set_value();
  holder.join();
  for (std::thread& client : clients) client.join();

  std::set<std::string> numbers;
  for (const ClientResponse& answer : placed) {
    ASSERT_EQ(answer.status, 201) << answer.body;
    numbers.insert(answer.Json()["number"].get<std::string>());
  }
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kClients));
  EXPECT_EQ(CountOrders(), static_cast<std::size_t>(kClients));
  // The held job's transaction, then the eight placements in one.
  EXPECT_EQ(database_->writer().stats().commits, commits + 2);
}

TEST_F(ServerTest, WaitReturnsOnceStopped) {
  std::thread waiter([&] { server_->Wait(); });

  server_->Stop();
  waiter.join();
  server_->Stop();

  SUCCEED();
}

TEST_F(ServerTest, StartReportsAnAddressInUse) {
  auto second = Server::Start(ServerOptions{.port = server_->port()}, StoreServices());

  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(second.error().message, HasSubstr("cannot listen on 127.0.0.1:"));
}

TEST_F(ServerTest, StartRefusesOptionsThatCannotWork) {
  const AccessOptions access{.login_max_failures = 0,
                             .limits = {.per_key = {.per_second = 5, .burst = 0}}};

  auto server =
      Server::Start(ServerOptions{.port = 0, .io_threads = 0, .access = access}, StoreServices());

  ASSERT_FALSE(server.has_value());
  EXPECT_EQ(server.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(server.error().fields,
            (std::vector<FieldError>{
                {"io_threads", "must be at least 1"},
                {"access", "login_max_failures must be at least 1"},
                {"access", "limits.per_key needs a rate of 0 or more and a burst of at least 1"}}));
}

}  // namespace
}  // namespace commesso::http::testing
