#include "adapters/json/read_json.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/json/card_secrets.h"
#include "adapters/json/domain_json.h"
#include "adapters/json/draft_json.h"

// The one reading policy for every JSON the server reads (docs/api.md, "Reading JSON").
namespace commesso::json {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// `levels` arrays nested in each other: "[[[…]]]".
std::string NestedArrays(std::size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

// `levels` objects nested through the member "a": {"a":{"a":…{}}}.
std::string NestedObjects(std::size_t levels) {
  std::string text;
  for (std::size_t i = 1; i < levels; ++i) text += R"({"a":)";
  return text + "{}" + std::string(levels - 1, '}');
}

// The path of the element at `depth` levels of NestedArrays: "[0][0]…".
std::string ArrayPath(std::size_t depth) {
  std::string path;
  for (std::size_t i = 0; i < depth; ++i) path += "[0]";
  return path;
}

// The refusal of `text`, which must be refused.
FieldError RefusalOf(std::string_view text) {
  auto read = ReadJson(text);
  if (read.has_value()) {
    ADD_FAILURE() << "accepted: " << text.substr(0, 200);
    return {};
  }
  EXPECT_EQ(read.error().fault, ReadFault::kRefused) << read.error().error.message;
  EXPECT_EQ(read.error().error.code, ErrorCode::kInvalidInput);
  if (read.error().error.fields.size() != 1) {
    ADD_FAILURE() << "expected one problem, got " << read.error().error.fields.size();
    return {};
  }
  return read.error().error.fields[0];
}

TEST(ReadJsonTest, ReadsWhatJsonParseReads) {
  const std::string text =
      R"({"s": "caf\u00e9", "i": -7, "u": 18446744073709551, "f": 0.25, "e": 1e3, "z": 0e-999,)"
      R"( "t": true, "n": null, "a": [1, [2, {"b": []}]], "o": {}})";

  auto read = ReadJson(text);

  ASSERT_TRUE(read.has_value()) << read.error().error.fields.at(0).problem;
  EXPECT_EQ(*read, nlohmann::json::parse(text));
  EXPECT_TRUE((*read)["u"].is_number_unsigned());
  EXPECT_TRUE((*read)["i"].is_number_integer());
  EXPECT_TRUE((*read)["f"].is_number_float());
}

TEST(ReadJsonTest, ReadsScalarsAtTheRoot) {
  EXPECT_EQ(ReadJson("42").value(), nlohmann::json(42));
  EXPECT_EQ(ReadJson(R"("x")").value(), nlohmann::json("x"));
  EXPECT_EQ(ReadJson("null").value(), nlohmann::json(nullptr));
}

TEST(ReadJsonTest, ReadsExactly32LevelsOfNesting) {
  EXPECT_TRUE(ReadJson(NestedArrays(kMaxDepth)).has_value());
  EXPECT_TRUE(ReadJson(NestedObjects(kMaxDepth)).has_value());
}

TEST(ReadJsonTest, RefusesTheLevelPast32WithItsPath) {
  EXPECT_EQ(RefusalOf(NestedArrays(kMaxDepth + 1)),
            (FieldError{ArrayPath(kMaxDepth), "nests deeper than 32 levels"}));
  std::string objects_path = "a";
  for (std::size_t i = 1; i < kMaxDepth; ++i) objects_path += ".a";
  EXPECT_EQ(RefusalOf(NestedObjects(kMaxDepth + 1)),
            (FieldError{objects_path, "nests deeper than 32 levels"}));
}

// Issue 1 of the hostile caller: nesting deep enough to overflow a recursive walk.
TEST(ReadJsonTest, RefusesHostileNestingAtOnce) {
  for (std::size_t levels : {20'000u, 100'000u, 1'000'000u}) {
    EXPECT_EQ(RefusalOf(NestedArrays(levels)).path, ArrayPath(kMaxDepth)) << levels;
    EXPECT_EQ(RefusalOf(std::string(levels, '[')).path, ArrayPath(kMaxDepth)) << levels;
    EXPECT_EQ(RefusalOf(NestedObjects(levels)).problem, "nests deeper than 32 levels") << levels;
  }
}

// The last of two members of one name used to win.
TEST(ReadJsonTest, RefusesDuplicateMembersNamingTheirPath) {
  EXPECT_EQ(RefusalOf(R"({"quantity": 1, "quantity": 5})"),
            (FieldError{"quantity", "appears twice"}));
  EXPECT_EQ(RefusalOf(R"({"lines": [{"sku": "A"}, {"quantity": 1, "sku": "B", "quantity": 5}]})"),
            (FieldError{"lines[1].quantity", "appears twice"}));
  EXPECT_EQ(RefusalOf(R"({"a": {"b": {}, "b": {}}})"), (FieldError{"a.b", "appears twice"}));
  // Members of one name in different objects are not duplicates.
  EXPECT_TRUE(ReadJson(R"({"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 2}]})"));
}

