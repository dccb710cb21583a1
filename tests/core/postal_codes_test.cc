#include "core/postal_codes.h"

#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace commesso {
namespace {

using ::testing::Optional;

TEST(PostalCodeProblemTest, AcceptsTheCodesOfKnownCountries) {
  const std::pair<const char*, const char*> codes[] = {
      {"IT", "20121"},    {"IT", "00184"},    {"SM", "47890"},    {"VA", "00120"},
      {"GB", "SW1A 1AA"}, {"GB", "SE1 2JX"},  {"GB", "EC1A1AA"},  {"GB", "m1 1ae"},
      {"GB", "W1A 0AX"},  {"GB", "GIR 0AA"},  {"US", "10118"},    {"US", "10118-0110"},
      {"DE", "10117"},    {"FR", "75001"},    {"CH", "8001"},     {"AT", "1010"},
      {"NL", "1012 AB"},  {"NL", "1012AB"},   {"IE", "D02 X285"}, {"IE", "D6W 1234"},
      {"PL", "00-950"},   {"PT", "1000-001"}, {"SE", "111 22"},   {"LU", "L-1111"}};
  for (const auto& [country, code] : codes) {
    EXPECT_EQ(PostalCodeProblem(country, code), std::nullopt) << country << " " << code;
  }
}

TEST(PostalCodeProblemTest, RefusesWhatNoPostOfficeWrites) {
  EXPECT_THAT(PostalCodeProblem("IT", "ABCDE"),
              Optional(std::string("is not a postal code of IT (like 20121)")));
  EXPECT_NE(PostalCodeProblem("IT", "2012"), std::nullopt);
  EXPECT_NE(PostalCodeProblem("IT", "201210"), std::nullopt);
  EXPECT_NE(PostalCodeProblem("IT", " 20121"), std::nullopt);
  EXPECT_NE(PostalCodeProblem("SM", "20121"), std::nullopt);
  EXPECT_NE(PostalCodeProblem("US", "1011"), std::nullopt);
  EXPECT_NE(PostalCodeProblem("US", "10118-01"), std::nullopt);
  EXPECT_NE(PostalCodeProblem("GB", "SW1A  1AA"), std::nullopt);
  EXPECT_NE(PostalCodeProblem("GB", "12345"), std::nullopt);
  EXPECT_THAT(PostalCodeProblem("GB", "SW1A"),
              Optional(std::string("is not a postal code of GB (like SW1A 1AA)")));
}

TEST(PostalCodeProblemTest, LeavesEmptyCodesAndUnknownFormatsToOtherRules) {
  EXPECT_EQ(PostalCodeProblem("IT", ""), std::nullopt);
  EXPECT_EQ(PostalCodeProblem("JP", "100-0001"), std::nullopt);
  EXPECT_FALSE(KnowsPostalCodes("JP"));
  EXPECT_TRUE(KnowsPostalCodes("IT"));
}

}  // namespace
}  // namespace commesso
