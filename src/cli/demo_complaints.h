#pragma once

#include "app/business.h"
#include "app/ports/clock.h"
#include "app/ports/complaint_store.h"
#include "core/result.h"
#include "core/zone_rules.h"

namespace commesso {

// Opens the demo's complaints, so the customer-service queue of `make run` is not empty:
// three general complaints (the demo has no orders) opened by the clerk before `clock`'s now,
// one of them urgent and long overdue, one forwarded to customer service and one still open,
// each due by `business`'s customer-service hours (`zones` knows their zone). Each has the
// idempotency key "demo-complaint-<n>" (principal cli:seed-demo), so running it again opens
// nothing new. Returns how many it opened now; passes store failures up.
Result<int> SeedDemoComplaints(ComplaintStore& complaints, const Clock& clock,
                               const Business& business, const ZoneDirectory& zones);

}  // namespace commesso