// A number beyond the double's range used to escape as an exception (a 500).
TEST(ReadJsonTest, RefusesNumbersOutOfRangeNamingTheField) {
  const std::string huge_integer(100'000, '7');
  const std::string huge_negative = "-" + huge_integer;
  for (const std::string& number :
       {std::string("1e999"), std::string("-1e999"), std::string("1E+400"), huge_integer,
        huge_negative, std::string("1e-999"), std::string("-2.5e-400"),
        std::string("4.9e-324"),              // Subnormal: precision already lost.
        std::string("9223372036854775808"),   // One past the largest int64.
        std::string("-9223372036854775809"),  // One before the smallest.
        std::string("18446744073709551616"), std::string("123456789012345678901234567890")}) {
    const std::string text = R"({"lines": [{"quantity": )" + number + "}]}";

    const FieldError refusal = RefusalOf(text);

    EXPECT_EQ(refusal, (FieldError{"lines[0].quantity", "is out of range"}))
        << number.substr(0, 40);
  }
}

TEST(ReadJsonTest, NamesAnOutOfRangeNumberInAnArrayOrAtTheRoot) {
  EXPECT_EQ(RefusalOf("[1, 2, 1e999]"), (FieldError{"[2]", "is out of range"}));
  EXPECT_EQ(RefusalOf("1e999"), (FieldError{"", "is out of range"}));
}

TEST(ReadJsonTest, ReadsNumbersAtTheEdgesOfTheRange) {
  auto read = ReadJson(R"([9223372036854775807, -9223372036854775808, 1.7976931348623157e308, )"
                       R"(-1.7976931348623157e308, 2.2250738585072014e-308, 0, -0.0, 0.000e-999])");

  ASSERT_TRUE(read.has_value()) << read.error().error.fields.at(0).problem;
  EXPECT_EQ((*read)[0].get<std::int64_t>(), 9'223'372'036'854'775'807);
  EXPECT_EQ((*read)[1].get<std::int64_t>(), INT64_MIN);
  EXPECT_EQ((*read)[7].get<double>(), 0.0);
}

TEST(ReadJsonTest, NeverEchoesAHugeValue) {
  const std::string digits(1'000'000, '9');

  auto read = ReadJson(R"({"quantity": )" + digits + "}");
  auto malformed = ReadJson(R"({"quantity": )" + digits + "x}");

  ASSERT_FALSE(read.has_value());
  ASSERT_FALSE(malformed.has_value());
  for (const ReadFailure& failure : {read.error(), malformed.error()}) {
    EXPECT_LT(failure.error.message.size() + failure.error.fields.at(0).problem.size(), 200u);
    EXPECT_EQ(failure.error.fields.at(0).problem.find("999"), std::string::npos);
  }
}

TEST(ReadJsonTest, RefusesAMemberNameLongerThan128Bytes) {
  const std::string fits(kMaxMemberNameBytes, 'k');

  EXPECT_TRUE(ReadJson(R"({")" + fits + R"(": 1})").has_value());
  EXPECT_EQ(RefusalOf(R"({"content": {")" + fits + R"(k": 1}})"),
            (FieldError{"content", "has a member name longer than 128 bytes"}));
}

TEST(ReadJsonTest, KeepsMalformedJsonApartWithItsByte) {
  auto read = ReadJson(R"({"lines": [1, 2,]})");

  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().fault, ReadFault::kMalformed);
  EXPECT_EQ(read.error().error.message, "the body is not valid JSON");
  ASSERT_EQ(read.error().error.fields.size(), 1u);
  EXPECT_EQ(read.error().error.fields[0].path, "");
  EXPECT_THAT(read.error().error.fields[0].problem, StartsWith("invalid JSON at byte 17: syntax"));
}

