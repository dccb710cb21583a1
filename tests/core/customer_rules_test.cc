#include "core/customer_rules.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/card_number.h"
#include "printers.h"
#include "support/pricing_fixtures.h"

namespace commesso {
namespace {

using testing::AddressIn;
using testing::CustomerIn;
using ::testing::IsEmpty;

TEST(ValidateCustomerTest, AcceptsACompleteCustomer) {
  Customer customer = CustomerIn("IT");
  customer.tax_exempt = true;
  customer.exemption_reference = "Dichiarazione d'intento 2026/17";
  customer.addresses.push_back(CustomerAddress{.label = "Magazzino", .address = AddressIn("IT")});

  EXPECT_THAT(ValidateCustomer(customer), IsEmpty());
}

TEST(ValidateCustomerTest, AcceptsACustomerWithoutEmailOrAddresses) {
  Customer customer = CustomerIn("IT");
  customer.email.clear();
  customer.addresses.clear();
  customer.locale = "en";

  EXPECT_THAT(ValidateCustomer(customer), IsEmpty());
}

TEST(ValidateCustomerTest, CountsNameLengthInCharacters) {
  Customer customer = CustomerIn("IT");
  customer.name.clear();
  for (int i = 0; i < 200; ++i) customer.name += "à";

  EXPECT_THAT(ValidateCustomer(customer), IsEmpty());
}

TEST(ValidateCustomerTest, AcceptsItalianTaxIdsAndAPhoneWithItsE164Form) {
  for (const char* tax_id : {"IT09876543217", "09876543217", "RSSMRA85T10A562S", "DE123456789"}) {
    Customer customer = CustomerIn("IT", "MI", "20121");
    customer.tax_id = tax_id;
    customer.phone = "02 1234 5678";
    customer.phone_e164 = "+390212345678";

    EXPECT_THAT(ValidateCustomer(customer), IsEmpty()) << tax_id;
  }
}

TEST(IsPlausibleEmailTest, AcceptsOrdinaryAddresses) {
  EXPECT_TRUE(IsPlausibleEmail("mario.rossi@example.com"));
  EXPECT_TRUE(IsPlausibleEmail("ordini+2026@negozio.co.uk"));
}

TEST(IsPlausibleEmailTest, RefusesWhatMailCannotReach) {
  EXPECT_FALSE(IsPlausibleEmail("mario"));
  EXPECT_FALSE(IsPlausibleEmail("@example.com"));
  EXPECT_FALSE(IsPlausibleEmail("mario@"));
  EXPECT_FALSE(IsPlausibleEmail("mario@example"));
  EXPECT_FALSE(IsPlausibleEmail("mario@.com"));
  EXPECT_FALSE(IsPlausibleEmail("mario@example."));
  EXPECT_FALSE(IsPlausibleEmail("mario@example..com"));
  EXPECT_FALSE(IsPlausibleEmail("ma rio@example.com"));
  EXPECT_FALSE(IsPlausibleEmail("mario@example.com\r\nBcc: x@y.z"));
  EXPECT_FALSE(IsPlausibleEmail("mario@a@example.com"));
  EXPECT_FALSE(IsPlausibleEmail(std::string(250, 'm') + "@example.com"));
}

// A customer made bad by `change`, and exactly the problems ValidateCustomer must report.
struct BadCustomer {
  std::string name;
  std::function<void(Customer&)> change;
  std::vector<FieldError> expected;
};

void PrintTo(const BadCustomer& bad, std::ostream* out) { *out << bad.name; }

class ValidateCustomerTableTest : public ::testing::TestWithParam<BadCustomer> {};

TEST_P(ValidateCustomerTableTest, ReportsTheExactFieldPaths) {
  Customer customer = CustomerIn("IT");
  GetParam().change(customer);

  EXPECT_EQ(ValidateCustomer(customer), GetParam().expected);
}

const BadCustomer bad_customers[] = {
    {"NoName", [](Customer& c) { c.name = ""; }, {{"name", "required"}}},
    {"NameTooLong",
     [](Customer& c) { c.name = std::string(201, 'x'); },
     {{"name", "at most 200 characters"}}},
    {"EmailWithALineBreak",
     [](Customer& c) { c.email = "a@b.it\n"; },
     {{"email", "not a valid e-mail address"}}},
    {"FrenchLocale", [](Customer& c) { c.locale = "fr"; }, {{"locale", R"(must be "it" or "en")"}}},
    {"ExemptWithoutReference",
     [](Customer& c) { c.tax_exempt = true; },
     {{"exemption_reference", "required when the customer is tax-exempt"}}},
    {"SecondAddressWithoutCountry",
     [](Customer& c) {
       c.addresses.push_back(CustomerAddress{.label = "Magazzino", .address = AddressIn("IT")});
       c.addresses[1].address.country = "";
     },
     {{"addresses[1].address.country", "is not an ISO 3166-1 country code (like IT)"}}},
    {"AddressMissingNameLineAndCity",
     [](Customer& c) { c.addresses[0].address = Address{}; },
     {{"addresses[0].address.name", "required"},
      {"addresses[0].address.line1", "required"},
      {"addresses[0].address.city", "required"},
      {"addresses[0].address.country", "is not an ISO 3166-1 country code (like IT)"}}},
    {"AddressLineTooLong",
     [](Customer& c) { c.addresses[0].address.line2 = std::string(201, 'x'); },
     {{"addresses[0].address.line2", "at most 200 characters"}}},
    // Shaped like a code, naming no country.
    {"AddressInNoCountry",
     [](Customer& c) { c.addresses[0].address.country = "XX"; },
     {{"addresses[0].address.country", "is not an ISO 3166-1 country code (like IT)"}}},
    // Postal codes, tax ids, control characters.
    {"ItalianPostalCodeOfLetters",
     [](Customer& c) { c.addresses[0].address.postal_code = "ABCDE"; },
     {{"addresses[0].address.postal_code", "is not a postal code of IT (like 20121)"}}},
    {"BritishPostcodeOfDigits",
     [](Customer& c) {
       c.addresses[0].address = AddressIn("GB");
       c.addresses[0].address.postal_code = "12345";
     },
     {{"addresses[0].address.postal_code", "is not a postal code of GB (like SW1A 1AA)"}}},
    {"PartitaIvaWithAWrongCheckDigit",
     [](Customer& c) { c.tax_id = "IT01234567890"; },
     {{"tax_id", "is not a valid partita IVA: the check digit is wrong"}}},
    {"CodiceFiscaleWithAWrongCheckCharacter",
     [](Customer& c) { c.tax_id = "RSSMRA85T10A562T"; },
     {{"tax_id", "is not a valid codice fiscale: its shape or check character is wrong"}}},
    {"NulInTheName",
     [](Customer& c) { c.name = std::string("Mario\0Rossi", 11); },
     {{"name", "must not contain control characters or line breaks"}}},
    {"LineBreakInTheCity",
     [](Customer& c) { c.addresses[0].address.city = "Milano\nBcc: x"; },
     {{"addresses[0].address.city", "must not contain control characters or line breaks"}}},
    {"C1ControlInTheCompany",
     [](Customer& c) { c.company = "ACME\xC2\x9B"; },
     {{"company", "must not contain control characters or line breaks"}}},
    // Card numbers in any text a person types.
    {"CardNumberInTheName",
     [](Customer& c) { c.name = "Mario 4111 1111 1111 1111"; },
     {{"name", kCardNumberProblem}}},
    {"CardNumberInTheTaxId",
     [](Customer& c) { c.tax_id = "4111111111111111"; },
     {{"tax_id", kCardNumberProblem}}},
    {"CardNumberInTheAddressLabel",
     [](Customer& c) { c.addresses[0].label = "carta 5555555555554444"; },
     {{"addresses[0].label", kCardNumberProblem}}},
    {"CardNumberInThePhone",
     [](Customer& c) { c.phone = "4111 1111 1111 1111"; },
     {{"phone", kCardNumberProblem}}},
    {"CardNumberInTheExemptionReference",
     [](Customer& c) {
       c.tax_exempt = true;
       c.exemption_reference = "4111-1111-1111-1111";
     },
     {{"exemption_reference", kCardNumberProblem}}},
    // The phone as typed must have an E.164 form, which has at most 15 digits.
    {"PhoneWithoutAnE164Form",
     [](Customer& c) { c.phone = "12"; },
     {{"phone", "is not a phone number"}}},
    {"PhoneOfSixteenDigits",
     [](Customer& c) {
       c.phone = "+39 0212345678901234";
       c.phone_e164 = "+390212345678901234";
     },
     {{"phone", "is not a phone number"}}},
    {"TwoDefaultAddresses",
     [](Customer& c) { c.addresses.push_back(c.addresses[0]); },
     {{"addresses", "at most one default billing address"},
      {"addresses", "at most one default shipping address"}}},
};

INSTANTIATE_TEST_SUITE_P(BadCustomers, ValidateCustomerTableTest,
                         ::testing::ValuesIn(bad_customers),
                         [](const ::testing::TestParamInfo<BadCustomer>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace commesso
