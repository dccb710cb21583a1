#include "adapters/sqlite/sqlite_delivery_store.h"

#include <optional>

#include "adapters/sqlite/handoff_writes.h"
#include "adapters/sqlite/idempotency.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/receipt_withdrawal.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"

namespace commesso::sqlite {
namespace {

// The columns DeliveryFrom reads, in its order.
constexpr const char* kColumns =
    "d.id, o.number, d.document_number, d.to_address, d.state, d.attempts, d.next_attempt_at, "
    "d.server_reply, d.error, d.message_id, d.requested_by, d.requested_at, d.updated_at, "
    "d.sent_at, d.kind";

std::string Select(const std::string& rest) {
  return std::string("SELECT ") + kColumns +
         " FROM receipt_deliveries d JOIN orders o ON o.id = d.order_id " + rest;
}

std::optional<Timestamp> OptionalTime(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return TimestampOf(column.getInt64());
}

Result<ReceiptDelivery> DeliveryFrom(SQLite::Statement& row) {
  const std::string state = row.getColumn(4).getString();
  std::optional<DeliveryState> parsed = ParseDeliveryState(state);
  if (!parsed) {
    return Fail(ErrorCode::kInternal, "A receipt delivery has the unknown state " + state + ".");
  }
  const std::string kind = row.getColumn(14).getString();
  std::optional<DeliveryKind> parsed_kind = ParseDeliveryKind(kind);
  if (!parsed_kind) {
    return Fail(ErrorCode::kInternal, "A receipt delivery has the unknown kind " + kind + ".");
  }
  return ReceiptDelivery{.id = DeliveryId{row.getColumn(0).getInt64()},
                         .order = OrderNumber{row.getColumn(1).getString()},
                         .kind = *parsed_kind,
                         .document_number = row.getColumn(2).getString(),
                         .to = row.getColumn(3).getString(),
                         .state = *parsed,
                         .attempts = row.getColumn(5).getInt(),
                         .next_attempt_at = OptionalTime(row.getColumn(6)),
                         .server_reply = row.getColumn(7).getString(),
                         .error = row.getColumn(8).getString(),
                         .message_id = row.getColumn(9).getString(),
                         .requested_by = row.getColumn(10).getString(),
                         .requested_at = TimestampOf(row.getColumn(11).getInt64()),
                         .updated_at = TimestampOf(row.getColumn(12).getInt64()),
                         .sent_at = OptionalTime(row.getColumn(13))};
}

Result<std::vector<ReceiptDelivery>> DeliveriesFrom(SQLite::Statement& rows) {
  std::vector<ReceiptDelivery> deliveries;
  while (rows.executeStep()) {
    auto delivery = DeliveryFrom(rows);
    if (!delivery) return Fail(delivery.error());
    deliveries.push_back(*std::move(delivery));
  }
  return deliveries;
}

Result<ReceiptDelivery> FindById(Connection& connection, std::int64_t id) {
  SQLite::Statement& find = connection.Prepare(Select("WHERE d.id = ?"));
  find.bind(1, id);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kNotFound, "There is no receipt delivery " + std::to_string(id) + ".");
  }
  return DeliveryFrom(find);
}

Result<std::int64_t> OrderIdOf(Connection& connection, const OrderNumber& number) {
  SQLite::Statement& find = connection.Prepare("SELECT id FROM orders WHERE number = ?");
  find.bind(1, number.value);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kNotFound, "There is no order " + number.value + ".");
  }
  return find.getColumn(0).getInt64();
}

// Whether order `order_id` was cancelled.
bool Cancelled(Connection& connection, std::int64_t order_id) {
  SQLite::Statement& find = connection.Prepare("SELECT status FROM orders WHERE id = ?");
  find.bind(1, order_id);
  const bool cancelled =
      find.executeStep() && find.getColumn(0).getString() == Name(OrderStatus::kCancelled);
  find.reset();
  return cancelled;
}

// What a new delivery starts as: queued and due at once; failed with the refusal; withdrawn
// when its order was cancelled.
struct Start {
  DeliveryState state = DeliveryState::kQueued;
  std::string error{};
};

