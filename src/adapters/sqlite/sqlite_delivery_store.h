#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sqlite/database.h"
#include "app/ports/delivery_store.h"

namespace commesso::sqlite {

// The DeliveryStore port on SQLite: the `receipt.due` rows of the outbox (migration 3) and the
// receipt_deliveries table (migration 7). Writes go through the database's single writer, each
// in its own transaction; reads use reader connections. Taking an event and creating its
// delivery is one transaction, so a delivery exists exactly once per event whatever crashes
// in between. Idempotency keys of re-sends are recorded with their caller in idempotency_keys
// (scope receipt_deliveries), with the first answer. Borrows `database`, which must outlive it.
// Thread-safe.
class SqliteDeliveryStore final : public DeliveryStore {
 public:
  explicit SqliteDeliveryStore(Database& database) : database_(database) {}

  Result<std::vector<DueReceipt>> PendingReceipts(Timestamp now, int limit) const override;
  Result<ReceiptDelivery> Take(const DueReceipt& event, const DeliveryRequest& request) override;
  Result<void> Postpone(const DueReceipt& event, Timestamp until,
                        const std::string& error) override;
  Result<std::pair<ReceiptDelivery, bool>> Request(const DeliveryRequest& request,
                                                   const IdempotencyKey& key,
                                                   KeptAnswer<ReceiptDelivery>* answer) override;
  Result<std::vector<ReceiptDelivery>> Due(Timestamp now, int limit) const override;
  Result<std::vector<ReceiptDelivery>> Claim(const std::vector<DeliveryId>& ids,
                                             Timestamp now) override;
  Result<std::vector<ReceiptDelivery>> ForOrder(const OrderNumber& number) const override;
  Result<void> Update(const std::vector<ReceiptDelivery>& deliveries) override;
  Result<std::int64_t> PostponeAll(Timestamp now, Timestamp until,
                                   const std::string& error) override;

 private:
  Database& database_;
};

}  // namespace commesso::sqlite
