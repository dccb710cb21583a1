#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "core/input_limits.h"
#include "core/pricing.h"
#include "support/pricing_fixtures.h"

namespace commesso {
namespace {

using testing::CustomerIn;
using testing::DraftOf;
using testing::Jurisdiction;

std::vector<std::string> Categories() { return {"a", "b", "c"}; }

// A random order and the random rules it is priced by. Every value is drawn in range, so
// the order always validates.
struct Scenario {
  PricingRules rules{};
  std::vector<Item> items{};
  OrderDraft draft{};
  Customer customer{};
};

TaxRate DrawRate() {
  return TaxRate{
      *rc::gen::oneOf(rc::gen::element<std::int32_t>(0, 40'000, 50'000, 100'000, 200'000, 220'000),
                      rc::gen::inRange<std::int32_t>(0, 1'000'001))};
}

TaxComponent DrawComponent(const std::string& name, bool lists_every_category) {
  TaxComponent component{.name = name, .rates = {}};
  for (const std::string& category : Categories()) {
    if (lists_every_category || *rc::gen::arbitrary<bool>()) component.rates[category] = DrawRate();
  }
  return component;
}

PricingRules DrawRules(bool one_component_for_all, ShippingTax shipping_tax) {
  PricingRules rules;
  rules.currency = kEur;
  rules.price_mode = *rc::gen::element(PriceMode::kTaxExclusive, PriceMode::kTaxInclusive);
  rules.rounding = {
      .rounding = *rc::gen::element(Rounding::kHalfUp, Rounding::kHalfEven),
      .level = *rc::gen::element(RoundingLevel::kPerLine, RoundingLevel::kPerDocument)};
  std::vector<TaxComponent> components;
  const int count = one_component_for_all ? 1 : *rc::gen::inRange(0, 4);
  components.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    components.push_back(DrawComponent("C" + std::to_string(i), one_component_for_all));
  }
  rules.tax.categories = Categories();
  rules.tax.jurisdictions = {Jurisdiction("X", "IT", "", "", std::move(components), shipping_tax,
                                          *rc::gen::elementOf(Categories()))};
  std::optional<Money> free_over;
  if (*rc::gen::arbitrary<bool>()) {
    free_over = Money(*rc::gen::inRange<std::int64_t>(0, 1'000'000), kEur);
  }
  rules.shipping.methods = {
      ShippingMethod{.code = "ship",
                     .name = {.it = "Spedizione", .en = "Shipping"},
                     .zones = {ShippingZone{
                         .code = "IT",
                         .countries = {"IT"},
                         .brackets = {{*rc::gen::inRange<std::int64_t>(0, 5'000),
                                       Money(*rc::gen::inRange<std::int64_t>(0, 5'000), kEur)},
                                      {kMaxOrderTotalMinor,
                                       Money(*rc::gen::inRange<std::int64_t>(0, 100'000), kEur)}},
                         .free_over = free_over}}}};
  rules.origin = testing::AddressIn("IT");
  return rules;
}

Scenario DrawScenario(bool one_component_for_all, ShippingTax shipping_tax) {
  Scenario scenario;
  scenario.rules = DrawRules(one_component_for_all, shipping_tax);
  const int lines = *rc::gen::inRange(1, 13);
  std::vector<DraftLine> draft_lines;
  for (int i = 0; i < lines; ++i) {
    const std::string sku = "S" + std::to_string(i);
    const auto price = *rc::gen::oneOf(rc::gen::inRange<std::int64_t>(0, 100'000),
                                       rc::gen::inRange<std::int64_t>(0, 100'000'000));
    const std::string category = *rc::gen::elementOf(Categories());
    scenario.items.push_back(
        *rc::gen::arbitrary<bool>()
            ? testing::Good(sku, price, category, *rc::gen::inRange<std::int64_t>(0, 5'000))
            : testing::Service(sku, price, category));
    draft_lines.push_back(DraftLine{sku, *rc::gen::inRange<std::int64_t>(1, kMaxQuantity + 1)});
  }
  scenario.draft =
      DraftOf(std::move(draft_lines), *rc::gen::element<std::string>("ship", "pickup"));
  scenario.customer = CustomerIn("IT");
  if (*rc::gen::inRange(0, 5) == 0) {
    scenario.customer.tax_exempt = true;
    scenario.customer.exemption_reference = "Art. 8 DPR 633/72";
  }
  return scenario;
}

Scenario DrawScenario() {
  return DrawScenario(false, *rc::gen::element(ShippingTax::kExempt, ShippingTax::kAtCategory,
                                               ShippingTax::kApportioned));
}

PricedOrder PriceScenario(const Scenario& scenario) {
  const Validation validation =
      ValidateDraft(scenario.draft, scenario.customer, scenario.items, scenario.rules);
  RC_ASSERT(validation.problems.empty());
  return PriceOrder(validation.validated, scenario.rules);
}

RC_GTEST_PROP(PricingPropertyTest, TheGrandTotalIsTheSumOfItsParts, ()) {
  const Scenario scenario = DrawScenario();

  const PricedOrder priced = PriceScenario(scenario);

  const Totals& totals = priced.totals;
  Money items(0, kEur);
  for (const PricedLine& line : priced.lines) items += line.amount;
  Money tax(0, kEur);
  for (const TaxSummaryRow& row : priced.tax_summary) tax += row.tax;
  RC_ASSERT(totals.items == items);
  RC_ASSERT(totals.shipping == priced.shipping.amount);
  RC_ASSERT(totals.tax == tax);
  RC_ASSERT(totals.net + totals.tax == totals.grand_total);
  RC_ASSERT(totals.amount_due == totals.grand_total);
  if (priced.price_mode == PriceMode::kTaxExclusive) {
    RC_ASSERT(totals.items + totals.shipping + totals.tax == totals.grand_total);
  } else {
    RC_ASSERT(totals.items + totals.shipping == totals.grand_total);
  }
  if (priced.tax_exempt) RC_ASSERT(totals.tax == Money(0, kEur));
}

RC_GTEST_PROP(PricingPropertyTest, EachSummaryRowAddsUpItsTraces, ()) {
  const Scenario scenario = DrawScenario();

  const PricedOrder priced = PriceScenario(scenario);

  std::vector<TaxTrace> traces(priced.shipping.taxes.begin(), priced.shipping.taxes.end());
  for (const PricedLine& line : priced.lines) {
    traces.insert(traces.end(), line.taxes.begin(), line.taxes.end());
  }
  const bool per_line = priced.rounding.level == RoundingLevel::kPerLine;
  std::size_t covered = 0;
  for (const TaxSummaryRow& row : priced.tax_summary) {
    Money base(0, kEur);
    Money rounded(0, kEur);
    Exact unrounded{};
    for (const TaxTrace& trace : traces) {
      if (trace.component != row.component || trace.rate != row.rate) continue;
      ++covered;
      base += trace.base;
      unrounded = unrounded + trace.unrounded;
      RC_ASSERT(trace.rounded.has_value() == per_line);
      if (trace.rounded) rounded += *trace.rounded;
    }
    RC_ASSERT(row.base == base);
    RC_ASSERT(row.unrounded == unrounded);
    if (per_line) {
      RC_ASSERT(row.tax == rounded);
    } else {
      RC_ASSERT(row.tax == Money(Round(unrounded, priced.rounding.rounding), kEur));
    }
  }
  RC_ASSERT(covered == traces.size());
}

RC_GTEST_PROP(PricingPropertyTest, LineNetAndTaxMakeTheAmountWhenKnown, ()) {
  const Scenario scenario = DrawScenario();

  const PricedOrder priced = PriceScenario(scenario);

  for (const PricedLine& line : priced.lines) {
    if (priced.price_mode == PriceMode::kTaxExclusive) RC_ASSERT(line.net == line.amount);
    if (line.net && line.tax && priced.price_mode == PriceMode::kTaxInclusive) {
      RC_ASSERT(*line.net + *line.tax == line.amount);
    }
    RC_ASSERT(line.tax.has_value() == (priced.rounding.level == RoundingLevel::kPerLine));
  }
}

RC_GTEST_PROP(PricingPropertyTest, TheSameDraftAlwaysPricesTheSame, ()) {
  const Scenario scenario = DrawScenario();
  const Validation validation =
      ValidateDraft(scenario.draft, scenario.customer, scenario.items, scenario.rules);
  RC_ASSERT(validation.problems.empty());

  RC_ASSERT(PriceOrder(validation.validated, scenario.rules) ==
            PriceOrder(validation.validated, scenario.rules));
}

RC_GTEST_PROP(PricingPropertyTest, ApportionedShippingPartsSumToTheShippingAmount, ()) {
  Scenario scenario = DrawScenario(true, ShippingTax::kApportioned);
  scenario.customer.tax_exempt = false;
  scenario.draft.shipping_method = "ship";

  const PricedOrder priced = PriceScenario(scenario);

  // One component lists every category, so each part has exactly one trace.
  Money parts(0, kEur);
  for (const TaxTrace& trace : priced.shipping.taxes) parts += trace.base;
  RC_ASSERT(parts == priced.shipping.amount);
}

// Validation is PriceOrder's only guard: whatever it accepts, however wild, must price.
RC_GTEST_PROP(PricingPropertyTest, WhateverValidationAcceptsPricesWithoutThrowing, ()) {
  const auto wild = rc::gen::oneOf(
      rc::gen::arbitrary<std::int64_t>(),
      rc::gen::element<std::int64_t>(std::numeric_limits<std::int64_t>::max(),
                                     std::numeric_limits<std::int64_t>::min(), -1, 0, 1,
                                     kMaxQuantity, kMaxQuantity + 1, kPriceCeilingMinor,
                                     kPriceCeilingMinor + 1, kMaxLineAmountMinor),
      rc::gen::inRange<std::int64_t>(0, 20'000));
  Scenario scenario = DrawScenario();
  for (Item& item : scenario.items) {
    item.unit_price = Money(*wild, kEur);
    if (item.kind == ItemKind::kGood) item.weight_grams = *wild;
  }
  for (DraftLine& line : scenario.draft.lines) line.quantity = *wild;
  if (*rc::gen::arbitrary<bool>()) {
    scenario.draft.payment =
        PaymentDraft{.type = PaymentType::kCash, .tendered = Money(*wild, kEur), .reference = ""};
  }

  const Validation validation =
      ValidateDraft(scenario.draft, scenario.customer, scenario.items, scenario.rules);

  if (validation.problems.empty()) {
    const PricedOrder priced = PriceOrder(validation.validated, scenario.rules);
    RC_ASSERT(priced.totals.grand_total.minor() >= 0);
  }
}

}  // namespace
}  // namespace commesso