Start StartOf(Connection& connection, std::int64_t order_id, const DeliveryRequest& request) {
  if (Cancelled(connection, order_id)) {
    return {DeliveryState::kWithdrawn,
            WithdrawalReason(CancellationReasonOf(connection, order_id))};
  }
  if (request.refusal) return {DeliveryState::kFailed, *request.refusal};
  return {};
}

// Inserts a delivery of `request` for order `order_id` as `start` says and returns its id.
// `outbox_id` is bound when given.
std::int64_t Insert(Connection& connection, std::int64_t order_id, const DeliveryRequest& request,
                    const Start& start, std::optional<std::int64_t> outbox_id) {
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO receipt_deliveries (order_id, outbox_id, document_number, to_address, state, "
      "next_attempt_at, error, requested_by, requested_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)");
  const std::int64_t at = MillisOf(request.requested_at);
  insert.bind(1, order_id);
  if (outbox_id) insert.bind(2, *outbox_id);
  insert.bind(3, request.document_number);
  insert.bind(4, request.to);
  insert.bind(5, Name(start.state));
  if (start.state == DeliveryState::kQueued) insert.bind(6, at);
  insert.bind(7, start.error);
  insert.bind(8, request.requested_by);
  insert.bind(9, at);
  insert.exec();
  return connection.database().getLastInsertRowid();
}

Result<ReceiptDelivery> TakeIn(Connection& connection, const DueReceipt& event,
                               const DeliveryRequest& request) {
  SQLite::Statement& event_row = connection.Prepare(
      "SELECT order_id, delivered_at IS NOT NULL FROM outbox WHERE id = ? AND event = "
      "'receipt.due'");
  event_row.bind(1, event.event_id);
  if (!event_row.executeStep()) {
    return Fail(ErrorCode::kNotFound,
                "There is no receipt.due event " + std::to_string(event.event_id) + ".");
  }
  const std::int64_t order_id = event_row.getColumn(0).getInt64();
  const bool delivered = event_row.getColumn(1).getInt() != 0;
  event_row.reset();
  if (delivered) {
    SQLite::Statement& earlier =
        connection.Prepare("SELECT id FROM receipt_deliveries WHERE outbox_id = ?");
    earlier.bind(1, event.event_id);
    if (!earlier.executeStep()) {
      return Fail(ErrorCode::kInternal, "A delivered receipt.due event has no delivery.");
    }
    const std::int64_t id = earlier.getColumn(0).getInt64();
    earlier.reset();
    return FindById(connection, id);
  }
  const std::int64_t id =
      Insert(connection, order_id, request, StartOf(connection, order_id, request), event.event_id);
  SQLite::Statement& done =
      connection.Prepare("UPDATE outbox SET delivered_at = ?, last_error = '' WHERE id = ?");
  done.bind(1, MillisOf(request.requested_at));
  done.bind(2, event.event_id);
  done.exec();
  return FindById(connection, id);
}

}  // namespace

std::int64_t InsertPlacementDelivery(Connection& connection, std::int64_t order_id,
                                     const DeliveryRequest& request, std::int64_t outbox_id) {
  const Start start = request.refusal ? Start{DeliveryState::kFailed, *request.refusal} : Start{};
  return Insert(connection, order_id, request, start, outbox_id);
}

namespace {

Result<std::pair<ReceiptDelivery, bool>> RequestIn(Connection& connection,
                                                   const DeliveryRequest& request,
                                                   const IdempotencyKey& key,
                                                   KeptAnswer<ReceiptDelivery>* answer) {
  auto earlier = FindKey(connection, KeyScope::kReceiptDeliveries, key);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) {
    TellReplayed(answer, **earlier);
    auto first = FindById(connection, (*earlier)->resource_id);
    if (!first) return Fail(first.error());
    return std::pair{*std::move(first), true};
  }
  auto order_id = OrderIdOf(connection, request.order);
  if (!order_id) return Fail(order_id.error());
  if (Cancelled(connection, *order_id)) {
    return Fail(Error{.code = ErrorCode::kConflict,
                      .message = "Order " + request.order.value +
                                 " was cancelled: its receipt is not e-mailed any more.",
                      .fields = {{"state", "is cancelled"}}});
  }
  auto created =
      FindById(connection, Insert(connection, *order_id, request, Start{}, std::nullopt));
  if (!created) return Fail(created.error());
  RecordKey(connection, KeyScope::kReceiptDeliveries, key, created->id.value,
            AnswerFor(answer, *created));
  return std::pair{*std::move(created), false};
}

}  // namespace

