#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server_fixture.h"

// The clerk console's routes: drafts, confirmations, history, read-back, shipping methods and
// card payments.
namespace commesso::http::testing {
namespace {

using Json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

const char* kDraftBody =
    R"({"channel": "phone", "content": {"customer": {"id": 1, "name": "Mario Rossi"},)"
    R"( "lines": [{"sku": "PEN-01", "quantity": 3}, {"sku": "BOOK-01", "quantity": 1}]}})";

// Drafts.

TEST_F(ServerTest, CreatesADraftWithAPlacementKey) {
  ClientResponse created = Create("/api/v1/drafts", kDraftBody, "draft-1");

  ASSERT_EQ(created.status, 201) << created.body;
  const Json draft = created.Json();
  EXPECT_EQ(created.Header("Location"), "/api/v1/drafts/" + std::to_string(draft["id"].get<int>()));
  EXPECT_EQ(draft["revision"], 1);
  EXPECT_EQ(draft["channel"], "phone");
  EXPECT_EQ(draft["owner"], "key:test");
  EXPECT_EQ(draft["parked"], false);
  EXPECT_THAT(draft["placement_key"].get<std::string>(), MatchesRegex("draft-[0-9a-f]{32}"));
  EXPECT_EQ(draft["summary"], (Json{{"customer_name", "Mario Rossi"}, {"line_count", 2}}));
  EXPECT_EQ(draft["content"], Json::parse(kDraftBody)["content"]);
  EXPECT_EQ(draft["created_at"], "2026-11-28T10:00:00Z");
  EXPECT_EQ(draft["updated_at"], "2026-11-28T10:00:00Z");
  ClientResponse fetched = Call("GET", created.Header("Location"));
  EXPECT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.Json(), draft);
  ClientResponse replayed = Create("/api/v1/drafts", kDraftBody, "draft-1");
  EXPECT_EQ(replayed.Json()["id"], draft["id"]);
  EXPECT_EQ(replayed.Json()["placement_key"], draft["placement_key"]);
}

TEST_F(ServerTest, ListsDraftsNewestFirstWithoutContent) {
  ASSERT_EQ(Create("/api/v1/drafts", kDraftBody, "list-a").status, 201);
  clock_.Advance(std::chrono::minutes{1});
  ASSERT_EQ(Create("/api/v1/drafts", R"({"channel": "mail"})", "list-b").status, 201);
  ASSERT_EQ(
      Call("PUT", "/api/v1/drafts/1", R"({"revision": 1, "content": {}, "parked": true})").status,
      200);

  auto ids = [&](const std::string& query) {
    ClientResponse listed = Call("GET", "/api/v1/drafts" + query);
    EXPECT_EQ(listed.status, 200) << listed.body;
    std::vector<int> found;
    const Json body = listed.Json();
    for (const Json& draft : body["entries"]) {
      EXPECT_FALSE(draft.contains("content"));
      found.push_back(draft["id"]);
    }
    return found;
  };

  EXPECT_EQ(ids(""), (std::vector<int>{2, 1}));
  EXPECT_EQ(ids("?parked=true"), std::vector<int>{1});
  EXPECT_EQ(ids("?parked=false"), std::vector<int>{2});
  EXPECT_EQ(ids("?limit=1").size(), 1u);
  ClientResponse bad = Call("GET", "/api/v1/drafts?parked=yes");
  ExpectStatusProblem(bad, 422);
  EXPECT_EQ(PathsOf(bad), std::vector<std::string>{"parked"});
}

TEST_F(ServerTest, SavesADraftAndRefusesAStaleRevision) {
  ASSERT_EQ(Create("/api/v1/drafts", kDraftBody, "save").status, 201);
  clock_.Advance(std::chrono::seconds{30});

  ClientResponse saved = Call("PUT", "/api/v1/drafts/1",
                              R"({"revision": 1, "content": {"lines": []}, "channel": "counter"})");
  ClientResponse stale =
      Call("PUT", "/api/v1/drafts/1", R"({"revision": 1, "content": {"lines": [1, 2]}})");

  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["revision"], 2);
  EXPECT_EQ(saved.Json()["channel"], "counter");
  EXPECT_EQ(saved.Json()["summary"], (Json{{"customer_name", ""}, {"line_count", 0}}));
  EXPECT_EQ(saved.Json()["updated_at"], "2026-11-28T10:00:30Z");
  ExpectStatusProblem(stale, 409);
  EXPECT_EQ(PathsOf(stale), std::vector<std::string>{"revision"});
  EXPECT_EQ(stale.Json()["current_revision"], 2);
  EXPECT_EQ(Call("GET", "/api/v1/drafts/1").Json()["content"], (Json{{"lines", Json::array()}}));
}

