#pragma once

#include <string>

#include "core/catalog.h"
#include "core/customer.h"
#include "core/pricing.h"

namespace commesso {

// Whether an order is shipped: it has goods and its method is neither empty (pick-up at the
// counter) nor kPickupMethod. Validation and pricing both decide it here.
bool ShipsGoods(bool has_goods, const std::string& shipping_method);

// The address whose jurisdiction taxes something, and the draft field it came from.
struct TaxPlace {
  const Address* address = nullptr;  // Borrowed from the caller's arguments; never null.
  const char* field = "";            // "shipping_address", "billing_address" or "origin".
};

// Where an item of `kind` is taxed. The rules choose the shipping or the billing address for
// goods and for services. Goods that are not shipped but would be taxed at the shipping
// address are handed over at the counter: they are taxed at rules.origin. Otherwise an
// absent chosen address falls back to the other order address, then to rules.origin.
// `billing` and `shipping` may be null (absent); the result borrows from the arguments.
TaxPlace TaxPlaceOf(ItemKind kind, const Address* billing, const Address* shipping, bool shipped,
                    const PricingRules& rules);

}  // namespace commesso
