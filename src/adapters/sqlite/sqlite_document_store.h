#pragma once

#include <string>
#include <vector>

#include "adapters/sqlite/database.h"
#include "adapters/sqlite/document_settings.h"
#include "app/ports/clock.h"
#include "app/ports/document_store.h"

namespace commesso::sqlite {

// The DocumentStore port on SQLite. Receipts are issued by SqliteOrderStore::Place in the
// placement's transaction; this store reads them and issues invoices on the database's single
// writer, so numbers stay consecutive and gap-free per series and year however many callers
// issue at once. An invoice is dated and numbered in the business year of its issue (`clock`'s
// business day), snapshots the order as it is then and the seller of `settings`. Borrows
// `database` and `clock`, which must outlive it. Thread-safe.
class SqliteDocumentStore final : public DocumentStore {
 public:
  SqliteDocumentStore(Database& database, DocumentSettings settings, const Clock& clock)
      : database_(database), settings_(std::move(settings)), clock_(clock) {}

  Result<std::vector<Document>> ForOrder(const OrderNumber& number) const override;
  Result<std::vector<Document>> ForOrder(OrderId id) const override;
  Result<Document> Find(const std::string& number) const override;
  Result<Document> IssueInvoice(const OrderNumber& number, Timestamp at) override;

 private:
  Database& database_;
  const DocumentSettings settings_;
  const Clock& clock_;
};

}  // namespace commesso::sqlite
