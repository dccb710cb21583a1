#include "adapters/sqlite/receipt_withdrawal.h"

#include "adapters/sqlite/values.h"
#include "core/receipt_delivery.h"

namespace commesso::sqlite {

std::string WithdrawalReason(const std::string& cancellation_reason) {
  return "the order was cancelled: " + cancellation_reason;
}

std::string CancellationReasonOf(Connection& connection, std::int64_t order_id) {
  SQLite::Statement& find = connection.Prepare(
      "SELECT detail FROM order_events WHERE order_id = ? AND kind = 'cancelled' "
      "ORDER BY id DESC LIMIT 1");
  find.bind(1, order_id);
  std::string reason = find.executeStep() ? find.getColumn(0).getString() : "";
  find.reset();
  return reason;
}

void WithdrawReceipts(Connection& connection, std::int64_t order_id, const std::string& reason,
                      Timestamp now) {
  SQLite::Statement& withdraw = connection.Prepare(
      "UPDATE receipt_deliveries SET state = 'withdrawn', next_attempt_at = NULL, error = ?, "
      "updated_at = ? WHERE order_id = ? AND kind = 'receipt' AND state = 'queued'");
  withdraw.bind(1, WithdrawalReason(reason));
  withdraw.bind(2, MillisOf(now));
  withdraw.bind(3, order_id);
  withdraw.exec();
  QueueCancellationNotices(connection, order_id, now);
}

std::int64_t QueueCancellationNotices(Connection& connection, std::int64_t order_id,
                                      Timestamp now) {
  SQLite::Statement& queue = connection.Prepare(
      "INSERT INTO receipt_deliveries (order_id, kind, document_number, to_address, state, "
      "next_attempt_at, requested_by, requested_at, updated_at) "
      "SELECT ?1, 'cancellation', min(r.document_number), r.to_address, 'queued', ?2, ?3, ?2, ?2 "
      "FROM receipt_deliveries r WHERE r.order_id = ?1 AND r.kind = 'receipt' "
      "AND r.state = 'sent' AND NOT EXISTS (SELECT 1 FROM receipt_deliveries n "
      "WHERE n.order_id = ?1 AND n.kind = 'cancellation' AND n.to_address = r.to_address) "
      "GROUP BY r.to_address ORDER BY min(r.id)");
  queue.bind(1, order_id);
  queue.bind(2, MillisOf(now));
  queue.bind(3, std::string(kCancellationRequester));
  return queue.exec();
}

}  // namespace commesso::sqlite
