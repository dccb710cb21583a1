#pragma once

#include <string>

#include "core/customer.h"
#include "core/pricing.h"

namespace commesso {

// Who we are and how we price: everything the configuration file says about the business.
struct Business {
  std::string name = "Commesso";
  Address address{};
  std::string locale = "it";              // Default for new customers and the UI.
  std::string time_zone = "Europe/Rome";  // IANA name: business days, schedules, cut-offs.
  std::string phone_region = "IT";        // Default region for phone numbers typed without +.
  PricingRules rules{};
};

}  // namespace commesso
