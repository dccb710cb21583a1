#pragma once

#include <string>
#include <vector>

#include "core/ids.h"

namespace commesso {

// A postal address. `country` is ISO 3166-1 alpha-2 ("IT"); `region` is the ISO 3166-2
// subdivision code without the country ("MI", "CA") where the country uses one.
struct Address {
  std::string name;     // Addressee: person or department.
  std::string company;  // Optional.
  std::string line1;
  std::string line2;  // Optional.
  std::string postal_code;
  std::string city;
  std::string region;
  std::string country;

  friend bool operator==(const Address&, const Address&) = default;
};

// One of a customer's saved addresses; at most one is the default of each kind.
struct CustomerAddress {
  std::string label;  // "Sede", "Magazzino", …
  Address address{};
  bool default_billing = false;
  bool default_shipping = false;

  friend bool operator==(const CustomerAddress&, const CustomerAddress&) = default;
};

struct Customer {
  CustomerId id{};
  std::string name;
  std::string company;
  std::string tax_id;  // VAT number or fiscal code.
  std::string email;
  std::string phone;       // As typed.
  std::string phone_e164;  // Normalized for lookup ("+390212345678"); empty when unparsable.
  bool tax_exempt = false;
  std::string exemption_reference;  // Required when tax_exempt: the legal basis or certificate.
  std::string locale = "it";        // "it" or "en": receipts and read-back speak it.
  std::vector<CustomerAddress> addresses{};

  // The default billing (or shipping) address, else the first saved one; null when none.
  const Address* DefaultBilling() const;
  const Address* DefaultShipping() const;

  friend bool operator==(const Customer&, const Customer&) = default;
};

}  // namespace commesso
