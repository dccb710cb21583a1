#pragma once

#include <cstddef>
#include <cstdint>

namespace commesso {

// The bounds validation enforces on input. They keep every amount pricing computes far from
// int64 overflow: a line is at most kMaxLineAmountMinor, an order at most
// kMaxOrderTotalMinor, and a rate x amount product fits easily in 128 bits.
inline constexpr std::int64_t kMinQuantity = 1;
inline constexpr std::int64_t kMaxQuantity = 9'999;
inline constexpr std::size_t kMaxLines = 500;
inline constexpr std::int64_t kPriceCeilingMinor = 1'000'000'000;  // 10 million in major units.
inline constexpr std::int64_t kMaxLineAmountMinor = 10'000'000'000'000;   // 10^13.
inline constexpr std::int64_t kMaxOrderTotalMinor = 100'000'000'000'000;  // 10^14.
inline constexpr std::int64_t kMaxItemWeightGrams = 1'000'000'000;        // 1000 tonnes.
inline constexpr std::size_t kMaxSkuChars = 64;
inline constexpr std::size_t kMaxNameChars = 200;
inline constexpr std::size_t kMaxNotesChars = 2'000;
inline constexpr std::size_t kMaxClerkChars = 100;
inline constexpr std::size_t kMaxCategoryChars = 32;  // An item's product category.
inline constexpr std::size_t kMaxLocationChars = 32;  // An item's storage location.
inline constexpr std::size_t kMaxUnitChars = 16;      // An item's unit ("piece", "kg").

}  // namespace commesso
