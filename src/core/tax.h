#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/code.h"
#include "core/customer.h"
#include "core/money.h"

namespace commesso {

// A tax rate in parts per million: 22% is 220'000, 8.875% is 88'750.
struct TaxRate {
  std::int32_t ppm = 0;
  friend auto operator<=>(const TaxRate&, const TaxRate&) = default;
};

// Tax on a tax-exclusive `net` amount, rounded by `rounding`: net x rate.
Money TaxOn(Money net, TaxRate rate, Rounding rounding);

// The unrounded tax on a tax-exclusive `base`: base x rate / 10^6.
Exact ExactTaxOn(Money base, TaxRate rate);

// The unrounded share of tax at `rate` inside a tax-inclusive `gross` amount that carries
// `total` of tax in all (the VAT fraction: gross x rate / (1 + total)).
Exact ExactTaxIncluded(Money gross, TaxRate rate, TaxRate total);

// One tax levied in a jurisdiction ("IVA"; or "State" and "County"), with its rate for each
// tax category. A category it does not list is not taxed by it.
struct TaxComponent {
  Code name;
  std::map<Code, TaxRate> rates{};  // Tax category -> rate.

  friend bool operator==(const TaxComponent&, const TaxComponent&) = default;
};

// How shipping charges are taxed in a jurisdiction.
enum class ShippingTax {
  kExempt,       // Not taxed.
  kAtCategory,   // Taxed like an item of `shipping_tax_category`.
  kApportioned,  // Split across the order's goods in proportion to their amounts, and each
                 // part taxed like the goods it was split onto (EU practice for mixed rates).
};

// Where taxes are decided: a country, optionally narrowed to a region and a postal-code
// prefix. Each jurisdiction lists every component that applies in it, so the most specific
// match alone decides ("US-CA-900" lists both the state and the county component).
struct TaxJurisdiction {
  Code code;                  // Shown in the trace: "IT", "US-CA", "US-CA-900".
  std::string country;        // ISO 3166-1 alpha-2, or "*" for any country.
  std::string region;         // Empty: any region.
  std::string postal_prefix;  // Empty: any postal code.
  std::vector<TaxComponent> components{};
  ShippingTax shipping_tax = ShippingTax::kExempt;
  Code shipping_tax_category;  // For kAtCategory.

  friend bool operator==(const TaxJurisdiction&, const TaxJurisdiction&) = default;
};

// Which address decides the jurisdiction of a line.
enum class TaxAddress { kShipping, kBilling };

struct TaxRules {
  std::vector<std::string> categories{};  // Every tax category items may name.
  std::vector<TaxJurisdiction> jurisdictions{};
  TaxAddress goods_address = TaxAddress::kShipping;
  TaxAddress services_address = TaxAddress::kBilling;

  // The most specific jurisdiction containing `address`: a postal prefix beats a region,
  // a longer prefix a shorter one, a region a whole country, a country "*". Null when none.
  const TaxJurisdiction* Find(const Address& address) const;

  friend bool operator==(const TaxRules&, const TaxRules&) = default;
};

}  // namespace commesso
