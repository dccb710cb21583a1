#include "adapters/json/card_numbers.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/card_number.h"

namespace commesso::json {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> PathsIn(const nlohmann::json& json) {
  std::vector<FieldError> problems;
  FindCardNumbers(json, "content", problems);
  std::vector<std::string> paths;
  for (const FieldError& problem : problems) {
    EXPECT_EQ(problem.problem, kCardNumberProblem);
    paths.push_back(problem.path);
  }
  return paths;
}

TEST(FindCardNumbersTest, ReportsStringsAndIntegersAtAnyDepthInDocumentOrder) {
  const auto content = nlohmann::json::parse(R"({
    "customer": {"name": "Mario Rossi", "phone": "+39 02 1234 5678"},
    "lines": [{"sku": "PEN-01"}, {"sku": "PEN-02", "memo": ["ok", "4111 1111 1111 1111"]}],
    "notes": "carta 5555-5555-5555-4444",
    "payment": {"tendered": 6011111111111117, "quantity": 3}
  })");

  EXPECT_THAT(PathsIn(content),
              ElementsAre("content.lines[1].memo[1]", "content.notes", "content.payment.tendered"));
}

TEST(FindCardNumbersTest, ReportsAMemberNamedByANumberAtItsObjectWithoutRepeatingIt) {
  const auto content =
      nlohmann::json::parse(R"({"cards": {"4111111111111111": "4111111111111111"}})");

  EXPECT_THAT(PathsIn(content), ElementsAre("content.cards"));
}

TEST(FindCardNumbersTest, AcceptsContentWithoutCardNumbers) {
  EXPECT_THAT(
      PathsIn(nlohmann::json::parse(
          R"({"customer": {"id": 12, "name": "Niccolò"}, "lines": [], "ean": 4006381333924})")),
      IsEmpty());
}

}  // namespace
}  // namespace commesso::json