Result<std::vector<DueReceipt>> SqliteDeliveryStore::PendingReceipts(Timestamp now,
                                                                     int limit) const {
  return database_.readers().Read<std::vector<DueReceipt>>(
      [&](Connection& connection) -> Result<std::vector<DueReceipt>> {
        SQLite::Statement& rows = connection.Prepare(kPendingReceiptsSql);
        rows.bind(1, MillisOf(now));
        rows.bind(2, limit);
        std::vector<DueReceipt> events;
        while (rows.executeStep()) {
          events.push_back(DueReceipt{.event_id = rows.getColumn(0).getInt64(),
                                      .order = OrderNumber{rows.getColumn(1).getString()},
                                      .attempts = rows.getColumn(2).getInt()});
        }
        return events;
      });
}

Result<ReceiptDelivery> SqliteDeliveryStore::Take(const DueReceipt& event,
                                                  const DeliveryRequest& request) {
  return database_.writer().Write<ReceiptDelivery>(
      [&](Connection& connection) { return TakeIn(connection, event, request); });
}

Result<void> SqliteDeliveryStore::Postpone(const DueReceipt& event, Timestamp until,
                                           const std::string& error) {
  return database_.writer().Write<void>([&](Connection& connection) -> Result<void> {
    SQLite::Statement& update = connection.Prepare(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
        "WHERE id = ? AND delivered_at IS NULL");
    update.bind(1, MillisOf(until));
    update.bind(2, error);
    update.bind(3, event.event_id);
    update.exec();
    return {};
  });
}

Result<std::pair<ReceiptDelivery, bool>> SqliteDeliveryStore::Request(
    const DeliveryRequest& request, const IdempotencyKey& key,
    KeptAnswer<ReceiptDelivery>* answer) {
  return database_.writer().Write<std::pair<ReceiptDelivery, bool>>(
      [&](Connection& connection) { return RequestIn(connection, request, key, answer); });
}

Result<std::vector<ReceiptDelivery>> SqliteDeliveryStore::Due(Timestamp now, int limit) const {
  return database_.readers().Read<std::vector<ReceiptDelivery>>(
      [&](Connection& connection) -> Result<std::vector<ReceiptDelivery>> {
        SQLite::Statement& rows = connection.Prepare(
            Select("WHERE d.state = 'queued' AND d.next_attempt_at <= ? ORDER BY d.id LIMIT ?"));
        rows.bind(1, MillisOf(now));
        rows.bind(2, limit);
        return DeliveriesFrom(rows);
      });
}

Result<std::vector<ReceiptDelivery>> SqliteDeliveryStore::ForOrder(
    const OrderNumber& number) const {
  return database_.readers().Read<std::vector<ReceiptDelivery>>(
      [&](Connection& connection) -> Result<std::vector<ReceiptDelivery>> {
        auto order_id = OrderIdOf(connection, number);
        if (!order_id) return Fail(order_id.error());
        SQLite::Statement& rows = connection.Prepare(Select("WHERE d.order_id = ? ORDER BY d.id"));
        rows.bind(1, *order_id);
        return DeliveriesFrom(rows);
      });
}

namespace {

// Claim of one delivery, inside the claim's transaction.
Result<ReceiptDelivery> ClaimIn(Connection& connection, DeliveryId id, Timestamp now) {
  SQLite::Statement& find = connection.Prepare(
      "SELECT d.state, d.kind, o.id, o.status FROM receipt_deliveries d "
      "JOIN orders o ON o.id = d.order_id WHERE d.id = ?");
  find.bind(1, id.value);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kNotFound,
                "There is no receipt delivery " + std::to_string(id.value) + ".");
  }
  const bool withdraw = find.getColumn(0).getString() == Name(DeliveryState::kQueued) &&
                        find.getColumn(1).getString() == Name(DeliveryKind::kReceipt) &&
                        find.getColumn(3).getString() == Name(OrderStatus::kCancelled);
  const std::int64_t order_id = find.getColumn(2).getInt64();
  find.reset();
  if (withdraw) {
    SQLite::Statement& withdrawn = connection.Prepare(
        "UPDATE receipt_deliveries SET state = 'withdrawn', next_attempt_at = NULL, "
        "error = ?, updated_at = ? WHERE id = ?");
    withdrawn.bind(1, WithdrawalReason(CancellationReasonOf(connection, order_id)));
    withdrawn.bind(2, MillisOf(now));
    withdrawn.bind(3, id.value);
    withdrawn.exec();
  }
  return FindById(connection, id.value);
}

