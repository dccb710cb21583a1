#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/ports/kept_answer.h"
#include "app/ports/page.h"
#include "core/catalog.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso {

// The business's items. Thread-safe.
class Catalog {
 public:
  virtual ~Catalog() = default;

  // The items with these SKUs, in any order; unknown SKUs are simply absent.
  virtual Result<std::vector<Item>> FindBySkus(const std::vector<std::string>& skus) const = 0;

  // The item with `sku`; kNotFound when there is none.
  virtual Result<Item> FindBySku(const std::string& sku) const = 0;

  // Adds `item` (its id is ignored) and records `key`, with the answer `answer` renders from
  // the item as stored (null: none kept), in the same transaction; returns it with its id. A
  // replay of `key` (of the same principal) returns the item created first as it is now and
  // hands `answer` what was kept. kConflict when the SKU exists; kInvalidInput (field
  // "Idempotency-Key") when the key came with another request.
  virtual Result<Item> Create(const Item& item, const IdempotencyKey& key,
                              KeptAnswer<Item>* answer) = 0;

  // Replaces the item with `item.sku`; kNotFound when there is none.
  virtual Result<Item> Update(const Item& item) = 0;

  // Items whose SKU starts with `query` or whose name (either language) has words starting
  // with each word of `query`: SKU matches first, by SKU, then name matches in the order the
  // items were added (a page costs the same however many items match). Empty `query` lists
  // all by SKU.
  // `cursor` continues a previous page.
  virtual Result<Page<Item>> Search(const std::string& query, int limit,
                                    const std::string& cursor) const = 0;
};

}  // namespace commesso
