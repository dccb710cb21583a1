#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server_fixture.h"

// The fulfillment routes over the real stores: queues, tasks, claims, picks, shipments, holds,
// cancellation and escalations (/api/v1/departments, /tasks, /orders/{number}/fulfillment …).
namespace commesso::http::testing {
namespace {

using ::testing::ElementsAre;

class FulfillmentTest : public ServerTest {
 protected:
  // Places an order of `lines` through the API and runs the scheduler; its number.
  std::string PlaceAndRelease(const std::string& lines, const std::string& key) {
    const ClientResponse placed = Create("/api/v1/orders", DraftJson(lines), key);
    EXPECT_EQ(placed.status, 201) << placed.body;
    RunScheduler();
    return placed.Json().value("number", "");
  }

  std::string Place(const std::string& lines, const std::string& key) {
    const ClientResponse placed = Create("/api/v1/orders", DraftJson(lines), key);
    EXPECT_EQ(placed.status, 201) << placed.body;
    return placed.Json().value("number", "");
  }

  // The id of the first task of order `number`.
  std::string TaskOf(const std::string& number) {
    const nlohmann::json body = Call("GET", "/api/v1/orders/" + number + "/fulfillment").Json();
    if (!body.contains("tasks") || body["tasks"].empty()) return "0";
    return std::to_string(body["tasks"][0]["id"].get<std::int64_t>());
  }

  ClientResponse Ship(const std::string& task, const std::string& body, const std::string& key) {
    return Call("POST", "/api/v1/tasks/" + task + "/shipments", body, {{"Idempotency-Key", key}});
  }

  ClientResponse Post(const std::string& target, const std::string& body = "{}") {
    return Call("POST", target, body);
  }
};

TEST_F(FulfillmentTest, ListsTheDepartmentsWithTheirScheduleAndStatistics) {
  PlaceAndRelease(R"([{"sku": "PEN-01", "quantity": 3}])", "o1");

  const ClientResponse response = Call("GET", "/api/v1/departments");

  ASSERT_EQ(response.status, 200) << response.body;
  const nlohmann::json items = response.Json()["items"];
  ASSERT_EQ(items.size(), 2u);
  const nlohmann::json& warehouse = items[0];
  EXPECT_EQ(warehouse["code"], "warehouse");
  EXPECT_EQ(warehouse["name"], "Magazzino");  // The business's locale for an API key.
  EXPECT_EQ(warehouse["ships"], true);
  EXPECT_EQ(warehouse["working_days"][0], "mon");
  EXPECT_EQ(warehouse["opens"], "09:00");
  EXPECT_EQ(warehouse["time_zone"], "Europe/Rome");
  EXPECT_EQ(warehouse["release"]["kind"], "immediate");
  EXPECT_TRUE(warehouse["next_release"].is_null());
  EXPECT_EQ(warehouse["escalate_after_minutes"], 30);
  EXPECT_EQ(warehouse["lease_seconds"], 600);
  EXPECT_EQ(warehouse["stats"]["queued"], 1);
  EXPECT_TRUE(warehouse["stats"]["mean_time_in_queue_seconds"].is_null());
  EXPECT_EQ(items[1]["ships"], false);
  EXPECT_EQ(items[1]["stats"]["queued"], 0);
  ExpectStatusProblem(Call("GET", "/api/v1/departments?x=1"), 422);
}

TEST_F(FulfillmentTest, APickListWalksTheCatalogsCurrentLocations) {
  // BOOK-01 on a shelf before PEN-01's; LIMITED has no location and comes last.
  ASSERT_EQ(Call("PUT", "/api/v1/items/PEN-01",
                 R"({"name": {"it": "Penna"}, "unit_price": {"minor": 1250}, "weight_grams": 10,
                     "location": "B-10-1"})")
                .status,
            200);
  PlaceAndRelease(
      R"([{"sku": "LIMITED", "quantity": 1}, {"sku": "PEN-01", "quantity": 3},
          {"sku": "BOOK-01", "quantity": 2}])",
      "o1");
  // Shelved after the order was placed: the list says where it is now.
  ASSERT_EQ(Call("PUT", "/api/v1/items/BOOK-01",
                 R"({"name": {"it": "Libro"}, "unit_price": {"minor": 1800},
                     "tax_category": "reduced", "weight_grams": 10, "location": "B-9-3"})")
                .status,
            200);

  ClientResponse list = Call("GET", "/api/v1/departments/warehouse/pick-list");

  ASSERT_EQ(list.status, 200) << list.body;
  const nlohmann::json rows = list.Json()["rows"];
  ASSERT_EQ(rows.size(), 3u) << list.body;
  EXPECT_EQ(rows[0]["sku"], "BOOK-01");
  EXPECT_EQ(rows[0]["location"], "B-9-3");
  EXPECT_EQ(rows[1]["sku"], "PEN-01");
  EXPECT_EQ(rows[1]["location"], "B-10-1");
  EXPECT_EQ(rows[2]["sku"], "LIMITED");
  EXPECT_EQ(rows[2]["location"], "");
  const ClientResponse text = Call("GET", "/api/v1/departments/warehouse/pick-list?format=text");
  ASSERT_EQ(text.status, 200);
  EXPECT_LT(text.body.find("B-9-3"), text.body.find("B-10-1")) << text.body;
}

