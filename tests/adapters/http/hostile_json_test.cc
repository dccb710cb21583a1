// A hostile caller's JSON against the live server: nesting deep enough to overflow a recursive
// walk, numbers beyond any range, members sent twice. Every one is a 4xx naming the field, the
// server stays up, and no answer or log line grows with the input (docs/api.md, "Reading JSON").

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "cli/capped_sink.h"
#include "server_fixture.h"

namespace commesso::http::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using Json = nlohmann::json;

// `levels` objects nested through the member "a": {"a":{"a":…{}}}.
std::string NestedObjects(std::size_t levels) {
  std::string text;
  text.reserve(levels * 6);
  for (std::size_t i = 1; i < levels; ++i) text += R"({"a":)";
  return text + "{}" + std::string(levels - 1, '}');
}

std::string NestedArrays(std::size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

// The path of the element `depth` arrays down from `path`: "lines[0][0]…".
std::string ArrayPath(std::string path, std::size_t depth) {
  for (std::size_t i = 0; i < depth; ++i) path += "[0]";
  return path;
}

// The first problem of a refusal, checked to be a 422 problem+json of one field, small whatever
// the request's size.
FieldError RefusalOf(const ClientResponse& response) {
  ExpectStatusProblem(response, 422);
  EXPECT_LT(response.body.size(), 2048u) << response.body.substr(0, 300);
  const Json body = response.Json();
  if (!body.contains("errors") || body["errors"].size() != 1) {
    ADD_FAILURE() << response.body.substr(0, 500);
    return {};
  }
  return {body["errors"][0].value("path", ""), body["errors"][0].value("problem", "")};
}

class HostileJsonServerTest : public ServerTest {
 protected:
  // Sends `body` as `method` to `target`, with a fresh Idempotency-Key where the route takes one.
  ClientResponse SendBody(const std::string& method, const std::string& route,
                          const std::string& target, const std::string& body) {
    Headers headers;
    if (TakesIdempotencyKey(method, route)) {
      headers.emplace_back("Idempotency-Key", "hostile-" + std::to_string(++keys_));
    }
    return Call(method, target, body, headers);
  }

  void ExpectAlive() {
    EXPECT_EQ(Call("GET", "/healthz").status, 200);
    EXPECT_EQ(Call("GET", "/api/v1/items/PEN-01").status, 200);
  }

 private:
  int keys_ = 0;
};

// Draft content 20,000 levels deep aborted the process in a recursive walk.
TEST_F(HostileJsonServerTest, RefusesDeeplyNestedDraftContentAndStaysUp) {
  ASSERT_EQ(SendBody("POST", "/api/v1/drafts", "/api/v1/drafts", R"({"channel": "phone"})").status,
            201);
  for (std::size_t levels : {20'000u, 100'000u}) {
    for (const std::string& nested : {NestedObjects(levels), NestedArrays(levels)}) {
      SCOPED_TRACE(std::to_string(levels) + (nested[0] == '{' ? " objects" : " arrays"));
      const std::string created = R"({"channel": "phone", "content": {"a": )" + nested + "}}";
      const std::string saved = R"({"revision": 1, "content": {"a": )" + nested + "}}";

      const FieldError on_create =
          RefusalOf(SendBody("POST", "/api/v1/drafts", "/api/v1/drafts", created));
      const FieldError on_save =
          RefusalOf(SendBody("PUT", "/api/v1/drafts/{id}", "/api/v1/drafts/1", saved));

      EXPECT_THAT(on_create.path, StartsWith("content.a"));
      EXPECT_EQ(on_create.problem, "nests deeper than 32 levels");
      EXPECT_EQ(on_save, on_create);
      ExpectAlive();
    }
  }
  const Json draft = Call("GET", "/api/v1/drafts/1").Json();
  EXPECT_EQ(draft["revision"], 1);
  EXPECT_EQ(draft["content"], Json::object());
}

TEST_F(HostileJsonServerTest, RefusesDeeplyNestedOrdersAndQuotes) {
  for (std::size_t levels : {20'000u, 100'000u}) {
    for (const char* route : {"/api/v1/orders", "/api/v1/quotes"}) {
      SCOPED_TRACE(std::string(route) + " " + std::to_string(levels));

      const FieldError in_lines =
          RefusalOf(SendBody("POST", route, route, DraftJson(NestedArrays(levels))));
      const FieldError in_notes = RefusalOf(SendBody(
          "POST", route, route, DraftJson(R"([])", R"(, "notes": )" + NestedObjects(levels))));

      // The root is level 1 and "lines" level 2: level 33 is 31 elements below it.
      EXPECT_EQ(in_lines.path, ArrayPath("lines", 31));
      EXPECT_EQ(in_lines.problem, "nests deeper than 32 levels");
      EXPECT_THAT(in_notes.path, StartsWith("notes.a.a"));
      ExpectAlive();
    }
  }
  EXPECT_EQ(CountOrders(), 0u);
}

// A number beyond the double's range was a 500 (and its text went to the log).
TEST_F(HostileJsonServerTest, RefusesNumbersOutOfRangeNamingTheField) {
  const std::string mario = std::to_string(mario_.value);
  struct Case {
    std::string method, route, target, body, path;
  };
  const std::vector<Case> cases = {
      {"POST", "/api/v1/orders", "/api/v1/orders",
       DraftJson(R"([{"sku": "PEN-01", "quantity": #}])"), "lines[0].quantity"},
      {"POST", "/api/v1/quotes", "/api/v1/quotes",
       DraftJson(R"([{"sku": "PEN-01", "quantity": #}])"), "lines[0].quantity"},
      {"POST", "/api/v1/orders", "/api/v1/orders",
       R"({"customer_id": )" + mario +
           R"(, "lines": [{"sku": "PEN-01", "quantity": 1}], "shipping_method": "pickup",)"
           R"( "payment": {"type": "cash", "tendered": {"minor": #}}})",
       "payment.tendered.minor"},
      {"POST", "/api/v1/quotes", "/api/v1/quotes",
       R"({"customer_id": #, "lines": [{"sku": "PEN-01", "quantity": 1}]})", "customer_id"},
      {"POST", "/api/v1/items", "/api/v1/items",
       R"({"sku": "NEW-1", "name": {"it": "Nuovo", "en": "New"}, "unit_price": {"minor": #}})",
       "unit_price.minor"},
      {"PUT", "/api/v1/items/{sku}", "/api/v1/items/PEN-01",
       R"({"sku": "PEN-01", "name": {"it": "Penna", "en": "Pen"}, "unit_price": {"minor": 1300},)"
       R"( "weight_grams": #})",
       "weight_grams"},
      {"POST", "/api/v1/customers", "/api/v1/customers", R"({"name": "Luca Bianchi", "id": #})",
       "id"},
      {"PUT", "/api/v1/customers/{id}", "/api/v1/customers/" + mario,
       R"({"name": "Mario Rossi", "id": #})", "id"},
      {"POST", "/api/v1/card-payments", "/api/v1/card-payments",
       R"({"amount": {"minor": #, "currency": "EUR"}, "reference": "console"})", "amount.minor"},
      {"POST", "/api/v1/drafts", "/api/v1/drafts",
       R"({"channel": "phone", "content": {"lines": [{"sku": "PEN-01", "quantity": #}]}})",
       "content.lines[0].quantity"},
  };
  const std::string digits(100'000, '9');
  for (const std::string& number :
       {std::string("1e999"), std::string("-1e999"), digits, std::string("1e-999")}) {
    for (const Case& sample : cases) {
      SCOPED_TRACE(sample.method + " " + sample.route + " " + number.substr(0, 8));
      std::string body = sample.body;
      body.replace(body.find('#'), 1, number);

      const ClientResponse response = SendBody(sample.method, sample.route, sample.target, body);

      EXPECT_EQ(RefusalOf(response), (FieldError{sample.path, "is out of range"}));
      EXPECT_EQ(response.body.find("99999"), std::string::npos);
    }
  }
  ExpectAlive();
  EXPECT_EQ(CountOrders(), 0u);
}

// The last of two members of one name won.
TEST_F(HostileJsonServerTest, RefusesDuplicateMembersNamingTheirPath) {
  const std::string mario = std::to_string(mario_.value);
  const std::string top = R"({"customer_id": 999, "customer_id": )" + mario +
                          R"(, "lines": [{"sku": "PEN-01", "quantity": 1}]})";
  const std::string nested =
      R"({"customer_id": )" + mario +
      R"(, "lines": [{"sku": "PEN-01", "quantity": 1}, {"sku": "PEN-01", "quantity": 1,)"
      R"( "quantity": 5}]})";
  const std::string in_content =
      R"({"channel": "phone", "content": {"customer": {"name": "A", "name": "B"}}})";

  EXPECT_EQ(RefusalOf(SendBody("POST", "/api/v1/orders", "/api/v1/orders", top)),
            (FieldError{"customer_id", "appears twice"}));
  EXPECT_EQ(RefusalOf(SendBody("POST", "/api/v1/orders", "/api/v1/orders", nested)),
            (FieldError{"lines[1].quantity", "appears twice"}));
  EXPECT_EQ(RefusalOf(SendBody("POST", "/api/v1/quotes", "/api/v1/quotes", nested)),
            (FieldError{"lines[1].quantity", "appears twice"}));
  EXPECT_EQ(RefusalOf(SendBody("POST", "/api/v1/drafts", "/api/v1/drafts", in_content)),
            (FieldError{"content.customer.name", "appears twice"}));
  EXPECT_EQ(CountOrders(), 0u);
}

// The class, not the instances: every route that reads a body reads it by the same rules.
TEST_F(HostileJsonServerTest, EveryBodyRouteReadsByTheSameRules) {
  const std::vector<std::pair<std::string, FieldError>> bodies = {
      {R"({"x": 1, "x": 1})", {"x", "appears twice"}},
      {R"({"x": 1e999})", {"x", "is out of range"}},
      {R"({"x": )" + NestedArrays(20'000) + "}",
       {ArrayPath("x", 31), "nests deeper than 32 levels"}},
  };
  for (const Sample& sample : Samples()) {
    if (!sample.HasBody()) continue;
    for (const auto& [body, expected] : bodies) {
      SCOPED_TRACE(sample.method + " " + sample.route + " " + body.substr(0, 12));

      const ClientResponse response = SendBody(sample.method, sample.route, sample.target, body);

      EXPECT_EQ(RefusalOf(response), expected);
    }
  }
  ExpectAlive();
  EXPECT_EQ(CountOrders(), 0u);
}

TEST_F(HostileJsonServerTest, MalformedJsonStaysA400) {
  const ClientResponse response =
      SendBody("POST", "/api/v1/quotes", "/api/v1/quotes", NestedArrays(10) + "]");

  ExpectStatusProblem(response, 400);
  EXPECT_EQ(response.Json()["type"], "urn:commesso:problem:malformed_json");
  EXPECT_THAT(PathsOf(response), ::testing::ElementsAre(""));
}

// No log line grows with the request: the server's log goes through the capped sink that the
// binary installs (src/cli/main.cc).
TEST_F(HostileJsonServerTest, LogLinesAreCapped) {
  auto stream = std::make_shared<std::ostringstream>();
  auto logger = std::make_shared<spdlog::logger>(
      "capture",
      std::make_shared<CappedSink>(std::make_shared<spdlog::sinks::ostream_sink_mt>(*stream)));
  logger->set_level(spdlog::level::trace);
  const std::shared_ptr<spdlog::logger> before = spdlog::default_logger();
  spdlog::set_default_logger(logger);

  const ClientResponse response = Call("GET", "/api/v1/" + std::string(12'000, 'x'));
  server_.reset();  // Every log line of the request is written.
  spdlog::set_default_logger(before);

  EXPECT_EQ(response.status, 404);
  const std::string log = stream->str();
  EXPECT_THAT(log, HasSubstr("GET /api/v1/xxxx"));
  EXPECT_THAT(log, HasSubstr(" bytes cut)"));
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LE(line.size(), kMaxLogMessageBytes + 200) << line.substr(0, 200);
  }
}

}  // namespace
}  // namespace commesso::http::testing