TEST(ReadJsonTest, KeepsMalformedJsonApartEvenWhenDeep) {
  auto read = ReadJson(NestedArrays(10) + "]");

  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().fault, ReadFault::kMalformed);
}

TEST(ParseTest, RefusesWhatReadJsonRefuses) {
  Result<Json> deep = Parse(NestedArrays(20'000));
  Result<Json> twice = Parse(R"({"a": 1, "a": 1})");
  Result<Json> huge = Parse(R"({"a": 1e999})");

  ASSERT_FALSE(deep.has_value());
  ASSERT_FALSE(twice.has_value());
  ASSERT_FALSE(huge.has_value());
  EXPECT_EQ(huge.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(huge.error().fields, ElementsAre(FieldError{"a", "is out of range"}));
  EXPECT_THAT(twice.error().fields, ElementsAre(FieldError{"a", "appears twice"}));
}

// A value built in memory, not read from text: the walk must not recurse per level.
TEST(CardSecretsTest, WalksAnyDepthWithoutRecursion) {
  Json root = Json::object();
  Json* at = &root;
  for (int i = 0; i < 200'000; ++i) at = &((*at)["a"] = Json::object());
  (*at)["cvv"] = "123";
  std::vector<FieldError> problems;

  FindCardSecrets(root, "content", problems);

  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].path, StartsWith("content.a.a."));
  EXPECT_THAT(problems[0].path, ::testing::EndsWith(".a.cvv"));
}

TEST(CardSecretsTest, ReportsInDocumentOrder) {
  const Json json = Json::parse(R"({"a": [{"pan": 1}, {"b": {"cvv": 2}}], "c": {"pin": 3}})");
  std::vector<FieldError> problems;

  FindCardSecrets(json, "content", problems);

  EXPECT_THAT(problems, ElementsAre(FieldError{"content.a[0].pan", kCardSecretProblem},
                                    FieldError{"content.a[1].b.cvv", kCardSecretProblem},
                                    FieldError{"content.c.pin", kCardSecretProblem}));
}

// Drafts saved before the depth limit may be deeper than it: read back, their content is empty
// instead of a crash or an unbounded dump.
TEST(DraftJsonTest, WritesStoredContentThatBreaksTheRulesAsEmpty) {
  const EntryDraft deep{.id = DraftId{1}, .content = R"({"a": )" + NestedArrays(1'000) + "}"};
  const EntryDraft twice{.id = DraftId{2}, .content = R"({"a": 1, "a": 2})"};

  EXPECT_EQ(ToJson(deep, DraftDetail::kFull)["content"], Json::object());
  EXPECT_EQ(ToJson(twice, DraftDetail::kFull)["content"], Json::object());
}

TEST(DraftJsonTest, ContentMayNest31LevelsBelowTheRequest) {
  const Json fits =
      Json::parse(R"({"channel": "phone", "content": {"a": )" + NestedArrays(kMaxDepth - 2) + "}}");

  EXPECT_TRUE(DraftInputFromJson(fits, DraftRequest::kCreate).has_value());
}

}  // namespace
}  // namespace commesso::json
