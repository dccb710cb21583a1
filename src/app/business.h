#pragma once

#include <string>

#include "core/complaint.h"
#include "core/customer.h"
#include "core/document.h"
#include "core/fulfillment.h"
#include "core/pricing.h"

namespace commesso {

// The fulfillment chain of a business whose configuration has no [fulfillment] section: one
// department, "warehouse" (Magazzino / Warehouse), in `time_zone`, open 09:00-18:00 Monday to
// Friday, releasing every order at once and getting every line (docs/configuration.md).
FulfillmentRules DefaultFulfillment(const std::string& time_zone);

// Who we are and how we price: everything the configuration file says about the business.
struct Business {
  std::string name = "Commesso";
  Address address{};
  std::string tax_id;         // VAT number ("IT01234567890"), printed on every document.
  std::string email;          // Shown on documents; receipts are sent from it. Empty or plausible.
  std::string phone;          // Shown on documents, as written.
  std::string locale = "it";  // Default for new customers and the UI.
  std::string time_zone = "Europe/Rome";  // IANA name: business days, schedules, cut-offs.
  std::string phone_region = "IT";        // Default region for phone numbers typed without +.
  PricingRules rules{};
  // Departments, routing and release schedule ([fulfillment]); every department has a zone.
  FulfillmentRules fulfillment = DefaultFulfillment("Europe/Rome");
  // Customer service's working hours and complaint targets ([customer_service]); its public
  // holidays are the fulfillment's.
  CustomerService customer_service = DefaultCustomerService("Europe/Rome");
};

// The seller as documents issued now print it: the business's name, address, tax id, e-mail
// and phone.
Seller SellerOf(const Business& business);

}  // namespace commesso
