#pragma once

#include "app/ports/card_payments.h"
#include "app/ports/clock.h"
#include "app/ports/order_store.h"
#include "app/quote_order.h"
#include "core/fulfillment.h"
#include "core/ids.h"
#include "core/order.h"
#include "core/result.h"
#include "core/zone_rules.h"

namespace commesso {

// Validates, prices and durably stores an order, with the dispatch date promised by the
// fulfillment rules. Thread-safe.
class PlaceOrder {
 public:
  // `zones` knows every department's zone (`fulfillment` is valid).
  PlaceOrder(const QuoteOrder& quote, OrderStore& orders, const CardPayments& cards,
             const Clock& clock, const FulfillmentRules& fulfillment, const ZoneDirectory& zones)
      : quote_(quote),
        orders_(orders),
        cards_(cards),
        clock_(clock),
        fulfillment_(fulfillment),
        zones_(zones) {}

  // The stored order once it is durable. A replay of `key` returns the first order without
  // validating again (prices or stock may have changed since). kInvalidInput with every
  // problem of the draft, and for a card payment whose token the processor does not know or
  // whose authorization cannot pay the order (CheckCardPayment; fields under
  // "payment.card"); kRejected when stock is short and the item refuses backorders;
  // kUnavailable when the store or the card processor is down.
  Result<StoredPlacement> Run(const OrderDraft& draft, const IdempotencyKey& key) const;

  // Run without waiting for the commit: validates and prices on the calling thread, hands the
  // order to the store and returns; `then` gets what Run would return, once: on the calling
  // thread when the order is refused or replayed, else from the store when the placement is
  // durable or has failed (OrderStore::PlaceAsync: it must only hand the result on). Checking
  // a card payment asks the processor on the calling thread.
  void Start(const OrderDraft& draft, const IdempotencyKey& key, OrderStore::Placed then) const;

 private:
  const QuoteOrder& quote_;
  OrderStore& orders_;
  const CardPayments& cards_;
  const Clock& clock_;
  const FulfillmentRules& fulfillment_;
  const ZoneDirectory& zones_;
};

}  // namespace commesso
