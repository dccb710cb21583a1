#include "core/catalog_rules.h"

#include <algorithm>
#include <string>

#include "core/free_text.h"
#include "core/input_limits.h"
#include "core/utf8.h"

namespace commesso {
namespace {

bool IsSkuCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool IsCategoryCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Why `location` is not a storage location, or nullptr when it is one.
const char* LocationProblem(std::string_view location) {
  if (location.size() > kMaxLocationChars) return "at most 32 characters";
  // Printable ASCII only: a location is a code printed on shelves and pick lists, and every
  // renderer measures it in characters.
  for (const char c : location) {
    if (c < 0x20 || c > 0x7e) return "must be printable ASCII characters";
  }
  if (!location.empty() && (location.front() == ' ' || location.back() == ' ')) {
    return "must not start or end with a space";
  }
  return nullptr;
}

}  // namespace

bool IsValidCategory(std::string_view category) {
  return category.size() <= kMaxCategoryChars &&
         std::all_of(category.begin(), category.end(), IsCategoryCharacter);
}

bool IsValidSku(const std::string& sku) {
  return !sku.empty() && sku.size() <= kMaxSkuChars &&
         std::all_of(sku.begin(), sku.end(), IsSkuCharacter);
}

std::vector<FieldError> ValidateItem(const Item& item, const PricingRules& rules) {
  return ValidateItem(item,
                      ItemCodes{.unit = item.unit.view(),
                                .tax_category = item.tax_category.view(),
                                .category = item.category.view(),
                                .location = item.location.view()},
                      rules);
}

std::vector<FieldError> ValidateItem(const Item& item, const ItemCodes& codes,
                                     const PricingRules& rules) {
  std::vector<FieldError> problems;
  auto problem = [&](std::string path, std::string text) {
    problems.push_back(FieldError{.path = std::move(path), .problem = std::move(text)});
  };

  if (!IsValidSku(item.sku)) problem("sku", "must be 1..64 characters of A-Z a-z 0-9 . _ -");

  if (item.name.it.empty() && item.name.en.empty()) problem("name", "required in one language");
  if (CharacterCount(item.name.it.view()) > kMaxNameChars) {
    problem("name.it", "at most 200 characters");
  }
  if (CharacterCount(item.name.en.view()) > kMaxNameChars) {
    problem("name.en", "at most 200 characters");
  }
  if (auto why = FreeTextProblem(item.name.it.view(), TextLines::kOne)) problem("name.it", *why);
  if (auto why = FreeTextProblem(item.name.en.view(), TextLines::kOne)) problem("name.en", *why);

  if (codes.unit.empty()) problem("unit", "required");
  if (CharacterCount(codes.unit) > kMaxUnitChars) problem("unit", "at most 16 characters");
  if (auto why = FreeTextProblem(codes.unit, TextLines::kOne)) problem("unit", *why);

  if (item.unit_price.currency() != rules.currency) {
    problem("unit_price.currency", "must be " + std::string(rules.currency.code()));
  }
  if (item.unit_price.minor() < 0 || item.unit_price.minor() > kPriceCeilingMinor) {
    problem("unit_price.minor", "must be 0.." + std::to_string(kPriceCeilingMinor));
  }

  const std::vector<std::string>& categories = rules.tax.categories;
  if (std::find(categories.begin(), categories.end(), codes.tax_category) == categories.end()) {
    problem("tax_category", "not a tax category of the business");
  }

  if (item.kind == ItemKind::kService) {
    if (item.weight_grams != 0) problem("weight_grams", "must be 0 for a service");
    if (item.track_stock) problem("track_stock", "services are not stocked");
  } else if (item.weight_grams < 0 || item.weight_grams > kMaxItemWeightGrams) {
    problem("weight_grams", "must be 0.." + std::to_string(kMaxItemWeightGrams));
  }

  if (item.stock_on_hand < 0) problem("stock_on_hand", "must not be negative");

  if (!IsValidCategory(codes.category)) {
    problem("category", "must be 0..32 characters of a-z 0-9 _ -");
  }
  if (const char* why = LocationProblem(codes.location)) problem("location", why);
  return problems;
}

}  // namespace commesso
