#include "adapters/sqlite/sqlite_customer_store.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/sqlite/sqlite_fixtures.h"
#include "support/pricing_fixtures.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::AddressIn;
using commesso::testing::CustomerIn;
using commesso::testing::Key;
using commesso::testing::SqliteStores;

Customer Person(std::string name, std::string company, std::string email, std::string phone_e164) {
  Customer customer = CustomerIn("IT");
  customer.name = std::move(name);
  customer.company = std::move(company);
  customer.email = std::move(email);
  customer.phone = phone_e164;
  customer.phone_e164 = std::move(phone_e164);
  return customer;
}

CustomerQuery Query(std::string phone_e164, std::string email, std::string name) {
  CustomerQuery query;
  query.phone_e164 = std::move(phone_e164);
  query.email = std::move(email);
  query.name = std::move(name);
  return query;
}
CustomerQuery ByPhone(std::string phone_e164) { return Query(std::move(phone_e164), "", ""); }
CustomerQuery ByEmail(std::string email) { return Query("", std::move(email), ""); }
CustomerQuery ByName(std::string name) { return Query("", "", std::move(name)); }

std::vector<std::string> NamesOf(const Page<Customer>& page) {
  std::vector<std::string> names;
  for (const Customer& customer : page.entries) names.push_back(customer.name);
  return names;
}

class SqliteCustomerStoreTest : public ::testing::Test {
 protected:
  Customer Create(const Customer& customer) {
    auto created = stores_.customers().Create(customer, Key("create " + customer.name), nullptr);
    EXPECT_TRUE(created.has_value()) << created.error().message;
    return created.value_or(Customer{});
  }

  std::vector<std::string> Names(const CustomerQuery& query) {
    auto page = stores_.customers().Search(query, 50, "");
    EXPECT_TRUE(page.has_value());
    return page ? NamesOf(*page) : std::vector<std::string>{};
  }

  SqliteStores stores_;
};

TEST_F(SqliteCustomerStoreTest, ACreatedCustomerIsFoundWithItsAddresses) {
  Customer customer = Person("Anna Bianchi", "Bianchi Srl", "anna@bianchi.it", "+390212345678");
  customer.tax_id = "IT01234567890";
  customer.tax_exempt = true;
  customer.exemption_reference = "Art. 8 DPR 633/72";
  customer.locale = "en";
  customer.addresses.push_back(CustomerAddress{
      .label = "Magazzino", .address = AddressIn("IT", "MI", "20100"), .default_shipping = true});
  customer.addresses.front().default_shipping = false;

  const Customer created = Create(customer);
  auto found = stores_.customers().Find(created.id);

  ASSERT_TRUE(found.has_value());
  customer.id = created.id;
  EXPECT_EQ(*found, customer);
}

TEST_F(SqliteCustomerStoreTest, AnUnknownIdIsNotFound) {
  auto found = stores_.customers().Find(CustomerId{42});
  auto updated = stores_.customers().Update(Person("Nobody", "", "", ""));

  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::kNotFound);
  ASSERT_FALSE(updated.has_value());
  EXPECT_EQ(updated.error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteCustomerStoreTest, UpdateReplacesTheCustomerAndAllItsAddresses) {
  Customer customer = Create(Person("Anna Bianchi", "", "anna@bianchi.it", "+390212345678"));
  customer.name = "Anna Verdi";
  customer.addresses = {CustomerAddress{.label = "Casa", .address = AddressIn("GB")},
                        CustomerAddress{.label = "Ufficio", .address = AddressIn("US", "NY")}};

  auto updated = stores_.customers().Update(customer);

  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(stores_.customers().Find(customer.id).value(), customer);
  EXPECT_EQ(Names(ByName("verdi")), std::vector<std::string>{"Anna Verdi"});
  EXPECT_EQ(Names(ByName("bianchi")), std::vector<std::string>{});
}

TEST_F(SqliteCustomerStoreTest, ReplayingACreateReturnsTheFirstCustomer) {
  const Customer customer = Person("Anna Bianchi", "", "anna@bianchi.it", "");
  auto first = stores_.customers().Create(customer, Key("k"), nullptr);
  ASSERT_TRUE(first.has_value());

  auto replay = stores_.customers().Create(customer, Key("k"), nullptr);
  auto misuse = stores_.customers().Create(customer, Key("k", "another request"), nullptr);

  ASSERT_TRUE(replay.has_value());
  EXPECT_EQ(*replay, *first);
  ASSERT_FALSE(misuse.has_value());
  EXPECT_EQ(misuse.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(misuse.error().fields.at(0).path, "Idempotency-Key");
  EXPECT_EQ(Names({}).size(), 1u);
}

TEST_F(SqliteCustomerStoreTest, SearchFindsByPhoneEmailAndNameWords) {
  Create(Person("Anna Bianchi", "Bianchi Srl", "Anna@Bianchi.IT", "+390212345678"));
  Create(Person("Marco Bianchetti", "", "marco@example.com", "+390287654321"));
  Create(Person("Luca Rossi", "Ferramenta Niccolò", "luca@example.com", "+14155550100"));

  EXPECT_EQ(Names(ByPhone("+390287654321")), std::vector<std::string>{"Marco Bianchetti"});
  EXPECT_EQ(Names(ByEmail("anna@bianchi.it")), std::vector<std::string>{"Anna Bianchi"});
  EXPECT_EQ(Names(ByEmail("ANNA@BIANCHI.IT")), std::vector<std::string>{"Anna Bianchi"});
  EXPECT_EQ(Names(ByName("bianch")),
            (std::vector<std::string>{"Anna Bianchi", "Marco Bianchetti"}));
  EXPECT_EQ(Names(ByName("an bia")), std::vector<std::string>{"Anna Bianchi"});
  EXPECT_EQ(Names(ByName("ferr niccolo")), std::vector<std::string>{"Luca Rossi"});
  EXPECT_EQ(Names(Query("+390287654321", "", "bianchi")), std::vector<std::string>{});
  EXPECT_EQ(Names(ByPhone("+390200000000")), std::vector<std::string>{});
  EXPECT_EQ(Names(ByName("--")), std::vector<std::string>{});
}

TEST_F(SqliteCustomerStoreTest, SearchPagesByNameWithoutRepeatsOrGaps) {
  const std::vector<std::string> names = {"Bruno", "anna",  "Carla", "Anna",
                                          "Dario", "Elena", "Anna"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto created = stores_.customers().Create(Person(names[i], "", "", ""),
                                              Key("k" + std::to_string(i)), nullptr);
    ASSERT_TRUE(created.has_value());
  }

  std::vector<std::string> listed;
  std::string cursor;
  for (int pages = 0; pages < 20; ++pages) {
    auto page = stores_.customers().Search({}, 2, cursor);
    ASSERT_TRUE(page.has_value());
    for (const std::string& name : NamesOf(*page)) listed.push_back(name);
    if (page->next_cursor.empty()) break;
    cursor = page->next_cursor;
  }

  EXPECT_EQ(listed,
            (std::vector<std::string>{"anna", "Anna", "Anna", "Bruno", "Carla", "Dario", "Elena"}));
  auto bad = stores_.customers().Search({}, 2, "zz");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace commesso::sqlite
