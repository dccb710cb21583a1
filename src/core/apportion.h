#pragma once

#include <cstdint>
#include <vector>

namespace commesso {

// Splits `total` (>= 0) into one whole part per weight (each >= 0), in proportion to the
// weights, by the largest-remainder method: each part is first rounded down, and the units
// left over go one each to the largest remainders, ties to the earlier weight. The parts
// always sum exactly to `total`. When every weight is 0 the split is equal. Throws
// InvariantError on a negative total or weight, or no weights with a non-zero total.
std::vector<std::int64_t> Apportion(std::int64_t total, const std::vector<std::int64_t>& weights);

}  // namespace commesso
