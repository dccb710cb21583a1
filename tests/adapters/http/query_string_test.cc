#include "adapters/http/query_string.h"

#include <gtest/gtest.h>

namespace commesso::http {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

TEST(PercentDecodeTest, DecodesEscapesAndPlusPerContext) {
  EXPECT_EQ(PercentDecode("caf%C3%A8+latte", PlusMeans::kSpace), "caf\xc3\xa8 latte");
  EXPECT_EQ(PercentDecode("a+b%2Bc", PlusMeans::kPlus), "a+b+c");
  EXPECT_EQ(PercentDecode("%2f%2F", PlusMeans::kPlus), "//");
  EXPECT_EQ(PercentDecode("", PlusMeans::kSpace), "");
}

TEST(PercentDecodeTest, RefusesBrokenEscapes) {
  for (const char* text : {"%", "%2", "%G0", "a%2", "100%"}) {
    EXPECT_FALSE(PercentDecode(text, PlusMeans::kSpace).has_value()) << text;
  }
}

TEST(ParseTargetTest, SplitsSegmentsAndParameters) {
  const auto target = ParseTarget("/api/v1/items?q=caf%C3%A8&limit=5&&flag&cursor=a%2Fb");

  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path, "/api/v1/items");
  EXPECT_EQ(target->segments, (std::vector<std::string>{"api", "v1", "items"}));
  EXPECT_EQ(target->query,
            (Params{{"q", "caf\xc3\xa8"}, {"limit", "5"}, {"flag", ""}, {"cursor", "a/b"}}));
  EXPECT_EQ(target->Param("cursor"), "a/b");
  EXPECT_EQ(target->Param("flag"), "");
  EXPECT_FALSE(target->Param("missing").has_value());
}

TEST(ParseTargetTest, KeepsAnEncodedSlashInsideItsSegment) {
  const auto target = ParseTarget("/api/v1/items/A%2FB+C");

  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->segments, (std::vector<std::string>{"api", "v1", "items", "A/B+C"}));
  EXPECT_EQ(target->path, "/api/v1/items/A%2FB+C");
}

TEST(ParseTargetTest, GivesTheFirstOfRepeatedParameters) {
  EXPECT_EQ(ParseTarget("/x?a=1&a=2")->Param("a"), "1");
}

TEST(ParseTargetTest, KeepsEmptySegments) {
  EXPECT_EQ(ParseTarget("/")->segments, (std::vector<std::string>{""}));
  EXPECT_EQ(ParseTarget("/items/")->segments, (std::vector<std::string>{"items", ""}));
}

TEST(ParseTargetTest, RefusesWhatIsNotAnOriginFormTarget) {
  for (const char* target : {"", "items", "http://host/items", "/items%zz", "/x?q=%"}) {
    EXPECT_FALSE(ParseTarget(target).has_value()) << target;
  }
}

}  // namespace
}  // namespace commesso::http
