#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server_fixture.h"

// The complaint routes over the real stores (/api/v1/complaints; docs/customer-care.md): opening
// one about an order's lines, its steps with their history and revisions, the queue, and who
// may do what.
namespace commesso::http::testing {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;

class ComplaintsTest : public ServerTest {
 protected:
  // Places an order of 10 PEN-01 and 2 BOOK-01; its number.
  std::string PlaceOrder() {
    const ClientResponse placed = Create(
        "/api/v1/orders",
        DraftJson(R"([{"sku": "PEN-01", "quantity": 10}, {"sku": "BOOK-01", "quantity": 2}])"),
        "order " + std::to_string(++orders_));
    EXPECT_EQ(placed.status, 201) << placed.body;
    return placed.Json().value("number", "");
  }

  // A complaint about 2 of the order's pens.
  static std::string Broken(const std::string& order, const std::string& priority = "normal") {
    return json{{"order_number", order},
                {"lines", {{{"line_no", 1}, {"quantity", 2}}}},
                {"reason", "damaged"},
                {"channel", "phone"},
                {"customer_words", "Two of the ten pens arrived broken."},
                {"priority", priority}}
        .dump();
  }

  // Opens `body` with `key`; the complaint's number.
  std::string Open(const std::string& body, const std::string& key) {
    const ClientResponse opened = Create("/api/v1/complaints", body, key);
    EXPECT_EQ(opened.status, 201) << opened.body;
    return opened.Json().value("number", "");
  }

  ClientResponse Step(const std::string& number, const std::string& step, const json& body) {
    return Call("POST", "/api/v1/complaints/" + number + "/" + step, body.dump());
  }

  // Every step but a comment, each with a body it accepts, decided on `revision`.
  static std::vector<std::pair<std::string, json>> Steps(int revision) {
    return {{"assign", {{"revision", revision}, {"owner", ""}}},
            {"forward", {{"revision", revision}, {"note", "To service"}}},
            {"start", {{"revision", revision}}},
            {"await-customer", {{"revision", revision}}},
            {"resolve", {{"revision", revision}, {"outcome", "Sorted"}}},
            {"reject", {{"revision", revision}, {"reason", "Not ours"}}},
            {"close", {{"revision", revision}}},
            {"reopen", {{"revision", revision}, {"reason", "Again"}}}};
  }

  int orders_ = 0;
};

TEST_F(ComplaintsTest, OpensAComplaintAboutOrderLinesAndReadsItBack) {
  const std::string order = PlaceOrder();

  const ClientResponse opened = Create("/api/v1/complaints", Broken(order), "c1");
  const ClientResponse read = Call("GET", "/api/v1/complaints/RCL-2026-000001");

  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.Header("Location"), "/api/v1/complaints/RCL-2026-000001");
  const json body = opened.Json();
  EXPECT_EQ(body["number"], "RCL-2026-000001");
  EXPECT_EQ(body["revision"], 1);
  EXPECT_EQ(body["status"], "open");
  EXPECT_EQ(body["order_number"], order);
  EXPECT_EQ(body["lines"], json::parse(R"([{"line_no": 1, "quantity": 2, "sku": "PEN-01",
      "name": {"it": "Articolo PEN-01", "en": "Item PEN-01"}, "ordered": 10}])"));
  EXPECT_EQ(body["reason"], "damaged");
  EXPECT_EQ(body["channel"], "phone");
  EXPECT_EQ(body["priority"], "normal");
  EXPECT_EQ(body["owner"], nullptr);
  EXPECT_EQ(body["opened_by"], "key:test");
  // Opened on Saturday: 18 working hours of customer service in Rome (09:00-18:00, Monday to
  // Friday) end on Tuesday at 18:00 in Rome.
  EXPECT_EQ(body["due_at"], "2026-12-01T17:00:00Z");
  EXPECT_EQ(body["overdue"], false);
  EXPECT_EQ(body["history"], json::parse(R"([{"at": "2026-11-28T10:00:00Z",
      "actor": "key:test", "action": "opened", "from": null, "to": "open", "note": null}])"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json(), body);
}