TEST_F(FulfillmentTest, WorksATaskFromTheQueueToItsShipment) {
  const std::string number = PlaceAndRelease(R"([{"sku": "PEN-01", "quantity": 3}])", "o1");

  ClientResponse queue = Call("GET", "/api/v1/departments/warehouse/queue");
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.Json()["items"].size(), 1u);
  const nlohmann::json task = queue.Json()["items"][0];
  const std::string id = std::to_string(task["id"].get<std::int64_t>());
  EXPECT_EQ(task["order"], number);
  EXPECT_EQ(task["department_name"], "Magazzino");
  EXPECT_EQ(task["state"], "released");
  EXPECT_EQ(task["lines"][0]["sku"], "PEN-01");
  EXPECT_EQ(task["lines"][0]["quantity"], 3);
  EXPECT_EQ(task["released_at"], "2026-11-28T10:00:00Z");
  EXPECT_EQ(task["age_seconds"], 0);
  EXPECT_EQ(task["escalate_at"], "2026-11-30T08:30:00Z");  // Monday 09:30 in Rome.
  EXPECT_TRUE(task["claimed_by"].is_null());
  EXPECT_EQ(task["customer_name"], "Mario Rossi");
  EXPECT_EQ(task["shipping_method"], "standard");
  EXPECT_EQ(Call("GET", "/api/v1/tasks/" + id).Json(), task);

  ClientResponse claimed = Post("/api/v1/tasks/" + id + "/claim");
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  EXPECT_EQ(claimed.Json()["claimed_by"], "key:test");
  EXPECT_EQ(claimed.Json()["lease_until"], "2026-11-28T10:10:00Z");
  EXPECT_EQ(claimed.Json()["state"], "in_progress");
  ClientResponse given_back = Call("DELETE", "/api/v1/tasks/" + id + "/claim");
  ASSERT_EQ(given_back.status, 200) << given_back.body;
  EXPECT_TRUE(given_back.Json()["claimed_by"].is_null());
  ASSERT_EQ(Post("/api/v1/tasks/" + id + "/claim", "").status, 200);
  ClientResponse acknowledged = Post("/api/v1/tasks/" + id + "/acknowledgement");
  ASSERT_EQ(acknowledged.status, 200) << acknowledged.body;
  EXPECT_EQ(acknowledged.Json()["acknowledged_by"], "key:test");

  ClientResponse list = Call("GET", "/api/v1/departments/warehouse/pick-list");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json()["rows"][0]["sku"], "PEN-01");
  EXPECT_EQ(list.Json()["rows"][0]["total"], 3);
  for (const char* format : {"text", "html", "pdf"}) {
    EXPECT_EQ(Call("GET", "/api/v1/tasks/" + id + "/pick-list?format=" + format).status, 200)
        << format;
  }
  ClientResponse picked = Call("PUT", "/api/v1/tasks/" + id + "/picks",
                               R"({"lines": [{"line_no": 1, "quantity": 2}]})");
  ASSERT_EQ(picked.status, 200) << picked.body;
  EXPECT_EQ(picked.Json()["lines"][0]["picked"], 2);

  ClientResponse shipped = Ship(id, R"({"carrier": "BRT", "tracking_number": "123"})", "s1");
  ASSERT_EQ(shipped.status, 201) << shipped.body;
  EXPECT_EQ(shipped.Json()["state"], "partly_shipped");
  EXPECT_EQ(shipped.Json()["lines"][0]["backordered"], 1);
  EXPECT_EQ(shipped.Json()["shipments"][0]["lines"][0]["quantity"], 2);
  EXPECT_EQ(shipped.Json()["shipments"][0]["shipped_by"], "key:test");
  // A retry with the same key is the same shipment.
  ClientResponse replay = Ship(id, R"({"carrier": "BRT", "tracking_number": "123"})", "s1");
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.Json()["shipments"].size(), 1u);
  ClientResponse rest = Ship(
      id,
      R"({"carrier": "BRT", "tracking_number": "124", "lines": [{"line_no": 1, "quantity": 1}]})",
      "s2");
  ASSERT_EQ(rest.status, 201) << rest.body;
  EXPECT_EQ(rest.Json()["state"], "shipped");

  ClientResponse fulfillment = Call("GET", "/api/v1/orders/" + number + "/fulfillment");
  ASSERT_EQ(fulfillment.status, 200) << fulfillment.body;
  EXPECT_EQ(fulfillment.Json()["status"], "shipped");
  EXPECT_EQ(fulfillment.Json()["tasks"].size(), 1u);
  EXPECT_TRUE(fulfillment.Json()["holds"].empty());
  EXPECT_EQ(Call("GET", "/api/v1/orders/" + number).Json()["status"], "shipped");
}

