#include "app/business.h"

namespace commesso {

FulfillmentRules DefaultFulfillment(const std::string& time_zone) {
  Department warehouse;
  warehouse.code = "warehouse";
  warehouse.name = {"Magazzino", "Warehouse"};
  warehouse.time_zone = time_zone;
  return FulfillmentRules{.departments = {warehouse}, .default_department = "warehouse"};
}

Seller SellerOf(const Business& business) {
  return Seller{.name = business.name,
                .address = business.address,
                .tax_id = business.tax_id,
                .email = business.email,
                .phone = business.phone};
}

}  // namespace commesso
