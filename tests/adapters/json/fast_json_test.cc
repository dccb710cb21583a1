#include "adapters/json/fast_json.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/json/domain_json.h"
#include "support/pricing_fixtures.h"

namespace commesso::json {
namespace {

constexpr std::string_view kDraft = R"({
  "channel": "phone", "customer_id": 12,
  "billing_address": {"name": "Mario Rossi", "line1": "Via Roma 1", "postal_code": "20121",
                      "city": "Milano", "country": "IT"},
  "shipping_address": null,
  "lines": [{"sku": "PEN-01", "quantity": 3},
            {"sku": "SETUP", "quantity": 1,
             "appointment": {"date": "2026-12-03", "from": "09:00", "until": "12:30"}}],
  "shipping_method": "express",
  "payment": {"type": "card", "tendered": {"minor": 5000},
              "card": {"brand": "visa", "last4": "4242", "token": "tok_1"}, "reference": "R"},
  "currency": "EUR", "notes": "Piano terra \u00e8", "clerk": "anna"
})";

// The draft text with `from` replaced by `to` (once).
std::string Draft(std::string_view from, std::string_view to) {
  std::string text(kDraft);
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string Nested(std::size_t levels) {
  return R"({"customer_id": 1, "lines": [], "notes": )" + std::string(levels, '[') +
         std::string(levels, ']') + "}";
}

// Every text is read twice, by the tree (ReadJson, then DraftFromJson) and without one
// (DraftFromText): the answers must be the same, problems in the same order.
std::vector<std::string> Texts() {
  return {std::string(kDraft),
          Draft(R"("clerk": "anna")", R"("zeta": 1, "clerk": "anna", "alpha": 2, "cvv": "1")"),
          Draft(R"("quantity": 3)", R"("quantity": 3, "quantity": 5)"),
          Draft(R"("quantity": 3)", R"("quantity": 1e999)"),
          Draft(R"("quantity": 3)", R"("quantity": 1e-999)"),
          Draft(R"("quantity": 3)", R"("quantity": 1e-310)"),
          Draft(R"("quantity": 3)", R"("quantity": 0.0)"),
          Draft(R"("quantity": 3)", R"("quantity": -0)"),
          Draft(R"("quantity": 3)", R"("quantity": 0e5)"),
          Draft(R"("quantity": 3)", R"("quantity": 2.5)"),
          Draft(R"("quantity": 3)", R"("quantity": "3")"),
          Draft(R"("quantity": 3)", R"("quantity": 9223372036854775807)"),
          Draft(R"("quantity": 3)", R"("quantity": 9223372036854775808)"),
          Draft(R"("quantity": 3)", R"("quantity": 18446744073709551616)"),
          Draft(R"("quantity": 3)", R"("quantity": -9223372036854775809)"),
          Draft(R"("customer_id": 12)", R"("customer_id": null)"),
          Draft(R"("channel": "phone")", R"("channel": "fax")"),
          Draft(R"("channel": "phone")", R"("channel": 7)"),
          Draft(R"("type": "card")", R"("type": "card", "cardNumber": "4111")"),
          Draft(R"("brand": "visa")", R"("brand": "visa", "number": "4111")"),
          Draft(R"("minor": 5000)", R"("minor": 5000, "currency": "USD")"),
          Draft(R"("date": "2026-12-03")", R"("date": "3/12/2026")"),
          Draft(R"([{"sku": "PEN-01", "quantity": 3},)", R"([7, {"sku": 1},)"),
          Draft(R"("lines": [)", R"("lines": {}, "other": [)"),
          Draft(R"("shipping_method": "express")",
                R"("shipping_method": "express", ")" + std::string(129, 'k') + R"(": 1)"),
          Draft(R"("notes": "Piano terra \u00e8")", R"("notes": "\ud800")"),
          Draft(R"("notes": "Piano terra \u00e8")", "\"notes\": \"\xff\""),
          Draft(R"("notes": "Piano terra \u00e8")",
                R"("notes": ")" + std::string(70'000, 'n') + R"(", "extra": 1)"),
          "\xEF\xBB\xBF" + std::string(kDraft),
          std::string(kDraft) + " x",
          std::string(kDraft.substr(0, 40)),
          Nested(31),
          Nested(32),
          Nested(2000),
          "",
          "[]",
          "null",
          "{}",
          R"({"customer_id": 1, "lines": [{"sku": "A", "quantity": 1}]})"};
}

TEST(FastJsonTest, ReadsEveryTextAsTheTreeDoes) {
  for (const std::string& text : Texts()) {
    SCOPED_TRACE(text.substr(0, 300));
    auto tree = ReadJson(text);
    auto fast = DraftFromText(text, kEur);
    ASSERT_EQ(fast.has_value(), tree.has_value());
    if (!tree) {
      EXPECT_EQ(fast.error().fault, tree.error().fault);
      EXPECT_EQ(fast.error().error.message, tree.error().error.message);
      EXPECT_EQ(fast.error().error.fields, tree.error().error.fields);
      continue;
    }
    Result<OrderDraft> expected = DraftFromJson(*tree, kEur);
    ASSERT_EQ(fast->has_value(), expected.has_value());
    if (expected) {
      EXPECT_EQ(**fast, *expected);
    } else {
      EXPECT_EQ((*fast).error().fields, expected.error().fields);
    }
  }
}

TEST(FastJsonTest, BuildsNoTreeForAnOrdinaryRequest) {
  FastJson parser;
  auto read = parser.Read(kDraft);

  ASSERT_TRUE(read.has_value());
  EXPECT_TRUE(std::holds_alternative<simdjson::dom::element>(*read));
}

TEST(FastJsonTest, LeavesToTheTreeWhatItIsNotSureOf) {
  FastJson parser;
  for (const std::string& text :
       {Draft(R"("quantity": 3)", R"("quantity": 0.0)"), "\xEF\xBB\xBF" + std::string(kDraft),
        Draft(R"("notes": "Piano terra \u00e8")",
              R"("notes": ")" + std::string(FastJson::kMaxFastBytes, 'n') + R"(")")}) {
    SCOPED_TRACE(text.substr(0, 80));
    auto read = parser.Read(text);

    ASSERT_TRUE(read.has_value()) << read.error().error.fields.at(0).problem;
    EXPECT_TRUE(std::holds_alternative<nlohmann::json>(*read));
  }
}

TEST(FastJsonTest, KeepsAnElementValidUntilTheNextRead) {
  FastJson parser;
  auto first = parser.Read(R"({"customer_id": 1, "lines": [{"sku": "A", "quantity": 2}]})");
  ASSERT_TRUE(first.has_value());
  std::vector<FieldError> problems;
  BasicObjectReader<simdjson::dom::element> reader(std::get<simdjson::dom::element>(*first), "",
                                                   problems);

  EXPECT_EQ(reader.Integer("customer_id", Presence::kRequired), 1);
  reader.Finish();
  EXPECT_EQ(problems, (std::vector<FieldError>{{"lines", "unknown field"}}));
}

}  // namespace
}  // namespace commesso::json
