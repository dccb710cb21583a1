// Reading commesso.toml.
//
// The file is parsed by toml++ into a tree, then read section by section into `Business`
// and `ServerSettings`. The reader never stops at the first problem: every wrong value,
// missing key and unknown key is collected as a FieldError whose path is the TOML key path
// ("shipping.methods[0].zones[1].brackets[2].charge") and whose problem ends with the
// file position, so an operator fixes the whole file in one pass. Values that cannot be read
// are left at their defaults; the result is only returned when there were no problems.
//
// Amounts and rates are strings ("6.90", "22%"), parsed digit by digit into integers: a
// TOML float would pass through a double, which the money path never does.

#include "adapters/config/config.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <toml++/toml.h>

#include "adapters/config/demo_toml.h"
#include "core/catalog_rules.h"
#include "core/complaint.h"
#include "core/countries.h"
#include "core/customer_rules.h"
#include "core/fulfillment.h"
#include "core/invariant.h"
#include "core/mail_address.h"

namespace commesso::config {
namespace {

constexpr std::int64_t kMaxAmountMinor = 10'000'000'000'000;  // 10^13 minor units.
constexpr int kMaxRateDecimals = 4;                           // 4 decimals of % are ppm.

// Digits with an optional fraction, scaled to `decimals` decimal places: "6.9" with 2 gives
// 690. Nothing when it is not plain digits, has more decimals, or passes `max_scaled`.
enum class DecimalProblem { kNotANumber, kTooManyDecimals, kTooLarge };
struct ScaledDecimal {
  std::int64_t value = 0;
  std::optional<DecimalProblem> problem{};
};

ScaledDecimal ParseScaledDecimal(std::string_view text, int decimals, std::int64_t max_scaled) {
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  const auto all_digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !all_digits(whole) || !all_digits(fraction) ||
      (point != std::string_view::npos && fraction.empty())) {
    return {.problem = DecimalProblem::kNotANumber};
  }
  if (fraction.size() > static_cast<std::size_t>(decimals)) {
    return {.problem = DecimalProblem::kTooManyDecimals};
  }
  std::int64_t value = 0;
  for (int position = 0; position < static_cast<int>(whole.size()) + decimals; ++position) {
    int digit = 0;
    if (position < static_cast<int>(whole.size())) {
      digit = whole[static_cast<std::size_t>(position)] - '0';
    } else if (const auto index = static_cast<std::size_t>(position) - whole.size();
               index < fraction.size()) {
      digit = fraction[index] - '0';
    }
    if (__builtin_mul_overflow(value, 10, &value) || __builtin_add_overflow(value, digit, &value) ||
        value > max_scaled) {
      return {.problem = DecimalProblem::kTooLarge};
    }
  }
  return {.value = value};
}

// `text` in double quotes, as messages show values.
std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// " (demo.toml:12:5)", or " (demo.toml)" when the position is unknown.
std::string Where(const std::string& source, toml::source_position position) {
  if (!position) return " (" + source + ")";
  return " (" + source + ":" + std::to_string(position.line) + ":" +
         std::to_string(position.column) + ")";
}

// Every problem found in the file, in reading order.
class Problems {
 public:
  explicit Problems(std::string_view source) : source_(source) {}

  void Add(std::string path, const toml::node* where, const std::string& problem) {
    Add(std::move(path), where != nullptr ? where->source().begin : toml::source_position{},
        problem);
  }

  void Add(std::string path, toml::source_position position, const std::string& problem) {
    fields_.push_back(FieldError{std::move(path), problem + Where(source_, position)});
  }

  bool empty() const { return fields_.empty(); }
  // Whether a problem at `path` or inside it was reported.
  bool Has(const std::string& path) const {
    return std::any_of(fields_.begin(), fields_.end(), [&](const FieldError& field) {
      return field.path == path || field.path.starts_with(path + ".") ||
             field.path.starts_with(path + "[");
    });
  }
  std::vector<FieldError> Take() { return std::move(fields_); }