TEST_F(FulfillmentTest, CompletesAServiceTask) {
  const std::string number = PlaceAndRelease(R"([{"sku": "SETUP", "quantity": 1}])", "o1");
  const std::string id = TaskOf(number);

  ClientResponse done = Post("/api/v1/tasks/" + id + "/completion");

  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["state"], "done");
  EXPECT_EQ(done.Json()["department"], "services");
  EXPECT_EQ(Call("GET", "/api/v1/orders/" + number + "/fulfillment").Json()["status"], "done");
}

// Issue 5: a service line carries the day and window the customer asked for, from the order
// to its read-back and to the service department's task.
TEST_F(FulfillmentTest, CarriesAServiceAppointmentFromTheOrderToItsTask) {
  const nlohmann::json appointment = {
      {"date", "2026-12-03"}, {"from", "09:00"}, {"until", "12:00"}};
  const std::string lines = R"([{"sku": "PEN-01", "quantity": 2}, {"sku": "SETUP", "quantity": 1,)"
                            R"( "appointment": )" +
                            appointment.dump() + "}]";

  const ClientResponse quote = Call("POST", "/api/v1/quotes", DraftJson(lines));
  const std::string number = PlaceAndRelease(lines, "o1");
  const ClientResponse order = Call("GET", "/api/v1/orders/" + number);
  const ClientResponse fulfillment = Call("GET", "/api/v1/orders/" + number + "/fulfillment");
  const ClientResponse read_back = Call("GET", "/api/v1/orders/" + number + "/read-back?locale=en");

  ASSERT_EQ(quote.status, 200) << quote.body;
  EXPECT_EQ(quote.Json()["lines"][1]["appointment"], appointment);
  EXPECT_FALSE(quote.Json()["lines"][0].contains("appointment"));
  ASSERT_EQ(order.status, 200) << order.body;
  EXPECT_EQ(order.Json()["lines"][1]["appointment"], appointment);
  EXPECT_FALSE(order.Json()["lines"][0].contains("appointment"));
  ASSERT_EQ(fulfillment.status, 200) << fulfillment.body;
  const nlohmann::json tasks = fulfillment.Json()["tasks"];
  ASSERT_EQ(tasks.size(), 2u) << fulfillment.body;
  for (const nlohmann::json& task : tasks) {
    SCOPED_TRACE(task["department"].get<std::string>());
    ASSERT_EQ(task["lines"].size(), 1u);
    const nlohmann::json& line = task["lines"][0];
    if (task["department"] == "services") {
      EXPECT_EQ(line["line_no"], 2);
      EXPECT_EQ(line["appointment"], appointment);
    } else {
      EXPECT_EQ(line["line_no"], 1);
      EXPECT_TRUE(line["appointment"].is_null());
    }
  }
  const ClientResponse task =
      Call("GET", "/api/v1/tasks/" + std::to_string(tasks[1]["id"].get<std::int64_t>()));
  ASSERT_EQ(task.status, 200) << task.body;
  EXPECT_EQ(task.Json()["lines"][0]["appointment"], tasks[1]["lines"][0]["appointment"]);
  ASSERT_EQ(read_back.status, 200) << read_back.body;
  EXPECT_THAT(read_back.Json()["text"].get<std::string>(),
              ::testing::HasSubstr("on 3 December 2026 between 9:00 and 12:00"));
}

