#pragma once

#include <string>
#include <vector>

#include "core/customer.h"
#include "core/result.h"

namespace commesso {

// Every problem of `customer` as a customer record, with the field paths of its JSON form
// ("email", "addresses[1].address.country", "exemption_reference"): a name of 1..200
// characters; a tax id TaxIdProblem accepts (tax_ids.h); an empty or plausible e-mail address;
// a phone whose E.164 form (`phone_e164`, which the caller derives through the PhoneNumbers
// port) exists, so at most 15 digits; locale "it" or "en"; an exemption reference when
// tax-exempt; complete addresses, at most one default billing and one default shipping. No
// text a person types (names, company, tax id, e-mail, phone, labels, addresses) may hold a
// card number or control characters (free_text.h). Empty when the customer may be saved.
std::vector<FieldError> ValidateCustomer(const Customer& customer);

// Every problem of `address`, each path prefixed by `path` and a dot ("billing_address.city"):
// name, line1 and city required; country an ISO 3166-1 alpha-2 code (countries.h); a postal
// code of the country's format where it is known (postal_codes.h); no field over 200
// characters, or holding a card number or control characters (free_text.h).
std::vector<FieldError> ValidateAddress(const Address& address, const std::string& path);

// Whether `email` looks like an address mail can go to: one "@" between a non-empty local
// part and a dotted domain, no spaces or control characters, at most 254 characters.
bool IsPlausibleEmail(const std::string& email);

}  // namespace commesso
