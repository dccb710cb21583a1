#pragma once

#include <string>
#include <vector>

#include "core/customer.h"
#include "core/result.h"

namespace commesso {

// Every problem of `customer` as a customer record, with field paths ("email",
// "addresses[1].country", "exemption_reference"): a name of 1..200 characters; an empty or
// plausible e-mail address; locale "it" or "en"; an exemption reference when tax-exempt;
// complete addresses, at most one default billing and one default shipping. Empty when the
// customer may be saved.
std::vector<FieldError> ValidateCustomer(const Customer& customer);

// Every problem of `address`, each path prefixed by `path` and a dot ("billing_address.city"):
// name, line1 and city required; country two upper-case letters (ISO 3166-1 alpha-2); no
// field over 200 characters.
std::vector<FieldError> ValidateAddress(const Address& address, const std::string& path);

// Whether `email` looks like an address mail can go to: one "@" between a non-empty local
// part and a dotted domain, no spaces or control characters, at most 254 characters.
bool IsPlausibleEmail(const std::string& email);

}  // namespace commesso
