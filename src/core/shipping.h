#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "core/text.h"

namespace commesso {

// The charge for parcels up to `max_grams` (inclusive) of total goods weight.
struct WeightBracket {
  std::int64_t max_grams = 0;
  Money charge{};
  friend bool operator==(const WeightBracket&, const WeightBracket&) = default;
};

// A set of destination countries sharing one price list for a method.
struct ShippingZone {
  std::string code;                       // "IT", "EU", "WORLD".
  std::vector<std::string> countries{};   // ISO alpha-2 codes; "*" matches any country.
  std::vector<WeightBracket> brackets{};  // Sorted by max_grams; heavier parcels: not served.
  std::optional<Money> free_over{};       // Goods total at or above which shipping is free.
  friend bool operator==(const ShippingZone&, const ShippingZone&) = default;
};

struct ShippingMethod {
  std::string code;  // "standard", "express", "freight".
  LocalizedText name{};
  std::vector<ShippingZone> zones{};  // First zone listing the country wins, then "*".
  friend bool operator==(const ShippingMethod&, const ShippingMethod&) = default;
};

// The pseudo-method of an order collected at the counter: no charge, no address needed.
inline constexpr const char* kPickupMethod = "pickup";

struct ShippingRates {
  std::vector<ShippingMethod> methods{};

  // The method with `code`, or null.
  const ShippingMethod* Find(const std::string& code) const;

  friend bool operator==(const ShippingRates&, const ShippingRates&) = default;
};

// The charge of `method` for `weight_grams` of goods shipped to `country`, given the goods
// total in the catalog's price mode (for the free-shipping threshold). kInvalidInput (with a
// one-sentence message, no fields) when the method does not serve the country or the weight.
Result<Money> ShippingCharge(const ShippingMethod& method, const std::string& country,
                             std::int64_t weight_grams, Money goods_total);

}  // namespace commesso
