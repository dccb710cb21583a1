#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/code.h"
#include "core/customer.h"
#include "core/money.h"
#include "core/order.h"
#include "core/pricing.h"
#include "core/shipping.h"
#include "core/tax.h"

// Ready-made pricing rules, items, customers and addresses for tests. The rules are small
// but realistic: Italian VAT, New York sales tax, UK VAT. Every function returns a fresh
// value, so a test may change what it gets.
namespace commesso::testing {

// A complete address in `country`; the city follows the country (IT Milano, US New York,
// GB London, else "Springfield").
inline Address AddressIn(std::string country, std::string region = "", std::string postal = "") {
  Address address;
  address.name = "Mario Rossi";
  address.line1 = "Via Roma 1";
  address.postal_code = std::move(postal);
  address.city = "Springfield";
  if (country == "IT") address.city = "Milano";
  if (country == "US") address.city = "New York";
  if (country == "GB") address.city = "London";
  address.region = std::move(region);
  address.country = std::move(country);
  return address;
}

// Customer id 1, locale "it", with one saved address in `country` that is both the default
// billing and the default shipping address.
inline Customer CustomerIn(std::string country, std::string region = "", std::string postal = "") {
  Customer customer;
  customer.id = CustomerId{1};
  customer.name = "Mario Rossi";
  customer.email = "mario.rossi@example.com";
  customer.locale = "it";
  customer.addresses.push_back(CustomerAddress{
      .label = "Sede",
      .address = AddressIn(std::move(country), std::move(region), std::move(postal)),
      .default_billing = true,
      .default_shipping = true});
  return customer;
}

// An active good sold by the piece, weighing `grams` per unit.
inline Item Good(std::string sku, std::int64_t price_minor, Code category = "standard",
                 std::int64_t grams = 500, Currency currency = kEur) {
  LocalizedText name{.it = "Articolo " + sku, .en = "Item " + sku};
  return Item{.sku = std::move(sku),
              .name = std::move(name),
              .kind = ItemKind::kGood,
              .unit = "piece",
              .unit_price = Money(price_minor, currency),
              .tax_category = category,
              .weight_grams = grams};
}

// An active service sold by the hour: no weight, never shipped.
inline Item Service(std::string sku, std::int64_t price_minor, Code category = "standard",
                    Currency currency = kEur) {
  LocalizedText name{.it = "Servizio " + sku, .en = "Service " + sku};
  return Item{.sku = std::move(sku),
              .name = std::move(name),
              .kind = ItemKind::kService,
              .unit = "hour",
              .unit_price = Money(price_minor, currency),
              .tax_category = category,
              .weight_grams = 0};
}

// A draft for customer 1 on the API channel, paid on account.
inline OrderDraft DraftOf(std::vector<DraftLine> lines, std::string shipping_method = "standard") {
  OrderDraft draft;
  draft.channel = Channel::kApi;
  draft.customer_id = CustomerId{1};
  draft.lines = std::move(lines);
  draft.shipping_method = std::move(shipping_method);
  return draft;
}

// A tax jurisdiction; `region` and `postal_prefix` empty match any.
inline TaxJurisdiction Jurisdiction(Code code, std::string country, std::string region,
                                    std::string postal_prefix, std::vector<TaxComponent> components,
                                    ShippingTax shipping_tax = ShippingTax::kExempt,
                                    Code shipping_tax_category = {}) {
  TaxJurisdiction jurisdiction;
  jurisdiction.code = code;
  jurisdiction.country = std::move(country);
  jurisdiction.region = std::move(region);
  jurisdiction.postal_prefix = std::move(postal_prefix);
  jurisdiction.components = std::move(components);
  jurisdiction.shipping_tax = shipping_tax;
  jurisdiction.shipping_tax_category = shipping_tax_category;
  return jurisdiction;
}

// The business's own address, in `city`.
inline Address OriginIn(std::string name, std::string line1, std::string postal, std::string city,
                        std::string region, std::string country) {
  Address address;
  address.name = std::move(name);
  address.line1 = std::move(line1);
  address.postal_code = std::move(postal);
  address.city = std::move(city);
  address.region = std::move(region);
  address.country = std::move(country);
  return address;
}

// EUR, tax-exclusive prices, one rounding per document, half-up. Categories standard 22%,
// reduced 10%, super_reduced 4%, exempt 0% (component "IVA", jurisdiction "IT", shipping
// apportioned); any other country is "EXPORT" with no tax. Methods "standard" (IT: up to
// 2 kg 6.90, 10 kg 9.90, 30 kg 14.90, free from 150.00; elsewhere: 5 kg 19.90, 30 kg 39.90)
// and "express" (IT only: 5 kg 14.90, 30 kg 24.90). The business is in Milano.
inline PricingRules ItalianRules() {
  TaxJurisdiction italy = Jurisdiction("IT", "IT", "", "",
                                       {TaxComponent{.name = "IVA",
                                                     .rates = {{"standard", TaxRate{220'000}},
                                                               {"reduced", TaxRate{100'000}},
                                                               {"super_reduced", TaxRate{40'000}},
                                                               {"exempt", TaxRate{0}}}}},
                                       ShippingTax::kApportioned);
  TaxJurisdiction export_world = Jurisdiction("EXPORT", "*", "", "", {});
  ShippingMethod standard{.code = "standard",
                          .name = {.it = "Spedizione standard", .en = "Standard shipping"},
                          .zones = {ShippingZone{.code = "IT",
                                                 .countries = {"IT"},
                                                 .brackets = {{2'000, Money(690, kEur)},
                                                              {10'000, Money(990, kEur)},
                                                              {30'000, Money(1490, kEur)}},
                                                 .free_over = Money(15000, kEur)},
                                    ShippingZone{.code = "WORLD",
                                                 .countries = {"*"},
                                                 .brackets = {{5'000, Money(1990, kEur)},
                                                              {30'000, Money(3990, kEur)}}}}};
  ShippingMethod express{.code = "express",
                         .name = {.it = "Corriere espresso", .en = "Express courier"},
                         .zones = {ShippingZone{.code = "IT",
                                                .countries = {"IT"},
                                                .brackets = {{5'000, Money(1490, kEur)},
                                                             {30'000, Money(2490, kEur)}}}}};
  return PricingRules{
      .currency = kEur,
      .price_mode = PriceMode::kTaxExclusive,
      .rounding = {.rounding = Rounding::kHalfUp, .level = RoundingLevel::kPerDocument},
      .tax = {.categories = {"standard", "reduced", "super_reduced", "exempt"},
              .jurisdictions = {std::move(italy), std::move(export_world)}},
      .shipping = {.methods = {std::move(standard), std::move(express)}},
      .origin = OriginIn("Commesso Srl", "Via Torino 10", "20123", "Milano", "MI", "IT")};
}

// USD, tax-exclusive prices, rounded per line, half-up. Categories standard and food.
// "US-NY" (region NY): component "State" 4% (food listed at 0%). "US-NY-100" (NY, postal
// codes 100xx, New York City): "State" 4% (food 0%), "Local" 4.5% and "MCTD" 0.375% on
// standard only, 8.875% in all. Both tax shipping like a "standard" item. "US-OR"
// (Oregon): no sales tax, shipping exempt. Method "standard" (US: 2 kg 8.99, 10 kg 14.99,
// 30 kg 29.99, no free threshold). The business is in New York City.
inline PricingRules UsRules() {
  TaxComponent state{.name = "State",
                     .rates = {{"standard", TaxRate{40'000}}, {"food", TaxRate{0}}}};
  TaxJurisdiction new_york =
      Jurisdiction("US-NY", "US", "NY", "", {state}, ShippingTax::kAtCategory, "standard");
  TaxJurisdiction new_york_city =
      Jurisdiction("US-NY-100", "US", "NY", "100",
                   {state, TaxComponent{.name = "Local", .rates = {{"standard", TaxRate{45'000}}}},
                    TaxComponent{.name = "MCTD", .rates = {{"standard", TaxRate{3'750}}}}},
                   ShippingTax::kAtCategory, "standard");
  TaxJurisdiction oregon = Jurisdiction("US-OR", "US", "OR", "", {});
  ShippingMethod standard{.code = "standard",
                          .name = {.it = "Spedizione standard", .en = "Standard shipping"},
                          .zones = {ShippingZone{.code = "US",
                                                 .countries = {"US"},
                                                 .brackets = {{2'000, Money(899, kUsd)},
                                                              {10'000, Money(1499, kUsd)},
                                                              {30'000, Money(2999, kUsd)}}}}};
  return PricingRules{
      .currency = kUsd,
      .price_mode = PriceMode::kTaxExclusive,
      .rounding = {.rounding = Rounding::kHalfUp, .level = RoundingLevel::kPerLine},
      .tax = {.categories = {"standard", "food"},
              .jurisdictions = {std::move(new_york), std::move(new_york_city), std::move(oregon)}},
      .shipping = {.methods = {std::move(standard)}},
      .origin = OriginIn("Commesso Inc.", "350 Fifth Avenue", "10118", "New York", "NY", "US")};
}

// GBP, tax-inclusive prices, rounded per line, half-up. Categories standard 20%, reduced
// 5%, zero 0% (component "VAT", jurisdiction "GB", shipping apportioned). Method "standard"
// (GB: 2 kg 3.99, 10 kg 6.99, 30 kg 12.99, free from 50.00). The business is in London.
inline PricingRules UkRules() {
  TaxJurisdiction britain = Jurisdiction("GB", "GB", "", "",
                                         {TaxComponent{.name = "VAT",
                                                       .rates = {{"standard", TaxRate{200'000}},
                                                                 {"reduced", TaxRate{50'000}},
                                                                 {"zero", TaxRate{0}}}}},
                                         ShippingTax::kApportioned);
  ShippingMethod standard{.code = "standard",
                          .name = {.it = "Spedizione standard", .en = "Standard delivery"},
                          .zones = {ShippingZone{.code = "GB",
                                                 .countries = {"GB"},
                                                 .brackets = {{2'000, Money(399, kGbp)},
                                                              {10'000, Money(699, kGbp)},
                                                              {30'000, Money(1299, kGbp)}},
                                                 .free_over = Money(5000, kGbp)}}};
  return PricingRules{
      .currency = kGbp,
      .price_mode = PriceMode::kTaxInclusive,
      .rounding = {.rounding = Rounding::kHalfUp, .level = RoundingLevel::kPerLine},
      .tax = {.categories = {"standard", "reduced", "zero"}, .jurisdictions = {std::move(britain)}},
      .shipping = {.methods = {std::move(standard)}},
      .origin = OriginIn("Commesso Ltd", "1 High Street", "EC1A 1AA", "London", "", "GB")};
}

}  // namespace commesso::testing
