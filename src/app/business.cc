#include "app/business.h"

namespace commesso {

Seller SellerOf(const Business& business) {
  return Seller{.name = business.name,
                .address = business.address,
                .tax_id = business.tax_id,
                .email = business.email,
                .phone = business.phone};
}

}  // namespace commesso
