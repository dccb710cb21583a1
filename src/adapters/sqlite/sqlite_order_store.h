#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sqlite/database.h"
#include "adapters/sqlite/document_settings.h"
#include "app/ports/order_store.h"

namespace commesso::sqlite {

// The OrderStore port on SQLite. Place queues on the database's single writer (group commit)
// and returns once its transaction is durable (PlaceAsync calls back from the writer thread
// then); the reads use reader connections and see every
// placement that has returned. Orders are stored as the JSON snapshot of adapters/json beside
// the relational columns listings need; reading one back gives exactly the order placed, with
// its id, number, current revision and per-line backorders. Placing with the placement key of
// a saved entry (the drafts table) deletes it in the placement's transaction. Confirmations
// and the history live in their own tables beside the snapshot. Each placement issues the
// order's receipt (documents.h) in its transaction, numbered in the receipt series of the
// order's business year. An empty idempotency key means "no
// key": the placement is never a replay. Borrows `database`, which must outlive it. Thread-safe.
class SqliteOrderStore final : public OrderStore {
 public:
  // `documents`: the seller and default language of the receipt issued with each order.
  SqliteOrderStore(Database& database, DocumentSettings documents)
      : database_(database), documents_(std::move(documents)) {}

  // Numbers are "YYYY-NNNNNN" (2026-000123), consecutive within `business_year` with no gap:
  // a placement that fails takes no number. Stock is reserved from the items as they are at
  // placement (tracked goods only), line by line, so two lines of one SKU share its stock.
  using OrderStore::Place;
  Result<StoredPlacement> Place(const Order& order, const IdempotencyKey& key, int business_year,
                                const std::optional<Handoff>& handoff) override;
  void PlaceAsync(Order order, IdempotencyKey key, int business_year,
                  std::optional<Handoff> handoff, Placed then) override;
  Result<std::optional<Order>> FindByKey(const IdempotencyKey& key) const override;
  Result<Order> FindByNumber(const OrderNumber& number) const override;
  // Newest first (placed_at, then id); `limit` is clamped to 1..200; kInvalidInput on field
  // "cursor" for a cursor this listing did not give.
  Result<Page<Order>> List(const OrderQuery& query, int limit,
                           const std::string& cursor) const override;
  Result<StoredConfirmation> Confirm(const OrderNumber& number, const Confirmation& confirmation,
                                     const IdempotencyKey& key) override;
  Result<std::vector<Confirmation>> Confirmations(const OrderNumber& number) const override;
  Result<std::vector<OrderEvent>> History(const OrderNumber& number) const override;

 private:
  Database& database_;
  const DocumentSettings documents_;
};

}  // namespace commesso::sqlite
