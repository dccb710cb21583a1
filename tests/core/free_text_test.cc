#include "core/free_text.h"

#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/card_number.h"

namespace commesso {
namespace {

using ::testing::Optional;

TEST(FreeTextProblemTest, AcceptsOrdinaryText) {
  EXPECT_EQ(FreeTextProblem("Niccolò Ferretti – Città", TextLines::kOne), std::nullopt);
  EXPECT_EQ(FreeTextProblem("", TextLines::kOne), std::nullopt);
  EXPECT_EQ(FreeTextProblem("citofono Rossi\n2° piano\tscala B\r\n", TextLines::kMany),
            std::nullopt);
}

TEST(FreeTextProblemTest, RefusesACardNumberWithoutRepeatingIt) {
  const std::optional<std::string> problem =
      FreeTextProblem("carta 4111 1111 1111 1111", TextLines::kMany);

  ASSERT_THAT(problem, Optional(std::string(kCardNumberProblem)));
  EXPECT_EQ(problem->find("4111"), std::string::npos);
}

TEST(FreeTextProblemTest, RefusesControlCharacters) {
  const std::string nul("Mario\0Rossi", 11);
  EXPECT_THAT(FreeTextProblem(nul, TextLines::kOne),
              Optional(std::string("must not contain control characters or line breaks")));
  EXPECT_NE(FreeTextProblem("bell\a", TextLines::kOne), std::nullopt);
  EXPECT_NE(FreeTextProblem("del\x7f", TextLines::kMany), std::nullopt);
  EXPECT_NE(FreeTextProblem("escape\x1b[31m", TextLines::kMany), std::nullopt);
  EXPECT_NE(FreeTextProblem("C1 \xC2\x85 next line", TextLines::kMany), std::nullopt);
  EXPECT_NE(FreeTextProblem("C1 \xC2\x9B CSI", TextLines::kOne), std::nullopt);
}

TEST(FreeTextProblemTest, AllowsTabsAndLineBreaksOnlyWhereTextSpansLines) {
  EXPECT_NE(FreeTextProblem("line\nbreak", TextLines::kOne), std::nullopt);
  EXPECT_NE(FreeTextProblem("a\ttab", TextLines::kOne), std::nullopt);
  EXPECT_THAT(
      FreeTextProblem("bare\rreturn", TextLines::kMany),
      Optional(std::string("must not contain control characters other than tab and line breaks")));
}

TEST(FreeTextProblemTest, RefusesMalformedUtf8) {
  EXPECT_THAT(FreeTextProblem("caf\xe9", TextLines::kOne),
              Optional(std::string("must be valid UTF-8")));
}

}  // namespace
}  // namespace commesso
