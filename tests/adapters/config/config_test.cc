#include "adapters/config/config.h"

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace commesso {

// Readable failure messages for field errors.
void PrintTo(const FieldError& error, std::ostream* out) {
  *out << "{" << error.path << ": " << error.problem << "}";
}

namespace config {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// A file of the source tree, by its path from the repository root.
std::string SourceFile(const std::string& relative) {
  return std::string(COMMESSO_SOURCE_DIR) + "/" + relative;
}

// The smallest valid file: every required key, nothing else.
constexpr std::string_view kMinimal = R"toml([business]
name = "Test Srl"
time_zone = "Europe/Rome"
[business.address]
line1 = "Via Roma 1"
postal_code = "20100"
city = "Milano"
country = "IT"
[pricing]
currency = "EUR"
price_mode = "tax_exclusive"
[tax]
categories = ["standard", "reduced"]
[[tax.jurisdictions]]
code = "IT"
country = "IT"
shipping_tax = "apportioned"
components = [{ name = "IVA", rates = { standard = "22%", reduced = "10%" } }]
)toml";

::testing::Matcher<FieldError> Problem(const std::string& path, const std::string& problem) {
  return AllOf(Field(&FieldError::path, path), Field(&FieldError::problem, HasSubstr(problem)));
}

// The field errors of parsing `text`, or a failure when it parses.
std::vector<FieldError> ProblemsOf(std::string_view text, std::string_view source = "test.toml") {
  auto config = Parse(text, source);
  EXPECT_FALSE(config.has_value()) << "expected problems";
  if (config) return {};
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidInput);
  return config.error().fields;
}

const TaxJurisdiction& JurisdictionNamed(const TaxRules& tax, const std::string& code) {
  for (const TaxJurisdiction& jurisdiction : tax.jurisdictions) {
    if (jurisdiction.code == code) return jurisdiction;
  }
  throw std::runtime_error("no jurisdiction " + code);
}