TEST_F(FulfillmentTest, RefusesAnAppointmentOnGoodsOrOutsideTheDay) {
  const ClientResponse goods = Create(
      "/api/v1/orders",
      DraftJson(R"([{"sku": "PEN-01", "quantity": 1, "appointment": {"date": "2026-12-03"}},)"
                R"( {"sku": "SETUP", "quantity": 1, "appointment": {"date": "2026-12-32"}},)"
                R"( {"sku": "SETUP", "quantity": 1,)"
                R"(  "appointment": {"date": "2026-12-03", "from": "12:00", "until": "09:00"}}])"),
      "o1");
  const ClientResponse shape = Call(
      "POST", "/api/v1/quotes",
      DraftJson(R"([{"sku": "SETUP", "quantity": 1, "appointment": {"date": "3 dicembre"}}])"));

  ExpectStatusProblem(goods, 422);
  EXPECT_EQ(PathsOf(goods),
            (std::vector<std::string>{"lines[0].appointment", "lines[1].appointment.date",
                                      "lines[2].appointment.until"}))
      << goods.body;
  ExpectStatusProblem(shape, 422);
  EXPECT_EQ(PathsOf(shape), std::vector<std::string>{"lines[0].appointment.date"}) << shape.body;
}

TEST_F(FulfillmentTest, AnswersNotFoundForUnknownTasksDepartmentsAndOrders) {
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/tasks/99"},
           {"GET", "/api/v1/tasks/abc"},
           {"GET", "/api/v1/tasks/99/pick-list"},
           {"POST", "/api/v1/tasks/99/claim"},
           {"DELETE", "/api/v1/tasks/99/claim"},
           {"POST", "/api/v1/tasks/99/acknowledgement"},
           {"PUT", "/api/v1/tasks/99/picks"},
           {"POST", "/api/v1/tasks/99/completion"},
           {"GET", "/api/v1/departments/nowhere/queue"},
           {"GET", "/api/v1/departments/nowhere/pick-list"},
           {"GET", "/api/v1/orders/2026-999999/fulfillment"},
           {"POST", "/api/v1/orders/2026-999999/holds"},
           {"DELETE", "/api/v1/orders/2026-999999/holds/manual"},
           {"POST", "/api/v1/orders/2026-999999/cancellation"}}) {
    SCOPED_TRACE(method + " " + target);
    std::string body;
    if (target.ends_with("picks")) body = R"({"lines": [{"line_no": 1, "quantity": 1}]})";
    if (target.ends_with("holds")) body = R"({"kind": "manual", "reason": "x"})";
    if (target.ends_with("cancellation")) body = R"({"reason": "x"})";
    if (method == "POST" && body.empty()) body = "{}";
    ExpectStatusProblem(Call(method, target, body), 404);
  }
  ExpectStatusProblem(Ship("99", R"({"carrier": "BRT", "tracking_number": "1"})", "k"), 404);
}

