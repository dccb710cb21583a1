#pragma once

#include <cstdint>
#include <optional>

#include "app/ports/clock.h"
#include "app/ports/complaint_store.h"
#include "app/ports/identity_store.h"
#include "core/complaint.h"
#include "core/fulfillment.h"
#include "core/result.h"
#include "core/zone_rules.h"

namespace commesso {

// Takes one step on a complaint after it was opened: a comment, an assignment, forwarding,
// starting, awaiting the customer, resolving, rejecting, closing or reopening, each with its
// history entry in the same transaction (docs/customer-care.md). Borrows everything.
// Thread-safe.
class WorkComplaint {
 public:
  // `zones` knows customer service's zone; `rules` gives the public holidays.
  WorkComplaint(ComplaintStore& complaints, const IdentityStore& users, const Clock& clock,
                const CustomerService& service, const FulfillmentRules& rules,
                const ZoneDirectory& zones)
      : complaints_(complaints),
        users_(users),
        clock_(clock),
        service_(service),
        rules_(rules),
        zones_(zones) {}

  // Takes `step` (its time is now) on complaint `number` as decided on `revision`, which every
  // step but a comment names; returns the complaint as stored. A reopening starts the due time
  // again. kInvalidInput for a missing or bad text (at NoteField(step.action)), a missing
  // revision, or an owner who is not an enabled user allowed to work complaints ("owner");
  // kNotFound when there is no such complaint; kConflict (field "revision") when the complaint
  // is at another revision, then (field "status") when its status does not allow the step.
  Result<Complaint> Run(const ComplaintNumber& number, std::optional<std::int64_t> revision,
                        ComplaintStep step) const;

 private:
  ComplaintStore& complaints_;
  const IdentityStore& users_;
  const Clock& clock_;
  const CustomerService& service_;
  const FulfillmentRules& rules_;
  const ZoneDirectory& zones_;
};

}  // namespace commesso
