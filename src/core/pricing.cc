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
//
// Cost. Pricing runs for every quote and placement, so it does per order what it can: the
// jurisdiction of each address and the components taxing each category are looked up once,
// and the summary adds each row's exact tax as numerators over one denominator, reduced once.
// Its working memory is on the stack. A line copies no string: its codes are interned and its
// names shared with the catalog item, and its one trace is kept inline (decision 0024). The
// result is the same as adding the reduced traces one by one: a fraction has one lowest form.

#include "core/pricing.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory_resource>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/apportion.h"
#include "core/code.h"
#include "core/invariant.h"
#include "core/shipping_quote.h"
#include "core/tax_place.h"

namespace commesso {
namespace {

constexpr std::int64_t kPpmOne = 1'000'000;

// One component of a jurisdiction that lists a category, with its rate for it.
struct ComponentRate {
  const TaxComponent* component = nullptr;
  TaxRate rate{};
};

// What taxes an amount of one category in one jurisdiction: the components that list the
// category, in the jurisdiction's order, and the sum of their rates (for the VAT fraction of
// tax-inclusive prices). Looked up once per order for each pair met, not per line.
struct CategoryRates {
  const TaxJurisdiction* jurisdiction = nullptr;
  Code category{};
  std::pmr::vector<ComponentRate> rates;
  TaxRate total{};
};

// One row of the tax summary while it is being added up. The exact tax is kept as a plain
// sum of numerators over one denominator (every trace of a row shares it, unless
// tax-inclusive prices mix categories with different total rates) and reduced only once,
// when the denominator changes or the row is done: the same fraction as adding the reduced
// traces one by one, at a fraction of the cost.
struct RowSum {
  Code component{};
  TaxRate rate{};
  Money base{};
  Money rounded{};
  Exact done{};
  Int128 numerator = 0;
  Int128 denominator = 0;  // 0 while nothing is pending.

  void Fold() {
    if (denominator == 0) return;
    const Exact pending = ExactOf(numerator, denominator);
    done = done.numerator == 0 ? pending : done + pending;
    numerator = 0;
    denominator = 0;
  }
};

// What taxing needs to know of the rules and the order, and what one pricing learns on the
// way: the jurisdiction of each address met, the rates of each category met, and the tax
// summary so far. Its containers live in `arena`, which PriceOrder frees all at once.
class Taxing {
 public:
  Taxing(const PricingRules& rules, bool exempt, std::pmr::memory_resource& arena)
      : rules_(rules), exempt_(exempt), places_(&arena), rates_(&arena), rows_(&arena) {}

  const PricingRules& rules() const { return rules_; }
  bool inclusive() const { return rules_.price_mode == PriceMode::kTaxInclusive; }
  bool per_line() const { return rules_.rounding.level == RoundingLevel::kPerLine; }
  Currency currency() const { return rules_.currency; }

  // The jurisdiction of `address` (the same few addresses come back for every line).
  const TaxJurisdiction* JurisdictionAt(const Address& address) {
    for (const auto& [known, jurisdiction] : places_) {
      if (known == &address) return jurisdiction;
    }
    const TaxJurisdiction* jurisdiction = rules_.tax.Find(address);
    // Validation refuses a taxed order whose place of supply has no rules; an exempt customer
    // needs none.
    COMMESSO_INVARIANT(jurisdiction != nullptr || exempt_,
                       "no tax jurisdiction for a validated order's address");
    places_.emplace_back(&address, jurisdiction);
    return jurisdiction;
  }

  // Appends to `traces` one trace per component of `jurisdiction` that lists `category`,
  // taxing `amount`, and adds each to the summary. Nothing for an exempt customer.
  void TaxAmount(Money amount, const Code& category, const TaxJurisdiction& jurisdiction,
                 TaxTraces& traces) {
    if (exempt_) return;
    const CategoryRates& found = RatesOf(jurisdiction, category);
    const Int128 denominator = kPpmOne + (inclusive() ? found.total.ppm : 0);
    traces.reserve(traces.size() + found.rates.size());
    for (const ComponentRate& entry : found.rates) {
      const Int128 numerator = static_cast<Int128>(amount.minor()) * entry.rate.ppm;
      TaxTrace& trace = traces.emplace_back();
      trace.component = entry.component->name;
      trace.category = category;
      trace.rate = entry.rate;
      trace.base = amount;
      trace.unrounded = ExactOf(numerator, denominator);
      if (per_line()) {
        trace.rounded = Money(Round(trace.unrounded, rules_.rounding.rounding), amount.currency());
      }
      AddToSummary(trace, numerator, denominator);
    }
  }