TEST_F(ComplaintsTest, ReplaysAnOpeningWithItsFirstAnswerAndTakesNoSecondNumber) {
  const std::string order = PlaceOrder();
  const ClientResponse first = Create("/api/v1/complaints", Broken(order), "c1");
  ASSERT_EQ(Step("RCL-2026-000001", "forward", {{"revision", 1}, {"note", "To service"}}).status,
            200);

  const ClientResponse again = Create("/api/v1/complaints", Broken(order), "c1");
  const ClientResponse other = Create("/api/v1/complaints", Broken(order, "high"), "c1");
  const ClientResponse next = Create("/api/v1/complaints", Broken(order), "c2");

  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);  // As opened, though it was forwarded since.
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  ExpectStatusProblem(other, 422);
  EXPECT_THAT(PathsOf(other), ElementsAre("Idempotency-Key"));
  EXPECT_EQ(next.Json()["number"], "RCL-2026-000002");
}

TEST_F(ComplaintsTest, OpensAGeneralComplaintWithoutAnOrderOrLines) {
  const ClientResponse opened = Create("/api/v1/complaints", R"({"reason": "service",
      "channel": "counter", "customer_words": "Nobody answered the phone\nfor an hour.",
      "priority": "urgent"})",
                                       "general");

  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.Json()["order_number"], nullptr);
  EXPECT_EQ(opened.Json()["lines"], json::array());
  // Four working hours from Monday 09:00 in Rome.
  EXPECT_EQ(opened.Json()["due_at"], "2026-11-30T12:00:00Z");
}

TEST_F(ComplaintsTest, RefusesBadInputNamingEveryField) {
  const std::string order = PlaceOrder();
  struct Case {
    std::string body;
    std::vector<std::string> paths;
  };
  const std::vector<Case> cases = {
      {R"({"order_number": "2026-999999", "lines": [{"line_no": 1, "quantity": 1}],
           "reason": "damaged", "channel": "phone", "customer_words": "x"})",
       {"order_number"}},
      {R"({"order_number": ")" + order + R"(", "lines": [{"line_no": 3, "quantity": 1},
           {"line_no": 1, "quantity": 11}, {"line_no": 2, "quantity": 0},
           {"line_no": 2, "quantity": 1}], "reason": "damaged", "channel": "phone",
           "customer_words": ""})",
       {"customer_words", "lines[0].line_no", "lines[1].quantity", "lines[2].quantity",
        "lines[3].line_no"}},
      {R"({"lines": [{"line_no": 1, "quantity": 1}], "reason": "late", "channel": "web",
           "customer_words": "x"})",
       {"lines"}},
      {R"({"reason": "broken", "channel": "fax", "customer_words": 5, "priority": "asap",
           "colour": "red"})",
       {"reason", "channel", "customer_words", "priority", "colour"}},
      {R"({"order_number": 12, "lines": [{"line_no": "1"}], "reason": "other",
           "channel": "mail", "customer_words": "x"})",
       {"order_number", "lines[0].line_no", "lines[0].quantity"}},
  };

  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& test = cases[i];
    SCOPED_TRACE(test.body);
    const ClientResponse refused =
        Create("/api/v1/complaints", test.body, "bad " + std::to_string(i));

    ExpectStatusProblem(refused, 422);
    EXPECT_THAT(PathsOf(refused), ::testing::UnorderedElementsAreArray(test.paths));
  }
  // Nothing was stored and no number was taken.
  EXPECT_EQ(Call("GET", "/api/v1/complaints").Json()["entries"], json::array());
  EXPECT_EQ(Open(Broken(order), "good"), "RCL-2026-000001");
}

