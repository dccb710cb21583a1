#pragma once

#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/pricing.h"
#include "core/result.h"

namespace commesso {

// Every problem of `item` as a catalog entry, with field paths ("sku", "unit_price.minor"):
// SKU 1..64 characters of [A-Za-z0-9._-]; a name in at least one language, each at most 200
// characters; a unit of at most 16 characters; names and unit free of card numbers and control
// characters (free_text.h); a price in the rules' currency of 0..kPriceCeilingMinor; a declared tax
// category; a weight of 0..kMaxItemWeightGrams (0 for services, which never track stock);
// no negative stock; a product category of 0..32 characters of [a-z0-9_-]; a location of 0..32
// printable ASCII characters without a space at either end. Empty when the item may be saved.
std::vector<FieldError> ValidateItem(const Item& item, const PricingRules& rules);

// An item's codes as text, before they are made Codes. A Code's text is kept for the life of
// the process (code.h), so a reader checks an item with the codes it would hold and makes
// them only when the item is valid: a refused request leaves nothing behind.
struct ItemCodes {
  std::string_view unit;
  std::string_view tax_category;
  std::string_view category;
  std::string_view location;
};

// ValidateItem for `item` holding `codes` in place of its own unit, tax category, category
// and location.
std::vector<FieldError> ValidateItem(const Item& item, const ItemCodes& codes,
                                     const PricingRules& rules);

// Whether `sku` is 1..64 characters of [A-Za-z0-9._-].
bool IsValidSku(const std::string& sku);

// Whether `category` is a product category code: 0..32 characters of [a-z0-9_-] (empty is
// "none").
bool IsValidCategory(std::string_view category);

}  // namespace commesso