 private:
  std::string source_;
  std::vector<FieldError> fields_;
};

enum class Presence { kRequired, kOptional };

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string Indexed(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// The list order validation uses (core/countries.h), so a configured country is one an
// address may name.
bool IsUpperCountry(const std::string& code) { return IsCountryCode(code); }

bool IsIdentifier(const std::string& name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// One TOML table being read at `path`; reports into the shared Problems.
class Section {
 public:
  Section(const toml::table& table, std::string path, Problems& problems)
      : table_(table), path_(std::move(path)), problems_(problems) {}

  const std::string& path() const { return path_; }
  std::string PathOf(std::string_view key) const { return Join(path_, key); }
  Problems& problems() const { return problems_; }

  // Reports every key of the table that is not in `known`.
  void AllowOnly(std::initializer_list<std::string_view> known) const {
    for (const auto& [key, value] : table_) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        problems_.Add(PathOf(key.str()), key.source().begin, "is not a known key");
      }
    }
  }

  // The node at `key`, or null; a missing required key is reported.
  const toml::node* Node(std::string_view key, Presence presence) const {
    const toml::node* node = table_.get(key);
    if (node == nullptr && presence == Presence::kRequired) {
      problems_.Add(PathOf(key), &table_, "is required");
    }
    return node;
  }

  std::optional<std::string> String(std::string_view key, Presence presence) const {
    const toml::node* node = Node(key, presence);
    if (node == nullptr) return std::nullopt;
    if (const auto* text = node->as_string()) return text->get();
    problems_.Add(PathOf(key), node, "must be a string");
    return std::nullopt;
  }

  // A string that must not be empty when present.
  std::optional<std::string> Text(std::string_view key, Presence presence) const {
    auto text = String(key, presence);
    if (text && text->empty()) {
      problems_.Add(PathOf(key), table_.get(key), "must not be empty");
      return std::nullopt;
    }
    return text;
  }

  std::optional<std::int64_t> Integer(std::string_view key, Presence presence, std::int64_t min,
                                      std::int64_t max) const {
    const toml::node* node = Node(key, presence);
    if (node == nullptr) return std::nullopt;
    const auto* number = node->as_integer();
    if (number == nullptr || number->get() < min || number->get() > max) {
      problems_.Add(
          PathOf(key), node,
          "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return number->get();
  }

  // One of `names`, as its enum value.
  template <typename Enum>
  std::optional<Enum> Choice(std::string_view key, Presence presence,
                             std::initializer_list<std::pair<std::string_view, Enum>> names) const {
    const toml::node* node = Node(key, presence);
    if (node == nullptr) return std::nullopt;
    if (const auto* text = node->as_string()) {
      for (const auto& [name, value] : names) {
        if (name == text->get()) return value;
      }
    }
    std::string list;
    for (const auto& [name, value] : names) {
      list += (list.empty() ? "" : ", ") + Quoted(name);
    }
    problems_.Add(PathOf(key), node, "must be one of " + list);
    return std::nullopt;
  }

  std::optional<Section> Table(std::string_view key, Presence presence) const {
    const toml::node* node = Node(key, presence);
    if (node == nullptr) return std::nullopt;
    if (const auto* table = node->as_table()) return Section(*table, PathOf(key), problems_);
    problems_.Add(PathOf(key), node, "must be a table");
    return std::nullopt;
  }

  const toml::array* Array(std::string_view key, Presence presence) const {
    const toml::node* node = Node(key, presence);
    if (node == nullptr) return nullptr;
    if (const auto* array = node->as_array()) return array;
    problems_.Add(PathOf(key), node, "must be an array");
    return nullptr;
  }

  // Calls `read` for each table of the array at `key`; reports elements that are not tables,
  // and an empty array when the key is required.
  void EachTable(std::string_view key, Presence presence,
                 const std::function<void(const Section&)>& read) const {
    const toml::array* array = Array(key, presence);
    if (array == nullptr) return;
    if (array->empty() && presence == Presence::kRequired) {
      problems_.Add(PathOf(key), array, "must not be empty");
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      const std::string element_path = Indexed(PathOf(key), i);
      if (const auto* table = element.as_table()) {
        read(Section(*table, element_path, problems_));
      } else {
        problems_.Add(element_path, &element, "must be a table");
      }
    }
  }

  // The strings of `array` (read from `key`, may be null), each checked by `valid` (described
  // by `expected`); an empty array is reported.
  std::vector<std::string> Strings(const toml::array* array, std::string_view key,
                                   const std::function<bool(const std::string&)>& valid,
                                   const std::string& expected) const {
    std::vector<std::string> strings;
    if (array == nullptr) return strings;
    if (array->empty()) problems_.Add(PathOf(key), array, "must not be empty");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      const auto* text = element.as_string();
      if (text == nullptr || !valid(text->get())) {
        problems_.Add(Indexed(PathOf(key), i), &element, "must be " + expected);
      } else {
        strings.push_back(text->get());
      }
    }
    return strings;
  }

  std::optional<Money> Amount(std::string_view key, Presence presence, Currency currency) const {
    const toml::node* node = Node(key, presence);
    if (node == nullptr) return std::nullopt;
    const auto* text = node->as_string();
    if (text == nullptr) {
      problems_.Add(PathOf(key), node, R"(must be an amount written as a string, like "6.90")");
      return std::nullopt;
    }
    auto money = ParseMoney(text->get(), currency);
    if (!money) {
      problems_.Add(PathOf(key), node, money.error().message);
      return std::nullopt;
    }
    return *money;
  }

  const toml::table& table() const { return table_; }

 private:
  const toml::table& table_;
  std::string path_;
  Problems& problems_;
};

Address ReadAddress(const Section& section, const std::string& default_name) {
  section.AllowOnly(
      {"name", "company", "line1", "line2", "postal_code", "city", "region", "country"});
  Address address;
  address.name = section.Text("name", Presence::kOptional).value_or(default_name);
  address.company = section.String("company", Presence::kOptional).value_or("");
  address.line1 = section.Text("line1", Presence::kRequired).value_or("");
  address.line2 = section.String("line2", Presence::kOptional).value_or("");
  address.postal_code = section.Text("postal_code", Presence::kRequired).value_or("");
  address.city = section.Text("city", Presence::kRequired).value_or("");
  address.region = section.String("region", Presence::kOptional).value_or("");
  if (auto country = section.String("country", Presence::kRequired)) {
    if (IsUpperCountry(*country)) {
      address.country = *country;
    } else {
      section.problems().Add(section.PathOf("country"), section.table().get("country"),
                             R"(must be an ISO 3166-1 alpha-2 code such as "IT")");
    }
  }
  return address;
}

void ReadBusiness(const Section& section, Business& business) {
  section.AllowOnly(
      {"name", "locale", "time_zone", "phone_region", "tax_id", "email", "phone", "address"});
  if (auto name = section.Text("name", Presence::kRequired)) business.name = *name;
  // Printed on every receipt and invoice; the e-mail is also what receipts are sent from.
  if (auto tax_id = section.Text("tax_id", Presence::kOptional)) business.tax_id = *tax_id;
  if (auto email = section.Text("email", Presence::kOptional)) {
    if (IsPlausibleEmail(*email)) {
      business.email = *email;
    } else {
      section.problems().Add(section.PathOf("email"), section.table().get("email"),
                             R"(must be an e-mail address such as "orders@example.com")");
    }
  }
  if (auto phone = section.Text("phone", Presence::kOptional)) business.phone = *phone;
  if (auto locale = section.Choice<std::string>("locale", Presence::kOptional,
                                                {{"it", "it"}, {"en", "en"}})) {
    business.locale = *locale;
  }
  if (auto zone = section.Text("time_zone", Presence::kRequired)) business.time_zone = *zone;
  if (auto address = section.Table("address", Presence::kRequired)) {
    business.address = ReadAddress(*address, business.name);
  }
  business.phone_region = business.address.country;
  if (auto region = section.String("phone_region", Presence::kOptional)) {
    if (IsUpperCountry(*region)) {
      business.phone_region = *region;
    } else {
      section.problems().Add(section.PathOf("phone_region"), section.table().get("phone_region"),
                             R"(must be an ISO 3166-1 alpha-2 code such as "IT")");
    }
  }
}

void ReadPricing(const Section& section, PricingRules& rules) {
  section.AllowOnly({"currency", "price_mode", "rounding", "rounding_level"});
  if (auto code = section.String("currency", Presence::kRequired)) {
    if (auto currency = Currency::FromCode(*code)) {
      rules.currency = *currency;
    } else {
      section.problems().Add(section.PathOf("currency"), section.table().get("currency"),
                             "is not a known ISO 4217 currency code");
    }
  }
  if (auto mode = section.Choice<PriceMode>("price_mode", Presence::kRequired,
                                            {{"tax_exclusive", PriceMode::kTaxExclusive},
                                             {"tax_inclusive", PriceMode::kTaxInclusive}})) {
    rules.price_mode = *mode;
  }
  if (auto rounding = section.Choice<Rounding>(
          "rounding", Presence::kOptional,
          {{"half_up", Rounding::kHalfUp}, {"half_even", Rounding::kHalfEven}})) {
    rules.rounding.rounding = *rounding;
  }
  if (auto level = section.Choice<RoundingLevel>(
          "rounding_level", Presence::kOptional,
          {{"document", RoundingLevel::kPerDocument}, {"line", RoundingLevel::kPerLine}})) {
    rules.rounding.level = *level;
  }
}

TaxComponent ReadComponent(const Section& section, const std::set<std::string>& categories) {
  section.AllowOnly({"name", "rates"});
  TaxComponent component;
  component.name = section.Text("name", Presence::kRequired).value_or("");
  auto rates = section.Table("rates", Presence::kRequired);
  if (!rates) return component;
  if (rates->table().empty()) {
    section.problems().Add(rates->path(), &rates->table(), "must name at least one category");
  }
  for (const auto& [key, node] : rates->table()) {
    const std::string category(key.str());
    const std::string path = rates->PathOf(category);
    if (!categories.contains(category)) {
      section.problems().Add(path, &node, "is not a category declared in tax.categories");
    }
    const auto* text = node.as_string();
    if (text == nullptr) {
      section.problems().Add(path, &node,
                             R"(must be a percentage written as a string, like "22%")");
      continue;
    }
    auto rate = ParseRate(text->get());
    if (!rate) {
      section.problems().Add(path, &node, rate.error().message);
      continue;
    }
    component.rates[category] = *rate;
  }
  return component;
}

TaxJurisdiction ReadJurisdiction(const Section& section, const std::set<std::string>& categories) {
  section.AllowOnly({"code", "country", "region", "postal_prefix", "shipping_tax",
                     "shipping_tax_category", "components"});
  TaxJurisdiction jurisdiction;
  jurisdiction.code = section.Text("code", Presence::kRequired).value_or("");
  if (auto country = section.String("country", Presence::kRequired)) {
    if (*country == "*" || IsUpperCountry(*country)) {
      jurisdiction.country = *country;
    } else {
      section.problems().Add(section.PathOf("country"), section.table().get("country"),
                             R"(must be an ISO 3166-1 alpha-2 code such as "IT", or "*")");
    }
  }
  jurisdiction.region = section.String("region", Presence::kOptional).value_or("");
  jurisdiction.postal_prefix = section.String("postal_prefix", Presence::kOptional).value_or("");
  if (jurisdiction.country == "*" &&
      (!jurisdiction.region.empty() || !jurisdiction.postal_prefix.empty())) {
    section.problems().Add(section.PathOf("country"), section.table().get("country"),
                           R"("*" cannot be narrowed by a region or postal prefix)");
  }
  const auto shipping_tax =
      section.Choice<ShippingTax>("shipping_tax", Presence::kRequired,
                                  {{"exempt", ShippingTax::kExempt},
                                   {"at_category", ShippingTax::kAtCategory},
                                   {"apportioned", ShippingTax::kApportioned}});
  if (shipping_tax) jurisdiction.shipping_tax = *shipping_tax;
  const Presence category_presence =
      shipping_tax == ShippingTax::kAtCategory ? Presence::kRequired : Presence::kOptional;
  if (auto category = section.String("shipping_tax_category", category_presence)) {
    const toml::node* node = section.table().get("shipping_tax_category");
    if (shipping_tax && *shipping_tax != ShippingTax::kAtCategory) {
      section.problems().Add(section.PathOf("shipping_tax_category"), node,
                             R"(is only used with shipping_tax = "at_category")");
    } else if (!categories.contains(*category)) {
      section.problems().Add(section.PathOf("shipping_tax_category"), node,
                             "is not a category declared in tax.categories");
    } else {
      jurisdiction.shipping_tax_category = *category;
    }
  }
  std::set<std::string> names;
  section.EachTable("components", Presence::kOptional, [&](const Section& component_section) {
    TaxComponent component = ReadComponent(component_section, categories);
    if (!component.name.empty() && !names.insert(component.name).second) {
      component_section.problems().Add(component_section.PathOf("name"),
                                       component_section.table().get("name"),
                                       "repeats another component's name");
    }
    jurisdiction.components.push_back(std::move(component));
  });
  return jurisdiction;
}

void ReadTax(const Section& section, TaxRules& tax) {
  section.AllowOnly({"categories", "goods_address", "services_address", "jurisdictions"});
  std::set<std::string> categories;
  const toml::array* declared = section.Array("categories", Presence::kRequired);
  tax.categories =
      section.Strings(declared, "categories", IsIdentifier, "a category name of a-z, 0-9, _ and -");
  for (const std::string& category : tax.categories) {
    if (!categories.insert(category).second) {
      section.problems().Add(section.PathOf("categories"), declared,
                             "declares " + Quoted(category) + " twice");
    }
  }
  const std::initializer_list<std::pair<std::string_view, TaxAddress>> addresses = {
      {"shipping", TaxAddress::kShipping}, {"billing", TaxAddress::kBilling}};
  if (auto goods = section.Choice<TaxAddress>("goods_address", Presence::kOptional, addresses)) {
    tax.goods_address = *goods;
  }
  if (auto services =
          section.Choice<TaxAddress>("services_address", Presence::kOptional, addresses)) {
    tax.services_address = *services;
  }
  std::set<std::string> codes;
  std::set<std::tuple<std::string, std::string, std::string>> places;
  section.EachTable("jurisdictions", Presence::kRequired, [&](const Section& entry) {
    TaxJurisdiction jurisdiction = ReadJurisdiction(entry, categories);
    if (!jurisdiction.code.empty() && !codes.insert(jurisdiction.code).second) {
      entry.problems().Add(entry.PathOf("code"), entry.table().get("code"),
                           "repeats another jurisdiction's code");
    }
    if (!jurisdiction.country.empty() &&
        !places.emplace(jurisdiction.country, jurisdiction.region, jurisdiction.postal_prefix)
             .second) {
      entry.problems().Add(entry.path(), &entry.table(),
                           "covers the same country, region and postal prefix as another");
    }
    tax.jurisdictions.push_back(std::move(jurisdiction));
  });
}

ShippingZone ReadZone(const Section& section, Currency currency) {
  section.AllowOnly({"code", "countries", "brackets", "free_over"});
  ShippingZone zone;
  zone.code = section.Text("code", Presence::kRequired).value_or("");
  zone.countries = section.Strings(
      section.Array("countries", Presence::kRequired), "countries",
      [](const std::string& code) { return code == "*" || IsUpperCountry(code); },
      R"(an ISO 3166-1 alpha-2 code such as "IT", or "*")");
  std::int64_t previous = 0;
  section.EachTable("brackets", Presence::kRequired, [&](const Section& bracket) {
    bracket.AllowOnly({"max_grams", "charge"});
    auto grams = bracket.Integer("max_grams", Presence::kRequired, 1, 10'000'000'000);
    auto charge = bracket.Amount("charge", Presence::kRequired, currency);
    if (grams && *grams <= previous) {
      bracket.problems().Add(
          bracket.PathOf("max_grams"), bracket.table().get("max_grams"),
          "must be greater than the previous bracket's (" + std::to_string(previous) + ")");
    }
    if (grams) previous = *grams;
    zone.brackets.push_back(WeightBracket{.max_grams = grams.value_or(0),
                                          .charge = charge.value_or(Money(0, currency))});
  });
  zone.free_over = section.Amount("free_over", Presence::kOptional, currency);
  return zone;
}

ShippingMethod ReadMethod(const Section& section, Currency currency) {
  section.AllowOnly({"code", "name", "zones"});
  ShippingMethod method;
  if (auto code = section.String("code", Presence::kRequired)) {
    if (!IsIdentifier(*code) || *code == kPickupMethod) {
      section.problems().Add(section.PathOf("code"), section.table().get("code"),
                             R"(must be a code of a-z, 0-9, _ and -, other than "pickup")");
    } else {
      method.code = *code;
    }
  }
  if (auto name = section.Table("name", Presence::kRequired)) {
    name->AllowOnly({"it", "en"});
    method.name.it = name->String("it", Presence::kOptional).value_or("");
    method.name.en = name->String("en", Presence::kOptional).value_or("");
    if (method.name.it.empty() && method.name.en.empty()) {
      section.problems().Add(name->path(), &name->table(), R"(needs "it" or "en" text)");
    }
  }
  std::set<std::string> zone_codes;
  std::map<std::string, std::string> zone_of_country;
  section.EachTable("zones", Presence::kRequired, [&](const Section& zone_section) {
    ShippingZone zone = ReadZone(zone_section, currency);
    if (!zone.code.empty() && !zone_codes.insert(zone.code).second) {
      zone_section.problems().Add(zone_section.PathOf("code"), zone_section.table().get("code"),
                                  "repeats another zone's code in this method");
    }
    for (const std::string& country : zone.countries) {
      auto [earlier, inserted] = zone_of_country.emplace(country, zone.code);
      if (!inserted) {
        zone_section.problems().Add(
            zone_section.PathOf("countries"), zone_section.table().get("countries"),
            "lists " + Quoted(country) + ", already in zone " + Quoted(earlier->second));
      }
    }
    method.zones.push_back(std::move(zone));
  });
  return method;
}

void ReadShipping(const Section& section, ShippingRates& shipping, Currency currency) {
  section.AllowOnly({"methods"});
  std::set<std::string> codes;
  section.EachTable("methods", Presence::kOptional, [&](const Section& entry) {
    ShippingMethod method = ReadMethod(entry, currency);
    if (!method.code.empty() && !codes.insert(method.code).second) {
      entry.problems().Add(entry.PathOf("code"), entry.table().get("code"),
                           "repeats another method's code");
    }
    shipping.methods.push_back(std::move(method));
  });
}

void ReadServer(const Section& section, ServerSettings& server) {
  section.AllowOnly({"listen", "database", "public_origin", "trusted_proxies", "worker_threads",
                     "io_threads", "body_limit", "web_root"});
  server.trusted_proxies = section.Strings(
      section.Array("trusted_proxies", Presence::kOptional), "trusted_proxies",
      [](const std::string& text) {
        unsigned char address[sizeof(in6_addr)];
        return inet_pton(AF_INET, text.c_str(), address) == 1 ||
               inet_pton(AF_INET6, text.c_str(), address) == 1;
      },
      R"(an IP address such as "127.0.0.1")");
  if (auto listen = section.String("listen", Presence::kOptional)) {
    if (auto parsed = ParseListen(*listen); parsed) {
      server.listen = *listen;
    } else {
      section.problems().Add(section.PathOf("listen"), section.table().get("listen"),
                             parsed.error().message);
    }
  }
  if (auto database = section.Text("database", Presence::kOptional)) server.database = *database;
  if (auto web_root = section.String("web_root", Presence::kOptional)) server.web_root = *web_root;
  if (auto origin = section.String("public_origin", Presence::kOptional)) {
    const bool web = origin->starts_with("https://") || origin->starts_with("http://");
    if (!origin->empty() && (!web || origin->ends_with("/"))) {
      section.problems().Add(section.PathOf("public_origin"), section.table().get("public_origin"),
                             R"(must be an origin like "https://orders.example.com")");
    } else {
      server.public_origin = *origin;
    }
  }
  if (auto threads = section.Integer("worker_threads", Presence::kOptional, 1, 1024)) {
    server.worker_threads = static_cast<int>(*threads);
  }
  if (auto threads = section.Integer("io_threads", Presence::kOptional, 1, 64)) {
    server.io_threads = static_cast<int>(*threads);
  }
  if (auto limit = section.Integer("body_limit", Presence::kOptional, 1024, 64 << 20)) {
    server.body_limit = static_cast<std::size_t>(*limit);
  }
}

void ReadSecurity(const Section& section, SecuritySettings& security) {
  section.AllowOnly({"session_idle_minutes", "session_absolute_hours", "login_max_failures",
                     "login_lockout_seconds", "password_passes", "password_memory_kib"});
  if (auto minutes = section.Integer("session_idle_minutes", Presence::kOptional, 1, 24 * 60)) {
    security.session_idle_minutes = static_cast<int>(*minutes);
  }
  if (auto hours = section.Integer("session_absolute_hours", Presence::kOptional, 1, 24 * 30)) {
    security.session_absolute_hours = static_cast<int>(*hours);
  }
  if (auto failures = section.Integer("login_max_failures", Presence::kOptional, 1, 100)) {
    security.login_max_failures = static_cast<int>(*failures);
  }
  if (auto seconds = section.Integer("login_lockout_seconds", Presence::kOptional, 1, 86'400)) {
    security.login_lockout_seconds = static_cast<int>(*seconds);
  }
  if (auto passes = section.Integer("password_passes", Presence::kOptional, 1, 10)) {
    security.password_passes = static_cast<std::uint64_t>(*passes);
  }
  // 8 KiB is libsodium's minimum; 1 GiB its SENSITIVE limit.
  if (auto memory = section.Integer("password_memory_kib", Presence::kOptional, 8, 1 << 20)) {
    security.password_memory_kib = static_cast<std::size_t>(*memory);
  }
}

void ReadLimits(const Section& section, LimitSettings& limits) {
  section.AllowOnly({"requests_per_second_per_key", "burst_per_key",
                     "requests_per_second_per_address", "burst_per_address", "exempt_loopback"});
  const auto read = [&](std::string_view key, std::int64_t least, int& into) {
    if (auto value = section.Integer(key, Presence::kOptional, least, 100'000)) {
      into = static_cast<int>(*value);
    }
  };
  read("requests_per_second_per_key", 0, limits.key_requests_per_second);
  read("burst_per_key", 1, limits.key_burst);
  read("requests_per_second_per_address", 0, limits.address_requests_per_second);
  read("burst_per_address", 1, limits.address_burst);
  if (const toml::node* node = section.Node("exempt_loopback", Presence::kOptional)) {
    if (const auto* flag = node->as_boolean()) {
      limits.exempt_loopback = flag->get();
    } else {
      section.problems().Add(section.PathOf("exempt_loopback"), node, "must be true or false");
    }
  }
}

void ReadCache(const Section& section, CacheSettings& cache) {
  section.AllowOnly({"items", "customers", "api_keys"});
  const auto read = [&](std::string_view key, std::int64_t& into) {
    if (auto rows = section.Integer(key, Presence::kOptional, 0, 10'000'000)) into = *rows;
  };
  read("items", cache.items);
  read("customers", cache.customers);
  read("api_keys", cache.api_keys);
}

void ReadPayments(const Section& section, PaymentSettings& payments) {
  section.AllowOnly({"processor", "test_card_brand", "test_card_last4"});
  if (auto processor =
          section.Choice<std::string>("processor", Presence::kOptional, {{"test", "test"}})) {
    payments.processor = *processor;
  }
  if (auto brand = section.Text("test_card_brand", Presence::kOptional)) {
    payments.test_card_brand = *brand;
  }
  if (auto last4 = section.String("test_card_last4", Presence::kOptional)) {
    if (last4->size() != 4 || last4->find_first_not_of("0123456789") != std::string::npos) {
      section.problems().Add(section.PathOf("test_card_last4"),
                             section.table().get("test_card_last4"), "must be exactly 4 digits");
    } else {
      payments.test_card_last4 = *last4;
    }
  }
}

void ReadMail(const Section& section, MailSettings& mail) {
  section.AllowOnly({"host", "port", "tls", "starttls_required", "username", "password", "from",
                     "reply_to", "timeout_seconds", "retry"});
  mail.enabled = true;
  if (auto host = section.Text("host", Presence::kOptional)) {
    if (host->find_first_of(" /\r\n\t@") != std::string::npos) {
      section.problems().Add(section.PathOf("host"), section.table().get("host"),
                             "must be a host name or IP address");
    } else {
      mail.host = *host;
    }
  }
  if (auto port = section.Integer("port", Presence::kOptional, 1, 65535)) {
    mail.port = static_cast<int>(*port);
  }
  if (auto tls = section.Choice<std::string>(
          "tls", Presence::kOptional,
          {{"none", "none"}, {"starttls", "starttls"}, {"implicit", "implicit"}})) {
    mail.tls = *tls;
  }
  if (const toml::node* node = section.Node("starttls_required", Presence::kOptional)) {
    if (const auto* flag = node->as_boolean()) {
      mail.starttls_required = flag->get();
    } else {
      section.problems().Add(section.PathOf("starttls_required"), node, "must be true or false");
    }
  }
  mail.username = section.String("username", Presence::kOptional).value_or("");
  mail.password = section.String("password", Presence::kOptional).value_or("");
  const auto address = [&](std::string_view key, Presence presence, std::string& into) {
    auto text = section.String(key, presence);
    if (!text || (text->empty() && presence == Presence::kOptional)) return;
    if (auto problem = MailAddressProblem(*text)) {
      section.problems().Add(section.PathOf(key), section.table().get(key),
                             "must be an e-mail address like receipts@example.com: it " + *problem);
    } else {
      into = *text;
    }
  };
  address("from", Presence::kRequired, mail.from);
  address("reply_to", Presence::kOptional, mail.reply_to);
  if (auto seconds = section.Integer("timeout_seconds", Presence::kOptional, 1, 600)) {
    mail.timeout_seconds = static_cast<int>(*seconds);
  }
  if (auto retry = section.Table("retry", Presence::kOptional)) {
    retry->AllowOnly({"first_delay_seconds", "factor", "cap_seconds", "max_attempts"});
    if (auto first = retry->Integer("first_delay_seconds", Presence::kOptional, 1, 86'400)) {
      mail.retry_first_delay_seconds = static_cast<int>(*first);
    }
    if (auto factor = retry->Integer("factor", Presence::kOptional, 1, 10)) {
      mail.retry_factor = static_cast<int>(*factor);
    }
    if (auto cap = retry->Integer("cap_seconds", Presence::kOptional, 1, 7 * 86'400)) {
      mail.retry_cap_seconds = static_cast<int>(*cap);
    }
    if (auto attempts = retry->Integer("max_attempts", Presence::kOptional, 1, 100)) {
      mail.retry_max_attempts = static_cast<int>(*attempts);
    }
    if (mail.retry_cap_seconds < mail.retry_first_delay_seconds) {
      section.problems().Add(retry->PathOf("cap_seconds"), retry->table().get("cap_seconds"),
                             "must be at least first_delay_seconds");
    }
  }
}

// ---- [fulfillment] ----------------------------------------------------------------------

// "HH:MM" as minutes since midnight; "24:00" only when `allow_midnight_end` (a closing time).
std::optional<TimeOfDay> ParseTimeOfDay(std::string_view text, bool allow_midnight_end) {
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return std::nullopt;
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && (minute != 0 || !allow_midnight_end))) {
    return std::nullopt;
  }
  return TimeOfDay{hour * 60 + minute};
}

std::optional<TimeOfDay> Time(const Section& section, std::string_view key,
                              bool allow_midnight_end = false) {
  auto text = section.String(key, Presence::kOptional);
  if (!text) return std::nullopt;
  if (auto time = ParseTimeOfDay(*text, allow_midnight_end)) return time;
  section.problems().Add(section.PathOf(key), section.table().get(key),
                         allow_midnight_end ? R"(must be a time "HH:MM" from "00:01" to "24:00")"
                                            : R"(must be a time "HH:MM" from "00:00" to "23:59")");
  return std::nullopt;
}

// "2026-12-25" as a date, strictly.
std::optional<std::chrono::year_month_day> ParseDay(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  std::size_t part = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) {  // The dashes, checked above; digits everywhere else.
      ++part;
    } else if (text[i] >= '0' && text[i] <= '9') {
      parts[part] = parts[part] * 10 + (text[i] - '0');
    } else {
      return std::nullopt;
    }
  }
  const std::chrono::year_month_day day{std::chrono::year{parts[0]},
                                        std::chrono::month{static_cast<unsigned>(parts[1])},
                                        std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!day.ok()) return std::nullopt;
  return day;
}

constexpr std::pair<std::string_view, unsigned> kWeekdays[] = {
    {"mon", 1}, {"tue", 2}, {"wed", 3}, {"thu", 4}, {"fri", 5}, {"sat", 6}, {"sun", 0}};

// A department's time_zone (`business_zone` when absent), working_days, opens and closes.
void ReadWorkingHours(const Section& section, const std::string& business_zone,
                      Department& department) {
  department.time_zone = section.Text("time_zone", Presence::kOptional).value_or(business_zone);
  if (const toml::array* days = section.Array("working_days", Presence::kOptional)) {
    department.working_days.clear();
    for (const std::string& day : section.Strings(
             days, "working_days",
             [](const std::string& text) {
               return std::any_of(std::begin(kWeekdays), std::end(kWeekdays),
                                  [&](const auto& entry) { return entry.first == text; });
             },
             R"(a day written "mon", "tue", "wed", "thu", "fri", "sat" or "sun")")) {
      for (const auto& [name, number] : kWeekdays) {
        if (name == day) department.working_days.push_back(std::chrono::weekday{number});
      }
    }
  }
  if (auto opens = Time(section, "opens")) department.opens = *opens;
  if (auto closes = Time(section, "closes", true)) department.closes = *closes;
}

Department ReadDepartment(const Section& section, const std::string& business_zone) {
  section.AllowOnly({"code", "name", "time_zone", "working_days", "opens", "closes", "release",
                     "waves", "cut_off", "release_at", "escalate_after_minutes", "lease_minutes",
                     "ships"});
  Department department;
  if (auto code = section.String("code", Presence::kRequired)) department.code = *code;
  if (auto name = section.Table("name", Presence::kRequired)) {
    name->AllowOnly({"it", "en"});
    department.name.it = name->String("it", Presence::kOptional).value_or("");
    department.name.en = name->String("en", Presence::kOptional).value_or("");
    if (department.name.it.empty() && department.name.en.empty()) {
      section.problems().Add(name->path(), &name->table(), R"(needs "it" or "en" text)");
    }
    // One language given: the other shows the same text.
    if (department.name.it.empty()) department.name.it = department.name.en;
    if (department.name.en.empty()) department.name.en = department.name.it;
  }
  ReadWorkingHours(section, business_zone, department);
  const std::optional<ReleaseKind> kind =
      section.Choice<ReleaseKind>("release", Presence::kOptional,
                                  {{"immediate", ReleaseKind::kImmediate},
                                   {"waves", ReleaseKind::kWaves},
                                   {"cut_off", ReleaseKind::kCutOff}});
  if (kind) department.release.kind = *kind;
  // A misspelt policy is reported; its keys cannot be judged without it.
  const bool policy_known = kind.has_value() || section.table().get("release") == nullptr;
  const bool waves = department.release.kind == ReleaseKind::kWaves;
  const bool cut_off = department.release.kind == ReleaseKind::kCutOff;
  const auto only_for = [&](std::string_view key, bool applies, const char* release) {
    if (policy_known && !applies && section.table().get(key) != nullptr) {
      section.problems().Add(section.PathOf(key), section.table().get(key),
                             std::string("only applies with release = \"") + release + "\"");
    }
  };
  only_for("waves", waves, "waves");
  only_for("cut_off", cut_off, "cut_off");
  only_for("release_at", cut_off, "cut_off");
  if (waves) {
    const toml::array* array = section.Array("waves", Presence::kRequired);
    for (const std::string& wave : section.Strings(
             array, "waves",
             [](const std::string& text) { return ParseTimeOfDay(text, false).has_value(); },
             R"(a time "HH:MM" from "00:00" to "23:59")")) {
      department.release.waves.push_back(*ParseTimeOfDay(wave, false));
    }
  }
  if (cut_off) {
    if (auto time = Time(section, "cut_off")) department.release.cut_off = *time;
    department.release.release_at = department.release.cut_off;
    if (auto time = Time(section, "release_at")) department.release.release_at = *time;
  }
  if (auto minutes =
          section.Integer("escalate_after_minutes", Presence::kOptional, 1, 7 * 24 * 60)) {
    department.escalate_after = std::chrono::minutes{*minutes};
  }
  if (auto minutes = section.Integer("lease_minutes", Presence::kOptional, 1, 24 * 60)) {
    department.lease = std::chrono::minutes{*minutes};
  }
  if (const toml::node* node = section.Node("ships", Presence::kOptional)) {
    if (const auto* flag = node->as_boolean()) {
      department.ships = flag->get();
    } else {
      section.problems().Add(section.PathOf("ships"), node, "must be true or false");
    }
  }
  return department;
}

RoutingRule ReadRoutingRule(const Section& section, const ShippingRates& shipping) {
  section.AllowOnly(
      {"kind", "sku_prefix", "shipping_method", "countries", "categories", "department"});
  RoutingRule rule;
  rule.kind = section.Choice<ItemKind>(
      "kind", Presence::kOptional, {{"good", ItemKind::kGood}, {"service", ItemKind::kService}});
  rule.sku_prefix = section.Text("sku_prefix", Presence::kOptional).value_or("");
  if (auto method = section.Text("shipping_method", Presence::kOptional)) {
    if (*method == kPickupMethod || shipping.Find(*method) != nullptr) {
      rule.shipping_method = *method;
    } else {
      section.problems().Add(section.PathOf("shipping_method"),
                             section.table().get("shipping_method"),
                             R"(must be a code of [[shipping.methods]] or "pickup")");
    }
  }
  rule.countries = section.Strings(section.Array("countries", Presence::kOptional), "countries",
                                   IsUpperCountry, R"(an ISO 3166-1 alpha-2 code such as "IT")");
  rule.categories = section.Strings(
      section.Array("categories", Presence::kOptional), "categories",
      [](const std::string& code) { return !code.empty() && IsValidCategory(code); },
      R"(a product category such as "toner": 1..32 of a-z, 0-9, _ and -)");
  rule.department = section.String("department", Presence::kRequired).value_or("");
  return rule;
}

void ReadFulfillment(const Section& section, FulfillmentRules& rules, const Business& business) {
  section.AllowOnly({"departments", "routing", "default_department", "holidays"});
  rules = FulfillmentRules{};
  section.EachTable("departments", Presence::kRequired, [&](const Section& entry) {
    rules.departments.push_back(ReadDepartment(entry, business.time_zone));
  });
  section.EachTable("routing", Presence::kOptional, [&](const Section& entry) {
    rules.routing.push_back(ReadRoutingRule(entry, business.rules.shipping));
  });
  // Without one named, the first department gets what no rule routes.
  rules.default_department =
      section.String("default_department", Presence::kOptional)
          .value_or(rules.departments.empty() ? "" : rules.departments[0].code);
  if (const toml::array* holidays = section.Array("holidays", Presence::kOptional)) {
    for (std::size_t i = 0; i < holidays->size(); ++i) {
      const toml::node& element = *holidays->get(i);
      std::optional<std::chrono::year_month_day> day;
      if (const auto* text = element.as_string()) {
        day = ParseDay(text->get());
      } else if (const auto* date = element.as_date()) {
        const toml::date& value = date->get();
        day = std::chrono::year{value.year} / std::chrono::month{value.month} /
              std::chrono::day{value.day};
      }
      if (day && day->ok()) {
        rules.holidays.push_back(*day);
      } else {
        section.problems().Add(Indexed(section.PathOf("holidays"), i), &element,
                               R"(must be a date like "2026-12-25")");
      }
    }
  }
}

// ---- [customer_service] -----------------------------------------------------------------

// Customer service's working hours and its complaint targets in working hours (core's
// CustomerService); the whole checked by ValidateCustomerService.
void ReadCustomerService(const Section& section, CustomerService& service,
                         const std::string& business_zone) {
  section.AllowOnly({"time_zone", "working_days", "opens", "closes", "due_hours"});
  ReadWorkingHours(section, business_zone, service.department);
  if (auto due = section.Table("due_hours", Presence::kOptional)) {
    due->AllowOnly({"urgent", "high", "normal", "low"});
    const std::pair<const char*, std::chrono::minutes*> targets[] = {
        {"urgent", &service.due_within.urgent},
        {"high", &service.due_within.high},
        {"normal", &service.due_within.normal},
        {"low", &service.due_within.low}};
    for (const auto& [name, target] : targets) {
      if (auto hours = due->Integer(name, Presence::kOptional, 1, 1000)) {
        *target = std::chrono::hours{*hours};
      }
    }
  }
}

void ReadWebhooks(const Section& section, WebhookSettings& webhooks) {
  section.AllowOnly({"connect_timeout_seconds", "timeout_seconds", "allow_http_loopback", "retry"});
  if (auto seconds = section.Integer("connect_timeout_seconds", Presence::kOptional, 1, 120)) {
    webhooks.connect_timeout_seconds = static_cast<int>(*seconds);
  }
  if (auto seconds = section.Integer("timeout_seconds", Presence::kOptional, 1, 600)) {
    webhooks.timeout_seconds = static_cast<int>(*seconds);
  }
  if (const toml::node* node = section.Node("allow_http_loopback", Presence::kOptional)) {
    if (const auto* flag = node->as_boolean()) {
      webhooks.allow_http_loopback = flag->get();
    } else {
      section.problems().Add(section.PathOf("allow_http_loopback"), node, "must be true or false");
    }
  }
  if (auto retry = section.Table("retry", Presence::kOptional)) {
    retry->AllowOnly({"first_delay_seconds", "factor", "cap_seconds", "max_attempts"});
    if (auto first = retry->Integer("first_delay_seconds", Presence::kOptional, 1, 86'400)) {
      webhooks.retry_first_delay_seconds = static_cast<int>(*first);
    }
    if (auto factor = retry->Integer("factor", Presence::kOptional, 1, 10)) {
      webhooks.retry_factor = static_cast<int>(*factor);
    }
    if (auto cap = retry->Integer("cap_seconds", Presence::kOptional, 1, 7 * 86'400)) {
      webhooks.retry_cap_seconds = static_cast<int>(*cap);
    }
    if (auto attempts = retry->Integer("max_attempts", Presence::kOptional, 1, 100)) {
      webhooks.retry_max_attempts = static_cast<int>(*attempts);
    }
    if (webhooks.retry_cap_seconds < webhooks.retry_first_delay_seconds) {
      section.problems().Add(retry->PathOf("cap_seconds"), retry->table().get("cap_seconds"),
                             "must be at least first_delay_seconds");
    }
  }
}

}  // namespace

Result<TaxRate> ParseRate(std::string_view text) {
  const std::string quoted = Quoted(text);
  if (text.empty() || text.back() != '%') {
    return Fail(ErrorCode::kInvalidInput,
                quoted + R"( is not a percentage like "22%" or "8.875%")");
  }
  const ScaledDecimal parsed =
      ParseScaledDecimal(text.substr(0, text.size() - 1), kMaxRateDecimals, 1'000'000);
  if (parsed.problem == DecimalProblem::kNotANumber) {
    return Fail(ErrorCode::kInvalidInput,
                quoted + R"( is not a percentage like "22%" or "8.875%")");
  }
  if (parsed.problem == DecimalProblem::kTooManyDecimals) {
    return Fail(ErrorCode::kInvalidInput, quoted + " has more than 4 decimals");
  }
  if (parsed.problem == DecimalProblem::kTooLarge) {
    return Fail(ErrorCode::kInvalidInput, quoted + " is more than 100%");
  }
  // With 4 decimals, hundredths of a percent times 100 are exactly parts per million.
  return TaxRate{static_cast<std::int32_t>(parsed.value)};
}

Result<Money> ParseMoney(std::string_view text, Currency currency) {
  const std::string quoted = Quoted(text);
  const ScaledDecimal parsed = ParseScaledDecimal(text, currency.minor_digits(), kMaxAmountMinor);
  if (parsed.problem == DecimalProblem::kNotANumber) {
    return Fail(ErrorCode::kInvalidInput, quoted + R"( is not a non-negative amount like "6.90")");
  }
  if (parsed.problem == DecimalProblem::kTooManyDecimals) {
    return Fail(ErrorCode::kInvalidInput,
                quoted + " has more than " + std::to_string(currency.minor_digits()) +
                    " decimals, the most " + std::string(currency.code()) + " allows");
  }
  if (parsed.problem == DecimalProblem::kTooLarge) {
    return Fail(ErrorCode::kInvalidInput, quoted + " is too large");
  }
  return Money(parsed.value, currency);
}

Result<ListenAddress> ParseListen(std::string_view text) {
  const std::string problem = Quoted(text) + R"( is not host:port, like "127.0.0.1:8080")";
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return Fail(ErrorCode::kInvalidInput, problem);
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return Fail(ErrorCode::kInvalidInput, problem);
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidInput, problem);  // IPv6 needs brackets.
  }
  const ScaledDecimal port = ParseScaledDecimal(text.substr(colon + 1), 0, 65535);
  if (port.problem || text.substr(colon + 1).find('.') != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidInput, problem);
  }
  return ListenAddress{.host = std::string(host), .port = static_cast<int>(port.value)};
}

Result<Config> Parse(std::string_view text, std::string_view source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& error) {
    return Fail({ErrorCode::kInvalidInput,
                 std::string(source) + " is not valid TOML",
                 {FieldError{"", std::string(error.description()) +
                                     Where(std::string(source), error.source().begin)}}});
  }

  Problems problems(source);
  const Section top(root, "", problems);
  top.AllowOnly({"business", "pricing", "tax", "shipping", "fulfillment", "server", "payments",
                 "security", "limits", "cache", "mail", "webhooks", "customer_service"});
  Config config;
  Business& business = config.business;
  if (auto section = top.Table("business", Presence::kRequired)) ReadBusiness(*section, business);
  if (auto section = top.Table("pricing", Presence::kRequired)) {
    ReadPricing(*section, business.rules);
  }
  if (auto section = top.Table("tax", Presence::kRequired)) ReadTax(*section, business.rules.tax);
  if (auto section = top.Table("shipping", Presence::kOptional)) {
    ReadShipping(*section, business.rules.shipping, business.rules.currency);
  }
  business.fulfillment = DefaultFulfillment(business.time_zone);
  if (auto section = top.Table("fulfillment", Presence::kOptional)) {
    ReadFulfillment(*section, business.fulfillment, business);
    // The rules as a whole (unique codes, known departments, waves in order), reported where
    // the reader found nothing wrong at the same key already.
    // Without departments (reported) every reference would be reported again.
    auto valid =
        business.fulfillment.departments.empty() ? Result<void>{} : Validate(business.fulfillment);
    if (!valid) {
      for (const FieldError& field : valid.error().fields) {
        if (problems.Has(field.path)) continue;
        const toml::node* node = toml::at_path(root, field.path).node();
        problems.Add(field.path, node != nullptr ? node : &section->table(), field.problem);
      }
    }
  }
  business.customer_service = DefaultCustomerService(business.time_zone);
  if (auto section = top.Table("customer_service", Presence::kOptional)) {
    ReadCustomerService(*section, business.customer_service, business.time_zone);
    for (const FieldError& field : ValidateCustomerService(business.customer_service)) {
      if (problems.Has(field.path)) continue;
      const toml::node* node = toml::at_path(root, field.path).node();
      problems.Add(field.path, node != nullptr ? node : &section->table(), field.problem);
    }
  }
  if (auto section = top.Table("server", Presence::kOptional)) ReadServer(*section, config.server);
  if (auto section = top.Table("payments", Presence::kOptional)) {
    ReadPayments(*section, config.payments);
  }
  if (auto section = top.Table("security", Presence::kOptional)) {
    ReadSecurity(*section, config.security);
  }
  if (auto section = top.Table("limits", Presence::kOptional)) ReadLimits(*section, config.limits);
  if (auto section = top.Table("cache", Presence::kOptional)) ReadCache(*section, config.cache);
  if (auto section = top.Table("mail", Presence::kOptional)) ReadMail(*section, config.mail);
  if (auto section = top.Table("webhooks", Presence::kOptional)) {
    ReadWebhooks(*section, config.webhooks);
  }
  business.rules.origin = business.address;

  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, std::string(source) + " has errors", problems.Take()});
  }
  return config;
}

Result<Config> Load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(ErrorCode::kNotFound, "cannot read the configuration file " + path);
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return Fail(ErrorCode::kNotFound, "cannot read the configuration file " + path);
  return Parse(text.str(), path);
}

Config Defaults() {
  auto config = Parse(DemoToml(), "config/demo.toml");
  COMMESSO_INVARIANT(config.has_value(), "the compiled-in config/demo.toml must be valid");
  return *std::move(config);
}

}  // namespace commesso::config
