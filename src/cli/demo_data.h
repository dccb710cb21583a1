#pragma once

#include <vector>

#include "app/business.h"
#include "app/ports/catalog.h"
#include "app/ports/customer_store.h"
#include "app/ports/phone_numbers.h"
#include "core/catalog.h"
#include "core/customer.h"
#include "core/result.h"

namespace commesso {

// What SeedDemo wrote.
struct DemoCounts {
  int items = 0;
  int customers = 0;
  bool already_seeded = false;  // The catalog had items, so nothing was written.
};

// The demo business's catalog: an Italian stationery and office-services wholesaler's goods
// (pens, paper, toner, filing, books at 4%, …) and services (binding, printing per page,
// technical support per hour, …), prices in EUR cents before IVA. The same list on every
// call, in SKU-creation order; ids are unset.
std::vector<Item> DemoItems();

// The demo business's customers: Italian companies and private persons in several cities,
// one tax-exempt exporter, a German and a British customer speaking English. `phone_e164`
// is left empty (SeedDemo fills it through the PhoneNumbers port); ids are unset.
std::vector<Customer> DemoCustomers();

// Writes DemoItems and DemoCustomers through the ports, with idempotency keys
// "demo-item-<sku>" and "demo-customer-<n>" (fingerprint "demo"), so an interrupted run can
// simply be repeated. Does nothing (already_seeded) when the catalog has any item. Checks
// everything against `business` first and writes nothing on kInvalidInput (the demo needs
// EUR and the categories standard, reduced, super_reduced and exempt, like config/demo.toml);
// otherwise passes store failures up. Deterministic: no clock, no randomness.
Result<DemoCounts> SeedDemo(Catalog& catalog, CustomerStore& customers, const PhoneNumbers& phones,
                            const Business& business);

}  // namespace commesso
