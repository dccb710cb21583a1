#include "adapters/json/document_json.h"

#include <chrono>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/json/domain_json.h"

namespace commesso::json {
namespace {

Address Milano() {
  return Address{.name = "Cartoleria Rossi S.r.l.",
                 .company = "",
                 .line1 = "Via Giuseppe Mazzini 12",
                 .line2 = "",
                 .postal_code = "20123",
                 .city = "Milano",
                 .region = "MI",
                 .country = "IT"};
}

Document Invoice() {
  Order order;
  order.id = OrderId{7};
  order.number = OrderNumber{"2026-000123"};
  order.customer = {.id = CustomerId{3},
                    .name = "Mario Rossi",
                    .company = "Rossi Forniture S.p.A.",
                    .tax_id = "IT09876543217",
                    .email = "",
                    .phone = "",
                    .locale = "it"};
  order.billing_address = Milano();
  order.payment = {.type = PaymentType::kCard,
                   .status = PaymentStatus::kAuthorized,
                   .card = {.brand = "visa", .last4 = "4242", .token = "tok_secret"},
                   .reference = ""};
  order.placed_at = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  return Document{.id = DocumentId{5},
                  .kind = DocumentKind::kInvoice,
                  .series = "F",
                  .year = 2026,
                  .sequence = 12,
                  .number = "F-2026-000012",
                  .issued_at = order.placed_at + std::chrono::minutes{5},
                  .locale = "it",
                  .seller = {.name = "Cartoleria Rossi S.r.l.",
                             .address = Milano(),
                             .tax_id = "IT01234567890",
                             .email = "ordini@example.com",
                             .phone = "+39 02 1234 5678"},
                  .order = order};
}

TEST(DocumentJsonTest, RoundTripsEveryFieldButTheStorageKey) {
  const Document document = Invoice();

  Result<Document> read = DocumentFromJson(ToJson(document));

  ASSERT_TRUE(read.has_value()) << read.error().message;
  Document expected = document;
  expected.id = DocumentId{};
  EXPECT_EQ(*read, expected);
}

TEST(DocumentJsonTest, WritesTheDocumentedShapes) {
  const Json json = ToJson(Invoice());

  EXPECT_EQ(json["kind"], "invoice");
  EXPECT_EQ(json["number"], "F-2026-000012");
  EXPECT_EQ(json["issued_at"], "2026-11-28T00:05:00Z");
  EXPECT_EQ(json["seller"]["tax_id"], "IT01234567890");
  EXPECT_EQ(json["order"], ToJson(Invoice().order));
  EXPECT_FALSE(json.contains("id"));
  EXPECT_EQ(ToSummaryJson(Invoice()), (Json{{"kind", "invoice"},
                                            {"number", "F-2026-000012"},
                                            {"issued_at", "2026-11-28T00:05:00Z"}}));
}

TEST(DocumentJsonTest, SplicesTheOrdersTextIntoTheSameSnapshot) {
  const Document document = Invoice();

  const std::string text = DumpWithOrder(document, Dump(ToJson(document.order)));

  EXPECT_EQ(Json::parse(text), ToJson(document));
}

TEST(DocumentJsonTest, LeavesTheOrderOutForTheStoreToPutBack) {
  const Document document = Invoice();
  const Json whole = ToJson(document);

  Json text = Json::parse(DumpWithoutOrder(document));

  EXPECT_FALSE(text.contains("order"));
  text["order"] = ToJson(document.order);
  EXPECT_EQ(text, whole);
}

TEST(DocumentJsonTest, PublicFormHidesTheCardTokenAndStorageKeys) {
  const Json json = ToPublicJson(Invoice());

  EXPECT_EQ(json["order"], ToPublicJson(Invoice().order));
  EXPECT_EQ(Dump(json).find("tok_secret"), std::string::npos);
}

TEST(DocumentJsonTest, RejectsWhatIsNotASnapshotAsInternal) {
  Json json = ToJson(Invoice());
  json["kind"] = "credit_note";
  json["seller"].erase("tax_id");
  json["order"]["payment"]["type"] = "barter";
  json["extra"] = 1;

  Result<Document> read = DocumentFromJson(json);

  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInternal);
  EXPECT_THAT(read.error().fields, ::testing::UnorderedElementsAre(
                                       FieldError{"kind", "must be receipt or invoice"},
                                       FieldError{"seller.tax_id", "is required"},
                                       ::testing::Field(&FieldError::path, "order.payment.type"),
                                       FieldError{"extra", "unknown field"}));
}

TEST(DocumentJsonTest, RejectsANumberThatIsNotItsSeriesYearAndSequence) {
  Json json = ToJson(Invoice());
  json["sequence"] = 13;

  Result<Document> read = DocumentFromJson(json);

  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace commesso::json
