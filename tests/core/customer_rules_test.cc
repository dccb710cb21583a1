#include "core/customer_rules.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
     {{"addresses[1].country", "must be a two-letter country code (ISO 3166-1), like IT"}}},
    {"AddressMissingNameLineAndCity",
     [](Customer& c) { c.addresses[0].address = Address{}; },
     {{"addresses[0].name", "required"},
      {"addresses[0].line1", "required"},
      {"addresses[0].city", "required"},
      {"addresses[0].country", "must be a two-letter country code (ISO 3166-1), like IT"}}},
    {"AddressLineTooLong",
     [](Customer& c) { c.addresses[0].address.line2 = std::string(201, 'x'); },
     {{"addresses[0].line2", "at most 200 characters"}}},
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