TEST_F(ServerTest, RefusesDraftContentThatIsNotAnObjectTooLargeOrHoldsACardNumber) {
  ClientResponse not_object =
      Create("/api/v1/drafts", R"({"channel": "phone", "content": []})", "bad-1");
  const std::string big =
      R"({"channel": "phone", "content": {"notes": ")" + std::string(65'536, 'x') + R"("}})";
  ClientResponse too_big = Create("/api/v1/drafts", big, "bad-2");
  ClientResponse card = Create(
      "/api/v1/drafts",
      R"({"channel": "phone", "content": {"payment": {"card": {"number": "4242424242424242"},)"
      R"( "cvv": "123"}}})",
      "bad-3");
  ClientResponse no_channel = Create("/api/v1/drafts", R"({"content": {}})", "bad-4");
  ClientResponse missing = Call("PUT", "/api/v1/drafts/1", R"({"content": {}})");

  ExpectStatusProblem(not_object, 422);
  EXPECT_EQ(PathsOf(not_object), std::vector<std::string>{"content"});
  ExpectStatusProblem(too_big, 422);
  EXPECT_EQ(PathsOf(too_big), std::vector<std::string>{"content"});
  ExpectStatusProblem(card, 422);
  EXPECT_THAT(PathsOf(card), ::testing::UnorderedElementsAre("content.payment.card.number",
                                                             "content.payment.cvv"));
  EXPECT_EQ(card.body.find("4242424242424242"), std::string::npos);
  ExpectStatusProblem(no_channel, 422);
  EXPECT_EQ(PathsOf(no_channel), std::vector<std::string>{"channel"});
  ExpectStatusProblem(missing, 422);
  EXPECT_EQ(PathsOf(missing), std::vector<std::string>{"revision"});
  EXPECT_EQ(Call("GET", "/api/v1/drafts").Json()["entries"], Json::array());
}

TEST_F(ServerTest, DeletesADraft) {
  ASSERT_EQ(Create("/api/v1/drafts", kDraftBody, "delete").status, 201);

  ClientResponse deleted = Call("DELETE", "/api/v1/drafts/1");

  EXPECT_EQ(deleted.status, 204);
  EXPECT_EQ(deleted.body, "");
  EXPECT_EQ(deleted.Header("Content-Length"), "");
  ExpectStatusProblem(Call("GET", "/api/v1/drafts/1"), 404);
  ExpectStatusProblem(Call("DELETE", "/api/v1/drafts/1"), 404);
}

TEST_F(ServerTest, AnswersNotFoundForDraftsThatDoNotExist) {
  for (const std::string id : {"7", "0", "x"}) {
    ExpectStatusProblem(Call("GET", "/api/v1/drafts/" + id), 404);
    ExpectStatusProblem(Call("PUT", "/api/v1/drafts/" + id, R"({"revision": 1, "content": {}})"),
                        404);
    ExpectStatusProblem(Call("DELETE", "/api/v1/drafts/" + id), 404);
  }
}

TEST_F(ServerTest, PlacingWithADraftsPlacementKeyDeletesTheDraft) {
  ClientResponse created = Create("/api/v1/drafts", kDraftBody, "draft-to-place");
  ASSERT_EQ(created.status, 201);
  ASSERT_EQ(Create("/api/v1/drafts", R"({"channel": "phone"})", "other-draft").status, 201);
  const std::string key = created.Json()["placement_key"];

  ClientResponse placed = Create("/api/v1/orders", DraftJson(), key);
  ClientResponse again = Create("/api/v1/orders", DraftJson(), key);

  ASSERT_EQ(placed.status, 201) << placed.body;
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(CountOrders(), 1u);
  ExpectStatusProblem(Call("GET", "/api/v1/drafts/1"), 404);
  EXPECT_EQ(Call("GET", "/api/v1/drafts/2").status, 200);
}

// Confirmations and history.