TEST_F(FulfillmentTest, RefusesStateConflictsNamingTheField) {
  const std::string number = PlaceAndRelease(R"([{"sku": "PEN-01", "quantity": 3}])", "o1");
  const std::string id = TaskOf(number);
  AddUser("franco", Role::kFulfillment);
  AddUser("gina", Role::kFulfillment);
  const Login franco = SignIn("franco", "franco-password");
  const Login gina = SignIn("gina", "gina-password");

  ASSERT_EQ(CallAs(franco, "POST", "/api/v1/tasks/" + id + "/claim", "{}").status, 200);
  const ClientResponse taken = CallAs(gina, "POST", "/api/v1/tasks/" + id + "/claim", "{}");
  ExpectStatusProblem(taken, 409);
  EXPECT_THAT(PathsOf(taken), ElementsAre("claimed_by"));
  const ClientResponse not_hers = CallAs(gina, "DELETE", "/api/v1/tasks/" + id + "/claim");
  ExpectStatusProblem(not_hers, 409);
  EXPECT_THAT(PathsOf(not_hers), ElementsAre("claimed_by"));
  const ClientResponse picks = CallAs(gina, "PUT", "/api/v1/tasks/" + id + "/picks",
                                      R"({"lines": [{"line_no": 1, "quantity": 1}]})");
  EXPECT_THAT(PathsOf(picks), ElementsAre("claimed_by"));
  EXPECT_EQ(picks.status, 409);
  const ClientResponse ship =
      CallAs(gina, "POST", "/api/v1/tasks/" + id + "/shipments",
             R"({"carrier": "BRT", "tracking_number": "1"})", {{"Idempotency-Key", "g"}});
  ExpectStatusProblem(ship, 409);
  EXPECT_THAT(PathsOf(ship), ElementsAre("claimed_by"));
  // A goods department ships; it does not complete.
  const ClientResponse complete = CallAs(franco, "POST", "/api/v1/tasks/" + id + "/completion");
  ExpectStatusProblem(complete, 409);
  EXPECT_THAT(PathsOf(complete), ElementsAre("state"));
  // Released: no more holds, no cancellation.
  const ClientResponse hold =
      Post("/api/v1/orders/" + number + "/holds", R"({"kind": "address", "reason": "check"})");
  ExpectStatusProblem(hold, 409);
  EXPECT_THAT(PathsOf(hold), ElementsAre("state"));
  const ClientResponse cancel =
      Post("/api/v1/orders/" + number + "/cancellation", R"({"reason": "late"})");
  ExpectStatusProblem(cancel, 409);
  EXPECT_THAT(PathsOf(cancel), ElementsAre("state"));

  // A held task cannot be acknowledged yet. Held before its release: placed in a warehouse
  // that waits for its cut-off.
  ReleaseTheWarehouseAtACutOff();
  const ClientResponse held = Create("/api/v1/orders", DraftJson(), "o2");
  const std::string other = held.Json().value("number", "");
  ASSERT_EQ(
      Post("/api/v1/orders/" + other + "/holds", R"({"kind": "manual", "reason": "x"})").status,
      201);
  RunScheduler();
  const ClientResponse early = Post("/api/v1/tasks/" + TaskOf(other) + "/acknowledgement");
  ExpectStatusProblem(early, 409);
  EXPECT_THAT(PathsOf(early), ElementsAre("state"));
}

