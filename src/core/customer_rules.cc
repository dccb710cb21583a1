#include "core/customer_rules.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "core/countries.h"
#include "core/free_text.h"
#include "core/input_limits.h"
#include "core/postal_codes.h"
#include "core/tax_ids.h"
#include "core/utf8.h"

namespace commesso {
namespace {

constexpr std::size_t kMaxEmailChars = 254;  // RFC 5321's limit on a forward path.
constexpr std::size_t kMaxE164Digits = 15;   // ITU-T E.164, country code included.

// Whether `e164` is a number in E.164 form: "+", a digit other than 0, and at most 15 digits.
bool IsE164(const std::string& e164) {
  return e164.size() >= 3 && e164.size() <= 1 + kMaxE164Digits && e164[0] == '+' &&
         e164[1] != '0' &&
         std::all_of(e164.begin() + 1, e164.end(), [](char c) { return c >= '0' && c <= '9'; });
}

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
    if (auto why = FreeTextProblem(*value, TextLines::kOne)) problem(field, *std::move(why));
  }
  if (address.name.empty()) problem("name", "required");
  if (address.line1.empty()) problem("line1", "required");
  if (address.city.empty()) problem("city", "required");
  if (!IsCountryCode(address.country)) {
    problem("country", "is not an ISO 3166-1 country code (like IT)");
  } else if (!FreeTextProblem(address.postal_code, TextLines::kOne)) {
    if (auto why = PostalCodeProblem(address.country, address.postal_code)) {
      problem("postal_code", *std::move(why));
    }
  }
  return problems;
}

std::vector<FieldError> ValidateCustomer(const Customer& customer) {
  std::vector<FieldError> problems;
  auto problem = [&](std::string path, std::string text) {
    problems.push_back(FieldError{.path = std::move(path), .problem = std::move(text)});
  };

  // Every text a person types, whatever else is wrong with it: no card number, no control
  // characters. The problem replaces the field's other ones, which might quote it.
  auto typed = [&](const char* field, const std::string& value) {
    std::optional<std::string> why = FreeTextProblem(value, TextLines::kOne);
    const bool clean = !why;
    if (why) problem(field, *std::move(why));
    return clean;
  };

  if (customer.name.empty()) problem("name", "required");
  if (CharacterCount(customer.name) > kMaxNameChars) problem("name", "at most 200 characters");
  typed("name", customer.name);
  if (CharacterCount(customer.company) > kMaxNameChars) {
    problem("company", "at most 200 characters");
  }
  typed("company", customer.company);
  if (typed("tax_id", customer.tax_id)) {
    if (auto why = TaxIdProblem(customer.tax_id)) problem("tax_id", *std::move(why));
  }
  // The address rule refuses control characters and spaces itself.
  if (!customer.email.empty() && !IsPlausibleEmail(customer.email)) {
    problem("email", "not a valid e-mail address");
  } else {
    typed("email", customer.email);
  }
  // The phone as typed is kept for people; its E.164 form, which the caller derives through
  // the PhoneNumbers port, must exist, so every saved phone can be found by a call.
  if (typed("phone", customer.phone) && !customer.phone.empty() && !IsE164(customer.phone_e164)) {
    problem("phone", "is not a phone number");
  }
  if (customer.locale != "it" && customer.locale != "en") {
    problem("locale", R"(must be "it" or "en")");
  }
  if (customer.tax_exempt && customer.exemption_reference.empty()) {
    problem("exemption_reference", "required when the customer is tax-exempt");
  }
  if (CharacterCount(customer.exemption_reference) > kMaxNameChars) {
    problem("exemption_reference", "at most 200 characters");
  }
  typed("exemption_reference", customer.exemption_reference);

  int default_billing = 0;
  int default_shipping = 0;
  for (std::size_t i = 0; i < customer.addresses.size(); ++i) {
    const CustomerAddress& saved = customer.addresses[i];
    const std::string path = "addresses[" + std::to_string(i) + "]";
    if (CharacterCount(saved.label) > kMaxNameChars) {
      problem(path + ".label", "at most 200 characters");
    }
    if (auto why = FreeTextProblem(saved.label, TextLines::kOne)) {
      problem(path + ".label", *std::move(why));
    }
    std::vector<FieldError> address_problems = ValidateAddress(saved.address, path + ".address");
    problems.insert(problems.end(), address_problems.begin(), address_problems.end());
    default_billing += saved.default_billing ? 1 : 0;
    default_shipping += saved.default_shipping ? 1 : 0;
  }
  if (default_billing > 1) problem("addresses", "at most one default billing address");
  if (default_shipping > 1) problem("addresses", "at most one default shipping address");
  return problems;
}

}  // namespace commesso
