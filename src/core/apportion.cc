#include "core/apportion.h"

#include <algorithm>
#include <numeric>

#include "core/invariant.h"
#include "core/money.h"

namespace commesso {

std::vector<std::int64_t> Apportion(std::int64_t total, const std::vector<std::int64_t>& weights) {
  COMMESSO_INVARIANT(total >= 0, "only a non-negative amount can be apportioned");
  COMMESSO_INVARIANT(total == 0 || !weights.empty(), "an amount needs somewhere to go");
  Int128 weight_sum = 0;
  for (const std::int64_t weight : weights) {
    COMMESSO_INVARIANT(weight >= 0, "apportioning weights cannot be negative");
    weight_sum += weight;
  }
  const bool equal = weight_sum == 0;
  if (equal) weight_sum = static_cast<Int128>(weights.size());

  std::vector<std::int64_t> parts(weights.size(), 0);
  std::vector<Int128> remainders(weights.size(), 0);
  Int128 given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Int128 share = static_cast<Int128>(total) * (equal ? 1 : weights[i]);
    parts[i] = static_cast<std::int64_t>(share / weight_sum);
    remainders[i] = share % weight_sum;
    given += parts[i];
  }

  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  // Fewer units are left over than there are parts, since each part lost less than one.
  auto left_over = static_cast<std::size_t>(static_cast<Int128>(total) - given);
  for (std::size_t k = 0; k < left_over; ++k) ++parts[order[k]];
  return parts;
}

}  // namespace commesso