TEST_F(FulfillmentTest, RefusesClerksOnFulfillmentWrites) {
  const std::string id = TaskOf(PlaceAndRelease(R"([{"sku": "PEN-01", "quantity": 1}])", "o1"));
  AddUser("carla", Role::kClerk);
  const Login clerk = SignIn("carla", "carla-password");

  const ClientResponse refused = CallAs(clerk, "POST", "/api/v1/tasks/" + id + "/claim", "{}");

  ExpectStatusProblem(refused, 403);
  EXPECT_EQ(refused.Json()["permission"], "fulfillment:write");
  EXPECT_EQ(CallAs(clerk, "GET", "/api/v1/tasks/" + id).status, 403);
}

TEST_F(FulfillmentTest, RefusesInvalidFieldsNamingThem) {
  const std::string number = PlaceAndRelease(R"([{"sku": "PEN-01", "quantity": 3}])", "o1");
  const std::string id = TaskOf(number);
  ASSERT_EQ(Post("/api/v1/tasks/" + id + "/claim").status, 200);
  const auto expect = [](const ClientResponse& response, std::vector<std::string> paths) {
    ExpectStatusProblem(response, 422);
    EXPECT_EQ(PathsOf(response), paths) << response.body;
  };

  expect(Call("PUT", "/api/v1/tasks/" + id + "/picks",
              R"({"lines": [{"line_no": 1, "quantity": 4}, {"line_no": 2, "quantity": 1}]})"),
         {"lines[0].quantity", "lines[1].line_no"});
  expect(Call("PUT", "/api/v1/tasks/" + id + "/picks", R"({"lines": [{"quantity": -1}]})"),
         {"lines[0].line_no", "lines[0].quantity"});
  expect(Ship(id, R"({"tracking_number": ""})", "s1"), {"carrier", "tracking_number"});
  expect(Ship(id, R"({"carrier": "BRT", "tracking_number": "1"})", "s2"), {"lines"});
  expect(Post("/api/v1/tasks/" + id + "/claim", R"({"who": "x"})"), {"who"});
  expect(Post("/api/v1/tasks/" + id + "/acknowledgement", R"({"who": "x"})"), {"who"});
  expect(Post("/api/v1/tasks/" + id + "/completion", R"({"who": "x"})"), {"who"});
  expect(Post("/api/v1/orders/" + number + "/holds", R"({"kind": "whim"})"), {"kind"});
  expect(Post("/api/v1/orders/" + number + "/cancellation", "{}"), {"reason"});
  expect(Call("GET", "/api/v1/departments/warehouse/pick-list?format=xml&tasks=a"),
         {"format", "tasks"});
  expect(Call("GET", "/api/v1/departments/services/pick-list?tasks=" + id), {"tasks"});
  expect(Call("GET", "/api/v1/departments/warehouse/queue?limit=5"), {"limit"});
  expect(Call("GET", "/api/v1/tasks/" + id + "?x=1"), {"x"});
  expect(Call("GET", "/api/v1/tasks/" + id + "/pick-list?format=doc"), {"format"});
  expect(Call("GET", "/api/v1/orders/" + number + "/fulfillment?x=1"), {"x"});
  expect(Call("GET", "/api/v1/escalations?x=1"), {"x"});
}