TEST_F(ServerTest, ConfirmsAnOrderAndShowsItsHistory) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "to-confirm").status, 201);
  clock_.Advance(std::chrono::minutes{1});

  ClientResponse confirmed = Create("/api/v1/orders/2026-000001/confirmations",
                                    R"({"revision": 1, "by": "Anna"})", "confirm-1");
  ClientResponse replayed = Create("/api/v1/orders/2026-000001/confirmations",
                                   R"({"revision": 1, "by": "Anna"})", "confirm-1");

  ASSERT_EQ(confirmed.status, 201) << confirmed.body;
  const Json confirmation{{"revision", 1},
                          {"by", "Anna"},
                          {"principal", "key:test"},
                          {"confirmed_at", "2026-11-28T10:01:00Z"}};
  EXPECT_EQ(confirmed.Json(), confirmation);
  EXPECT_EQ(replayed.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(replayed.body, confirmed.body);
  EXPECT_EQ(Call("GET", "/api/v1/orders/2026-000001").Json()["confirmations"],
            Json::array({confirmation}));
  ClientResponse history = Call("GET", "/api/v1/orders/2026-000001/history");
  ASSERT_EQ(history.status, 200);
  // Its warehouse task, due at once, was released by the placement (decision 0022).
  EXPECT_EQ(history.Json()["events"], Json::parse(R"json([
      {"at": "2026-11-28T10:00:00Z", "actor": "key:test", "kind": "placed", "detail": "revision 1"},
      {"at": "2026-11-28T10:00:00Z", "actor": "scheduler", "kind": "released",
       "detail": "task 1 (warehouse)"},
      {"at": "2026-11-28T10:01:00Z", "actor": "Anna", "kind": "confirmed",
       "detail": "revision 1, recorded by key:test"}])json"));
}

TEST_F(ServerTest, RefusesAConfirmationOfAnotherRevision) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "stale-confirm").status, 201);

  ClientResponse stale =
      Create("/api/v1/orders/2026-000001/confirmations", R"({"revision": 2})", "confirm-2");

  ExpectStatusProblem(stale, 409);
  EXPECT_EQ(PathsOf(stale), std::vector<std::string>{"revision"});
  EXPECT_EQ(stale.Json()["current_revision"], 1);
  EXPECT_EQ(Call("GET", "/api/v1/orders/2026-000001").Json()["confirmations"], Json::array());
}

TEST_F(ServerTest, RefusesAnInvalidConfirmationAndAnUnknownOrder) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "bad-confirm").status, 201);

  ClientResponse invalid = Create("/api/v1/orders/2026-000001/confirmations",
                                  R"({"revision": "one", "who": "x"})", "confirm-3");
  ClientResponse unknown =
      Create("/api/v1/orders/2026-000999/confirmations", R"({"revision": 1})", "confirm-4");

  ExpectStatusProblem(invalid, 422);
  EXPECT_THAT(PathsOf(invalid), ::testing::UnorderedElementsAre("revision", "who"));
  ExpectStatusProblem(unknown, 404);
  ExpectStatusProblem(Call("GET", "/api/v1/orders/2026-000999/history"), 404);
}

// Read-back.

TEST_F(ServerTest, ReadsAnOrderBackInEitherLocale) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "read-back").status, 201);

  ClientResponse italian = Call("GET", "/api/v1/orders/2026-000001/read-back");
  ClientResponse english = Call("GET", "/api/v1/orders/2026-000001/read-back?locale=en");

  ASSERT_EQ(italian.status, 200) << italian.body;
  EXPECT_EQ(italian.Json()["locale"], "it");
  EXPECT_THAT(italian.Json()["text"].get<std::string>(),
              HasSubstr("totale 54,17\u00a0\u20ac IVA inclusa, pagamento con carta che termina "
                        "con 4242"));
  ASSERT_EQ(english.status, 200);
  EXPECT_EQ(english.Json(),
            (Json{{"number", "2026-000001"},
                  {"revision", 1},
                  {"locale", "en"},
                  {"text",
                   "Order 2026-000001: 1 item (3 \u00d7 Item PEN-01), shipped to Via Roma 1, "
                   "Milano, total \u20ac54.17 including VAT, paid by card ending 4242. Expected "
                   "dispatch: Monday 30 November 2026."}}));
  ClientResponse bad = Call("GET", "/api/v1/orders/2026-000001/read-back?locale=de");
  ExpectStatusProblem(bad, 422);
  EXPECT_EQ(PathsOf(bad), std::vector<std::string>{"locale"});
  ExpectStatusProblem(Call("GET", "/api/v1/orders/2026-000999/read-back"), 404);
}

// Shipping methods.

