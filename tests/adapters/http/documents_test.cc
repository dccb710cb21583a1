#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <latch>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adapters/render/receipt_render.h"
#include "server_fixture.h"

// Receipts and invoices over HTTP: every format of GET /orders/{number}/receipt, issuing an
// invoice, the order's list of documents, and numbering under concurrent clients.
namespace commesso::http::testing {
namespace {

using Json = nlohmann::json;
using ::testing::HasSubstr;

// An order of Mario's paid by bank transfer (no card authorization to use up).
std::string TransferDraft(CustomerId customer) {
  return R"({"customer_id": )" + std::to_string(customer.value) +
         R"(, "lines": [{"sku": "PEN-01", "quantity": 2}], "shipping_method": "standard",)"
         R"( "payment": {"type": "bank_transfer"}})";
}

// Nadia has no tax id and no address: a service billed to an address given with the order.
std::string NadiaDraft(CustomerId nadia) {
  return R"({"customer_id": )" + std::to_string(nadia.value) +
         R"(, "billing_address": {"name": "Nadia Smith", "line1": "1 High Street",)"
         R"( "postal_code": "EC1A 1AA", "city": "London", "country": "GB"},)"
         R"( "lines": [{"sku": "SETUP", "quantity": 1}], "payment": {"type": "bank_transfer"}})";
}

TEST_F(ServerTest, ServesTheReceiptInEveryFormat) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "receipt").status, 201);
  const Document receipt = documents_->Find("R-2026-000001").value();
  const std::string path = "/api/v1/orders/2026-000001/receipt";

  ClientResponse json = Call("GET", path);
  ClientResponse text = Call("GET", path + "?format=text");
  ClientResponse narrow = Call("GET", path + "?format=text&width=42&kind=receipt");
  ClientResponse html = Call("GET", path + "?format=html");
  ClientResponse pdf = Call("GET", path + "?format=pdf");

  ASSERT_EQ(json.status, 200) << json.body;
  EXPECT_EQ(json.Header("Content-Type"), "application/json");
  EXPECT_EQ(json.Json()["number"], "R-2026-000001");
  EXPECT_EQ(json.Json()["kind"], "receipt");
  EXPECT_EQ(json.Json()["locale"], "it");
  EXPECT_EQ(json.Json()["seller"]["tax_id"], "IT01234567890");
  EXPECT_EQ(json.Json()["order"]["number"], "2026-000001");
  EXPECT_FALSE(json.Json()["order"].contains("id"));
  EXPECT_EQ(json.body.find(card_token_), std::string::npos);
  EXPECT_EQ(text.status, 200);
  EXPECT_EQ(text.Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(text.body, render::ReceiptText(receipt, 80));
  EXPECT_EQ(narrow.body, render::ReceiptText(receipt, 42));
  EXPECT_EQ(html.status, 200);
  EXPECT_EQ(html.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(html.body, render::ReceiptHtml(receipt));
  EXPECT_THAT(html.Header("Content-Security-Policy"), HasSubstr("default-src 'none'"));
  EXPECT_THAT(html.Header("Content-Security-Policy"), HasSubstr("frame-ancestors 'self'"));
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.Header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.Header("Content-Disposition"), "inline; filename=\"R-2026-000001.pdf\"");
  EXPECT_EQ(pdf.body, render::ReceiptPdf(receipt).value());
}

TEST_F(ServerTest, ChoosesTheReceiptFormatByTheAcceptHeader) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "accept").status, 201);
  const std::string path = "/api/v1/orders/2026-000001/receipt";

  EXPECT_EQ(Call("GET", path, "", {{"Accept", "application/pdf"}}).Header("Content-Type"),
            "application/pdf");
  EXPECT_EQ(Call("GET", path, "", {{"Accept", "text/plain"}}).Header("Content-Type"),
            "text/plain; charset=utf-8");
  EXPECT_EQ(Call("GET", path, "", {{"Accept", "text/html,application/xhtml+xml;q=0.9"}})
                .Header("Content-Type"),
            "text/html; charset=utf-8");
  EXPECT_EQ(Call("GET", path, "", {{"Accept", "*/*"}}).Header("Content-Type"), "application/json");
  // The parameter wins over the header.
  EXPECT_EQ(Call("GET", path + "?format=json", "", {{"Accept", "application/pdf"}})
                .Header("Content-Type"),
            "application/json");
}

TEST_F(ServerTest, RefusesBadReceiptParameters) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "bad-params").status, 201);

  ClientResponse response =
      Call("GET", "/api/v1/orders/2026-000001/receipt?format=docx&width=60&kind=quote&copies=2");

  ExpectStatusProblem(response, 422);
  EXPECT_THAT(PathsOf(response),
              ::testing::UnorderedElementsAre("format", "width", "kind", "copies"));
}

TEST_F(ServerTest, AnswersNotFoundForAMissingOrderOrInvoice) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "missing").status, 201);

  ExpectStatusProblem(Call("GET", "/api/v1/orders/2026-000009/receipt"), 404);
  ExpectStatusProblem(Call("GET", "/api/v1/orders/2026-000001/receipt?kind=invoice"), 404);
  ExpectStatusProblem(Create("/api/v1/orders/2026-000009/invoice", "", "missing-invoice"), 404);
}

