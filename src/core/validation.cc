// Validation of an order draft. It reports every problem at once, in the order of the
// draft's fields (customer, addresses, lines, shipping method, payment, currency, notes,
// clerk), and it is the only guard PriceOrder has: whatever it accepts must price without an
// InvariantError. So besides what a clerk can get wrong it checks the catalog data pricing
// relies on (an item's currency, price, tax category and weight), bounds every amount
// (lines up to 10^13 minor units, orders up to 10^14), and asks the same questions pricing
// will ask (is the parcel served, is there a tax jurisdiction where each line is taxed)
// through the same functions.

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/countries.h"
#include "core/customer_rules.h"
#include "core/free_text.h"
#include "core/input_limits.h"
#include "core/pricing.h"
#include "core/shipping_quote.h"
#include "core/tax_place.h"
#include "core/utf8.h"

namespace commesso {
namespace {

// The problems found so far, in the order they were added.
class Problems {
 public:
  void Add(std::string path, std::string problem) {
    list_.push_back(FieldError{.path = std::move(path), .problem = std::move(problem)});
  }
  void Add(const std::vector<FieldError>& problems) {
    list_.insert(list_.end(), problems.begin(), problems.end());
  }
  bool empty() const { return list_.empty(); }
  std::vector<FieldError> Take() { return std::move(list_); }