// Update of one delivery, inside the outcomes' transaction.
Result<void> UpdateIn(Connection& connection, const ReceiptDelivery& delivery) {
  SQLite::Statement& current = connection.Prepare(
      "SELECT d.state, d.kind, o.id, o.status FROM receipt_deliveries d "
      "JOIN orders o ON o.id = d.order_id WHERE d.id = ?");
  current.bind(1, delivery.id.value);
  if (!current.executeStep()) {
    return Fail(ErrorCode::kNotFound,
                "There is no receipt delivery " + std::to_string(delivery.id.value) + ".");
  }
  const bool withdrawn = current.getColumn(0).getString() == Name(DeliveryState::kWithdrawn);
  const bool receipt = current.getColumn(1).getString() == Name(DeliveryKind::kReceipt);
  const std::int64_t order_id = current.getColumn(2).getInt64();
  const bool cancelled = current.getColumn(3).getString() == Name(OrderStatus::kCancelled);
  current.reset();
  const bool sent = delivery.state == DeliveryState::kSent;
  // Withdrawn while the mailer was sending it: only the server's acceptance changes that.
  if (withdrawn && !sent) return {};

  SQLite::Statement& update = connection.Prepare(
      "UPDATE receipt_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, "
      "server_reply = ?, error = ?, message_id = ?, updated_at = ?, sent_at = ? WHERE id = ?");
  update.bind(1, Name(delivery.state));
  update.bind(2, delivery.attempts);
  if (delivery.next_attempt_at) update.bind(3, MillisOf(*delivery.next_attempt_at));
  update.bind(4, delivery.server_reply);
  update.bind(5, delivery.error);
  update.bind(6, delivery.message_id);
  update.bind(7, MillisOf(delivery.updated_at));
  if (delivery.sent_at) update.bind(8, MillisOf(*delivery.sent_at));
  update.bind(9, delivery.id.value);
  update.exec();
  // The customer has the receipt of an order cancelled meanwhile: they are told.
  if (sent && receipt && cancelled) {
    QueueCancellationNotices(connection, order_id, delivery.updated_at);
  }
  return {};
}

}  // namespace

Result<std::vector<ReceiptDelivery>> SqliteDeliveryStore::Claim(const std::vector<DeliveryId>& ids,
                                                                Timestamp now) {
  if (ids.empty()) return std::vector<ReceiptDelivery>{};
  return database_.writer().Write<std::vector<ReceiptDelivery>>(
      [&](Connection& connection) -> Result<std::vector<ReceiptDelivery>> {
        std::vector<ReceiptDelivery> claimed;
        claimed.reserve(ids.size());
        for (const DeliveryId id : ids) {
          auto delivery = ClaimIn(connection, id, now);
          if (!delivery) return Fail(delivery.error());
          claimed.push_back(*std::move(delivery));
        }
        return claimed;
      });
}

Result<void> SqliteDeliveryStore::Update(const std::vector<ReceiptDelivery>& deliveries) {
  if (deliveries.empty()) return {};
  return database_.writer().Write<void>([&](Connection& connection) -> Result<void> {
    for (const ReceiptDelivery& delivery : deliveries) {
      auto updated = UpdateIn(connection, delivery);
      if (!updated) return Fail(updated.error());
    }
    return {};
  });
}

Result<std::int64_t> SqliteDeliveryStore::PostponeAll(Timestamp now, Timestamp until,
                                                      const std::string& error) {
  return database_.writer().Write<std::int64_t>(
      [&](Connection& connection) -> Result<std::int64_t> {
        SQLite::Statement& update = connection.Prepare(
            "UPDATE receipt_deliveries SET next_attempt_at = ?1, error = ?2, updated_at = ?3 "
            "WHERE state = 'queued' AND next_attempt_at <= ?3");
        update.bind(1, MillisOf(until));
        update.bind(2, error);
        update.bind(3, MillisOf(now));
        return static_cast<std::int64_t>(update.exec());
      });
}

}  // namespace commesso::sqlite
