#include "cli/demo_data.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/config/config.h"
#include "adapters/phone/libphonenumber_phone_numbers.h"
#include "core/catalog_rules.h"
#include "core/customer_rules.h"

namespace commesso {
namespace {

using ::testing::IsEmpty;

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

TEST(DemoDataTest, EveryItemIsValidForTheDemoRules) {
  const PricingRules rules = config::Defaults().business.rules;

  for (const Item& item : DemoItems()) {
    EXPECT_THAT(ValidateItem(item, rules), IsEmpty()) << item.sku;
  }
}

TEST(DemoDataTest, CatalogHasTheAdvertisedShape) {
  const std::vector<Item> items = DemoItems();

  std::set<std::string> skus;
  std::set<std::string> categories;
  int services = 0;
  int inactive = 0;
  bool refusing_low_stock = false;
  bool allowing_backorders = false;
  for (const Item& item : items) {
    EXPECT_TRUE(skus.insert(Upper(item.sku)).second) << "duplicate SKU " << item.sku;
    EXPECT_FALSE(item.name.it.empty()) << item.sku;
    EXPECT_FALSE(item.name.en.empty()) << item.sku;
    categories.insert(item.tax_category);
    if (item.kind == ItemKind::kService) {
      ++services;
      EXPECT_EQ(item.weight_grams, 0) << item.sku;
    } else {
      EXPECT_GT(item.weight_grams, 0) << item.sku;
    }
    if (!item.active) ++inactive;
    if (item.track_stock && item.stock_on_hand < 10) {
      refusing_low_stock |= item.backorder_policy == BackorderPolicy::kRefuse;
      allowing_backorders |= item.backorder_policy == BackorderPolicy::kAllow;
    }
  }

  EXPECT_GE(items.size(), 200u);
  EXPECT_LE(items.size(), 240u);
  EXPECT_GE(services, 18);
  EXPECT_LE(services, 24);
  EXPECT_EQ(inactive, 1);
  EXPECT_TRUE(refusing_low_stock);
  EXPECT_TRUE(allowing_backorders);
  EXPECT_EQ(categories, (std::set<std::string>{"standard", "reduced", "super_reduced", "exempt"}));
}

TEST(DemoDataTest, BooksAndNewspapersAreTaxedAtFourPercent) {
  for (const Item& item : DemoItems()) {
    if (item.sku.starts_with("LIBRO-") || item.sku.starts_with("QUOTIDIANO-") ||
        item.sku.starts_with("RIVISTA-")) {
      EXPECT_EQ(item.tax_category, "super_reduced") << item.sku;
    }
  }
}

TEST(DemoDataTest, EveryItemHasACategoryAndEveryGoodALocation) {
  std::set<std::string> categories;
  std::set<std::string> locations;
  for (const Item& item : DemoItems()) {
    EXPECT_FALSE(item.category.empty()) << item.sku;
    categories.insert(item.category);
    if (item.kind == ItemKind::kService) {
      EXPECT_EQ(item.category, "services") << item.sku;
      EXPECT_EQ(item.location, "") << item.sku;  // Nothing to pick.
    } else {
      EXPECT_FALSE(item.location.empty()) << item.sku;
      // Goods share a shelf only at the counter and in the bulk area.
      if (item.location != "COUNTER" && !item.location.view().starts_with("BULK-")) {
        EXPECT_TRUE(locations.insert(item.location).second) << "shared shelf " << item.location;
      }
    }
  }
  EXPECT_EQ(categories,
            (std::set<std::string>{"writing", "paper", "notebooks", "filing", "mailing", "toner",
                                   "ink", "office", "books", "kitchen", "postage", "services"}));
}

TEST(DemoDataTest, AFamilySitsTogetherInOneAisle) {
  std::string pens;
  std::string toners;
  for (const Item& item : DemoItems()) {
    if (item.sku.starts_with("PEN-SFERA-")) pens += item.location.str() + " ";
    if (item.sku.starts_with("TONER-HP207A-")) toners += item.location.str() + " ";
  }
  EXPECT_EQ(pens, "A-01-1 A-01-2 A-01-3 A-01-4 ");
  EXPECT_EQ(toners, "F-03-1 F-03-2 F-03-3 F-03-4 ");
}

TEST(DemoDataTest, IsTheSameOnEveryCall) {
  EXPECT_EQ(DemoItems(), DemoItems());
  EXPECT_EQ(DemoCustomers(), DemoCustomers());
}

TEST(DemoDataTest, EveryCustomerIsValidAndReachableByPhone) {
  const LibphonenumberPhoneNumbers phones;

  for (Customer customer : DemoCustomers()) {
    // As SeedDemo does: a saved phone has its E.164 form, which validation requires.
    customer.phone_e164 = phones.ToE164(customer.phone, "IT");
    EXPECT_THAT(ValidateCustomer(customer), IsEmpty()) << customer.name;
    EXPECT_FALSE(customer.addresses.empty()) << customer.name;
    if (!customer.phone.empty()) {
      EXPECT_THAT(phones.ToE164(customer.phone, "IT"), ::testing::StartsWith("+"))
          << customer.name << ": " << customer.phone;
    }
  }
}

TEST(DemoDataTest, CustomersCoverTheAdvertisedCases) {
  const std::vector<Customer> customers = DemoCustomers();

  int companies = 0;
  int with_second_address = 0;
  std::vector<std::string> exempt_references;
  std::set<std::string> english_countries;
  std::set<std::string> cities;
  for (const Customer& customer : customers) {
    if (!customer.company.empty()) ++companies;
    if (customer.addresses.size() > 1) ++with_second_address;
    if (customer.tax_exempt) exempt_references.push_back(customer.exemption_reference);
    if (customer.locale == "en") {
      english_countries.insert(customer.addresses.front().address.country);
    }
    for (const CustomerAddress& saved : customer.addresses) cities.insert(saved.address.city);
  }

  EXPECT_GE(customers.size(), 45u);
  EXPECT_LE(customers.size(), 55u);
  EXPECT_GE(companies, 20);
  EXPECT_GE(static_cast<int>(customers.size()) - companies, 15);  // Private persons.
  EXPECT_GE(with_second_address, 3);
  EXPECT_EQ(exempt_references, std::vector<std::string>{"Dichiarazione d'intento n. 2026/123"});
  EXPECT_EQ(english_countries, (std::set<std::string>{"DE", "GB"}));
  EXPECT_GE(cities.size(), 15u);
}

TEST(DemoDataTest, ItalianVatNumbersCarryAValidCheckDigit) {
  for (const Customer& customer : DemoCustomers()) {
    if (!customer.tax_id.starts_with("IT")) continue;
    const std::string digits = customer.tax_id.substr(2);
    ASSERT_EQ(digits.size(), 11u) << customer.tax_id;
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      int digit = digits[i] - '0';
      if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    EXPECT_EQ(sum % 10, 0) << customer.tax_id;
  }
}

}  // namespace
}  // namespace commesso