 private:
  std::vector<FieldError> list_;
};

// What the lines came to: each line's item when the line is valid, and the sums pricing
// will compute over them.
struct LineFacts {
  std::vector<const Item*> found;  // The catalog item of each line, or null.
  std::vector<const Item*> valid;  // The item of each line that has no problem, or null.
  bool has_goods = false;          // Some line names a good.
  bool has_services = false;       // Some line names a service.
  Int128 goods_total = 0;          // Over valid lines.
  Int128 weight_grams = 0;         // Over valid lines.
};

// Why pricing could not use `item` though the catalog returned it; empty when it can.
std::optional<std::string> PricingProblem(const Item& item, const PricingRules& rules) {
  const std::string currency(rules.currency.code());
  if (item.unit_price.currency() != rules.currency) return "item is not priced in " + currency;
  if (item.unit_price.minor() < 0) return "item has a negative price";
  const std::vector<std::string>& categories = rules.tax.categories;
  if (std::find(categories.begin(), categories.end(), item.tax_category) == categories.end()) {
    return "item has an undeclared tax category (" + item.tax_category.str() + ")";
  }
  if (item.kind == ItemKind::kGood &&
      (item.weight_grams < 0 || item.weight_grams > kMaxItemWeightGrams)) {
    return "item has an invalid weight";
  }
  return std::nullopt;
}

// The appointment of the line at `path`, whose catalog item is `item` (null when unknown: the
// SKU is reported already, but the appointment's own fields still are). A past day is not a
// problem here: core has no clock.
void CheckAppointment(const Appointment& appointment, const Item* item, const std::string& path,
                      Problems& problems) {
  const std::string at = path + ".appointment";
  if (item != nullptr && item->kind != ItemKind::kService) {
    problems.Add(at, "only services can have an appointment");
    return;
  }
  if (!appointment.date.ok()) problems.Add(at + ".date", "must be a valid date");
  constexpr std::chrono::minutes kMidnight{0};
  constexpr std::chrono::minutes kDayEnd{24 * 60};
  const bool from_valid =
      !appointment.from || (*appointment.from >= kMidnight && *appointment.from < kDayEnd);
  const bool until_valid =
      !appointment.until || (*appointment.until > kMidnight && *appointment.until <= kDayEnd);
  if (!from_valid) problems.Add(at + ".from", "must be 00:00..23:59");
  if (!until_valid) problems.Add(at + ".until", "must be 00:01..24:00");
  if (from_valid && until_valid && appointment.from && appointment.until &&
      *appointment.from >= *appointment.until) {
    problems.Add(at + ".until", "must be after from");
  }
}

LineFacts CheckLines(const OrderDraft& draft, const std::vector<Item>& items,
                     const PricingRules& rules, Problems& problems) {
  std::map<std::string, const Item*> by_sku;
  for (const Item& item : items) by_sku.try_emplace(item.sku, &item);

  LineFacts facts;
  facts.found.assign(draft.lines.size(), nullptr);
  facts.valid.assign(draft.lines.size(), nullptr);
  if (draft.lines.empty()) {
    problems.Add("lines", "must have at least one line");
    return facts;
  }
  if (draft.lines.size() > kMaxLines) {
    // Line by line errors for thousands of lines would bury this one.
    problems.Add("lines", "at most " + std::to_string(kMaxLines) + " lines");
    return facts;
  }

  Int128 order_total = 0;
  for (std::size_t i = 0; i < draft.lines.size(); ++i) {
    const DraftLine& line = draft.lines[i];
    const std::string path = "lines[" + std::to_string(i) + "]";
    const auto entry = by_sku.find(line.sku);
    const Item* item = entry == by_sku.end() ? nullptr : entry->second;
    facts.found[i] = item;
    bool valid = item != nullptr;
    if (line.sku.empty()) {
      problems.Add(path + ".sku", "required");
    } else if (item == nullptr) {
      problems.Add(path + ".sku", "unknown SKU");
    } else {
      facts.has_goods = facts.has_goods || item->kind == ItemKind::kGood;
      facts.has_services = facts.has_services || item->kind == ItemKind::kService;
      if (!item->active) {
        problems.Add(path + ".sku", "item is not active");
        valid = false;
      } else if (auto problem = PricingProblem(*item, rules)) {
        problems.Add(path + ".sku", *std::move(problem));
        valid = false;
      }
    }
    const bool quantity_valid = line.quantity >= kMinQuantity && line.quantity <= kMaxQuantity;
    if (!quantity_valid) problems.Add(path + ".quantity", "must be 1..9999");
    if (line.appointment) CheckAppointment(*line.appointment, item, path, problems);
    if (!quantity_valid || !valid) continue;

    // Both factors are bounded here (price by int64, quantity by 9999): no 128-bit overflow.
    const Int128 amount = static_cast<Int128>(item->unit_price.minor()) * line.quantity;
    if (amount > kMaxLineAmountMinor) {
      problems.Add(path + ".quantity", "line amount too large");
      continue;
    }
    facts.valid[i] = item;
    order_total += amount;
    if (item->kind == ItemKind::kGood) {
      facts.goods_total += amount;
      facts.weight_grams += static_cast<Int128>(item->weight_grams) * line.quantity;
    }
  }
  if (order_total > kMaxOrderTotalMinor) problems.Add("lines", "order total too large");
  return facts;
}

void CheckPayment(const PaymentDraft& payment, const PricingRules& rules, Problems& problems) {
  if (payment.type == PaymentType::kCard) {
    const std::string& last4 = payment.card.last4;
    if (payment.card.brand.empty()) problems.Add("payment.card.brand", "required");
    if (last4.size() != 4 ||
        !std::all_of(last4.begin(), last4.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      problems.Add("payment.card.last4", "must be exactly 4 digits");
    }
    if (payment.card.token.empty()) problems.Add("payment.card.token", "required");
    if (auto why = FreeTextProblem(payment.card.brand, TextLines::kOne)) {
      problems.Add("payment.card.brand", *std::move(why));
    }
  } else if (payment.card != CardDetails{}) {
    problems.Add("payment.card", "only for card payments");
  }
  if (auto why = FreeTextProblem(payment.reference, TextLines::kOne)) {
    problems.Add("payment.reference", *std::move(why));
  }
  if (!payment.tendered) return;
  if (payment.type != PaymentType::kCash) {
    problems.Add("payment.tendered", "only for cash payments");
  } else if (payment.tendered->currency() != rules.currency) {
    problems.Add("payment.tendered.currency", "must be " + std::string(rules.currency.code()));
  } else if (payment.tendered->minor() < 0) {
    problems.Add("payment.tendered", "must not be negative");
  }
}

bool HasValidCountry(const Address& address) { return IsCountryCode(address.country); }

}  // namespace

Validation ValidateDraft(const OrderDraft& draft, const Customer& customer,
                         const std::vector<Item>& items, const PricingRules& rules) {
  Problems problems;
  // An unknown customer (id 0) is the caller's to report; what follows from it is not
  // reported again.
  const bool known_customer = customer.id.value != 0;

  if (known_customer && customer.tax_exempt && customer.exemption_reference.empty()) {
    problems.Add("customer_id", "customer is tax-exempt but has no exemption reference");
  }

  // The lines decide whether anything is shipped, so they are read first and reported in
  // draft order below.
  Problems line_problems;
  const LineFacts lines = CheckLines(draft, items, rules, line_problems);
  const std::string& method_code = draft.shipping_method;
  const bool shipped = ShipsGoods(lines.has_goods, method_code);

  const Address* billing = nullptr;
  if (draft.billing_address) {
    billing = &*draft.billing_address;
    problems.Add(ValidateAddress(*billing, "billing_address"));
  } else {
    billing = customer.DefaultBilling();
    if (billing == nullptr && known_customer) {
      problems.Add("billing_address", "required: the customer has no billing address");
    }
  }

  const Address* shipping = nullptr;
  if (draft.shipping_address) {
    shipping = &*draft.shipping_address;
    problems.Add(ValidateAddress(*shipping, "shipping_address"));
  } else if (shipped) {
    shipping = customer.DefaultShipping();
    if (shipping == nullptr && known_customer) {
      problems.Add("shipping_address", "required to ship goods");
    }
  }

  problems.Add(line_problems.Take());

  const ShippingMethod* method = nullptr;
  if (!method_code.empty() && method_code != kPickupMethod) {
    method = rules.shipping.Find(method_code);
    if (method == nullptr) problems.Add("shipping_method", "unknown shipping method");
  } else if (method_code.empty() && lines.has_goods && draft.channel != Channel::kCounter) {
    problems.Add("shipping_method", "required for goods: a method code or \"pickup\"");
  }
  if (shipped && method != nullptr && shipping != nullptr && HasValidCountry(*shipping) &&
      lines.goods_total <= kMaxOrderTotalMinor) {
    // Valid lines only: fixing the others can only make the parcel heavier.
    auto quote =
        QuoteShipping(*method, shipping->country, static_cast<std::int64_t>(lines.weight_grams),
                      Money(static_cast<std::int64_t>(lines.goods_total), rules.currency));
    if (!quote) problems.Add("shipping_method", quote.error().message);
  }

  if (!customer.tax_exempt && billing != nullptr) {
    std::set<std::string> reported;
    auto check_place = [&](const TaxPlace& place) {
      if (!HasValidCountry(*place.address) || rules.tax.Find(*place.address) != nullptr) return;
      const std::string field = place.field;
      if (!reported.insert(field).second) return;
      if (field == "origin") {
        problems.Add("shipping_method",
                     "no tax rules for the business address, where pick-up "
                     "orders are taxed");
      } else {
        problems.Add(field + ".country", "no tax rules for this destination");
      }
    };
    if (lines.has_goods) {
      check_place(TaxPlaceOf(ItemKind::kGood, billing, shipping, shipped, rules));
    }
    if (lines.has_services) {
      check_place(TaxPlaceOf(ItemKind::kService, billing, shipping, shipped, rules));
    }
    // Shipping is taxed at the shipping address.
    if (shipped && shipping != nullptr) {
      check_place(TaxPlace{.address = shipping, .field = "shipping_address"});
    }
  }

  CheckPayment(draft.payment, rules, problems);

  const std::string currency(rules.currency.code());
  if (!draft.currency.empty() && draft.currency != currency) {
    problems.Add("currency", "must be " + currency + " (the business currency)");
  }
  if (CharacterCount(draft.notes) > kMaxNotesChars) {
    problems.Add("notes", "at most " + std::to_string(kMaxNotesChars) + " characters");
  }
  if (auto why = FreeTextProblem(draft.notes, TextLines::kMany)) problems.Add("notes", *why);
  if (CharacterCount(draft.clerk) > kMaxClerkChars) {
    problems.Add("clerk", "at most " + std::to_string(kMaxClerkChars) + " characters");
  }
  if (auto why = FreeTextProblem(draft.clerk, TextLines::kOne)) problems.Add("clerk", *why);

  Validation validation;
  if (!problems.empty()) {
    validation.problems = problems.Take();
    return validation;
  }
  // Only an unknown customer, which the caller reports, leaves an address unresolved
  // without a problem: there is nothing to price then.
  if (billing == nullptr || (shipped && shipping == nullptr)) return validation;

  ValidatedDraft& validated = validation.validated;
  validated.draft = draft;
  validated.customer = customer;
  validated.billing_address = *billing;
  if (shipping != nullptr) validated.shipping_address = *shipping;
  validated.items.reserve(lines.valid.size());
  for (const Item* item : lines.valid) validated.items.push_back(*item);

  // Whether the cash covers the order can only be known once it is priced.
  if (draft.payment.type == PaymentType::kCash && draft.payment.tendered) {
    const PricedOrder priced = PriceOrder(validated, rules);
    if (draft.payment.tendered->minor() < priced.totals.amount_due.minor()) {
      problems.Add("payment.tendered",
                   "less than the amount due (" + DebugString(priced.totals.amount_due) + ")");
      validation.problems = problems.Take();
    }
  }
  return validation;
}

}  // namespace commesso