  // The tax summary: one row per (component, rate), sorted by component name and then by
  // rate, highest first.
  std::vector<TaxSummaryRow> Summary() {
    std::sort(rows_.begin(), rows_.end(), [](const RowSum& a, const RowSum& b) {
      if (a.component != b.component) return a.component < b.component;
      return a.rate.ppm > b.rate.ppm;
    });
    std::vector<TaxSummaryRow> summary;
    summary.reserve(rows_.size());
    for (RowSum& row : rows_) {
      row.Fold();
      summary.push_back(TaxSummaryRow{
          .component = row.component,
          .rate = row.rate,
          .base = row.base,
          .unrounded = row.done,
          .tax = per_line() ? row.rounded
                            : Money(Round(row.done, rules_.rounding.rounding), currency())});
    }
    return summary;
  }

 private:
  const CategoryRates& RatesOf(const TaxJurisdiction& jurisdiction, const Code& category) {
    for (const CategoryRates& known : rates_) {
      if (known.jurisdiction == &jurisdiction && known.category == category) return known;
    }
    CategoryRates& found = rates_.emplace_back(
        CategoryRates{.jurisdiction = &jurisdiction,
                      .category = category,
                      .rates = std::pmr::vector<ComponentRate>(rates_.get_allocator()),
                      .total = {}});
    std::int64_t total_ppm = 0;
    for (const TaxComponent& component : jurisdiction.components) {
      const auto rate = component.rates.find(category);
      if (rate == component.rates.end()) continue;
      COMMESSO_INVARIANT(rate->second.ppm >= 0, "a tax rate cannot be negative");
      total_ppm += rate->second.ppm;
      found.rates.push_back(ComponentRate{.component = &component, .rate = rate->second});
    }
    COMMESSO_INVARIANT(total_ppm <= 100 * kPpmOne, "the rates of one category exceed 10000%");
    found.total = TaxRate{static_cast<std::int32_t>(total_ppm)};
    return found;
  }

  void AddToSummary(const TaxTrace& trace, Int128 numerator, Int128 denominator) {
    auto row = std::find_if(rows_.begin(), rows_.end(), [&](const RowSum& candidate) {
      return candidate.rate == trace.rate && candidate.component == trace.component;
    });
    if (row == rows_.end()) {
      row = rows_.insert(rows_.end(), RowSum{.component = trace.component,
                                             .rate = trace.rate,
                                             .base = Money(0, currency()),
                                             .rounded = Money(0, currency())});
    }
    row->base += trace.base;
    if (trace.rounded) row->rounded += *trace.rounded;
    if (row->denominator != denominator) {
      row->Fold();
      row->denominator = denominator;
    }
    COMMESSO_INVARIANT(!__builtin_add_overflow(row->numerator, numerator, &row->numerator),
                       "exact amount overflow in +");
  }

