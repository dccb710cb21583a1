#include "core/customer.h"

namespace commesso {
namespace {

const Address* DefaultOf(const std::vector<CustomerAddress>& addresses,
                         bool CustomerAddress::*is_default) {
  for (const CustomerAddress& saved : addresses) {
    if (saved.*is_default) return &saved.address;
  }
  return addresses.empty() ? nullptr : &addresses.front().address;
}

}  // namespace

const Address* Customer::DefaultBilling() const {
  return DefaultOf(addresses, &CustomerAddress::default_billing);
}

const Address* Customer::DefaultShipping() const {
  return DefaultOf(addresses, &CustomerAddress::default_shipping);
}

}  // namespace commesso
