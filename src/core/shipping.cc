#include "core/shipping.h"

#include "core/shipping_quote.h"

namespace commesso {

const ShippingMethod* ShippingRates::Find(const std::string& code) const {
  for (const ShippingMethod& method : methods) {
    if (method.code == code) return &method;
  }
  return nullptr;
}

Result<Money> ShippingCharge(const ShippingMethod& method, const std::string& country,
                             std::int64_t weight_grams, Money goods_total) {
  auto quote = QuoteShipping(method, country, weight_grams, goods_total);
  if (!quote) return Fail(quote.error());
  return quote->charge;
}

}  // namespace commesso
