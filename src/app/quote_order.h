#pragma once

#include "app/business.h"
#include "app/ports/catalog.h"
#include "app/ports/customer_store.h"
#include "core/order.h"
#include "core/pricing.h"
#include "core/result.h"

namespace commesso {

// Validates and prices a draft, storing nothing. Thread-safe.
class QuoteOrder {
 public:
  QuoteOrder(const CustomerStore& customers, const Catalog& catalog, const Business& business)
      : customers_(customers), catalog_(catalog), business_(business) {}

  // The priced order; kInvalidInput with every problem of the draft, kNotFound never (an
  // unknown customer is a field error on customer_id).
  Result<PricedOrder> Run(const OrderDraft& draft) const;

  // Validation and pricing together, for PlaceOrder: the validated draft and its price.
  struct Quoted {
    ValidatedDraft validated{};
    PricedOrder priced{};
  };
  Result<Quoted> Price(const OrderDraft& draft) const;

 private:
  const CustomerStore& customers_;
  const Catalog& catalog_;
  const Business& business_;
};

}  // namespace commesso