TEST_F(ServerTest, IssuesAnInvoiceOnceForACustomerWithATaxId) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "invoice order").status, 201);
  clock_.Advance(std::chrono::minutes{5});

  ClientResponse issued = Create("/api/v1/orders/2026-000001/invoice", "", "invoice-1");
  ClientResponse again = Create("/api/v1/orders/2026-000001/invoice", "{}", "invoice-2");
  ClientResponse fetched = Call("GET", "/api/v1/orders/2026-000001/receipt?kind=invoice");
  ClientResponse order = Call("GET", "/api/v1/orders/2026-000001");

  ASSERT_EQ(issued.status, 201) << issued.body;
  EXPECT_EQ(issued.Header("Location"), "/api/v1/orders/2026-000001/receipt?kind=invoice");
  EXPECT_EQ(issued.Json()["number"], "F-2026-000001");
  EXPECT_EQ(issued.Json()["kind"], "invoice");
  EXPECT_EQ(issued.Json()["issued_at"], "2026-11-28T10:05:00Z");
  EXPECT_EQ(issued.Json()["order"]["customer"]["tax_id"], "IT09876543217");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.Json(), issued.Json());
  EXPECT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.Json(), issued.Json());
  ASSERT_EQ(order.status, 200);
  EXPECT_EQ(order.Json()["documents"], (Json::array({{{"kind", "receipt"},
                                                      {"number", "R-2026-000001"},
                                                      {"issued_at", "2026-11-28T10:00:00Z"}},
                                                     {{"kind", "invoice"},
                                                      {"number", "F-2026-000001"},
                                                      {"issued_at", "2026-11-28T10:05:00Z"}}})));
}

TEST_F(ServerTest, RefusesAnInvoiceWithoutTheCustomersTaxId) {
  ClientResponse placed = Create("/api/v1/orders", NadiaDraft(nadia_), "nadia");
  ASSERT_EQ(placed.status, 201) << placed.body;

  ClientResponse refused = Create("/api/v1/orders/2026-000001/invoice", "", "nadia-invoice");
  ClientResponse extra =
      Create("/api/v1/orders/2026-000001/invoice", R"({"copies": 2})", "extra-field");

  ExpectStatusProblem(refused, 422);
  EXPECT_EQ(PathsOf(refused), std::vector<std::string>{"customer.tax_id"});
  ExpectStatusProblem(extra, 422);
  EXPECT_EQ(PathsOf(extra), std::vector<std::string>{"copies"});
  EXPECT_EQ(Call("GET", "/api/v1/orders/2026-000001/receipt?format=json").Json()["locale"], "en");
}

TEST_F(ServerTest, NumbersReceiptsWithoutGapsUnderEightConcurrentClients) {
  constexpr int kClients = 8;
  constexpr int kPerClient = 6;
  std::latch start(kClients);
  std::vector<std::future<std::vector<std::string>>> clients;
  for (int client = 0; client < kClients; ++client) {
    clients.push_back(std::async(std::launch::async, [&, client] {
      std::vector<std::string> numbers;
      start.arrive_and_wait();
      for (int i = 0; i < kPerClient; ++i) {
        ClientResponse placed =
            Create("/api/v1/orders", TransferDraft(mario_),
                   "client " + std::to_string(client) + " order " + std::to_string(i));
        EXPECT_EQ(placed.status, 201) << placed.body;
        if (placed.status == 201) numbers.push_back(placed.Json()["number"]);
      }
      return numbers;
    }));
  }
  std::vector<std::string> orders;
  for (auto& client : clients) {
    for (std::string& number : client.get()) orders.push_back(std::move(number));
  }

  ASSERT_EQ(orders.size(), static_cast<std::size_t>(kClients * kPerClient));
  std::vector<std::string> receipts;
  for (const std::string& number : orders) {
    ClientResponse receipt = Call("GET", "/api/v1/orders/" + number + "/receipt");
    ASSERT_EQ(receipt.status, 200) << receipt.body;
    EXPECT_EQ(receipt.Json()["order"]["number"], number);
    receipts.push_back(receipt.Json()["number"]);
  }
  std::sort(receipts.begin(), receipts.end());
  std::vector<std::string> expected;
  for (int sequence = 1; sequence <= kClients * kPerClient; ++sequence) {
    expected.push_back(DocumentNumber("R", 2026, sequence));
  }
  EXPECT_EQ(receipts, expected);  // Consecutive, no gap, no duplicate.
}

TEST_F(ServerTest, WritesABinaryBodyWithNulBytesIntact) {
  const std::string bytes("%PDF\0\x01\xff\0end\r\n\0", 14);
  std::filesystem::create_directories(dir_.File("web"));
  std::ofstream(dir_.File("web") + "/sample.png", std::ios::binary) << bytes;
  ServerOptions options;
  options.port = 0;
  options.web_root = dir_.File("web");
  auto server = Server::Start(options, StoreServices());
  ASSERT_TRUE(server.has_value()) << server.error().message;

  TestClient client((*server)->port());
  ClientResponse response = client.Exchange(RequestText("GET", "/sample.png", {}, ""));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Length"), std::to_string(bytes.size()));
  EXPECT_EQ(response.body, bytes);
}

}  // namespace
}  // namespace commesso::http::testing
