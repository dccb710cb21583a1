#include "core/shipping_quote.h"

#include <algorithm>

#include "core/invariant.h"

namespace commesso {
namespace {

bool Lists(const ShippingZone& zone, const std::string& country) {
  return std::find(zone.countries.begin(), zone.countries.end(), country) != zone.countries.end();
}

const ShippingZone* ZoneFor(const ShippingMethod& method, const std::string& country) {
  for (const ShippingZone& zone : method.zones) {
    if (Lists(zone, country)) return &zone;
  }
  for (const ShippingZone& zone : method.zones) {
    if (Lists(zone, "*")) return &zone;
  }
  return nullptr;
}

}  // namespace

Result<ShippingQuote> QuoteShipping(const ShippingMethod& method, const std::string& country,
                                    std::int64_t weight_grams, Money goods_total) {
  const ShippingZone* zone = ZoneFor(method, country);
  if (zone == nullptr) {
    return Fail(ErrorCode::kInvalidInput,
                "shipping method \"" + method.code + "\" does not deliver to " + country);
  }
  const auto bracket = std::find_if(
      zone->brackets.begin(), zone->brackets.end(),
      [&](const WeightBracket& candidate) { return candidate.max_grams >= weight_grams; });
  if (bracket == zone->brackets.end()) {
    std::string limit;
    if (!zone->brackets.empty()) {
      limit = " (at most " + std::to_string(zone->brackets.back().max_grams) + " g)";
    }
    return Fail(ErrorCode::kInvalidInput,
                "shipping method \"" + method.code + "\" does not take parcels of " +
                    std::to_string(weight_grams) + " g to " + country + limit);
  }
  ShippingQuote quote{
      .zone = zone->code, .list_charge = bracket->charge, .charge = bracket->charge};
  if (zone->free_over) {
    COMMESSO_INVARIANT(zone->free_over->currency() == goods_total.currency(),
                       "the free-shipping threshold is in another currency than the goods");
    if (goods_total.minor() >= zone->free_over->minor()) {
      quote.free = true;
      quote.charge = Money(0, bracket->charge.currency());
    }
  }
  return quote;
}

}  // namespace commesso
