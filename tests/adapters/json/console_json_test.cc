#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/json/card_json.h"
#include "adapters/json/card_secrets.h"
#include "adapters/json/draft_json.h"
#include "adapters/json/history_json.h"

// The JSON of the clerk console's resources: drafts, confirmations, card payments.
namespace commesso::json {
namespace {

using Json = nlohmann::json;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> PathsOf(const Error& error) {
  std::vector<std::string> paths;
  for (const FieldError& field : error.fields) paths.push_back(field.path);
  return paths;
}

TEST(CardSecretsTest, RecognizesCardNumbersAndSecurityCodesByName) {
  for (const char* name : {"pan", "PAN", "card_number", "cardNumber", "card-number", "cc_number",
                           "cvv", "CVV2", "cvc", "security_code", "pin", "track2"}) {
    EXPECT_TRUE(IsCardSecretName(name, "")) << name;
  }
  EXPECT_TRUE(IsCardSecretName("number", "payment.card"));
  EXPECT_TRUE(IsCardSecretName("number", "credit_card"));
  for (const char* name : {"number", "phone", "order_number", "last4", "token", "brand"}) {
    EXPECT_FALSE(IsCardSecretName(name, "customer")) << name;
  }
}

TEST(CardSecretsTest, FindsThemAtAnyDepthWithoutTheirValues) {
  const Json json = Json::parse(
      R"({"a": {"lines": [{"pan": "4111111111111111"}]}, "card": {"number": "x"}, "ok": 1})");
  std::vector<FieldError> problems;

  FindCardSecrets(json, "content", problems);

  EXPECT_THAT(problems,
              UnorderedElementsAre(FieldError{"content.a.lines[0].pan", kCardSecretProblem},
                                   FieldError{"content.card.number", kCardSecretProblem}));
}

TEST(DraftJsonTest, ReadsANewDraftAndItsSummary) {
  const Json json = Json::parse(
      R"({"channel": "mail", "content": {"customer": {"name": "Mario"}, "lines": [{}, {}, {}]}})");

  Result<DraftInput> input = DraftInputFromJson(json, DraftRequest::kCreate);

  ASSERT_TRUE(input.has_value()) << input.error().message;
  EXPECT_EQ(input->channel, Channel::kMail);
  EXPECT_EQ(input->summary, (DraftSummary{.customer_name = "Mario", .line_count = 3}));
  EXPECT_EQ(Json::parse(input->content), json["content"]);
  EXPECT_FALSE(input->revision.has_value());
}

TEST(DraftJsonTest, ANewDraftMayOmitItsContent) {
  Result<DraftInput> input = DraftInputFromJson(Json{{"channel", "phone"}}, DraftRequest::kCreate);

  ASSERT_TRUE(input.has_value());
  EXPECT_EQ(input->content, "{}");
  EXPECT_EQ(input->summary, DraftSummary{});
}

TEST(DraftJsonTest, ReadsASaveWithOptionalParkedAndChannel) {
  Result<DraftInput> full = DraftInputFromJson(
      Json::parse(R"({"revision": 3, "content": {"customer_name": "Nadia"}, "parked": true,
                      "channel": "counter"})"),
      DraftRequest::kSave);
  Result<DraftInput> bare =
      DraftInputFromJson(Json::parse(R"({"revision": 3, "content": {}})"), DraftRequest::kSave);

  ASSERT_TRUE(full.has_value()) << full.error().message;
  EXPECT_EQ(full->revision, 3);
  EXPECT_EQ(full->parked, true);
  EXPECT_EQ(full->channel, Channel::kCounter);
  EXPECT_EQ(full->summary.customer_name, "Nadia");
  ASSERT_TRUE(bare.has_value());
  EXPECT_FALSE(bare->parked.has_value());
  EXPECT_FALSE(bare->channel.has_value());
}

TEST(DraftJsonTest, ReportsEveryProblemOfADraft) {
  Result<DraftInput> save = DraftInputFromJson(
      Json::parse(R"({"revision": 0, "content": "text", "parked": "yes", "channel": "fax",
                      "owner": "someone"})"),
      DraftRequest::kSave);
  Result<DraftInput> create = DraftInputFromJson(
      Json::parse(R"({"channel": "phone", "revision": 1, "content": {"cvc": "1"}})"),
      DraftRequest::kCreate);

