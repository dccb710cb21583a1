#include "core/tax_place.h"

#include "core/shipping.h"

namespace commesso {

bool ShipsGoods(bool has_goods, const std::string& shipping_method) {
  return has_goods && !shipping_method.empty() && shipping_method != kPickupMethod;
}

TaxPlace TaxPlaceOf(ItemKind kind, const Address* billing, const Address* shipping, bool shipped,
                    const PricingRules& rules) {
  const TaxPlace origin{.address = &rules.origin, .field = "origin"};
  const TaxPlace at_billing{.address = billing, .field = "billing_address"};
  const TaxPlace at_shipping{.address = shipping, .field = "shipping_address"};
  const TaxAddress chosen =
      kind == ItemKind::kGood ? rules.tax.goods_address : rules.tax.services_address;
  // The place of supply of goods collected at the counter is the business's premises, even
  // when the draft carries a shipping address it does not use.
  if (kind == ItemKind::kGood && chosen == TaxAddress::kShipping && !shipped) return origin;
  const TaxPlace& first = chosen == TaxAddress::kShipping ? at_shipping : at_billing;
  const TaxPlace& second = chosen == TaxAddress::kShipping ? at_billing : at_shipping;
  if (first.address != nullptr) return first;
  if (second.address != nullptr) return second;
  return origin;
}

}  // namespace commesso