TEST_F(ComplaintsTest, WorksAComplaintThroughEveryStepWritingItsHistory) {
  AddUser("anna", Role::kCustomerService);
  const std::string number = Open(Broken(PlaceOrder()), "c1");

  const ClientResponse commented = Step(number, "comments", {{"text", "Called back"}});
  const ClientResponse forwarded = Step(number, "forward", {{"revision", 1}, {"note", "Replace"}});
  const ClientResponse assigned = Step(number, "assign", {{"revision", 2}, {"owner", "anna"}});
  const ClientResponse started = Step(number, "start", {{"revision", 3}});
  const ClientResponse awaiting = Step(number, "await-customer", {{"revision", 4}});
  const ClientResponse restarted = Step(number, "start", {{"revision", 5}});
  const ClientResponse resolved =
      Step(number, "resolve", {{"revision", 6}, {"outcome", "Two pens sent"}});
  const ClientResponse closed = Step(number, "close", {{"revision", 7}});
  const ClientResponse reopened =
      Step(number, "reopen", {{"revision", 8}, {"reason", "One more broken"}});
  const ClientResponse rejected =
      Step(number, "reject", {{"revision", 9}, {"reason", "Broken by the customer"}});

  for (const ClientResponse* response : {&commented, &forwarded, &assigned, &started, &awaiting,
                                         &restarted, &resolved, &closed, &reopened, &rejected}) {
    EXPECT_EQ(response->status, 200) << response->body;
  }
  EXPECT_EQ(commented.Json()["revision"], 1);
  EXPECT_EQ(forwarded.Json()["status"], "forwarded");
  EXPECT_EQ(assigned.Json()["owner"], "anna");
  EXPECT_EQ(started.Json()["status"], "in_progress");
  EXPECT_EQ(awaiting.Json()["status"], "awaiting_customer");
  EXPECT_EQ(resolved.Json()["outcome"], "Two pens sent");
  EXPECT_EQ(closed.Json()["status"], "closed");
  EXPECT_EQ(reopened.Json()["outcome"], nullptr);
  const json body = rejected.Json();
  EXPECT_EQ(body["status"], "rejected");
  EXPECT_EQ(body["revision"], 10);
  EXPECT_EQ(body["outcome"], "Broken by the customer");
  std::vector<std::string> steps;
  for (const json& event : body["history"]) {
    steps.push_back(event["action"].get<std::string>() + " " +
                    (event["from"].is_null() ? "-" : event["from"].get<std::string>()) + ">" +
                    (event["to"].is_null() ? "-" : event["to"].get<std::string>()) + " " +
                    (event["note"].is_null() ? "-" : event["note"].get<std::string>()));
  }
  EXPECT_THAT(steps,
              ElementsAre("opened ->open -", "commented ->- Called back",
                          "forwarded open>forwarded Replace", "assigned ->- anna",
                          "started forwarded>in_progress -",
                          "awaiting_customer in_progress>awaiting_customer -",
                          "started awaiting_customer>in_progress -",
                          "resolved in_progress>resolved Two pens sent", "closed resolved>closed -",
                          "reopened closed>in_progress One more broken",
                          "rejected in_progress>rejected Broken by the customer"));
  EXPECT_EQ(body["history"][1]["actor"], "key:test");
}

TEST_F(ComplaintsTest, RefusesAStaleRevisionAndAStepTheStatusDoesNotAllowWith409) {
  const std::string number = Open(Broken(PlaceOrder()), "c1");
  ASSERT_EQ(Step(number, "forward", {{"revision", 1}, {"note", "To service"}}).status, 200);

  // A second agent decided on what they saw before the forward.
  const ClientResponse stale = Step(number, "resolve", {{"revision", 1}, {"outcome", "Sorted"}});
  const ClientResponse closing = Step(number, "close", {{"revision", 2}});

  ExpectStatusProblem(stale, 409);
  EXPECT_THAT(PathsOf(stale), ElementsAre("revision"));
  EXPECT_EQ(stale.Json()["current_revision"], 2);
  EXPECT_EQ(stale.Json()["current_status"], "forwarded");
  ExpectStatusProblem(closing, 409);
  EXPECT_THAT(PathsOf(closing), ElementsAre("status"));
  EXPECT_EQ(closing.Json()["current_status"], "forwarded");
  EXPECT_EQ(closing.Json()["detail"], "A complaint that is forwarded cannot be closed.");
  for (const auto& [step, body] : Steps(1)) {
    SCOPED_TRACE(step);
    const ClientResponse refused = Step(number, step, body);
    ExpectStatusProblem(refused, 409);
    EXPECT_THAT(PathsOf(refused), ElementsAre("revision"));
    EXPECT_EQ(refused.Json()["current_revision"], 2);
  }
  const json now = Call("GET", "/api/v1/complaints/" + number).Json();
  EXPECT_EQ(now["revision"], 2);
  EXPECT_EQ(now["history"].size(), 2u);
}

