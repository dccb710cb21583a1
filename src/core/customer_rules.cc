#include "core/customer_rules.h"

#include <algorithm>
#include <utility>

#include "core/input_limits.h"
#include "core/utf8.h"

namespace commesso {
namespace {

constexpr std::size_t kMaxEmailChars = 254;  // RFC 5321's limit on a forward path.

bool IsUpperLetter(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

bool IsPlausibleEmail(const std::string& email) {
  if (email.size() > kMaxEmailChars) return false;
  const bool clean = std::none_of(email.begin(), email.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F;  // Spaces, CR, LF and other control characters.
  });
  if (!clean) return false;
  const std::size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  const std::string domain = email.substr(at + 1);
  const std::size_t dot = domain.find('.');
  return dot != std::string::npos && dot != 0 && domain.back() != '.' &&
         domain.find("..") == std::string::npos;
}

std::vector<FieldError> ValidateAddress(const Address& address, const std::string& path) {
  std::vector<FieldError> problems;
  auto problem = [&](const char* field, std::string text) {
    problems.push_back(FieldError{.path = path + "." + field, .problem = std::move(text)});
  };
  const std::pair<const char*, const std::string*> fields[] = {
      {"name", &address.name},    {"company", &address.company},         {"line1", &address.line1},
      {"line2", &address.line2},  {"postal_code", &address.postal_code}, {"city", &address.city},
      {"region", &address.region}};
  for (const auto& [field, value] : fields) {
    if (CharacterCount(*value) > kMaxNameChars) problem(field, "at most 200 characters");
  }
  if (address.name.empty()) problem("name", "required");
  if (address.line1.empty()) problem("line1", "required");
  if (address.city.empty()) problem("city", "required");
  if (address.country.size() != 2 || !IsUpperLetter(address.country[0]) ||
      !IsUpperLetter(address.country[1])) {
    problem("country", "must be a two-letter country code (ISO 3166-1), like IT");
  }
  return problems;
}

std::vector<FieldError> ValidateCustomer(const Customer& customer) {
  std::vector<FieldError> problems;
  auto problem = [&](std::string path, std::string text) {
    problems.push_back(FieldError{.path = std::move(path), .problem = std::move(text)});
  };

  if (customer.name.empty()) problem("name", "required");
  if (CharacterCount(customer.name) > kMaxNameChars) problem("name", "at most 200 characters");
  if (!customer.email.empty() && !IsPlausibleEmail(customer.email)) {
    problem("email", "not a valid e-mail address");
  }
  if (customer.locale != "it" && customer.locale != "en") {
    problem("locale", R"(must be "it" or "en")");
  }
  if (customer.tax_exempt && customer.exemption_reference.empty()) {
    problem("exemption_reference", "required when the customer is tax-exempt");
  }

  int default_billing = 0;
  int default_shipping = 0;
  for (std::size_t i = 0; i < customer.addresses.size(); ++i) {
    const CustomerAddress& saved = customer.addresses[i];
    std::vector<FieldError> address_problems =
        ValidateAddress(saved.address, "addresses[" + std::to_string(i) + "]");
    problems.insert(problems.end(), address_problems.begin(), address_problems.end());
    default_billing += saved.default_billing ? 1 : 0;
    default_shipping += saved.default_shipping ? 1 : 0;
  }
  if (default_billing > 1) problem("addresses", "at most one default billing address");
  if (default_shipping > 1) problem("addresses", "at most one default shipping address");
  return problems;
}

}  // namespace commesso