TEST(ConfigTest, ReadsTheDemoFile) {
  auto config = Load(SourceFile("config/demo.toml"));

  ASSERT_TRUE(config.has_value()) << config.error().message;
  const Business& business = config->business;
  EXPECT_EQ(business.name, "Cartoleria Rossi S.r.l.");
  EXPECT_EQ(business.time_zone, "Europe/Rome");
  EXPECT_EQ(business.phone_region, "IT");
  EXPECT_EQ(business.address.city, "Milano");
  EXPECT_EQ(business.address.region, "MI");
  EXPECT_EQ(business.rules.origin, business.address);
  EXPECT_EQ(business.rules.currency, kEur);
  EXPECT_EQ(business.rules.price_mode, PriceMode::kTaxExclusive);
  EXPECT_EQ(business.rules.rounding,
            (RoundingPolicy{.rounding = Rounding::kHalfUp, .level = RoundingLevel::kPerDocument}));
  EXPECT_THAT(business.rules.tax.categories,
              ElementsAre("standard", "reduced", "super_reduced", "exempt"));
  const TaxJurisdiction& italy = JurisdictionNamed(business.rules.tax, "IT");
  EXPECT_EQ(italy.shipping_tax, ShippingTax::kApportioned);
  ASSERT_EQ(italy.components.size(), 1u);
  EXPECT_EQ(italy.components[0].name, "IVA");
  EXPECT_EQ(italy.components[0].rates.at("standard"), TaxRate{220'000});
  EXPECT_EQ(italy.components[0].rates.at("reduced"), TaxRate{100'000});
  EXPECT_EQ(italy.components[0].rates.at("super_reduced"), TaxRate{40'000});
  EXPECT_EQ(italy.components[0].rates.at("exempt"), TaxRate{0});
  const TaxJurisdiction& world = JurisdictionNamed(business.rules.tax, "EXPORT");
  EXPECT_EQ(world.country, "*");
  EXPECT_THAT(world.components, IsEmpty());
  const ShippingRates& shipping = business.rules.shipping;
  ASSERT_EQ(shipping.methods.size(), 3u);
  EXPECT_EQ(shipping.methods[0].code, "standard");
  EXPECT_EQ(shipping.methods[0].name.it, "Corriere standard");
  EXPECT_EQ(shipping.methods[0].zones[0].brackets[0],
            (WeightBracket{.max_grams = 2000, .charge = Money(690, kEur)}));
  EXPECT_EQ(shipping.methods[0].zones[0].free_over, Money(15000, kEur));
  EXPECT_EQ(shipping.methods[1].code, "express");
  EXPECT_EQ(shipping.methods[2].code, "freight");
  EXPECT_EQ(shipping.methods[2].zones[0].brackets.back().max_grams, 1'000'000);
  EXPECT_EQ(config->server.listen, "127.0.0.1:8080");
  EXPECT_EQ(config->server.database, "var/commesso.db");
  EXPECT_EQ(config->server.public_origin, "");
  EXPECT_EQ(config->security.session_idle_minutes, 30);
}

TEST(ConfigTest, ReadsTheUsExample) {
  auto config = Load(SourceFile("config/us-example.toml"));

  ASSERT_TRUE(config.has_value()) << config.error().message;
  const PricingRules& rules = config->business.rules;
  EXPECT_EQ(config->business.time_zone, "America/New_York");
  EXPECT_EQ(config->business.locale, "en");
  EXPECT_EQ(rules.currency, kUsd);
  EXPECT_EQ(rules.rounding.level, RoundingLevel::kPerLine);
  const TaxJurisdiction& city = JurisdictionNamed(rules.tax, "US-NY-NYC");
  EXPECT_EQ(city.region, "NY");
  EXPECT_EQ(city.postal_prefix, "100");
  EXPECT_EQ(city.shipping_tax, ShippingTax::kAtCategory);
  EXPECT_EQ(city.shipping_tax_category, "standard");
  std::int32_t total_ppm = 0;
  for (const TaxComponent& component : city.components) {
    total_ppm += component.rates.at("standard").ppm;
  }
  EXPECT_EQ(total_ppm, 88'750);  // 8.875% in all.
  ASSERT_EQ(city.components.size(), 3u);
  EXPECT_EQ(city.components[2].name, "MCTD");
  EXPECT_EQ(city.components[2].rates.at("standard"), TaxRate{3'750});
  EXPECT_EQ(JurisdictionNamed(rules.tax, "US-NY").components[0].rates.at("food"), TaxRate{0});
  EXPECT_THAT(JurisdictionNamed(rules.tax, "US").components, IsEmpty());
  EXPECT_EQ(rules.shipping.methods[0].code, "ground");
  EXPECT_EQ(rules.shipping.methods[0].zones[0].brackets[0].charge, Money(599, kUsd));
  EXPECT_EQ(config->server.worker_threads, 32);
  const FulfillmentRules& fulfillment = config->business.fulfillment;
  ASSERT_EQ(fulfillment.departments.size(), 1u);
  EXPECT_EQ(fulfillment.departments[0].time_zone, "America/New_York");
  EXPECT_EQ(fulfillment.departments[0].release.cut_off, std::chrono::minutes{15 * 60});
  EXPECT_EQ(fulfillment.holidays.size(), 11u);
}

TEST(ConfigTest, ReadsTheUkExample) {
  auto config = Load(SourceFile("config/uk-example.toml"));

  ASSERT_TRUE(config.has_value()) << config.error().message;
  const PricingRules& rules = config->business.rules;
  EXPECT_EQ(rules.currency, kGbp);
  EXPECT_EQ(rules.price_mode, PriceMode::kTaxInclusive);
  const TaxComponent& vat = JurisdictionNamed(rules.tax, "GB").components.at(0);
  EXPECT_EQ(vat.name, "VAT");
  EXPECT_EQ(vat.rates.at("standard"), TaxRate{200'000});
  EXPECT_EQ(vat.rates.at("reduced"), TaxRate{50'000});
  EXPECT_EQ(vat.rates.at("zero"), TaxRate{0});
  EXPECT_EQ(rules.shipping.methods[0].zones[0].free_over, Money(5000, kGbp));
  EXPECT_EQ(config->business.address.name, "Kingsway Stationers Ltd");  // Defaults to the name.
}

TEST(ConfigTest, DefaultsAreTheDemoFile) {
  auto demo = Load(SourceFile("config/demo.toml"));
  ASSERT_TRUE(demo.has_value()) << demo.error().message;

  const Config defaults = Defaults();

  EXPECT_EQ(defaults.business.name, demo->business.name);
  EXPECT_EQ(defaults.business.address, demo->business.address);
  EXPECT_EQ(defaults.business.time_zone, demo->business.time_zone);
  EXPECT_EQ(defaults.business.rules, demo->business.rules);
  EXPECT_EQ(defaults.server.listen, demo->server.listen);
  EXPECT_EQ(defaults.server.database, demo->server.database);
}

TEST(ConfigTest, MinimalFileTakesTheDocumentedDefaults) {
  auto config = Parse(kMinimal, "minimal.toml");

  ASSERT_TRUE(config.has_value()) << config.error().message;
  const Business& business = config->business;
  EXPECT_EQ(business.locale, "it");
  EXPECT_EQ(business.phone_region, "IT");  // The address's country.
  EXPECT_EQ(business.address.name, "Test Srl");
  EXPECT_EQ(business.rules.rounding,
            (RoundingPolicy{.rounding = Rounding::kHalfUp, .level = RoundingLevel::kPerDocument}));
  EXPECT_EQ(business.rules.tax.goods_address, TaxAddress::kShipping);
  EXPECT_EQ(business.rules.tax.services_address, TaxAddress::kBilling);
  EXPECT_THAT(business.rules.shipping.methods, IsEmpty());
  EXPECT_EQ(config->server.listen, "127.0.0.1:8080");
  EXPECT_EQ(config->server.database, "var/commesso.db");
  EXPECT_EQ(config->server.public_origin, "");
  EXPECT_EQ(config->server.worker_threads, 8);
  EXPECT_EQ(config->server.io_threads, 2);
  EXPECT_EQ(config->server.body_limit, std::size_t{1} << 20);
}

struct RateCase {
  std::string text;
  std::int32_t ppm;
};

TEST(ConfigTest, ParsesRatesExactlyToPartsPerMillion) {
  const RateCase cases[] = {
      {"22%", 220'000},    {"8.875%", 88'750}, {"0.1%", 1'000},     {"0%", 0},
      {"4.0000%", 40'000}, {"0.0001%", 1},     {"100%", 1'000'000},
  };

  for (const RateCase& c : cases) {
    auto rate = ParseRate(c.text);
    ASSERT_TRUE(rate.has_value()) << c.text;
    EXPECT_EQ(rate->ppm, c.ppm) << c.text;
  }
}

TEST(ConfigTest, RefusesRatesThatAreNotExactPercentages) {
  const std::pair<std::string, std::string> cases[] = {
      {"22", "is not a percentage"},   {"22.00001%", "more than 4 decimals"},
      {"-1%", "is not a percentage"},  {"100.01%", "more than 100%"},
      {"%", "is not a percentage"},    {"", "is not a percentage"},
      {"2 2%", "is not a percentage"}, {"22.%", "is not a percentage"},
      {".5%", "is not a percentage"},  {"22 %", "is not a percentage"},
      {"1e2%", "is not a percentage"}, {"99999999999999999999%", "more than 100%"},
  };

  for (const auto& [text, problem] : cases) {
    auto rate = ParseRate(text);
    ASSERT_FALSE(rate.has_value()) << text;
    EXPECT_EQ(rate.error().code, ErrorCode::kInvalidInput) << text;
    EXPECT_THAT(rate.error().message, HasSubstr(problem)) << text;
  }
}

TEST(ConfigTest, ParsesMoneyExactlyToMinorUnits) {
  EXPECT_EQ(ParseMoney("6.90", kEur), Money(690, kEur));
  EXPECT_EQ(ParseMoney("6.9", kEur), Money(690, kEur));
  EXPECT_EQ(ParseMoney("6", kEur), Money(600, kEur));
  EXPECT_EQ(ParseMoney("0", kEur), Money(0, kEur));
  EXPECT_EQ(ParseMoney("0.01", kUsd), Money(1, kUsd));
  EXPECT_EQ(ParseMoney("1500", kJpy), Money(1500, kJpy));
  EXPECT_EQ(ParseMoney("100000000000.00", kEur), Money(10'000'000'000'000, kEur));
}

TEST(ConfigTest, RefusesMoneyThatIsNotExact) {
  const std::pair<std::string, std::string> cases[] = {
      {"6.901", "more than 2 decimals, the most EUR allows"},
      {"-1", "not a non-negative amount"},
      {"+1", "not a non-negative amount"},
      {"", "not a non-negative amount"},
      {"6.", "not a non-negative amount"},
      {"6,90", "not a non-negative amount"},
      {"1e3", "not a non-negative amount"},
      {"100000000000.01", "too large"},
      {"99999999999999999999999", "too large"},
  };

  for (const auto& [text, problem] : cases) {
    auto money = ParseMoney(text, kEur);
    ASSERT_FALSE(money.has_value()) << text;
    EXPECT_THAT(money.error().message, HasSubstr(problem)) << text;
  }
  EXPECT_THAT(ParseMoney("100.5", kJpy).error().message, HasSubstr("more than 0 decimals"));
}

TEST(ConfigTest, SplitsListenAddresses) {
  auto ipv4 = ParseListen("127.0.0.1:8080");
  auto ipv6 = ParseListen("[::1]:0");

  ASSERT_TRUE(ipv4.has_value());
  EXPECT_EQ(ipv4->host, "127.0.0.1");
  EXPECT_EQ(ipv4->port, 8080);
  ASSERT_TRUE(ipv6.has_value());
  EXPECT_EQ(ipv6->host, "::1");
  EXPECT_EQ(ipv6->port, 0);
  for (const char* wrong :
       {"8080", ":8080", "localhost:", "localhost:65536", "::1:80", "host:80.5", "host:-1"}) {
    EXPECT_FALSE(ParseListen(wrong).has_value()) << wrong;
  }
}

TEST(ConfigTest, ReportsEveryProblemWithItsPathAndPosition) {
  constexpr std::string_view kText = R"toml([business]
name = "Test Srl"
time_zone = "Europe/Rome"
colour = "blue"
[business.address]
line1 = "Via Roma 1"
postal_code = "20100"
city = "Milano"
country = "Italy"
[pricing]
currency = "EUR"
price_mode = "tax_exclusive"
[tax]
categories = ["standard"]
[[tax.jurisdictions]]
code = "IT"
country = "IT"
shipping_tax = "apportioned"
components = [{ name = "IVA", rates = { standard = "22.00001%" } }]
[[tax.jurisdictions]]
code = "IT-BZ"
country = "IT"
region = "BZ"
shipping_tax = "apportioned"
components = [{ name = "IVA", rates = { standard = "22%", reduced = "10%" } }]
[[shipping.methods]]
code = "standard"
name = { it = "Standard" }
[[shipping.methods.zones]]
code = "IT"
countries = ["IT"]
brackets = [{ max_grams = 2000, charge = "6.901" }, { max_grams = 1000, charge = "9.90" }]
)toml";

  const std::vector<FieldError> problems = ProblemsOf(kText);

  EXPECT_THAT(
      problems,
      ElementsAre(Problem("business.colour", "is not a known key (test.toml:4:1)"),
                  Problem("business.address.country",
                          "ISO 3166-1 alpha-2 code such as \"IT\" (test.toml:9:"),
                  Problem("tax.jurisdictions[0].components[0].rates.standard",
                          "\"22.00001%\" has more than 4 decimals (test.toml:19:"),
                  Problem("tax.jurisdictions[1].components[0].rates.reduced",
                          "is not a category declared in tax.categories (test.toml:25:"),
                  Problem("shipping.methods[0].zones[0].brackets[0].charge",
                          "\"6.901\" has more than 2 decimals, the most EUR allows (test.toml:32:"),
                  Problem("shipping.methods[0].zones[0].brackets[1].max_grams",
                          "must be greater than the previous bracket's (2000) (test.toml:32:")));
}

TEST(ConfigTest, ReadsTheSellerOfDocuments) {
  auto config = Load(SourceFile("config/demo.toml"));
  ASSERT_TRUE(config.has_value()) << config.error().message;

  const Seller seller = SellerOf(config->business);

  EXPECT_EQ(seller.name, "Cartoleria Rossi S.r.l.");
  EXPECT_EQ(seller.tax_id, "IT01234567890");
  EXPECT_EQ(seller.email, "ordini@example.com");
  EXPECT_EQ(seller.phone, "+39 02 1234 5678");
  EXPECT_EQ(seller.address, config->business.address);
}

TEST(ConfigTest, SellerKeysAreOptionalButNeverEmptyOrMalformed) {
  auto minimal = Parse(kMinimal, "minimal.toml");
  ASSERT_TRUE(minimal.has_value()) << minimal.error().message;
  EXPECT_EQ(minimal->business.tax_id, "");
  EXPECT_EQ(minimal->business.email, "");
  EXPECT_EQ(minimal->business.phone, "");

  std::string text(kMinimal);
  text.replace(text.find("time_zone"), 0,
               "tax_id = \"\"\nemail = \"orders at example\"\nphone = 39\n");

  EXPECT_THAT(
      ProblemsOf(text),
      ElementsAre(Problem("business.tax_id", "must not be empty (test.toml:3:"),
                  Problem("business.email",
                          "must be an e-mail address such as \"orders@example.com\" (test.toml:4:"),
                  Problem("business.phone", "must be a string (test.toml:5:")));
}

TEST(ConfigTest, ReportsUnknownKeysAtEveryLevel) {
  std::string text(kMinimal);
  text += "components_extra = 1\n";  // Lands in the last [[tax.jurisdictions]] table.
  text += "[server]\nlisten = \"127.0.0.1:8080\"\nport = 9000\n";
  text += "[reports]\n";

  EXPECT_THAT(ProblemsOf(text),
              ElementsAre(Problem("reports", "is not a known key (test.toml:23:2)"),
                          Problem("tax.jurisdictions[0].components_extra",
                                  "is not a known key (test.toml:19:1)"),
                          Problem("server.port", "is not a known key (test.toml:22:1)")));
}

TEST(ConfigTest, ReportsMissingSectionsAndKeys) {
  EXPECT_THAT(ProblemsOf("", "empty.toml"),
              ElementsAre(Problem("business", "is required (empty.toml:1:1)"),
                          Problem("pricing", "is required (empty.toml:1:1)"),
                          Problem("tax", "is required (empty.toml:1:1)")));
  EXPECT_THAT(ProblemsOf("[business]\nname = \"X\"\n[pricing]\n[tax]\n", "partial.toml"),
              ElementsAre(Problem("business.time_zone", "is required (partial.toml:1:1)"),
                          Problem("business.address", "is required (partial.toml:1:1)"),
                          Problem("pricing.currency", "is required (partial.toml:3:1)"),
                          Problem("pricing.price_mode", "is required (partial.toml:3:1)"),
                          Problem("tax.categories", "is required (partial.toml:4:1)"),
                          Problem("tax.jurisdictions", "is required (partial.toml:4:1)")));
}

TEST(ConfigTest, RefusesCategoriesThatWereNotDeclared) {
  std::string text(kMinimal);
  text += R"toml([[tax.jurisdictions]]
code = "US-NY"
country = "US"
region = "NY"
shipping_tax = "at_category"
shipping_tax_category = "shipping"
components = [{ name = "State", rates = { food = "0%" } }]
)toml";

  EXPECT_THAT(ProblemsOf(text),
              ElementsAre(Problem("tax.jurisdictions[1].shipping_tax_category",
                                  "is not a category declared in tax.categories (test.toml:24:"),
                          Problem("tax.jurisdictions[1].components[0].rates.food",
                                  "is not a category declared in tax.categories (test.toml:25:")));
}

TEST(ConfigTest, RefusesAmbiguousTaxAndShippingSetups) {
  std::string text(kMinimal);
  text += R"toml(shipping_tax_category = "standard"
[[tax.jurisdictions]]
code = "IT"
country = "IT"
shipping_tax = "at_category"
[[shipping.methods]]
code = "pickup"
name = { it = "Ritiro" }
zones = []
)toml";

  EXPECT_THAT(
      ProblemsOf(text),
      ElementsAre(Problem("tax.jurisdictions[0].shipping_tax_category",
                          "is only used with shipping_tax = \"at_category\""),
                  Problem("tax.jurisdictions[1].shipping_tax_category", "is required"),
                  Problem("tax.jurisdictions[1].code", "repeats another jurisdiction's code"),
                  Problem("tax.jurisdictions[1]",
                          "covers the same country, region and postal prefix as another"),
                  Problem("shipping.methods[0].code", "other than \"pickup\""),
                  Problem("shipping.methods[0].zones", "must not be empty")));
}

// The configuration names countries from the same list orders are validated against.
TEST(ConfigTest, RefusesCountryCodesOfNoCountry) {
  std::string text(kMinimal);
  text += R"toml([[shipping.methods]]
code = "standard"
name = { en = "Standard" }
[[shipping.methods.zones]]
code = "IT"
countries = ["IT", "XX"]
brackets = [{ max_grams = 2000, charge = "6.90" }]
)toml";
  text.replace(text.find("country = \"IT\""), 14, "country = \"ZZ\"");

  EXPECT_THAT(ProblemsOf(text),
              ElementsAre(Problem("business.address.country", "ISO 3166-1 alpha-2 code"),
                          Problem("shipping.methods[0].zones[0].countries[1]",
                                  "must be an ISO 3166-1 alpha-2 code")));
}

TEST(ConfigTest, RefusesAmountsAndRatesWrittenAsNumbers) {
  std::string text(kMinimal);
  text += R"toml([[shipping.methods]]
code = "standard"
name = { en = "Standard" }
[[shipping.methods.zones]]
code = "IT"
countries = ["IT", "italy"]
free_over = 150.0
brackets = [{ max_grams = 2000, charge = 6 }]
)toml";
  text.replace(text.find("\"22%\""), 5, "22.0");

  EXPECT_THAT(ProblemsOf(text),
              ElementsAre(Problem("tax.jurisdictions[0].components[0].rates.standard",
                                  "must be a percentage written as a string"),
                          Problem("shipping.methods[0].zones[0].countries[1]",
                                  "must be an ISO 3166-1 alpha-2 code"),
                          Problem("shipping.methods[0].zones[0].brackets[0].charge",
                                  "must be an amount written as a string, like \"6.90\""),
                          Problem("shipping.methods[0].zones[0].free_over",
                                  "must be an amount written as a string")));
}

TEST(ConfigTest, RefusesUnknownCurrencyAndChoices) {
  std::string text(kMinimal);
  text.replace(text.find("\"EUR\""), 5, "\"EUX\"");
  text.replace(text.find("\"tax_exclusive\""), 15, "\"net\"");

  EXPECT_THAT(ProblemsOf(text),
              ElementsAre(Problem("pricing.currency", "is not a known ISO 4217 currency code"),
                          Problem("pricing.price_mode",
                                  "must be one of \"tax_exclusive\", \"tax_inclusive\"")));
}

TEST(ConfigTest, ReportsTomlSyntaxErrorsWithLineAndColumn) {
  const std::vector<FieldError> problems = ProblemsOf("[business]\nname = \n", "broken.toml");

  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "");
  EXPECT_THAT(problems[0].problem, HasSubstr("(broken.toml:2:"));
}

TEST(ConfigTest, ChecksServerSettings) {
  std::string text(kMinimal);
  text +=
      "[server]\nlisten = \"localhost\"\npublic_origin = \"orders.example.com\"\n"
      "worker_threads = 0\napi_key = \"gone\"\n";

  EXPECT_THAT(ProblemsOf(text),
              UnorderedElementsAre(Problem("server.listen", "is not host:port"),
                                   Problem("server.api_key", "is not a known key"),
                                   Problem("server.public_origin", "must be an origin"),
                                   Problem("server.worker_threads", "from 1 to 1024")));
}

TEST(ConfigTest, ReadsSecuritySettingsWithLibsodiumInteractiveDefaults) {
  std::string text(kMinimal);
  text +=
      "[security]\nsession_idle_minutes = 15\nsession_absolute_hours = 8\n"
      "login_max_failures = 3\nlogin_lockout_seconds = 60\npassword_passes = 3\n"
      "password_memory_kib = 4\n";

  EXPECT_THAT(ProblemsOf(text),
              ElementsAre(Problem("security.password_memory_kib", "from 8 to 1048576")));
  auto defaults = Parse(kMinimal, "minimal.toml");
  ASSERT_TRUE(defaults.has_value());
  EXPECT_EQ(defaults->security.login_max_failures, 5);
  EXPECT_EQ(defaults->security.login_lockout_seconds, 300);
  EXPECT_EQ(defaults->security.session_absolute_hours, 12);
  EXPECT_EQ(defaults->security.password_passes, 2u);
  EXPECT_EQ(defaults->security.password_memory_kib, 65536u);
}

TEST(ConfigTest, ReadsTheTrustedProxies) {
  std::string text(kMinimal);
  text += "[server]\ntrusted_proxies = [\"127.0.0.1\", \"::1\", \"10.0.0.7\"]\n";
  std::string wrong(kMinimal);
  wrong += "[server]\ntrusted_proxies = [\"127.0.0.1\", \"proxy.local\", \"10.0.0.0/8\"]\n";

  auto config = Parse(text, "proxies.toml");

  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->server.trusted_proxies,
            (std::vector<std::string>{"127.0.0.1", "::1", "10.0.0.7"}));
  EXPECT_THAT(ProblemsOf(wrong),
              UnorderedElementsAre(Problem("server.trusted_proxies[1]", "must be an IP address"),
                                   Problem("server.trusted_proxies[2]", "must be an IP address")));
}

TEST(ConfigTest, ReadsRateLimitsWithTheirDefaults) {
  std::string text(kMinimal);
  text +=
      "[limits]\nrequests_per_second_per_key = 0\nburst_per_key = 5\n"
      "requests_per_second_per_address = 7\nburst_per_address = 9\nexempt_loopback = false\n";
  std::string wrong(kMinimal);
  wrong +=
      "[limits]\nrequests_per_second_per_key = -1\nburst_per_address = 0\n"
      "exempt_loopback = \"yes\"\nper_user = 3\n";

  auto config = Parse(text, "limits.toml");
  auto defaults = Parse(kMinimal, "minimal.toml");

  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->limits.key_requests_per_second, 0);
  EXPECT_EQ(config->limits.key_burst, 5);
  EXPECT_EQ(config->limits.address_requests_per_second, 7);
  EXPECT_EQ(config->limits.address_burst, 9);
  EXPECT_FALSE(config->limits.exempt_loopback);
  ASSERT_TRUE(defaults.has_value());
  EXPECT_EQ(defaults->limits.key_requests_per_second, 50);
  EXPECT_EQ(defaults->limits.key_burst, 100);
  EXPECT_EQ(defaults->limits.address_requests_per_second, 20);
  EXPECT_EQ(defaults->limits.address_burst, 100);
  EXPECT_TRUE(defaults->limits.exempt_loopback);
  EXPECT_THAT(
      ProblemsOf(wrong),
      UnorderedElementsAre(Problem("limits.requests_per_second_per_key", "from 0 to 100000"),
                           Problem("limits.burst_per_address", "from 1 to 100000"),
                           Problem("limits.exempt_loopback", "must be true or false"),
                           Problem("limits.per_user", "is not a known key")));
}

TEST(ConfigTest, ReadsCacheSizesWithTheirDefaults) {
  std::string text(kMinimal);
  text += "[cache]\nitems = 50000\ncustomers = 0\napi_keys = 10\n";
  std::string wrong(kMinimal);
  wrong += "[cache]\nitems = -1\ncustomers = 10000001\nsessions = 5\n";

  auto config = Parse(text, "cache.toml");
  auto defaults = Parse(kMinimal, "minimal.toml");

  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->cache.items, 50'000);
  EXPECT_EQ(config->cache.customers, 0);
  EXPECT_EQ(config->cache.api_keys, 10);
  ASSERT_TRUE(defaults.has_value());
  EXPECT_EQ(defaults->cache.items, 10'000);
  EXPECT_EQ(defaults->cache.customers, 5'000);
  EXPECT_EQ(defaults->cache.api_keys, 1'000);
  EXPECT_THAT(ProblemsOf(wrong),
              UnorderedElementsAre(Problem("cache.items", "from 0 to 10000000"),
                                   Problem("cache.customers", "from 0 to 10000000"),
                                   Problem("cache.sessions", "is not a known key")));
}

TEST(ConfigTest, LoadReportsAMissingFileAsNotFound) {
  auto config = Load(SourceFile("config/no-such-file.toml"));

  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(config.error().message, HasSubstr("no-such-file.toml"));
}

}  // namespace
}  // namespace config
}  // namespace commesso

namespace commesso::config {
namespace {

TEST(ConfigMailTest, ReadsTheMailSectionAndItsRetryPolicy) {
  std::string text(kMinimal);
  text += R"toml(
[mail]
host = "smtp.example.com"
port = 587
tls = "starttls"
starttls_required = false
username = "receipts"
password = "s3cret"
from = "receipts@example.com"
reply_to = "orders@example.com"
timeout_seconds = 20
[mail.retry]
first_delay_seconds = 10
factor = 3
cap_seconds = 600
max_attempts = 5
)toml";

  auto config = Parse(text, "mail.toml");

  ASSERT_TRUE(config.has_value()) << config.error().message;
  const MailSettings& mail = config->mail;
  EXPECT_TRUE(mail.enabled);
  EXPECT_EQ(mail.host, "smtp.example.com");
  EXPECT_EQ(mail.port, 587);
  EXPECT_EQ(mail.tls, "starttls");
  EXPECT_FALSE(mail.starttls_required);
  EXPECT_EQ(mail.username, "receipts");
  EXPECT_EQ(mail.password, "s3cret");
  EXPECT_EQ(mail.from, "receipts@example.com");
  EXPECT_EQ(mail.reply_to, "orders@example.com");
  EXPECT_EQ(mail.timeout_seconds, 20);
  EXPECT_EQ(mail.retry_first_delay_seconds, 10);
  EXPECT_EQ(mail.retry_factor, 3);
  EXPECT_EQ(mail.retry_cap_seconds, 600);
  EXPECT_EQ(mail.retry_max_attempts, 5);
}

TEST(ConfigMailTest, WithoutTheSectionNoMailIsSent) {
  auto config = Parse(kMinimal, "minimal.toml");

  ASSERT_TRUE(config.has_value());
  EXPECT_FALSE(config->mail.enabled);
}

TEST(ConfigMailTest, TheDemoSendsToTheLocalSinkInTheClear) {
  const Config config = Defaults();

  EXPECT_TRUE(config.mail.enabled);
  EXPECT_EQ(config.mail.host, "127.0.0.1");
  EXPECT_EQ(config.mail.port, 2525);
  EXPECT_EQ(config.mail.tls, "none");
}

// A line break in an address would reach the From or Reply-To header (header injection).
TEST(ConfigMailTest, RefusesHeaderInjectionAndBadValuesNamingEachKey) {
  std::string text(kMinimal);
  text += "[mail]\nfrom = \"receipts@example.com\\r\\nBcc: all@example.com\"\n";
  text += "reply_to = \"Orders <orders@example.com>\"\ntls = \"ssl\"\nport = 0\n";
  text += "[mail.retry]\nfactor = 0\nfirst_delay_seconds = 60\ncap_seconds = 30\n";

  EXPECT_THAT(
      ProblemsOf(text),
      UnorderedElementsAre(Problem("mail.from", "must not contain a line break"),
                           Problem("mail.reply_to", "must not contain spaces"),
                           Problem("mail.tls", R"(must be one of "none", "starttls", "implicit")"),
                           Problem("mail.port", "must be a whole number from 1 to 65535"),
                           Problem("mail.retry.factor", "must be a whole number from 1 to 10"),
                           Problem("mail.retry.cap_seconds", "must be at least first_delay")));
}

TEST(ConfigMailTest, RequiresTheSender) {
  std::string text(kMinimal);
  text += "[mail]\nhost = \"localhost\"\n";

  EXPECT_THAT(ProblemsOf(text), ElementsAre(Problem("mail.from", "is required")));
}

}  // namespace
}  // namespace commesso::config

namespace commesso::config {
namespace {

TEST(ConfigWebhooksTest, ReadsTheWebhooksSectionAndItsRetryPolicy) {
  std::string text(kMinimal);
  text += R"toml(
[webhooks]
connect_timeout_seconds = 5
timeout_seconds = 15
[webhooks.retry]
first_delay_seconds = 2
factor = 3
cap_seconds = 60
max_attempts = 4
)toml";

  auto config = Parse(text, "webhooks.toml");

  ASSERT_TRUE(config.has_value()) << config.error().message;
  const WebhookSettings& webhooks = config->webhooks;
  EXPECT_EQ(webhooks.connect_timeout_seconds, 5);
  EXPECT_EQ(webhooks.timeout_seconds, 15);
  EXPECT_EQ(webhooks.retry_first_delay_seconds, 2);
  EXPECT_EQ(webhooks.retry_factor, 3);
  EXPECT_EQ(webhooks.retry_cap_seconds, 60);
  EXPECT_EQ(webhooks.retry_max_attempts, 4);
}

TEST(ConfigWebhooksTest, WithoutTheSectionTheDefaultsHold) {
  auto config = Parse(kMinimal, "minimal.toml");

  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->webhooks.retry_max_attempts, 10);
  EXPECT_EQ(config->webhooks.timeout_seconds, 30);
}

TEST(ConfigWebhooksTest, LoopbackIsOffUnlessAllowedAsTheDemoDoes) {
  std::string text(kMinimal);
  text += "[webhooks]\nallow_http_loopback = true\n";
  std::string wrong(kMinimal);
  wrong += "[webhooks]\nallow_http_loopback = \"yes\"\n";

  auto allowed = Parse(text, "webhooks.toml");

  ASSERT_TRUE(allowed.has_value()) << allowed.error().message;
  EXPECT_TRUE(allowed->webhooks.allow_http_loopback);
  EXPECT_FALSE(Parse(kMinimal, "minimal.toml")->webhooks.allow_http_loopback);
  EXPECT_TRUE(Defaults().webhooks.allow_http_loopback) << "the demo's receivers are local";
  EXPECT_THAT(ProblemsOf(wrong),
              ElementsAre(Problem("webhooks.allow_http_loopback", "must be true or false")));
}

TEST(ConfigWebhooksTest, RefusesBadValuesNamingEachKey) {
  std::string text(kMinimal);
  text += "[webhooks]\nurl = \"x\"\n[webhooks.retry]\nmax_attempts = 0\n";
  text += "first_delay_seconds = 60\ncap_seconds = 30\n";

  EXPECT_THAT(ProblemsOf(text),
              UnorderedElementsAre(
                  Problem("webhooks.url", "is not a known key"),
                  Problem("webhooks.retry.max_attempts", "must be a whole number from 1 to 100"),
                  Problem("webhooks.retry.cap_seconds", "must be at least first_delay")));
}

}  // namespace
}  // namespace commesso::config