TEST_F(ComplaintsTest, RefusesAStepWithoutItsTextOrRevisionOrForAnUnknownComplaint) {
  AddUser("fulfiller", Role::kFulfillment);
  const std::string number = Open(Broken(PlaceOrder()), "c1");

  const ClientResponse no_note = Step(number, "forward", {{"revision", 1}});
  const ClientResponse no_revision = Step(number, "resolve", {{"outcome", "Sorted"}});
  const ClientResponse bad_revision = Step(number, "start", {{"revision", "one"}, {"note", 5}});
  const ClientResponse no_text = Step(number, "comments", json::object());
  const ClientResponse card = Step(number, "comments", {{"text", "card 4111 1111 1111 1111"}});
  const ClientResponse no_owner = Step(number, "assign", {{"revision", 1}});
  const ClientResponse not_a_worker =
      Step(number, "assign", {{"revision", 1}, {"owner", "fulfiller"}});
  const ClientResponse unknown = Step("RCL-2026-000009", "start", {{"revision", 1}});
  const ClientResponse unknown_read = Call("GET", "/api/v1/complaints/RCL-2026-000009");

  for (const auto& [response, path] :
       std::vector<std::pair<const ClientResponse*, std::vector<std::string>>>{
           {&no_note, {"note"}},
           {&no_revision, {"revision"}},
           {&bad_revision, {"revision", "note"}},
           {&no_text, {"text"}},
           {&card, {"text"}},
           {&no_owner, {"owner"}},
           {&not_a_worker, {"owner"}}}) {
    ExpectStatusProblem(*response, 422);
    EXPECT_THAT(PathsOf(*response), ::testing::UnorderedElementsAreArray(path)) << response->body;
  }
  EXPECT_EQ(card.body.find("4111"), std::string::npos);
  ExpectStatusProblem(unknown, 404);
  ExpectStatusProblem(unknown_read, 404);
  for (const auto& [step, body] : Steps(1)) {
    ExpectStatusProblem(Step("RCL-2026-000009", step, body), 404);
  }
  ExpectStatusProblem(Step("RCL-2026-000009", "comments", {{"text", "Hello"}}), 404);
  EXPECT_EQ(Call("GET", "/api/v1/complaints/" + number).Json()["history"].size(), 1u);
}

TEST_F(ComplaintsTest, ListsTheQueueOverdueFirstThenByDueTimeWithFilters) {
  AddUser("anna", Role::kCustomerService);
  const std::string order = PlaceOrder();
  const std::string normal = Open(Broken(order, "normal"), "n");  // Due Tuesday 17:00Z.
  const std::string urgent = Open(Broken(order, "urgent"), "u");  // Due Monday 12:00Z.
  const std::string low = Open(Broken(order, "low"), "l");        // Due the next Friday.
  const std::string high = Open(Broken(order, "high"), "h");      // Due Monday 17:00Z.
  ASSERT_EQ(Step(high, "assign", {{"revision", 1}, {"owner", "anna"}}).status, 200);
  ASSERT_EQ(Step(high, "resolve", {{"revision", 2}, {"outcome", "Refunded"}}).status, 200);
  ASSERT_EQ(Step(low, "forward", {{"revision", 1}, {"note", "Check"}}).status, 200);
  clock_.Advance(std::chrono::hours{2 * 24 + 8});  // Monday 18:00Z: urgent is overdue.
  const auto numbers = [&](const std::string& query) {
    std::vector<std::string> listed;
    const ClientResponse response = Call("GET", "/api/v1/complaints" + query);
    EXPECT_EQ(response.status, 200) << response.body;
    const json body = response.Json();
    for (const json& entry : body["entries"]) listed.push_back(entry["number"]);
    return listed;
  };

  EXPECT_THAT(numbers(""), ElementsAre(urgent, high, normal, low));
  EXPECT_THAT(numbers("?overdue=true"), ElementsAre(urgent));
  EXPECT_EQ(Call("GET", "/api/v1/complaints?overdue=true").Json()["entries"][0]["overdue"], true);
  EXPECT_THAT(numbers("?status=forwarded"), ElementsAre(low));
  EXPECT_THAT(numbers("?owner=anna"), ElementsAre(high));
  EXPECT_THAT(numbers("?reason=damaged&order_number=" + order),
              ElementsAre(urgent, high, normal, low));
  EXPECT_THAT(numbers("?reason=late"), ElementsAre());
  const json page = Call("GET", "/api/v1/complaints?limit=3").Json();
  ASSERT_EQ(page["entries"].size(), 3u);
  EXPECT_THAT(numbers("?limit=3&cursor=" + page["next_cursor"].get<std::string>()),
              ElementsAre(low));
  const ClientResponse bad = Call("GET", "/api/v1/complaints?status=lost&overdue=yes&colour=red");
  ExpectStatusProblem(bad, 422);
  EXPECT_THAT(PathsOf(bad), ::testing::UnorderedElementsAre("status", "overdue", "colour"));
}

