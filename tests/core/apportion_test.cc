#include "core/apportion.h"

#include <cstdint>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/invariant.h"

namespace commesso {
namespace {

using Parts = std::vector<std::int64_t>;

TEST(ApportionTest, SplitsInProportion) {
  EXPECT_EQ(Apportion(1000, {3000, 1000}), (Parts{750, 250}));
  EXPECT_EQ(Apportion(0, {3000, 1000}), (Parts{0, 0}));
  EXPECT_EQ(Apportion(500, {7}), (Parts{500}));
}

TEST(ApportionTest, GivesLeftoverUnitsToTheLargestRemainders) {
  // 990 x 1/7 = 141.43, x 2/7 = 282.86, x 4/7 = 565.71: floors sum to 988; the two units
  // left go to the remainders .86 and .71.
  EXPECT_EQ(Apportion(990, {1000, 2000, 4000}), (Parts{141, 283, 566}));
}

TEST(ApportionTest, BreaksTiesInFavourOfTheEarlierWeight) {
  EXPECT_EQ(Apportion(100, {1, 1, 1}), (Parts{34, 33, 33}));
  EXPECT_EQ(Apportion(2, {5, 5, 5}), (Parts{1, 1, 0}));
}

TEST(ApportionTest, SplitsEquallyWhenEveryWeightIsZero) {
  EXPECT_EQ(Apportion(10, {0, 0, 0}), (Parts{4, 3, 3}));
}

TEST(ApportionTest, ZeroWeightsGetNothingBesideOthers) {
  EXPECT_EQ(Apportion(10, {0, 5, 0}), (Parts{0, 10, 0}));
}

TEST(ApportionTest, RefusesWhatCannotBeSplit) {
  EXPECT_THROW(Apportion(-1, {1}), InvariantError);
  EXPECT_THROW(Apportion(1, {1, -1}), InvariantError);
  EXPECT_THROW(Apportion(1, {}), InvariantError);
  EXPECT_EQ(Apportion(0, {}), Parts{});
}

RC_GTEST_PROP(ApportionPropertyTest, PartsSumToTheTotalAndStayWithinOneUnitOfTheShare, ()) {
  const auto total = *rc::gen::inRange<std::int64_t>(0, 10'000'000'000'000);
  const auto weights = *rc::gen::container<Parts>(
      *rc::gen::inRange<std::size_t>(1, 50), rc::gen::inRange<std::int64_t>(0, 10'000'000'000'000));

  const Parts parts = Apportion(total, weights);

  RC_ASSERT(parts.size() == weights.size());
  RC_ASSERT(std::accumulate(parts.begin(), parts.end(), std::int64_t{0}) == total);
  __extension__ using Wide = __int128;
  const Wide weight_sum = std::accumulate(weights.begin(), weights.end(), Wide{0});
  for (std::size_t i = 0; i < parts.size() && weight_sum > 0; ++i) {
    const Wide floor_share = static_cast<Wide>(total) * weights[i] / weight_sum;
    RC_ASSERT(parts[i] >= floor_share);
    RC_ASSERT(parts[i] <= floor_share + 1);
  }
}

}  // namespace
}  // namespace commesso
