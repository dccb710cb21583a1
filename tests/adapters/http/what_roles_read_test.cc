// What each role reads of an order (docs/security.md, "What each role reads"): every role signs
// in and calls every route it may read, in every format; a field the matrix gives a role shows
// up in what it reads, and a field it does not give appears nowhere in the raw bytes of any
// answer. Finding 11: the warehouse read the customer's e-mail, tax id and billing address.

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/http/api.h"
#include "server_fixture.h"
#include "support/markdown_table.h"

namespace commesso::http::testing {
namespace {

// A value of the order WhatRolesReadTest places that stands for one row of the matrix: found
// in a body, it means the row's fields were read.
const std::map<std::string, std::string>& Probes() {
  static const std::map<std::string, std::string> probes = {
      {"customer name, company and phone", "02 1234 5678"},
      {"ship-to address", "Via Roma 1"},
      {"lines: item, quantity, storage location, appointment", "PEN-01"},
      {"shipping method, notes, promised dispatch", "Citofonare Rossi"},
      {"customer e-mail", "mario.rossi@example.com"},
      {"customer tax id", "IT09876543217"},
      {"billing address", "Corso Fatture 9"},
      {"payment: card brand and last four, reference, status", "4242"},
      {"prices, taxes and totals of the order", "\"grand_total\""},
      {"receipt, invoice, their e-mails, read-back", "R-2026-000001"},
  };
  return probes;
}

struct FieldRow {
  std::string field;
  std::vector<std::string> cells;  // "yes" or "no", one per role column.
};

// The "| Field | clerk | … |" table of docs/security.md; `roles` gets its role columns.
std::vector<FieldRow> ReadFieldMatrix(std::vector<std::string>& roles) {
  const std::vector<std::vector<std::string>> table =
      commesso::testing::MarkdownTable(COMMESSO_SOURCE_DIR "/docs/security.md", "| Field |");
  EXPECT_FALSE(table.empty()) << "docs/security.md or its field table is missing";
  std::vector<FieldRow> rows;
  if (table.empty()) return rows;
  roles.assign(table[0].begin() + 1, table[0].end());
  for (std::size_t i = 1; i < table.size(); ++i) {
    const std::vector<std::string>& cells = table[i];
    EXPECT_EQ(cells.size(), roles.size() + 1) << (cells.empty() ? "" : cells.front());
    if (cells.empty()) continue;
    rows.push_back(FieldRow{.field = cells[0],
                            .cells = std::vector<std::string>(cells.begin() + 1, cells.end())});
  }
  return rows;
}

class WhatRolesReadTest : public ServerTest {
 protected:
  // Order 2026-000001 for Mario Rossi: billed to Torino, shipped to Milano, paid by card, with
  // a delivery note, its task released; its receipt R-2026-000001 with one e-mail asked for.
  void PlaceTheOrder() {
    const std::string extra =
        R"(, "billing_address": {"name": "Mario Rossi", "line1": "Corso Fatture 9",)"
        R"( "postal_code": "10121", "city": "Torino", "country": "IT"},)"
        R"( "shipping_address": {"name": "Mario Rossi", "line1": "Via Roma 1",)"
        R"( "postal_code": "20121", "city": "Milano", "country": "IT"},)"
        R"( "notes": "Citofonare Rossi")";
    const ClientResponse placed = Create("/api/v1/orders",
                                         DraftJson(R"([{"sku": "PEN-01",)"
                                                   R"( "quantity": 3}])",
                                                   extra),
                                         "the order");
    ASSERT_EQ(placed.status, 201) << placed.body;
    ASSERT_EQ(placed.Json()["number"], "2026-000001");
    // Released by its placement (decision 0022).
    ASSERT_EQ(fulfillment_->ForOrder(OrderNumber{"2026-000001"}).value().at(0).state,
              TaskState::kReleased);
    const ClientResponse asked =
        Create("/api/v1/orders/2026-000001/receipt/deliveries", "{}", "an e-mail");
    ASSERT_EQ(asked.status, 201) << asked.body;
  }

  // Every read the API offers on the order: the samples' reads and the other formats.
  static std::vector<Sample> Reads(const std::vector<Sample>& samples) {
    std::vector<Sample> reads;
    for (const Sample& sample : samples) {
      if (sample.method == "GET") reads.push_back(sample);
    }
    for (const char* format : {"json", "text", "html", "pdf"}) {
      const std::string query = std::string("?format=") + format;
      reads.push_back({"GET", "/api/v1/departments/{code}/pick-list",
                       "/api/v1/departments/warehouse/pick-list" + query, ""});
      reads.push_back(
          {"GET", "/api/v1/tasks/{id}/pick-list", "/api/v1/tasks/1/pick-list" + query, ""});
      reads.push_back({"GET", "/api/v1/orders/{number}/receipt",
                       "/api/v1/orders/2026-000001/receipt" + query, ""});
    }
    reads.push_back({"GET", "/api/v1/orders", "/api/v1/orders?limit=10", ""});
    reads.push_back(
        {"GET", "/api/v1/orders/{number}/read-back", "/api/v1/orders/2026-000001/read-back", ""});
    reads.push_back(
        {"GET", "/api/v1/orders/{number}/receipt", "/api/v1/orders/2026-000001/receipt", ""});
    return reads;
  }

