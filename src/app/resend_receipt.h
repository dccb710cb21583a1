#pragma once

#include <optional>
#include <string>
#include <utility>

#include "app/ports/clock.h"
#include "app/ports/delivery_store.h"
#include "app/ports/document_store.h"
#include "app/ports/outbox_signal.h"
#include "core/receipt_delivery.h"
#include "core/result.h"

namespace commesso {

// A clerk asks for the order's receipt to be e-mailed again: the same document, to the
// customer's address of the order or to a corrected one.
class ResendReceipt {
 public:
  ResendReceipt(DeliveryStore& deliveries, const DocumentStore& documents, OutboxSignal& signal,
                const Clock& clock)
      : deliveries_(deliveries), documents_(documents), signal_(signal), clock_(clock) {}

  // Queues a delivery of the receipt of order `number` to `to` (empty: the customer's address)
  // and wakes the mailer; returns it, and whether `key` replayed an earlier request.
  // kInvalidInput on field "to" when the address given, or else the customer's, is missing or
  // not usable (MailAddressProblem); kNotFound when there is no such order or it has no
  // receipt; kInvalidInput on "Idempotency-Key" for a key used with another request. `answer`
  // (null: none) is kept with the key (DeliveryStore::Request).
  Result<std::pair<ReceiptDelivery, bool>> Run(const OrderNumber& number, const std::string& to,
                                               const std::string& requested_by,
                                               const IdempotencyKey& key,
                                               KeptAnswer<ReceiptDelivery>* answer);

 private:
  DeliveryStore& deliveries_;
  const DocumentStore& documents_;
  OutboxSignal& signal_;
  const Clock& clock_;
};

}  // namespace commesso
