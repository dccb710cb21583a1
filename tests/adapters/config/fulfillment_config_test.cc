// The [fulfillment] section of commesso.toml (docs/configuration.md).
#include <chrono>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/config/config.h"

namespace commesso::config {
namespace {

using std::chrono::minutes;
using std::chrono::year;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

// Every required key of the file, a freight method, and then the text under test.
std::string WithFulfillment(std::string_view fulfillment, std::string_view zone = "Europe/Rome") {
  return std::string(R"toml([business]
name = "Test Srl"
time_zone = ")toml") +
         std::string(zone) + R"toml("
[business.address]
line1 = "Via Roma 1"
postal_code = "20100"
city = "Milano"
country = "IT"
[pricing]
currency = "EUR"
price_mode = "tax_exclusive"
[tax]
categories = ["standard"]
[[tax.jurisdictions]]
code = "IT"
country = "IT"
shipping_tax = "apportioned"
components = [{ name = "IVA", rates = { standard = "22%" } }]
[[shipping.methods]]
code = "freight"
name = { it = "Bancale" }
[[shipping.methods.zones]]
code = "IT"
countries = ["IT"]
brackets = [{ max_grams = 100000, charge = "49.00" }]
)toml" + std::string(fulfillment);
}

::testing::Matcher<FieldError> Problem(const std::string& path, const std::string& problem) {
  return AllOf(Field(&FieldError::path, path), Field(&FieldError::problem, HasSubstr(problem)));
}

std::string Describe(const std::vector<FieldError>& fields) {
  std::string text;
  for (const FieldError& field : fields) text += field.path + ": " + field.problem + "\n";
  return text;
}

TEST(ConfigFulfillmentTest, TheDemoShipsFromMilanWithACutOff) {
  const FulfillmentRules& rules = Defaults().business.fulfillment;

  ASSERT_TRUE(Validate(rules));
  ASSERT_EQ(rules.departments.size(), 4u);
  const Department& warehouse = rules.departments[0];
  EXPECT_EQ(warehouse.code, "warehouse");
  EXPECT_EQ(warehouse.name.it, "Magazzino");
  EXPECT_EQ(warehouse.time_zone, "Europe/Rome");  // The business's.
  EXPECT_EQ(warehouse.release.kind, ReleaseKind::kCutOff);
  EXPECT_EQ(warehouse.release.cut_off, minutes{14 * 60});
  EXPECT_EQ(warehouse.release.release_at, minutes{14 * 60});
  EXPECT_EQ(warehouse.opens, minutes{8 * 60 + 30});
  EXPECT_TRUE(warehouse.ships);
  const Department& services = rules.departments[1];
  EXPECT_EQ(services.release.kind, ReleaseKind::kImmediate);
  EXPECT_FALSE(services.ships);
  EXPECT_EQ(services.escalate_after, minutes{120});
  const Department& freight = rules.departments[2];
  EXPECT_EQ(freight.release.kind, ReleaseKind::kWaves);
  EXPECT_THAT(freight.release.waves, ElementsAre(minutes{540}, minutes{780}, minutes{990}));
  const Department& express = rules.departments[3];
  EXPECT_EQ(express.release.kind, ReleaseKind::kImmediate);
  EXPECT_EQ(express.lease, std::chrono::seconds{600});
  ASSERT_EQ(rules.routing.size(), 3u);
  EXPECT_EQ(rules.routing[0].kind, ItemKind::kService);
  EXPECT_EQ(rules.routing[0].department, "services");
  EXPECT_EQ(rules.routing[1].shipping_method, "freight");
  EXPECT_EQ(rules.routing[2].shipping_method, "express");
  EXPECT_EQ(rules.routing[2].department, "express");
  EXPECT_EQ(rules.default_department, "warehouse");
  EXPECT_THAT(rules.holidays, Contains(year{2026} / 12 / 25));
  EXPECT_THAT(rules.holidays, Contains(year{2027} / 3 / 29));  // Easter Monday 2027.
  EXPECT_EQ(rules.holidays.size(), 26u);
}

TEST(ConfigFulfillmentTest, WithoutTheSectionOneWarehouseInTheBusinessZoneGetsEverything) {
  auto config = Parse(WithFulfillment("", "America/New_York"), "test.toml");

  ASSERT_TRUE(config) << Describe(config.error().fields);
  const FulfillmentRules& rules = config->business.fulfillment;
  EXPECT_EQ(rules, DefaultFulfillment("America/New_York"));
  ASSERT_EQ(rules.departments.size(), 1u);
  EXPECT_EQ(rules.departments[0].code, "warehouse");
  EXPECT_EQ(rules.departments[0].name.en, "Warehouse");
  EXPECT_EQ(rules.departments[0].time_zone, "America/New_York");
  EXPECT_EQ(rules.departments[0].release.kind, ReleaseKind::kImmediate);
  EXPECT_TRUE(rules.routing.empty());
  EXPECT_EQ(rules.default_department, "warehouse");
}

TEST(ConfigFulfillmentTest, ReadsEveryKey) {
  auto config = Parse(WithFulfillment(R"toml([fulfillment]
holidays = ["2026-12-25", 2027-01-01]
[[fulfillment.departments]]
code = "us-desk"
name = { en = "US desk" }
time_zone = "America/New_York"
working_days = ["mon", "sat"]
opens = "00:00"
closes = "24:00"
release = "cut_off"
cut_off = "15:30"
escalate_after_minutes = 90
lease_minutes = 5
[[fulfillment.departments]]
code = "print"
name = { it = "Stampa", en = "Print room" }
ships = false
[[fulfillment.routing]]
kind = "good"
sku_prefix = "PRM-"
shipping_method = "pickup"
countries = ["US", "CA"]
categories = ["toner", "business_cards"]
department = "print"
)toml"),
                      "test.toml");

  ASSERT_TRUE(config) << Describe(config.error().fields);
  const FulfillmentRules& rules = config->business.fulfillment;
  ASSERT_EQ(rules.departments.size(), 2u);
  const Department& desk = rules.departments[0];
  EXPECT_EQ(desk.name.it, "US desk");  // One language given: both show it.
  EXPECT_EQ(desk.time_zone, "America/New_York");
  EXPECT_THAT(desk.working_days, ElementsAre(std::chrono::Monday, std::chrono::Saturday));
  EXPECT_EQ(desk.opens, minutes{0});
  EXPECT_EQ(desk.closes, minutes{24 * 60});
  EXPECT_EQ(desk.release.cut_off, minutes{15 * 60 + 30});
  EXPECT_EQ(desk.release.release_at, minutes{15 * 60 + 30});  // Defaults to the cut-off.
  EXPECT_EQ(desk.escalate_after, minutes{90});
  EXPECT_EQ(desk.lease, std::chrono::seconds{300});
  const Department& print = rules.departments[1];
  EXPECT_EQ(print.time_zone, "Europe/Rome");
  EXPECT_EQ(print.opens, minutes{9 * 60});
  EXPECT_EQ(print.closes, minutes{18 * 60});
  EXPECT_EQ(print.release.kind, ReleaseKind::kImmediate);
  EXPECT_FALSE(print.ships);
  ASSERT_EQ(rules.routing.size(), 1u);
  EXPECT_EQ(
      rules.routing[0],
      (RoutingRule{
          ItemKind::kGood, "PRM-", "pickup", {"US", "CA"}, {"toner", "business_cards"}, "print"}));
  EXPECT_EQ(rules.default_department, "us-desk");  // None named: the first department.
  EXPECT_THAT(rules.holidays, ElementsAre(year{2026} / 12 / 25, year{2027} / 1 / 1));
}

// Found by the config fuzz target (tests/fuzz): a holiday with a dash out of place
// ("20-6-04-06") wrote past the end of the date's three parts.
TEST(ConfigFulfillmentTest, RefusesAHolidayWithADashOutOfPlace) {
  auto config = Parse(WithFulfillment(R"toml([fulfillment]
holidays = ["20-6-04-06", "2026--4-06", "2026-04-0-", "2026-04-06"]
[[fulfillment.departments]]
code = "warehouse"
name = { en = "Warehouse" }
)toml"),
                      "test.toml");

  ASSERT_FALSE(config);
  EXPECT_THAT(config.error().fields,
              ElementsAre(Problem("fulfillment.holidays[0]", "must be a date"),
                          Problem("fulfillment.holidays[1]", "must be a date"),
                          Problem("fulfillment.holidays[2]", "must be a date")));
}

TEST(ConfigFulfillmentTest, ReportsEveryProblemWithItsPathAndPosition) {
  auto config = Parse(WithFulfillment(R"toml([fulfillment]
holidays = ["2026-02-30", "25/12/2026"]
default_department = "office"
colour = "blue"
[[fulfillment.departments]]
code = "warehouse"
name = { it = "Magazzino", en = "Warehouse" }
working_days = ["monday"]
opens = "25:00"
release = "sometimes"
cut_off = "14:00"
[[fulfillment.departments]]
code = "warehouse"
name = { it = "Spedizioni", en = "Freight" }
release = "waves"
waves = ["13:00", "09:00"]
opens = "18:00"
closes = "09:00"
lease_minutes = 0
[[fulfillment.routing]]
shipping_method = "drone"
countries = ["it"]
categories = ["Toner", ""]
department = "nowhere"
)toml"),
                      "test.toml");

  ASSERT_FALSE(config);
  EXPECT_THAT(
      config.error().fields,
      ElementsAre(
          Problem("fulfillment.colour", "is not a known key (test.toml:29:1)"),
          Problem("fulfillment.departments[0].working_days[0]", R"(a day written "mon")"),
          Problem("fulfillment.departments[0].opens", "must be a time \"HH:MM\""),
          Problem("fulfillment.departments[0].release", R"(must be one of "immediate")"),
          Problem("fulfillment.departments[1].lease_minutes", "from 1 to 1440"),
          Problem("fulfillment.routing[0].shipping_method", "[[shipping.methods]] or \"pickup\""),
          Problem("fulfillment.routing[0].countries[0]", "ISO 3166-1 alpha-2"),
          Problem("fulfillment.routing[0].categories[0]", R"(a product category such as "toner")"),
          Problem("fulfillment.routing[0].categories[1]", "1..32 of a-z, 0-9, _ and -"),
          Problem("fulfillment.holidays[0]",
                  R"(must be a date like "2026-12-25" (test.toml:27:13)"),
          Problem("fulfillment.holidays[1]", "must be a date"),
          // From Validate, at the key's position.
          Problem("fulfillment.departments[1].closes", "after opens (test.toml:43:"),
          Problem("fulfillment.departments[1].waves[1]",
                  "later than the wave before it (test.toml:41:"),
          Problem("fulfillment.departments[1].code",
                  "another department has this code (test.toml:38:"),
          Problem("fulfillment.routing[0].department",
                  "no department has this code (test.toml:49:"),
          Problem("fulfillment.default_department", "no department has this code (test.toml:28:")))
      << Describe(config.error().fields);
}

TEST(ConfigFulfillmentTest, NeedsDepartmentsWhenTheSectionIsThere) {
  auto config = Parse(WithFulfillment("[fulfillment]\nholidays = []\n"), "test.toml");

  ASSERT_FALSE(config);
  EXPECT_THAT(config.error().fields, ElementsAre(Problem("fulfillment.departments", "is required")))
      << Describe(config.error().fields);
}

// [customer_service]: complaints' working hours and due targets (docs/configuration.md).

TEST(ConfigCustomerServiceTest, WithoutTheSectionWeekdaysNineToSixInTheBusinessZone) {
  auto config = Parse(WithFulfillment("", "America/New_York"), "test.toml");

  ASSERT_TRUE(config) << Describe(config.error().fields);
  EXPECT_EQ(config->business.customer_service, DefaultCustomerService("America/New_York"));
  const CustomerService& service = config->business.customer_service;
  EXPECT_EQ(service.department.opens, minutes{9 * 60});
  EXPECT_EQ(service.department.closes, minutes{18 * 60});
  EXPECT_EQ(service.department.working_days.size(), 5u);
  EXPECT_EQ(service.due_within.urgent, minutes{4 * 60});
  EXPECT_EQ(service.due_within.low, minutes{45 * 60});
  EXPECT_EQ(Defaults().business.customer_service, DefaultCustomerService("Europe/Rome"));
}

TEST(ConfigCustomerServiceTest, ReadsEveryKey) {
  auto config = Parse(WithFulfillment(R"toml([customer_service]
time_zone = "UTC"
working_days = ["mon", "tue", "wed", "thu", "fri", "sat"]
opens = "08:00"
closes = "20:00"
due_hours = { urgent = 2, high = 12, normal = 24, low = 60 }
)toml"),
                      "test.toml");

  ASSERT_TRUE(config) << Describe(config.error().fields);
  const CustomerService& service = config->business.customer_service;
  EXPECT_EQ(service.department.time_zone, "UTC");
  EXPECT_EQ(service.department.working_days.size(), 6u);
  EXPECT_EQ(service.department.opens, minutes{8 * 60});
  EXPECT_EQ(service.department.closes, minutes{20 * 60});
  EXPECT_EQ(service.due_within, (ComplaintTargets{.urgent = minutes{120},
                                                  .high = minutes{720},
                                                  .normal = minutes{1440},
                                                  .low = minutes{3600}}));
}

TEST(ConfigCustomerServiceTest, ReportsEveryProblemWithItsPath) {
  auto config = Parse(WithFulfillment(R"toml([customer_service]
working_days = []
opens = "18:00"
closes = "09:00"
lunch = "13:00"
due_hours = { urgent = 0, soon = 3 }
)toml"),
                      "test.toml");

  ASSERT_FALSE(config);
  EXPECT_THAT(config.error().fields, Contains(Problem("customer_service.lunch", "not a known key")))
      << Describe(config.error().fields);
  EXPECT_THAT(config.error().fields,
              Contains(Problem("customer_service.due_hours.soon", "not a known key")));
  EXPECT_THAT(config.error().fields,
              Contains(Problem("customer_service.due_hours.urgent", "from 1 to 1000")));
  EXPECT_THAT(config.error().fields,
              Contains(Problem("customer_service.closes", "must be after opens")));
  EXPECT_THAT(config.error().fields,
              Contains(Problem("customer_service.working_days", "must not be empty")));
}

}  // namespace
}  // namespace commesso::config
