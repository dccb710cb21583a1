#pragma once

#include <cstdint>
#include <string>

#include "core/money.h"
#include "core/result.h"
#include "core/shipping.h"

namespace commesso {

// What one parcel costs with one method: the bracket's list charge, and what is charged
// after the free-shipping threshold.
struct ShippingQuote {
  std::string zone;     // Code of the zone that served the country.
  Money list_charge{};  // The weight bracket's charge.
  Money charge{};       // Zero when `free`, else the list charge.
  bool free = false;    // The goods total reached the zone's threshold.
  friend bool operator==(const ShippingQuote&, const ShippingQuote&) = default;
};

// The quote of `method` for `weight_grams` of goods shipped to `country`. The zone is the
// first listing the country, else the first listing "*"; the bracket is the first whose
// max_grams is at least the weight; shipping is free when `goods_total` is at or above the
// zone's free_over. kInvalidInput (a one-sentence message naming the method and the country
// or weight, no fields) when the method does not serve the country or the weight.
Result<ShippingQuote> QuoteShipping(const ShippingMethod& method, const std::string& country,
                                    std::int64_t weight_grams, Money goods_total);

}  // namespace commesso
