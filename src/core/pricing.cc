// Pricing: from a validated draft to every amount an invoice shows, with the trace that
// explains each one.
//
// The idea. Every amount is an integer count of minor units, and every tax is first kept
// exact, as a fraction (`Exact`), and rounded only at the one step the business's rounding
// policy names. So the same draft always gives the same cents, and an auditor can follow
// each cent from the catalog price to the grand total.
//
// Lines. A line's amount is unit price x quantity, in the catalog's price mode: net when
// prices exclude tax, gross when they include it. The line is taxed in one jurisdiction,
// the most specific one containing its place of supply: goods at the shipping address and
// services at the billing address by default (the rules may choose otherwise). If that
// address is absent, the other order address is used, else the business's own address:
// goods collected at the counter are always supplied there (see tax_place.h).
//
// Components. A jurisdiction lists every tax levied in it ("IVA"; or "State", "Local",
// "MCTD"). Each component that lists the line's tax category taxes the whole line at its
// rate; a component that does not list the category leaves the line alone. With
// tax-exclusive prices each component's tax is base x rate. With tax-inclusive prices the
// line amount already holds the tax of all its components, whose rates sum to R, so each
// component's share is gross x rate / (1 + R): the "VAT fraction" (1/6 at 20%).
//
// Rounding. Per line: each component's tax on each line (and on each shipping part) is
// rounded, and the tax summary adds the rounded amounts. Per document: nothing is rounded
// on the lines; the summary adds the exact amounts per component and rate and rounds each
// sum once. The tax summary has one row per (component, rate), sorted by component name and
// then by rate, highest first; its base is the sum of the amounts taxed (net or gross, as
// the prices are). A rate of 0 that a component lists explicitly still makes a row, so an
// invoice can show the exempt base.
//
// Shipping. An order with goods and a shipping method (not "pickup") pays the charge of the
// weight bracket the total goods weight falls in, unless the goods total reaches the zone's
// free-shipping threshold. The charge is in the price mode too, and is taxed per the
// jurisdiction of the shipping address: not at all, like an item of one category, or
// apportioned: split across the goods lines in proportion to their amounts (largest
// remainder, so the parts sum exactly to the charge) and each part taxed like its line.
//
// Totals. Items and shipping add up to the net (exclusive prices) or the grand total
// (inclusive prices); the tax is the sum of the summary, and the other total follows from
// it. A tax-exempt customer pays no tax: no traces, an empty summary, and the exemption's
// reference on the priced order.
//
// Validation has bounded every input (quantities, prices, line and order totals), so no
// amount here comes near int64 overflow; the checked Money operators turn a bug that breaks
// those bounds into an InvariantError rather than a wrong total.

#include "core/pricing.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/apportion.h"
#include "core/invariant.h"
#include "core/shipping_quote.h"
#include "core/tax_place.h"

namespace commesso {
namespace {

constexpr std::int64_t kPpmOne = 1'000'000;

// What taxing needs to know of the rules and the order.
struct Taxing {
  const PricingRules& rules;
  bool exempt = false;