TEST_F(ComplaintsTest, TheClerkOpensForwardsAndResolvesServiceDoesAllFulfillmentNothing) {
  const std::string order = PlaceOrder();
  for (Role role : {Role::kClerk, Role::kCustomerService, Role::kFulfillment}) {
    AddUser(std::string(Name(role)), role);
  }
  const Login clerk = SignIn("clerk", "clerk-password");
  const Login service = SignIn("customer_service", "customer_service-password");
  const Login fulfillment = SignIn("fulfillment", "fulfillment-password");
  const auto step = [&](const Login& login, const std::string& number, const std::string& what,
                        const json& body) {
    return CallAs(login, "POST", "/api/v1/complaints/" + number + "/" + what, body.dump());
  };

  const ClientResponse by_clerk =
      CallAs(clerk, "POST", "/api/v1/complaints", Broken(order), {{"Idempotency-Key", "k"}});
  const std::string number = by_clerk.Json().value("number", "");
  const ClientResponse clerk_starts = step(clerk, number, "start", {{"revision", 1}});
  const ClientResponse clerk_resolves =
      step(clerk, number, "resolve", {{"revision", 1}, {"outcome", "Sent two new pens"}});
  const ClientResponse clerk_closes = step(clerk, number, "close", {{"revision", 2}});
  const ClientResponse service_closes = step(service, number, "close", {{"revision", 2}});
  const ClientResponse service_reopens =
      step(service, number, "reopen", {{"revision", 3}, {"reason", "Wrong colour sent"}});
  const ClientResponse warehouse_reads = CallAs(fulfillment, "GET", "/api/v1/complaints/" + number);
  const ClientResponse warehouse_opens =
      CallAs(fulfillment, "POST", "/api/v1/complaints", Broken(order), {{"Idempotency-Key", "w"}});

  EXPECT_EQ(by_clerk.status, 201) << by_clerk.body;
  EXPECT_EQ(by_clerk.Json()["opened_by"], "clerk");
  ExpectStatusProblem(clerk_starts, 403);
  EXPECT_EQ(clerk_starts.Json()["permission"], "complaints:manage");
  EXPECT_EQ(clerk_resolves.status, 200) << clerk_resolves.body;
  ExpectStatusProblem(clerk_closes, 403);
  EXPECT_EQ(service_closes.status, 200) << service_closes.body;
  EXPECT_EQ(service_reopens.status, 200) << service_reopens.body;
  EXPECT_EQ(service_reopens.Json()["owner"], nullptr);
  ExpectStatusProblem(warehouse_reads, 403);
  EXPECT_EQ(warehouse_reads.Json()["permission"], "complaints:read");
  ExpectStatusProblem(warehouse_opens, 403);
}

TEST_F(ComplaintsTest, AnApiKeyReachesOnlyTheComplaintScopesItHas) {
  const std::string number = Open(Broken(PlaceOrder()), "c1");
  const std::string key = "cmso_desk_0123456789abcdef0123456789abcdef";
  ASSERT_TRUE(identities_
                  ->CreateApiKey(ApiKey{.name = "desk",
                                        .prefix = "cmso_desk",
                                        .secret_hash = credentials_.Digest(key),
                                        .scopes = {Permission::kComplaintsRead},
                                        .created_at = clock_.Now()})
                  .has_value());
  const Headers as_desk = {{"Authorization", "Bearer " + key}};

  EXPECT_EQ(Call("GET", "/api/v1/complaints/" + number, "", as_desk).status, 200);
  const ClientResponse refused =
      Call("POST", "/api/v1/complaints/" + number + "/comments", R"({"text": "x"})", as_desk);
  ExpectStatusProblem(refused, 403);
  EXPECT_EQ(refused.Json()["permission"], "complaints:write");
}

TEST_F(ComplaintsTest, AReopenedComplaintIsDueAgainFromItsReopening) {
  const std::string number = Open(Broken(PlaceOrder(), "urgent"), "c1");
  ASSERT_EQ(Step(number, "resolve", {{"revision", 1}, {"outcome", "Sorted"}}).status, 200);
  clock_.Advance(std::chrono::hours{24 * 7});  // The next Saturday.

  const ClientResponse reopened = Step(number, "reopen", {{"revision", 2}, {"reason", "Not"}});

  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.Json()["due_at"], "2026-12-07T12:00:00Z");
  EXPECT_EQ(reopened.Json()["overdue"], false);
}

}  // namespace
}  // namespace commesso::http::testing