TEST_F(FulfillmentTest, HoldsAndCancelsBeforeRelease) {
  ReleaseTheWarehouseAtACutOff();
  const std::string number = Place(R"([{"sku": "PEN-01", "quantity": 1}])", "o1");

  const ClientResponse held =
      Post("/api/v1/orders/" + number + "/holds", R"({"kind": "address", "reason": "no number"})");
  ASSERT_EQ(held.status, 201) << held.body;
  EXPECT_EQ(held.Json()["holds"][0]["kind"], "address");
  EXPECT_EQ(held.Json()["holds"][0]["placed_by"], "key:test");
  EXPECT_TRUE(held.Json()["holds"][0]["lifted_at"].is_null());
  RunScheduler();
  EXPECT_EQ(Call("GET", "/api/v1/orders/" + number + "/fulfillment").Json()["tasks"][0]["state"],
            "held");
  ExpectStatusProblem(Call("DELETE", "/api/v1/orders/" + number + "/holds/manual"), 404);
  ExpectStatusProblem(Call("DELETE", "/api/v1/orders/" + number + "/holds/whim"), 404);

  const ClientResponse lifted = Call("DELETE", "/api/v1/orders/" + number + "/holds/address");
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_EQ(lifted.Json()["tasks"][0]["state"], "scheduled");
  EXPECT_EQ(lifted.Json()["holds"][0]["lifted_by"], "key:test");

  const ClientResponse cancelled =
      Post("/api/v1/orders/" + number + "/cancellation", R"({"reason": "customer called"})");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.Json()["status"], "cancelled");
  EXPECT_EQ(cancelled.Json()["tasks"][0]["state"], "cancelled");
  EXPECT_EQ(Call("GET", "/api/v1/orders/" + number).Json()["status"], "cancelled");
  std::vector<std::string> kinds;
  const nlohmann::json history = Call("GET", "/api/v1/orders/" + number + "/history").Json();
  for (const auto& event : history["events"]) {
    kinds.push_back(event["kind"]);
  }
  EXPECT_THAT(kinds, ElementsAre("placed", "held", "hold_lifted", "cancelled"));
}

TEST_F(FulfillmentTest, EscalatesATaskNobodyAcknowledged) {
  const std::string number = PlaceAndRelease(R"([{"sku": "PEN-01", "quantity": 1}])", "o1");
  EXPECT_TRUE(Call("GET", "/api/v1/escalations").Json()["items"].empty());

  // Released on Saturday; 30 working minutes run out on Monday at 09:30 in Rome.
  clock_.Advance(std::chrono::hours{46} + std::chrono::minutes{31});
  RunScheduler();

  const ClientResponse escalations = Call("GET", "/api/v1/escalations");
  ASSERT_EQ(escalations.status, 200) << escalations.body;
  ASSERT_EQ(escalations.Json()["items"].size(), 1u);
  EXPECT_EQ(escalations.Json()["items"][0]["order"], number);
  EXPECT_EQ(escalations.Json()["items"][0]["escalated_at"], "2026-11-30T08:31:00Z");
  EXPECT_EQ(escalations.Json()["items"][0]["age_seconds"], (46 * 60 + 31) * 60);
  EXPECT_EQ(Call("GET", "/api/v1/departments").Json()["items"][0]["stats"]["escalated"], 1);
}

TEST_F(FulfillmentTest, AnswersConflictWhileAShipmentIsInFlight) {
  const std::string id = TaskOf(PlaceAndRelease(R"([{"sku": "PEN-01", "quantity": 1}])", "o1"));
  ASSERT_EQ(Post("/api/v1/tasks/" + id + "/claim").status, 200);
  const std::string body = R"({"carrier": "BRT", "tracking_number": "1"})";
  ASSERT_EQ(
      Call("PUT", "/api/v1/tasks/" + id + "/picks", R"({"lines": [{"line_no": 1, "quantity": 1}]})")
          .status,
      200);
  faults_.HoldWrites();
  ClientResponse first;
  std::thread client([&] { first = Ship(id, body, "in-flight"); });
  faults_.WaitUntilHeld();

  const ClientResponse second = Ship(id, body, "in-flight");

  faults_.Release();
  client.join();
  ExpectStatusProblem(second, 409);
  EXPECT_THAT(PathsOf(second), ElementsAre("Idempotency-Key"));
  EXPECT_EQ(first.status, 201) << first.body;
}

}  // namespace
}  // namespace commesso::http::testing
