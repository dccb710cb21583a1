#pragma once

#include <vector>

#include "core/catalog.h"
#include "core/customer.h"
#include "core/order.h"
#include "core/shipping.h"
#include "core/tax.h"

namespace commesso {

// Everything the business decides about prices: the currency, whether catalog prices
// include tax, how and where tax is rounded, the tax rules, the shipping rates, and the
// business's own address (the place of supply for orders collected at the counter).
struct PricingRules {
  Currency currency = kEur;
  PriceMode price_mode = PriceMode::kTaxExclusive;
  RoundingPolicy rounding{};
  TaxRules tax{};
  ShippingRates shipping{};
  Address origin{};
  friend bool operator==(const PricingRules&, const PricingRules&) = default;
};

// A draft after validation: the customer, the resolved addresses and the items in line order.
struct ValidatedDraft {
  OrderDraft draft{};
  Customer customer{};
  Address billing_address{};
  std::optional<Address> shipping_address{};  // Empty for pick-up and services only.
  std::vector<Item> items{};                  // items[i] is the item of draft.lines[i].
};

// Every problem of `draft` at once, each with its field path ("lines[2].quantity"). `items`
// holds the catalog items found for the draft's SKUs (any order; missing SKUs are absent).
// An empty result means PriceOrder cannot fail on the returned ValidatedDraft.
struct Validation {
  std::vector<FieldError> problems{};
  ValidatedDraft validated{};
};
Validation ValidateDraft(const OrderDraft& draft, const Customer& customer,
                         const std::vector<Item>& items, const PricingRules& rules);

// Prices a validated draft: a pure function, the same input always gives the same output.
// Throws InvariantError only on input that ValidateDraft would have refused.
PricedOrder PriceOrder(const ValidatedDraft& order, const PricingRules& rules);

}  // namespace commesso