  const PricingRules& rules_;
  const bool exempt_;
  std::pmr::vector<std::pair<const Address*, const TaxJurisdiction*>> places_;
  std::pmr::vector<CategoryRates> rates_;
  std::pmr::vector<RowSum> rows_;
};

void PriceLine(Taxing& taxing, const ValidatedDraft& order, std::size_t index, bool shipped,
               PricedLine& line) {
  const Item& item = order.items[index];
  const DraftLine& draft_line = order.draft.lines[index];
  line.item.id = item.id;
  line.item.sku = item.sku;
  line.item.name = item.name;
  line.item.kind = item.kind;
  line.item.unit = item.unit;
  line.item.tax_category = item.tax_category;
  line.item.weight_grams = item.weight_grams;
  line.item.category = item.category;
  line.item.location = item.location;
  line.quantity = draft_line.quantity;
  line.unit_price = item.unit_price;
  line.amount = item.unit_price * draft_line.quantity;
  line.appointment = draft_line.appointment;

  const Address* shipping = order.shipping_address ? &*order.shipping_address : nullptr;
  const TaxPlace place =
      TaxPlaceOf(item.kind, &order.billing_address, shipping, shipped, taxing.rules());
  if (const TaxJurisdiction* jurisdiction = taxing.JurisdictionAt(*place.address)) {
    line.jurisdiction = jurisdiction->code;
    taxing.TaxAmount(line.amount, item.tax_category, *jurisdiction, line.taxes);
  }

  if (taxing.per_line()) {
    Money tax(0, taxing.currency());
    for (const TaxTrace& trace : line.taxes) tax += *trace.rounded;
    line.tax = tax;
    line.net = taxing.inclusive() ? line.amount - tax : line.amount;
  } else if (!taxing.inclusive()) {
    line.net = line.amount;
  }
}

PricedShipping NotShipped(const std::string& method, Currency currency) {
  PricedShipping shipping{.method = "",
                          .name = {},
                          .weight_grams = 0,
                          .list_charge = Money(0, currency),
                          .amount = Money(0, currency),
                          .free = false,
                          .jurisdiction = {},
                          .taxes = {}};
  if (method == kPickupMethod) {
    shipping.method = kPickupMethod;
    shipping.name = LocalizedText{.it = "Ritiro al banco", .en = "Pick-up at the counter"};
  }
  return shipping;
}

// The shipping tax of `amount` split across the goods lines by their amounts.
void TaxApportioned(Taxing& taxing, Money amount, const std::vector<PricedLine>& lines,
                    const TaxJurisdiction& jurisdiction, TaxTraces& traces) {
  std::vector<std::int64_t> weights;
  weights.reserve(lines.size());
  for (const PricedLine& line : lines) {
    if (line.item.kind == ItemKind::kGood) weights.push_back(line.amount.minor());
  }
  const std::vector<std::int64_t> parts = Apportion(amount.minor(), weights);
  std::size_t k = 0;
  for (const PricedLine& line : lines) {
    if (line.item.kind != ItemKind::kGood) continue;
    const std::int64_t part = parts[k++];
    if (part == 0) continue;
    taxing.TaxAmount(Money(part, amount.currency()), line.item.tax_category, jurisdiction, traces);
  }
}

PricedShipping PriceShipping(Taxing& taxing, const ValidatedDraft& order,
                             const std::vector<PricedLine>& lines) {
  const Currency currency = taxing.currency();
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

  const ShippingMethod* method = taxing.rules().shipping.Find(code);
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
                          .jurisdiction = {},
                          .taxes = {}};
  const TaxJurisdiction* jurisdiction = taxing.JurisdictionAt(destination);
  if (jurisdiction == nullptr) return shipping;
  shipping.jurisdiction = jurisdiction->code;
  if (shipping.amount.minor() == 0) return shipping;
  switch (jurisdiction->shipping_tax) {
    case ShippingTax::kExempt:
      break;
    case ShippingTax::kAtCategory:
      taxing.TaxAmount(shipping.amount, jurisdiction->shipping_tax_category, *jurisdiction,
                       shipping.taxes);
      break;
    case ShippingTax::kApportioned:
      TaxApportioned(taxing, shipping.amount, lines, *jurisdiction, shipping.taxes);
      break;
  }
  return shipping;
}

Totals TotalsOf(const Taxing& taxing, const PricedOrder& priced, const PaymentDraft& payment) {
  const Currency currency = taxing.currency();
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
  // The working memory of this pricing: a few hundred bytes for a usual order, on the stack;
  // a larger one continues on the heap.
  std::array<std::byte, 2048> buffer;
  std::pmr::monotonic_buffer_resource arena(buffer.data(), buffer.size());
  Taxing taxing(rules, order.customer.tax_exempt, arena);
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

  priced.lines.resize(order.items.size());
  for (std::size_t i = 0; i < order.items.size(); ++i) {
    PriceLine(taxing, order, i, shipped, priced.lines[i]);
  }
  priced.shipping = PriceShipping(taxing, order, priced.lines);
  priced.tax_summary = taxing.Summary();
  priced.totals = TotalsOf(taxing, priced, order.draft.payment);
  return priced;
}

}  // namespace commesso
