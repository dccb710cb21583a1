#include "app/quote_order.h"

#include <string>
#include <utility>
#include <vector>

namespace commesso {
namespace {

std::vector<std::string> SkusOf(const OrderDraft& draft) {
  std::vector<std::string> skus;
  skus.reserve(draft.lines.size());
  for (const DraftLine& line : draft.lines) skus.push_back(line.sku);
  return skus;
}

}  // namespace

Result<QuoteOrder::Quoted> QuoteOrder::Price(const OrderDraft& draft) const {
  auto customer = customers_.Find(draft.customer_id);
  if (!customer && customer.error().code != ErrorCode::kNotFound) return Fail(customer.error());

  auto items = catalog_.FindBySkus(SkusOf(draft));
  if (!items) return Fail(items.error());

  // Report every problem at once, so the clerk fixes the form in one pass.
  Validation validation =
      ValidateDraft(draft, customer ? *customer : Customer{}, *items, business_.rules);
  if (!customer) {
    validation.problems.insert(validation.problems.begin(),
                               FieldError{"customer_id", "no customer has this id"});
  }
  if (!validation.problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the order has errors", std::move(validation.problems)});
  }

  PricedOrder priced = PriceOrder(validation.validated, business_.rules);
  return Quoted{.validated = std::move(validation.validated), .priced = std::move(priced)};
}

Result<PricedOrder> QuoteOrder::Run(const OrderDraft& draft) const {
  auto quoted = Price(draft);
  if (!quoted) return Fail(quoted.error());
  return std::move(quoted->priced);
}

}  // namespace commesso
