#pragma once

#include <cstdint>
#include <string>

#include "core/code.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/text.h"

namespace commesso {

enum class ItemKind {
  kGood,     // Has a weight, can be stocked and shipped.
  kService,  // Has no weight, is never shipped; taxed at the billing address by default.
};

// What to do when an order asks for more of a stock-tracked good than is on hand.
enum class BackorderPolicy {
  kRefuse,  // The order is refused with an error on the line.
  kAllow,   // The order is accepted; the missing quantity is backordered.
};

// One sellable thing of the catalog. The unit price is in the catalog's price mode
// (tax-exclusive or tax-inclusive, a business setting), in the business currency.
struct Item {
  ItemId id{};
  std::string sku;       // Unique, 1..64 characters of [A-Za-z0-9._-].
  LocalizedText name{};  // Italian and English.
  ItemKind kind = ItemKind::kGood;
  Code unit = "piece";  // piece, kg, g, m, hour, …: quantities are whole units of it.
  Money unit_price{};
  Code tax_category = "standard";  // One of the tax rules' declared categories.
  std::int64_t weight_grams = 0;   // Per unit; always 0 for services.
  bool active = true;              // Inactive items cannot be ordered.
  bool track_stock = false;        // Goods only.
  std::int64_t stock_on_hand = 0;  // Units free to reserve, when tracked.
  BackorderPolicy backorder_policy = BackorderPolicy::kRefuse;
  // The product category, for routing and reports: "paper", "toner"; 0..32 of [a-z0-9_-],
  // empty for none. Not the tax category, which says how the item is taxed.
  Code category{};
  // Where the item is stored, for pick lists: an aisle-bay-shelf code like "A-03-2" or any
  // 0..32 printable ASCII characters without spaces at either end; empty for none.
  Code location{};

  friend bool operator==(const Item&, const Item&) = default;
};

}  // namespace commesso
