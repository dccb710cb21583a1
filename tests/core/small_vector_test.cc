#include "core/small_vector.h"

#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace commesso {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using Strings = SmallVector<std::string, 2>;

std::vector<std::string> Copied(const Strings& strings) {
  return std::vector<std::string>(strings.begin(), strings.end());
}

TEST(SmallVectorTest, KeepsItsElementsInOrderInsideAndPastItsInlineRoom) {
  Strings strings;

  strings.push_back("a");
  strings.emplace_back("b");
  strings.push_back("a string long enough to live on the heap");
  strings.emplace_back(std::size_t{3}, 'd');

  EXPECT_THAT(strings, ElementsAre("a", "b", "a string long enough to live on the heap", "ddd"));
  EXPECT_EQ(strings.size(), 4U);
  EXPECT_EQ(strings[1], "b");
  EXPECT_EQ(strings.back(), "ddd");
}

TEST(SmallVectorTest, AnElementOfItselfCanBeAppendedWhenItSpills) {
  Strings strings{"first", "second"};

  strings.push_back(strings[0]);

  EXPECT_THAT(strings, ElementsAre("first", "second", "first"));
}

TEST(SmallVectorTest, CopiesAndComparesByElements) {
  const Strings small{"a"};
  const Strings large{"a", "b", "c"};

  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is what is tested.
  const Strings small_copy = small;
  Strings large_copy = large;

  EXPECT_EQ(small_copy, small);
  EXPECT_EQ(large_copy, large);
  EXPECT_NE(small, large);
  EXPECT_NE(small, (Strings{"b"}));
  large_copy = small;
  EXPECT_EQ(large_copy, small);
  EXPECT_EQ(Copied(large_copy), (std::vector<std::string>{"a"}));
}

TEST(SmallVectorTest, AMovedFromVectorIsEmpty) {
  Strings small{"a"};
  Strings large{"a", "b", "c"};

  const Strings small_moved = std::move(small);
  Strings large_moved;
  large_moved = std::move(large);

  EXPECT_THAT(Copied(small_moved), ElementsAre("a"));
  EXPECT_THAT(Copied(large_moved), ElementsAre("a", "b", "c"));
  EXPECT_THAT(small, IsEmpty());  // NOLINT(bugprone-use-after-move): what is tested.
  EXPECT_THAT(large, IsEmpty());  // NOLINT(bugprone-use-after-move)
}

TEST(SmallVectorTest, ClearEmptiesItForReuse) {
  Strings strings{"a", "b", "c"};

  strings.clear();
  strings.push_back("d");

  EXPECT_THAT(strings, ElementsAre("d"));
}

}  // namespace
}  // namespace commesso
