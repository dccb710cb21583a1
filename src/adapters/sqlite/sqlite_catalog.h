#pragma once

#include <string>
#include <vector>

#include "adapters/sqlite/database.h"
#include "app/ports/catalog.h"

namespace commesso::sqlite {

// The Catalog port on SQLite. Writes go through the database's single writer and return once
// durable; reads use reader connections. SKUs are unique whatever their case ("pen-1" and
// "PEN-1" cannot both exist), yet looked up exactly as written. Search matches SKU prefixes
// case-insensitively and name words by prefix, accents ignored ("caffe" finds "Caffè").
// Borrows `database`, which must outlive it. Thread-safe.
class SqliteCatalog final : public Catalog {
 public:
  explicit SqliteCatalog(Database& database) : database_(database) {}

  Result<std::vector<Item>> FindBySkus(const std::vector<std::string>& skus) const override;
  Result<Item> FindBySku(const std::string& sku) const override;
  Result<Item> Create(const Item& item, const IdempotencyKey& key,
                      KeptAnswer<Item>* answer) override;
  Result<Item> Update(const Item& item) override;
  Result<Page<Item>> Search(const std::string& query, int limit,
                            const std::string& cursor) const override;

 private:
  Database& database_;
};

}  // namespace commesso::sqlite