  // The permission `sample`'s route requires; nothing for public and session routes.
  static std::optional<Permission> PermissionOf(const Sample& sample) {
    for (const RouteInfo& route : Api::Routes()) {
      if (route.method == sample.method && route.path == sample.route) {
        return ParsePermission(route.requirement);
      }
    }
    ADD_FAILURE() << sample.method << " " << sample.route << " is not a route";
    return std::nullopt;
  }
};

TEST_F(WhatRolesReadTest, EachRoleReadsTheFieldsTheMatrixGivesItAndNoOther) {
  PlaceTheOrder();
  std::vector<std::string> roles;
  const std::vector<FieldRow> rows = ReadFieldMatrix(roles);
  ASSERT_FALSE(rows.empty()) << "docs/security.md has no \"| Field |\" table";
  std::vector<std::string> expected_roles;
  for (Role role : AllRoles()) expected_roles.emplace_back(Name(role));
  ASSERT_EQ(roles, expected_roles);
  for (const FieldRow& row : rows) {
    EXPECT_TRUE(Probes().contains(row.field)) << "no probe for the row \"" << row.field << "\"";
  }
  EXPECT_EQ(rows.size(), Probes().size());

  for (std::size_t r = 0; r < AllRoles().size(); ++r) {
    const Role role = AllRoles()[r];
    const std::string name(Name(role));
    SCOPED_TRACE(name);
    AddUser(name, role);
    const Login login = SignIn(name, name + "-password");
    ASSERT_EQ(login.response.status, 200) << login.response.body;
    const std::vector<Permission> granted = PermissionsOf(role);

    // What the role reads, by target; the fulfillment role also works the task, so the
    // answers of its writes count too.
    std::map<std::string, std::string> bodies;
    std::vector<Sample> calls = Reads(Samples());
    if (role == Role::kFulfillment) {
      for (const Sample& sample : Samples()) {
        if (sample.method != "GET") calls.push_back(sample);
      }
    }
    for (const Sample& sample : calls) {
      const std::optional<Permission> needed = PermissionOf(sample);
      if (!needed || !Holds(granted, *needed)) continue;
      Headers headers;
      if (sample.Creates()) headers.emplace_back("Idempotency-Key", "reads " + name);
      const ClientResponse response =
          CallAs(login, sample.method, sample.target, sample.body, headers);
      EXPECT_LT(response.status, 500) << sample.target << ": " << response.body;
      EXPECT_NE(response.status, 403) << sample.target << ": " << response.body;
      bodies[sample.method + " " + sample.target] += response.body;
    }

    for (const FieldRow& row : rows) {
      if (!Probes().contains(row.field) || r >= row.cells.size()) continue;
      const std::string& probe = Probes().at(row.field);
      std::vector<std::string> found_in;
      for (const auto& [target, body] : bodies) {
        if (body.find(probe) != std::string::npos) found_in.push_back(target);
      }
      if (row.cells[r] == "yes") {
        EXPECT_FALSE(found_in.empty()) << row.field << " (" << probe << ") is read by no route";
      } else {
        EXPECT_EQ(row.cells[r], "no") << row.field;
        for (const std::string& target : found_in) {
          ADD_FAILURE() << row.field << " (" << probe << ") is read by " << target;
        }
      }
    }
  }
}

TEST_F(WhatRolesReadTest, AnApiKeyWithoutOrdersReadPrivateReadsWhatDeliveryNeeds) {
  PlaceTheOrder();
  const std::string key = "cmso_shop_0123456789abcdef0123456789abcdef";
  auto created = identities_->CreateApiKey(
      ApiKey{.name = "shop",
             .prefix = "cmso_shop",
             .secret_hash = credentials_.Digest(key),
             .scopes = {Permission::kOrdersRead, Permission::kOrdersWrite},
             .created_at = clock_.Now()});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  const Headers as_shop = {{"Authorization", "Bearer " + key}};
  Headers placing = as_shop;
  placing.emplace_back("Idempotency-Key", "shop order");

  const ClientResponse order = Call("GET", "/api/v1/orders/2026-000001", "", as_shop);
  const ClientResponse placed = Call("POST", "/api/v1/orders", DraftJson(), placing);
  const ClientResponse receipt = Call("GET", "/api/v1/orders/2026-000001/receipt", "", as_shop);
  const ClientResponse invoice =
      Call("POST", "/api/v1/orders/2026-000001/invoice", "{}",
           {{"Authorization", "Bearer " + key}, {"Idempotency-Key", "shop invoice"}});
  const ClientResponse resent =
      Call("POST", "/api/v1/orders/2026-000001/receipt/deliveries", "{}",
           {{"Authorization", "Bearer " + key}, {"Idempotency-Key", "shop resend"}});

  ASSERT_EQ(order.status, 200) << order.body;
  EXPECT_EQ(order.Json()["shipping_address"]["line1"], "Via Roma 1");
  EXPECT_FALSE(order.Json().contains("billing_address"));
  EXPECT_FALSE(order.Json().contains("documents"));
  ASSERT_EQ(placed.status, 201) << placed.body;
  EXPECT_FALSE(placed.Json().contains("totals"));
  EXPECT_FALSE(placed.Json().contains("readback"));
  EXPECT_EQ(receipt.status, 403);
  EXPECT_EQ(receipt.Json()["permission"], "orders:read_private");
  ASSERT_EQ(invoice.status, 201) << invoice.body;
  EXPECT_EQ(invoice.Json(), (nlohmann::json{{"kind", "invoice"},
                                            {"number", "F-2026-000001"},
                                            {"issued_at", "2026-11-28T10:00:00Z"}}));
  ASSERT_EQ(resent.status, 201) << resent.body;
  EXPECT_FALSE(resent.Json().contains("to"));
  for (const ClientResponse* response : {&order, &placed, &invoice, &resent}) {
    for (const char* secret :
         {"mario.rossi@example.com", "IT09876543217", "Corso Fatture 9", "4242", "grand_total"}) {
      EXPECT_EQ(response->body.find(secret), std::string::npos) << secret << ": " << response->body;
    }
  }
}

}  // namespace
}  // namespace commesso::http::testing