  bool inclusive() const { return rules.price_mode == PriceMode::kTaxInclusive; }
  bool per_line() const { return rules.rounding.level == RoundingLevel::kPerLine; }
};

// One trace per component of `jurisdiction` that lists `category`, taxing `amount`.
std::vector<TaxTrace> TaxAmount(const Taxing& taxing, Money amount, const std::string& category,
                                const TaxJurisdiction& jurisdiction) {
  std::vector<TaxTrace> traces;
  if (taxing.exempt) return traces;
  std::int64_t total_ppm = 0;
  for (const TaxComponent& component : jurisdiction.components) {
    const auto rate = component.rates.find(category);
    if (rate == component.rates.end()) continue;
    COMMESSO_INVARIANT(rate->second.ppm >= 0, "a tax rate cannot be negative");
    total_ppm += rate->second.ppm;
    traces.push_back(TaxTrace{.component = component.name,
                              .category = category,
                              .rate = rate->second,
                              .base = amount,
                              .unrounded = {},
                              .rounded = std::nullopt});
  }
  COMMESSO_INVARIANT(total_ppm <= 100 * kPpmOne, "the rates of one category exceed 10000%");
  const TaxRate total{static_cast<std::int32_t>(total_ppm)};
  for (TaxTrace& trace : traces) {
    trace.unrounded = taxing.inclusive() ? ExactTaxIncluded(amount, trace.rate, total)
                                         : ExactTaxOn(amount, trace.rate);
    if (taxing.per_line()) {
      trace.rounded =
          Money(Round(trace.unrounded, taxing.rules.rounding.rounding), amount.currency());
    }
  }
  return traces;
}

const TaxJurisdiction* JurisdictionAt(const Taxing& taxing, const Address& address) {
  const TaxJurisdiction* jurisdiction = taxing.rules.tax.Find(address);
  // Validation refuses a taxed order whose place of supply has no rules; an exempt customer
  // needs none.
  COMMESSO_INVARIANT(jurisdiction != nullptr || taxing.exempt,
                     "no tax jurisdiction for a validated order's address");
  return jurisdiction;
}

ItemSnapshot SnapshotOf(const Item& item) {
  return ItemSnapshot{.id = item.id,
                      .sku = item.sku,
                      .name = item.name,
                      .kind = item.kind,
                      .unit = item.unit,
                      .tax_category = item.tax_category,
                      .weight_grams = item.weight_grams,
                      .category = item.category,
                      .location = item.location};
}

PricedLine PriceLine(const Taxing& taxing, const ValidatedDraft& order, std::size_t index,
                     bool shipped) {
  const Item& item = order.items[index];
  const std::int64_t quantity = order.draft.lines[index].quantity;
  const Currency currency = taxing.rules.currency;
  PricedLine line{.item = SnapshotOf(item),
                  .quantity = quantity,
                  .unit_price = item.unit_price,
                  .amount = item.unit_price * quantity,
                  .jurisdiction = "",
                  .taxes = {},
                  .net = std::nullopt,
                  .tax = std::nullopt,
                  .backordered = 0,
                  .appointment = order.draft.lines[index].appointment};
  const Address* shipping = order.shipping_address ? &*order.shipping_address : nullptr;
  const TaxPlace place =
      TaxPlaceOf(item.kind, &order.billing_address, shipping, shipped, taxing.rules);
  if (const TaxJurisdiction* jurisdiction = JurisdictionAt(taxing, *place.address)) {
    line.jurisdiction = jurisdiction->code;
    line.taxes = TaxAmount(taxing, line.amount, item.tax_category, *jurisdiction);
  }

  if (taxing.per_line()) {
    Money tax(0, currency);
    for (const TaxTrace& trace : line.taxes) tax += *trace.rounded;
    line.tax = tax;
    line.net = taxing.inclusive() ? line.amount - tax : line.amount;
  } else if (!taxing.inclusive()) {
    line.net = line.amount;
  }
  return line;
}

PricedShipping NotShipped(const std::string& method, Currency currency) {
  PricedShipping shipping{.method = "",
                          .name = {},
                          .weight_grams = 0,
                          .list_charge = Money(0, currency),
                          .amount = Money(0, currency),
                          .free = false,
                          .jurisdiction = "",
                          .taxes = {}};
  if (method == kPickupMethod) {
    shipping.method = kPickupMethod;
    shipping.name = LocalizedText{.it = "Ritiro al banco", .en = "Pick-up at the counter"};
  }
  return shipping;
}

// The shipping tax of `amount` split across the goods lines by their amounts.
std::vector<TaxTrace> TaxApportioned(const Taxing& taxing, Money amount,
                                     const std::vector<PricedLine>& lines,
                                     const TaxJurisdiction& jurisdiction) {
  std::vector<const PricedLine*> goods;
  std::vector<std::int64_t> weights;
  for (const PricedLine& line : lines) {
    if (line.item.kind != ItemKind::kGood) continue;
    goods.push_back(&line);
    weights.push_back(line.amount.minor());
  }
  const std::vector<std::int64_t> parts = Apportion(amount.minor(), weights);
  std::vector<TaxTrace> traces;
  for (std::size_t k = 0; k < goods.size(); ++k) {
    if (parts[k] == 0) continue;
    std::vector<TaxTrace> part_traces = TaxAmount(taxing, Money(parts[k], amount.currency()),
                                                  goods[k]->item.tax_category, jurisdiction);
    traces.insert(traces.end(), part_traces.begin(), part_traces.end());
  }
  return traces;
}

PricedShipping PriceShipping(const Taxing& taxing, const ValidatedDraft& order,
                             const std::vector<PricedLine>& lines) {
  const Currency currency = taxing.rules.currency;
  const std::string& code = order.draft.shipping_method;
  bool has_goods = false;
  std::int64_t weight = 0;
  Money goods_total(0, currency);
  for (const PricedLine& line : lines) {
    if (line.item.kind != ItemKind::kGood) continue;
    has_goods = true;
    std::int64_t line_weight = 0;
    COMMESSO_INVARIANT(
        !__builtin_mul_overflow(line.item.weight_grams, line.quantity, &line_weight) &&
            !__builtin_add_overflow(weight, line_weight, &weight),
        "parcel weight overflow");
    goods_total += line.amount;
  }
  if (!ShipsGoods(has_goods, code)) return NotShipped(code, currency);

  const ShippingMethod* method = taxing.rules.shipping.Find(code);
  COMMESSO_INVARIANT(method != nullptr, "a validated order names an unknown shipping method");
  COMMESSO_INVARIANT(order.shipping_address.has_value(),
                     "a validated order ships goods without a shipping address");
  const Address& destination = *order.shipping_address;
  auto quote = QuoteShipping(*method, destination.country, weight, goods_total);
  COMMESSO_INVARIANT(quote.has_value(), "a validated order's method cannot serve its parcel");

  PricedShipping shipping{.method = method->code,
                          .name = method->name,
                          .weight_grams = weight,
                          .list_charge = quote->list_charge,
                          .amount = quote->charge,
                          .free = quote->free,
                          .jurisdiction = "",
                          .taxes = {}};
  const TaxJurisdiction* jurisdiction = JurisdictionAt(taxing, destination);
  if (jurisdiction == nullptr) return shipping;
  shipping.jurisdiction = jurisdiction->code;
  if (shipping.amount.minor() == 0) return shipping;
  switch (jurisdiction->shipping_tax) {
    case ShippingTax::kExempt:
      break;
    case ShippingTax::kAtCategory:
      shipping.taxes =
          TaxAmount(taxing, shipping.amount, jurisdiction->shipping_tax_category, *jurisdiction);
      break;
    case ShippingTax::kApportioned:
      shipping.taxes = TaxApportioned(taxing, shipping.amount, lines, *jurisdiction);
      break;
  }
  return shipping;
}

// Rows keyed by component name, then by rate from the highest (hence the negated ppm).
using SummaryKey = std::pair<std::string, std::int64_t>;

void AddToSummary(std::map<SummaryKey, TaxSummaryRow>& rows, const TaxTrace& trace,
                  Currency currency) {
  auto [row, added] = rows.try_emplace(SummaryKey{trace.component, -std::int64_t{trace.rate.ppm}});
  if (added) {
    row->second = TaxSummaryRow{.component = trace.component,
                                .rate = trace.rate,
                                .base = Money(0, currency),
                                .unrounded = {},
                                .tax = Money(0, currency)};
  }
  row->second.base += trace.base;
  row->second.unrounded = row->second.unrounded + trace.unrounded;
  if (trace.rounded) row->second.tax += *trace.rounded;
}

std::vector<TaxSummaryRow> Summarize(const Taxing& taxing, const std::vector<PricedLine>& lines,
                                     const PricedShipping& shipping) {
  const Currency currency = taxing.rules.currency;
  std::map<SummaryKey, TaxSummaryRow> rows;
  for (const PricedLine& line : lines) {
    for (const TaxTrace& trace : line.taxes) AddToSummary(rows, trace, currency);
  }
  for (const TaxTrace& trace : shipping.taxes) AddToSummary(rows, trace, currency);

  std::vector<TaxSummaryRow> summary;
  summary.reserve(rows.size());
  for (auto& [key, row] : rows) {
    if (!taxing.per_line()) {
      row.tax = Money(Round(row.unrounded, taxing.rules.rounding.rounding), currency);
    }
    summary.push_back(std::move(row));
  }
  return summary;
}

Totals TotalsOf(const Taxing& taxing, const PricedOrder& priced, const PaymentDraft& payment) {
  const Currency currency = taxing.rules.currency;
  Totals totals{.items = Money(0, currency),
                .shipping = priced.shipping.amount,
                .net = Money(0, currency),
                .tax = Money(0, currency),
                .grand_total = Money(0, currency),
                .amount_due = Money(0, currency),
                .tendered = std::nullopt,
                .change = std::nullopt};
  for (const PricedLine& line : priced.lines) totals.items += line.amount;
  for (const TaxSummaryRow& row : priced.tax_summary) totals.tax += row.tax;
  if (taxing.inclusive()) {
    totals.grand_total = totals.items + totals.shipping;
    totals.net = totals.grand_total - totals.tax;
  } else {
    totals.net = totals.items + totals.shipping;
    totals.grand_total = totals.net + totals.tax;
  }
  totals.amount_due = totals.grand_total;
  if (payment.type == PaymentType::kCash && payment.tendered) {
    totals.tendered = *payment.tendered;
    totals.change = *payment.tendered - totals.amount_due;
  }
  return totals;
}

}  // namespace

PricedOrder PriceOrder(const ValidatedDraft& order, const PricingRules& rules) {
  COMMESSO_INVARIANT(order.items.size() == order.draft.lines.size(),
                     "a validated draft has one item per line");
  const Taxing taxing{.rules = rules, .exempt = order.customer.tax_exempt};
  PricedOrder priced{
      .currency = rules.currency,
      .price_mode = rules.price_mode,
      .rounding = rules.rounding,
      .lines = {},
      .shipping = {},
      .tax_exempt = order.customer.tax_exempt,
      .exemption_reference = order.customer.tax_exempt ? order.customer.exemption_reference : "",
      .tax_summary = {},
      .totals = {}};

  bool has_goods = false;
  for (const Item& item : order.items) has_goods = has_goods || item.kind == ItemKind::kGood;
  const bool shipped = ShipsGoods(has_goods, order.draft.shipping_method);

  priced.lines.reserve(order.items.size());
  for (std::size_t i = 0; i < order.items.size(); ++i) {
    priced.lines.push_back(PriceLine(taxing, order, i, shipped));
  }
  priced.shipping = PriceShipping(taxing, order, priced.lines);
  priced.tax_summary = Summarize(taxing, priced.lines, priced.shipping);
  priced.totals = TotalsOf(taxing, priced, order.draft.payment);
  return priced;
}

}  // namespace commesso
