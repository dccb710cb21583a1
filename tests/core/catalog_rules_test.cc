#include "core/catalog_rules.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/card_number.h"
#include "core/input_limits.h"
#include "printers.h"
#include "support/pricing_fixtures.h"

namespace commesso {
namespace {

using testing::Good;
using ::testing::IsEmpty;
using testing::Service;

TEST(ValidateItemTest, AcceptsGoodsAndServicesWithinTheRules) {
  const PricingRules rules = testing::ItalianRules();
  Item stocked = Good("VITE-M6.20_x", kPriceCeilingMinor, "reduced", kMaxItemWeightGrams);
  stocked.track_stock = true;
  stocked.stock_on_hand = 0;

  EXPECT_THAT(ValidateItem(Good("A", 1000), rules), IsEmpty());
  EXPECT_THAT(ValidateItem(Good("FREE", 0), rules), IsEmpty());
  EXPECT_THAT(ValidateItem(stocked, rules), IsEmpty());
  EXPECT_THAT(ValidateItem(Service("INSTALL", 5000), rules), IsEmpty());
}

TEST(ValidateItemTest, AcceptsANameInOneLanguageOnly) {
  Item item = Good("A", 1000);
  item.name.en = "";

  EXPECT_THAT(ValidateItem(item, testing::ItalianRules()), IsEmpty());
}

TEST(ValidateItemTest, AcceptsACategoryAndALocation) {
  Item item = Good("A", 1000);
  item.category = "office_supplies-2";
  item.location = "A-03-2";
  EXPECT_THAT(ValidateItem(item, testing::ItalianRules()), IsEmpty());

  item.category = std::string(32, 'z');
  item.location = "Back room, shelf #4/B";
  EXPECT_THAT(ValidateItem(item, testing::ItalianRules()), IsEmpty());
}

TEST(ValidateItemTest, AcceptsAnEanInTheName) {
  Item item = Good("PEN-01", 120);
  item.name.en = "Staedtler pencil, EAN 4006381333924";

  EXPECT_THAT(ValidateItem(item, testing::ItalianRules()), IsEmpty());
}

TEST(IsValidCategoryTest, AllowsUpTo32LowercaseCodeCharacters) {
  EXPECT_TRUE(IsValidCategory(""));
  EXPECT_TRUE(IsValidCategory("toner"));
  EXPECT_TRUE(IsValidCategory("a_b-9"));
  EXPECT_TRUE(IsValidCategory(std::string(32, 'a')));
  EXPECT_FALSE(IsValidCategory(std::string(33, 'a')));
  EXPECT_FALSE(IsValidCategory("Toner"));
  EXPECT_FALSE(IsValidCategory("office supplies"));
  EXPECT_FALSE(IsValidCategory("caffè"));
}

TEST(IsValidSkuTest, AllowsOneTo64SafeCharacters) {
  EXPECT_TRUE(IsValidSku("A"));
  EXPECT_TRUE(IsValidSku("abc.DEF_123-x"));
  EXPECT_TRUE(IsValidSku(std::string(64, 'Z')));
  EXPECT_FALSE(IsValidSku(""));
  EXPECT_FALSE(IsValidSku(std::string(65, 'Z')));
  EXPECT_FALSE(IsValidSku("A B"));
  EXPECT_FALSE(IsValidSku("a/b"));
  EXPECT_FALSE(IsValidSku("caffè"));
}

// An item made bad by `change`, and exactly the problems ValidateItem must report.
struct BadItem {
  std::string name;
  std::function<void(Item&)> change;
  std::vector<FieldError> expected;
};

void PrintTo(const BadItem& bad, std::ostream* out) { *out << bad.name; }

class ValidateItemTableTest : public ::testing::TestWithParam<BadItem> {};

TEST_P(ValidateItemTableTest, ReportsTheExactFieldPaths) {
  Item item = Good("A", 1000);
  GetParam().change(item);

  EXPECT_EQ(ValidateItem(item, testing::ItalianRules()), GetParam().expected);
}

const BadItem bad_items[] = {
    {"EmptySku",
     [](Item& i) { i.sku = ""; },
     {{"sku", "must be 1..64 characters of A-Z a-z 0-9 . _ -"}}},
    {"SkuWithASpace",
     [](Item& i) { i.sku = "A 1"; },
     {{"sku", "must be 1..64 characters of A-Z a-z 0-9 . _ -"}}},
    {"NoName", [](Item& i) { i.name = {}; }, {{"name", "required in one language"}}},
    {"ItalianNameTooLong",
     [](Item& i) { i.name.it = std::string(201, 'x'); },
     {{"name.it", "at most 200 characters"}}},
    {"EnglishNameTooLong",
     [](Item& i) { i.name.en = std::string(201, 'x'); },
     {{"name.en", "at most 200 characters"}}},
    {"NoUnit", [](Item& i) { i.unit = ""; }, {{"unit", "required"}}},
    {"UnitTooLong",
     [](Item& i) { i.unit = std::string(17, 'k'); },
     {{"unit", "at most 16 characters"}}},
    {"PriceInDollars",
     [](Item& i) { i.unit_price = Money(1000, kUsd); },
     {{"unit_price.currency", "must be EUR"}}},
    {"NegativePrice",
     [](Item& i) { i.unit_price = Money(-1, kEur); },
     {{"unit_price.minor", "must be 0..1000000000"}}},
    {"PriceAboveTheCeiling",
     [](Item& i) { i.unit_price = Money(kPriceCeilingMinor + 1, kEur); },
     {{"unit_price.minor", "must be 0..1000000000"}}},
    {"UndeclaredTaxCategory",
     [](Item& i) { i.tax_category = "luxury"; },
     {{"tax_category", "not a tax category of the business"}}},
    {"NegativeWeight",
     [](Item& i) { i.weight_grams = -1; },
     {{"weight_grams", "must be 0..1000000000"}}},
    {"WeightAboveTheLimit",
     [](Item& i) { i.weight_grams = kMaxItemWeightGrams + 1; },
     {{"weight_grams", "must be 0..1000000000"}}},
    {"ServiceWithWeight",
     [](Item& i) {
       i.kind = ItemKind::kService;
       i.weight_grams = 5;
     },
     {{"weight_grams", "must be 0 for a service"}}},
    {"StockedService",
     [](Item& i) {
       i.kind = ItemKind::kService;
       i.weight_grams = 0;
       i.track_stock = true;
     },
     {{"track_stock", "services are not stocked"}}},
    {"NegativeStock",
     [](Item& i) { i.stock_on_hand = -1; },
     {{"stock_on_hand", "must not be negative"}}},
    {"CategoryInCapitals",
     [](Item& i) { i.category = "Paper"; },
     {{"category", "must be 0..32 characters of a-z 0-9 _ -"}}},
    {"CategoryTooLong",
     [](Item& i) { i.category = std::string(33, 'p'); },
     {{"category", "must be 0..32 characters of a-z 0-9 _ -"}}},
    {"LocationTooLong",
     [](Item& i) { i.location = std::string(33, 'A'); },
     {{"location", "at most 32 characters"}}},
    {"LocationWithATab",
     [](Item& i) { i.location = "A-03\t2"; },
     {{"location", "must be printable ASCII characters"}}},
    {"LocationNotAscii",
     [](Item& i) { i.location = "Scaffale né"; },
     {{"location", "must be printable ASCII characters"}}},
    {"LocationWithATrailingSpace",
     [](Item& i) { i.location = "A-03-2 "; },
     {{"location", "must not start or end with a space"}}},
    // Issues 5 and 9: item names are typed by people too.
    {"CardNumberInTheName",
     [](Item& i) { i.name.en = "Gift card 4111 1111 1111 1111"; },
     {{"name.en", kCardNumberProblem}}},
    {"ControlCharacterInTheName",
     [](Item& i) { i.name.it = "Penna\x7f"; },
     {{"name.it", "must not contain control characters or line breaks"}}},
    {"EverythingWrong",
     [](Item& i) {
       i.sku = "";
       i.unit = "";
       i.unit_price = Money(-5, kEur);
     },
     {{"sku", "must be 1..64 characters of A-Z a-z 0-9 . _ -"},
      {"unit", "required"},
      {"unit_price.minor", "must be 0..1000000000"}}},
};

INSTANTIATE_TEST_SUITE_P(BadItems, ValidateItemTableTest, ::testing::ValuesIn(bad_items),
                         [](const ::testing::TestParamInfo<BadItem>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace commesso