  ASSERT_FALSE(save.has_value());
  EXPECT_EQ(save.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(PathsOf(save.error()),
              UnorderedElementsAre("revision", "content", "parked", "channel", "owner"));
  ASSERT_FALSE(create.has_value());
  EXPECT_THAT(PathsOf(create.error()), UnorderedElementsAre("content.cvc", "revision"));
}

TEST(DraftJsonTest, RefusesContentOver64KiB) {
  const std::string fits(65'536 - std::string(R"({"n":""})").size(), 'x');
  const Json at_limit{{"channel", "phone"}, {"content", {{"n", fits}}}};
  const Json over{{"channel", "phone"}, {"content", {{"n", fits + "x"}}}};

  EXPECT_TRUE(DraftInputFromJson(at_limit, DraftRequest::kCreate).has_value());
  Result<DraftInput> refused = DraftInputFromJson(over, DraftRequest::kCreate);
  ASSERT_FALSE(refused.has_value());
  EXPECT_THAT(PathsOf(refused.error()), ElementsAre("content"));
}

TEST(DraftJsonTest, WritesADraftInFullOrAsASummary) {
  const EntryDraft draft{.id = DraftId{7},
                         .revision = 2,
                         .channel = Channel::kCounter,
                         .owner = "anna",
                         .parked = true,
                         .placement_key = "draft-k",
                         .content = R"({"lines":[]})",
                         .summary = {.customer_name = "Mario", .line_count = 0}};

  const Json full = ToJson(draft, DraftDetail::kFull);
  const Json summary = ToJson(draft, DraftDetail::kSummary);

  EXPECT_EQ(full["id"], 7);
  EXPECT_EQ(full["channel"], "counter");
  EXPECT_EQ(full["parked"], true);
  EXPECT_EQ(full["content"], (Json{{"lines", Json::array()}}));
  EXPECT_EQ(full["created_at"], "1970-01-01T00:00:00Z");
  EXPECT_FALSE(summary.contains("content"));
  EXPECT_EQ(summary["summary"], (Json{{"customer_name", "Mario"}, {"line_count", 0}}));
}

TEST(ConfirmationJsonTest, ReadsARequestStrictly) {
  Result<ConfirmationRequest> read = ConfirmationRequestFromJson(Json::parse(R"({"revision": 2})"));
  Result<ConfirmationRequest> wrong =
      ConfirmationRequestFromJson(Json::parse(R"({"by": 5, "principal": "me"})"));

  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->revision, 2);
  EXPECT_EQ(read->by, "");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_THAT(PathsOf(wrong.error()), UnorderedElementsAre("revision", "by", "principal"));
}

TEST(CardJsonTest, ReadsAnAmountInTheBusinessCurrency) {
  Result<CardPaymentRequest> read = CardPaymentRequestFromJson(
      Json::parse(R"({"amount": {"minor": 5417}, "reference": "draft 3"})"), kEur);

  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->amount, Money(5417, kEur));
  EXPECT_EQ(read->reference, "draft 3");
}

TEST(CardJsonTest, RefusesCardSecretsAndBadAmounts) {
  Result<CardPaymentRequest> read = CardPaymentRequestFromJson(
      Json::parse(R"({"amount": {"minor": -1, "currency": "USD"}, "reference": "x",
                      "pan": "4111111111111111", "cvv": "1"})"),
      kEur);

  ASSERT_FALSE(read.has_value());
  EXPECT_THAT(read.error().fields,
              UnorderedElementsAre(FieldError{"amount.currency", "must be EUR"},
                                   FieldError{"amount.minor", "must be 1..100000000000000"},
                                   FieldError{"pan", kCardSecretProblem},
                                   FieldError{"cvv", kCardSecretProblem}));
}

}  // namespace
}  // namespace commesso::json