TEST_F(ServerTest, ListsTheShippingMethodsWithTheirPriceLists) {
  ClientResponse listed = Call("GET", "/api/v1/shipping-methods");

  ASSERT_EQ(listed.status, 200) << listed.body;
  const Json entries = listed.Json()["entries"];
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["code"], "standard");
  EXPECT_EQ(entries[0]["name"], (Json{{"it", "Spedizione standard"}, {"en", "Standard shipping"}}));
  EXPECT_EQ(entries[0]["zones"][0],
            Json::parse(R"({"code": "IT", "countries": ["IT"], "brackets": [)"
                        R"({"max_grams": 2000, "charge": {"minor": 690, "currency": "EUR"}},)"
                        R"({"max_grams": 10000, "charge": {"minor": 990, "currency": "EUR"}},)"
                        R"({"max_grams": 30000, "charge": {"minor": 1490, "currency": "EUR"}}],)"
                        R"( "free_over": {"minor": 15000, "currency": "EUR"}})"));
  EXPECT_EQ(entries[0]["zones"][1]["countries"], Json::array({"*"}));
  EXPECT_TRUE(entries[0]["zones"][1]["free_over"].is_null());
  EXPECT_EQ(entries[1]["code"], "express");
  ClientResponse bad = Call("GET", "/api/v1/shipping-methods?zone=IT");
  ExpectStatusProblem(bad, 422);
  EXPECT_EQ(PathsOf(bad), std::vector<std::string>{"zone"});
  faults_.Set(Fault::kUnavailable);  // From the configuration: the database is not needed.
  EXPECT_EQ(Call("GET", "/api/v1/shipping-methods").Json(), listed.Json());
  faults_.Set(Fault::kNone);
}

// Card payments.

TEST_F(ServerTest, AuthorizesACardAndPlacesAnOrderPaidWithIt) {
  ClientResponse authorized = Create(
      "/api/v1/card-payments", R"({"amount": {"minor": 5417}, "reference": "draft 1"})", "card-1");
  ASSERT_EQ(authorized.status, 201) << authorized.body;
  const Json card = authorized.Json();
  EXPECT_EQ(card["brand"], "visa");
  EXPECT_EQ(card["last4"], "4242");
  EXPECT_EQ(card["status"], "authorized");
  EXPECT_EQ(card["amount"], (Json{{"minor", 5417}, {"currency", "EUR"}}));
  EXPECT_THAT(card["token"].get<std::string>(), MatchesRegex("tok_test_[0-9a-f]{16}"));
  EXPECT_EQ(Create("/api/v1/card-payments",
                   R"({"amount": {"minor": 5417}, "reference": "draft 1"})", "card-1")
                .Json()["token"],
            card["token"]);
  card_token_ = card["token"];

  ClientResponse placed = Create("/api/v1/orders", DraftJson(), "paid-by-card");

  EXPECT_EQ(placed.status, 201) << placed.body;
}

TEST_F(ServerTest, DeclinesACardOnTheTestTrigger) {
  ClientResponse declined =
      Create("/api/v1/card-payments", R"({"amount": {"minor": 1251}, "reference": "x"})", "card-2");

  ExpectStatusProblem(declined, 402);
  EXPECT_EQ(declined.Json()["type"], "urn:commesso:problem:card_declined");
  EXPECT_EQ(declined.Json()["reason"], "insufficient funds");
}

TEST_F(ServerTest, RefusesACardNumberOrABadAmountOnCardPayments) {
  ClientResponse secret =
      Create("/api/v1/card-payments",
             R"({"amount": {"minor": 100}, "reference": "x", "card_number": "4242424242424242",)"
             R"( "CVV": "123"})",
             "card-3");
  ClientResponse bad =
      Create("/api/v1/card-payments", R"({"amount": {"minor": 0, "currency": "USD"}})", "card-4");

  ExpectStatusProblem(secret, 422);
  EXPECT_THAT(PathsOf(secret), ::testing::UnorderedElementsAre("card_number", "CVV"));
  EXPECT_THAT(secret.body, HasSubstr("must never be sent"));
  EXPECT_EQ(secret.body.find("4242424242424242"), std::string::npos);
  ExpectStatusProblem(bad, 422);
  EXPECT_THAT(PathsOf(bad),
              ::testing::UnorderedElementsAre("amount.currency", "amount.minor", "reference"));
}

TEST_F(ServerTest, RefusesAnOrderWhoseCardTokenTheProcessorDoesNotKnow) {
  card_token_ = "tok_made_up";

  ClientResponse placed = Create("/api/v1/orders", DraftJson(), "unknown-token");

  ExpectStatusProblem(placed, 422);
  EXPECT_EQ(PathsOf(placed), std::vector<std::string>{"payment.card.token"});
  EXPECT_EQ(CountOrders(), 0u);
}

}  // namespace
}  // namespace commesso::http::testing
