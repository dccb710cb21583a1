#pragma once

#include "app/ports/clock.h"
#include "app/ports/complaint_store.h"
#include "app/ports/kept_answer.h"
#include "app/ports/order_store.h"
#include "core/complaint.h"
#include "core/fulfillment.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/zone_rules.h"

namespace commesso {

// Opens a complaint: checks it against its order, gives it its due time in customer service's
// working hours and stores it, numbered. Borrows everything. Thread-safe.
class OpenComplaint {
 public:
  // `zones` knows customer service's zone; `rules` gives the public holidays.
  OpenComplaint(ComplaintStore& complaints, const OrderStore& orders, const Clock& clock,
                const CustomerService& service, const FulfillmentRules& rules,
                const ZoneDirectory& zones)
      : complaints_(complaints),
        orders_(orders),
        clock_(clock),
        service_(service),
        rules_(rules),
        zones_(zones) {}

  // The stored complaint once durable, opened now with status open. `complaint` gives the
  // order (or none), lines, reason, channel, customer's words, priority and opened_by; the rest
  // is set here. kInvalidInput with every problem at once: the customer's words, an order that
  // does not exist ("order_number"), lines that are not the order's or ask for more than was
  // ordered ("lines[i]…"). A replay of `key` returns the first complaint (ComplaintStore::Open).
  Result<Complaint> Run(const Complaint& complaint, const IdempotencyKey& key,
                        KeptAnswer<Complaint>* answer) const;

 private:
  ComplaintStore& complaints_;
  const OrderStore& orders_;
  const Clock& clock_;
  const CustomerService& service_;
  const FulfillmentRules& rules_;
  const ZoneDirectory& zones_;
};

}  // namespace commesso
