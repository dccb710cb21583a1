#include "adapters/sqlite/sqlite_order_store.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/json/domain_json.h"
#include "adapters/json/iso_time.h"
#include "adapters/json/read_json.h"
#include "adapters/sqlite/cursor.h"
#include "adapters/sqlite/documents.h"
#include "adapters/sqlite/handoff_writes.h"
#include "adapters/sqlite/idempotency.h"
#include "adapters/sqlite/order_rows.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"
#include "adapters/sqlite/year_counter.h"
#include "core/invariant.h"

namespace commesso::sqlite {

using Json = nlohmann::json;

Result<Order> OrderFrom(SQLite::Statement& row, OrderState state) {
  const std::int64_t id = row.getColumn(0).getInt64();
  std::string number = row.getColumn(1).getString();
  auto snapshot = json::ReadJson(row.getColumn(2).getString());
  if (!snapshot) {
    return Fail(ErrorCode::kInternal, "The stored order " + number + " is not valid JSON.");
  }
  auto order = json::OrderFromJson(*snapshot);
  if (!order) {
    return Fail(ErrorCode::kInternal,
                "The stored order " + number + " cannot be read: " + order.error().message);
  }
  order->id = OrderId{id};
  order->number = OrderNumber{std::move(number)};
  if (state == OrderState::kAsPlaced) return order;
  order->revision = row.getColumn(3).getInt64();
  const std::string status = row.getColumn(4).getString();
  std::optional<OrderStatus> parsed = ParseOrderStatus(status);
  if (!parsed) {
    return Fail(ErrorCode::kInternal, "The stored order " + order->number.value +
                                          " has the unknown status " + status + ".");
  }
  order->status = *parsed;
  return order;
}

void InsertHistory(Connection& connection, std::int64_t order_id, const OrderEvent& event) {
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO order_events (order_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, order_id);
  insert.bind(2, MillisOf(event.at));
  insert.bind(3, event.actor);
  insert.bind(4, Name(event.kind));
  insert.bind(5, event.detail);
  insert.exec();
}

namespace {

// Public events a placement fans out to the webhook subscriptions in its own transaction.
constexpr int kFanOutWithPlacement = 32;

std::string NumberText(int business_year, std::int64_t number) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%06lld", business_year, static_cast<long long>(number));
  return text;
}

// The order a key placed, as placed: a replay answers what the placement answered, whatever
// became of the order since (docs/decisions/0017).
Result<Order> FindPlaced(Connection& connection, std::int64_t id) {
  SQLite::Statement& find =
      connection.Prepare(std::string("SELECT ") + kOrderColumns + " FROM orders WHERE id = ?");
  find.bind(1, id);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kInternal, "An idempotency key refers to an order that is missing.");
  }
  return OrderFrom(find, OrderState::kAsPlaced);
}

// Reserves stock for every tracked line of `order`, filling in its backorders; the units taken
// from stock per line (0 for an untracked item), which a cancellation puts back. kRejected
// with one field error per line short of stock whose item refuses backorders.
Result<std::vector<std::int64_t>> ReserveStock(Connection& connection, Order& order) {
  SQLite::Statement& stock = connection.Prepare(
      "SELECT track_stock, stock_on_hand, backorder_policy FROM items WHERE id = ?");
  SQLite::Statement& take =
      connection.Prepare("UPDATE items SET stock_on_hand = stock_on_hand - ? WHERE id = ?");
  std::vector<FieldError> short_lines;
  std::vector<std::int64_t> taken(order.priced.lines.size(), 0);
  for (std::size_t i = 0; i < order.priced.lines.size(); ++i) {
    PricedLine& line = order.priced.lines[i];
    line.backordered = 0;
    stock.tryReset();
    stock.bind(1, line.item.id.value);
    if (!stock.executeStep()) {
      return Fail(ErrorCode::kNotFound, "The item " + line.item.sku + " no longer exists.");
    }
    if (stock.getColumn(0).getInt() == 0) continue;
    const std::int64_t available = std::max<std::int64_t>(stock.getColumn(1).getInt64(), 0);
    const bool refuses = stock.getColumn(2).getString() == Name(BackorderPolicy::kRefuse);
    const std::int64_t reserved = std::min(available, line.quantity);
    const std::int64_t missing = line.quantity - reserved;
    if (missing > 0 && refuses) {
      short_lines.push_back({"lines[" + std::to_string(i) + "].quantity",
                             "only " + std::to_string(available) + " in stock"});
      continue;
    }
    line.backordered = missing;
    taken[i] = reserved;
    if (reserved > 0) {
      take.tryReset();
      take.bind(1, reserved);
      take.bind(2, line.item.id.value);
      take.exec();
    }
  }
  if (!short_lines.empty()) {
    return Fail(Error{.code = ErrorCode::kRejected,
                      .message = "not enough stock",
                      .fields = std::move(short_lines)});
  }
  return taken;
}

// The order's snapshot, written here, on the writer, once the number and the backorders are
// known, straight into its buffer (no tree).
std::int64_t InsertOrder(Connection& connection, const Order& order, int business_year) {
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO orders (number, business_year, customer_id, channel, status, placed_at, "
      "currency, net_total_minor, tax_total_minor, grand_total_minor, snapshot, revision) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const Totals& totals = order.priced.totals;
  insert.bind(1, order.number.value);
  insert.bind(2, business_year);
  insert.bind(3, order.customer.id.value);
  insert.bind(4, Name(order.channel));
  insert.bind(5, Name(order.status));
  insert.bind(6, MillisOf(order.placed_at));
  insert.bind(7, std::string(order.priced.currency.code()));
  insert.bind(8, totals.net.minor());
  insert.bind(9, totals.tax.minor());
  insert.bind(10, totals.grand_total.minor());
  insert.bind(11, json::StoredText(order));
  insert.bind(12, order.revision);
  insert.exec();
  return connection.database().getLastInsertRowid();
}

// `reserved`: the units each line took from stock (ReserveStock).
void InsertLines(Connection& connection, const Order& order, std::int64_t order_id,
                 const std::vector<std::int64_t>& reserved) {
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO order_lines (order_id, line_no, item_id, sku, quantity, unit_price_minor, "
      "amount_minor, currency, backordered, reserved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < order.priced.lines.size(); ++i) {
    const PricedLine& line = order.priced.lines[i];
    insert.tryReset();
    insert.bind(1, order_id);
    insert.bind(2, static_cast<std::int64_t>(i + 1));
    insert.bind(3, line.item.id.value);
    insert.bind(4, line.item.sku);
    insert.bind(5, line.quantity);
    insert.bind(6, line.unit_price.minor());
    insert.bind(7, line.amount.minor());
    insert.bind(8, std::string(line.amount.currency().code()));
    insert.bind(9, line.backordered);
    insert.bind(10, reserved[i]);
    insert.exec();
  }
}

void InsertPayment(Connection& connection, const Order& order, std::int64_t order_id) {
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO payments (order_id, type, status, amount_minor, currency, card_brand, "
      "card_last4, processor_token, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const Payment& payment = order.payment;
  const Money due = order.priced.totals.amount_due;
  insert.bind(1, order_id);
  insert.bind(2, Name(payment.type));
  insert.bind(3, Name(payment.status));
  insert.bind(4, due.minor());
  insert.bind(5, std::string(due.currency().code()));
  insert.bind(6, payment.card.brand);
  insert.bind(7, payment.card.last4);
  insert.bind(8, payment.card.token);
  insert.bind(9, payment.reference);
  insert.exec();
}

// The payload of order.placed. The grand total is a decimal string ("1234.50"), never a
// binary floating-point number.
Json PlacedPayload(const Order& order) {
  const std::string total = DebugString(order.priced.totals.grand_total);
  Json payload{{"order", order.number.value},
               {"placed_at", json::FormatTimestamp(order.placed_at)},
               {"channel", Name(order.channel)},
               {"customer", {{"id", order.customer.id.value}, {"name", order.customer.name}}},
               {"currency", std::string(order.priced.currency.code())},
               {"grand_total", total.substr(0, total.rfind(' '))},
               {"order_status", "placed"}};
  if (order.promised_dispatch) {
    payload["promised_dispatch"] = json::FormatDate(*order.promised_dispatch);
  }
  return payload;
}

// The ids of the receipt.due and fulfillment.due events InsertEvents wrote.
struct DueEvents {
  std::int64_t receipt = 0;
  std::int64_t fulfillment = 0;
};

// Writes the order's outbox events. `handed_on`: the placement does what the receipt.due and
// fulfillment.due events ask in its own transaction, so they are written as done.
DueEvents InsertEvents(Connection& connection, const Order& order, std::int64_t order_id,
                       bool handed_on) {
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO outbox (order_id, event, payload, created_at, next_attempt_at, delivered_at) "
      "VALUES (?1, ?2, ?3, ?4, ?4, ?5)");
  const std::string payload =
      json::Dump(Json{{"order_id", order_id}, {"number", order.number.value}});
  const std::int64_t now = NowMillis();
  DueEvents due;
  for (std::int64_t* id : {&due.receipt, &due.fulfillment}) {
    insert.tryReset();
    insert.clearBindings();
    insert.bind(1, order_id);
    insert.bind(2, id == &due.receipt ? "receipt.due" : "fulfillment.due");
    insert.bind(3, payload);
    insert.bind(4, now);
    if (handed_on) insert.bind(5, now);
    insert.exec();
    *id = connection.database().getLastInsertRowid();
  }
  // The public event webhooks send (docs/webhooks.md), in the same transaction as the order.
  insert.tryReset();
  insert.clearBindings();
  insert.bind(1, order_id);
  insert.bind(2, "order.placed");
  insert.bind(3, json::Dump(PlacedPayload(order)));
  insert.bind(4, now);
  insert.exec();
  return due;
}

// What the scheduler, the mailer and the webhook dispatcher would each do for the order in a
// transaction of their own, done in the placement's (OrderStore::Place with a handoff).
Result<void> HandOn(Connection& connection, const Order& order, std::int64_t order_id,
                    const DueEvents& due, const Document& receipt, const Handoff& handoff) {
  // Backorders are known only now, from the stock this transaction reserved.
  std::vector<NewTask> planned = handoff.tasks;
  for (NewTask& task : planned) {
    for (TaskLine& line : task.plan.lines) {
      const auto index = static_cast<std::size_t>(line.line_no - 1);
      COMMESSO_INVARIANT(index < order.priced.lines.size(), "a task line is a line of the order");
      line.backordered = order.priced.lines[index].backordered;
    }
  }
  auto planned_written = WritePlan(connection, order_id, order.number, order.status,
                                   due.fulfillment, planned, handoff.holds, order.placed_at);
  if (!planned_written) return Fail(planned_written.error());
  InsertPlacementDelivery(connection, order_id,
                          DeliveryRequest{.order = order.number,
                                          .document_number = receipt.number,
                                          .to = order.customer.email,
                                          .requested_by = std::string(kPlacementRequester),
                                          .requested_at = order.placed_at,
                                          .refusal = handoff.receipt_refusal},
                          due.receipt);
  // The order's own events and any left before it: a handful, so one round takes them all.
  auto fanned = FanOutIn(connection, order.placed_at, kFanOutWithPlacement);
  if (!fanned) return Fail(fanned.error());
  return {};
}

// Who placed `order`, for its history: the clerk who took it, else the caller that sent it.
std::string PlacedBy(const Order& order) {
  if (!order.clerk.empty()) return order.clerk;
  if (!order.placed_by.empty()) return order.placed_by;
  return "unknown";
}

// The entry the order was typed in is done: its placement key is the order's key. Only the
// caller's own draft: another's placement key places the caller's order and leaves that draft.
void DeletePlacedDraft(Connection& connection, const IdempotencyKey& key) {
  if (key.value.empty()) return;
  SQLite::Statement& remove =
      connection.Prepare("DELETE FROM drafts WHERE placement_key = ? AND owner = ?");
  remove.bind(1, key.value);
  remove.bind(2, key.principal);
  remove.exec();
}

Result<StoredPlacement> PlaceIn(Connection& connection, const Order& order,
                                const IdempotencyKey& key, int business_year,
                                const DocumentSettings& documents,
                                const std::optional<Handoff>& handoff) {
  auto earlier = FindKey(connection, KeyScope::kOrders, key);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) {
    auto first = FindPlaced(connection, (*earlier)->resource_id);
    if (!first) return Fail(first.error());
    return StoredPlacement{.order = *std::move(first), .replayed = true};
  }

  Order stored = order;
  auto reserved = ReserveStock(connection, stored);
  if (!reserved) return Fail(reserved.error());

  // Taken last, after every check that could refuse the order; were a later step to fail
  // anyway, the savepoint takes the number back with everything else.
  stored.number = OrderNumber{
      NumberText(business_year, NextInYear(connection, "order_counters", business_year))};
  const std::int64_t order_id = InsertOrder(connection, stored, business_year);
  stored.id = OrderId{order_id};
  InsertLines(connection, stored, order_id, *reserved);
  InsertPayment(connection, stored, order_id);
  const DueEvents due = InsertEvents(connection, stored, order_id, handoff.has_value());
  InsertHistory(connection, order_id,
                OrderEvent{.at = stored.placed_at,
                           .actor = PlacedBy(stored),
                           .kind = OrderEventKind::kPlaced,
                           .detail = "revision " + std::to_string(stored.revision)});
  // The receipt, numbered in the same transaction: a placed order always has one, and a
  // placement rolled back takes its number back, so receipt numbers have no gap either.
  // Its row does not repeat the order: the order's snapshot is its order (decision 0025).
  const Document receipt = IssueIn(connection, stored, std::nullopt, DocumentKind::kReceipt,
                                   business_year, stored.placed_at, documents);
  if (handoff) {
    auto handed = HandOn(connection, stored, order_id, due, receipt, *handoff);
    if (!handed) return Fail(handed.error());
  }
  RecordKey(connection, KeyScope::kOrders, key, order_id);
  DeletePlacedDraft(connection, key);
  return StoredPlacement{.order = std::move(stored), .replayed = false};
}

Result<Page<Order>> ListIn(Connection& connection, const OrderQuery& query, int limit,
                           const std::string& cursor) {
  std::optional<TimeAndId> after;
  if (!cursor.empty()) {
    after = DecodeTimeAndId(cursor);
    if (!after) return BadCursor();
  }

  // At most 64 shapes of this statement, each prepared once per connection.
  std::string sql = std::string("SELECT ") + kOrderColumns + ", placed_at FROM orders WHERE 1 = 1";
  if (query.channel) sql += " AND channel = :channel";
  if (query.status) sql += " AND status = :status";
  if (query.customer_id) sql += " AND customer_id = :customer_id";
  if (query.placed_from) sql += " AND placed_at >= :placed_from";
  if (query.placed_until) sql += " AND placed_at < :placed_until";
  if (after) sql += " AND (placed_at, id) < (:after_placed_at, :after_id)";
  sql += " ORDER BY placed_at DESC, id DESC LIMIT :count";

  SQLite::Statement& rows = connection.Prepare(sql);
  if (query.channel) rows.bind(":channel", Name(*query.channel));
  if (query.status) rows.bind(":status", Name(*query.status));
  if (query.customer_id) rows.bind(":customer_id", query.customer_id->value);
  if (query.placed_from) rows.bind(":placed_from", MillisOf(*query.placed_from));
  if (query.placed_until) rows.bind(":placed_until", MillisOf(*query.placed_until));
  if (after) {
    rows.bind(":after_placed_at", after->at);
    rows.bind(":after_id", after->id);
  }
  rows.bind(":count", limit + 1);

  Page<Order> page;
  std::int64_t last_placed_at = 0;
  while (rows.executeStep()) {
    if (static_cast<int>(page.entries.size()) == limit) {
      page.next_cursor =
          EncodeCursor(TimeAndId{.at = last_placed_at, .id = page.entries.back().id.value});
      break;
    }
    auto order = OrderFrom(rows);
    if (!order) return Fail(order.error());
    last_placed_at = rows.getColumn(5).getInt64();
    page.entries.push_back(*std::move(order));
  }
  return page;
}

// The id and current revision of the order `number`; kNotFound when there is none.
struct OrderRow {
  std::int64_t id = 0;
  std::int64_t revision = 0;
};
Result<OrderRow> FindRow(Connection& connection, const OrderNumber& number) {
  SQLite::Statement& find = connection.Prepare("SELECT id, revision FROM orders WHERE number = ?");
  find.bind(1, number.value);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kNotFound, "There is no order " + number.value + ".");
  }
  return OrderRow{.id = find.getColumn(0).getInt64(), .revision = find.getColumn(1).getInt64()};
}

constexpr const char* kConfirmationColumns = "revision, confirmed_by, principal, confirmed_at";

Confirmation ConfirmationFrom(SQLite::Statement& row) {
  return Confirmation{.revision = row.getColumn(0).getInt64(),
                      .by = row.getColumn(1).getString(),
                      .principal = row.getColumn(2).getString(),
                      .confirmed_at = TimestampOf(row.getColumn(3).getInt64())};
}

Result<StoredConfirmation> ConfirmIn(Connection& connection, const OrderNumber& number,
                                     const Confirmation& confirmation, const IdempotencyKey& key) {
  auto earlier = FindKey(connection, KeyScope::kConfirmations, key);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) {
    SQLite::Statement& find = connection.Prepare(std::string("SELECT ") + kConfirmationColumns +
                                                 " FROM order_confirmations WHERE id = ?");
    find.bind(1, (*earlier)->resource_id);
    if (!find.executeStep()) {
      return Fail(ErrorCode::kInternal, "An idempotency key refers to a missing confirmation.");
    }
    return StoredConfirmation{.confirmation = ConfirmationFrom(find), .replayed = true};
  }

  auto order = FindRow(connection, number);
  if (!order) return Fail(order.error());
  auto allowed = CanConfirm(order->revision, confirmation.revision);
  if (!allowed) return Fail(allowed.error());

  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO order_confirmations (order_id, revision, confirmed_by, principal, "
      "confirmed_at) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, order->id);
  insert.bind(2, confirmation.revision);
  insert.bind(3, confirmation.by);
  insert.bind(4, confirmation.principal);
  insert.bind(5, MillisOf(confirmation.confirmed_at));
  insert.exec();
  const std::int64_t confirmation_id = connection.database().getLastInsertRowid();
  std::string detail = "revision " + std::to_string(confirmation.revision);
  if (confirmation.principal != confirmation.by)
    detail += ", recorded by " + confirmation.principal;
  InsertHistory(connection, order->id,
                OrderEvent{.at = confirmation.confirmed_at,
                           .actor = confirmation.by,
                           .kind = OrderEventKind::kConfirmed,
                           .detail = std::move(detail)});
  RecordKey(connection, KeyScope::kConfirmations, key, confirmation_id);
  return StoredConfirmation{.confirmation = confirmation, .replayed = false};
}

}  // namespace

Result<StoredPlacement> SqliteOrderStore::Place(const Order& order, const IdempotencyKey& key,
                                                int business_year,
                                                const std::optional<Handoff>& handoff) {
  return database_.writer().Write<StoredPlacement>([&](Connection& connection) {
    return PlaceIn(connection, order, key, business_year, documents_, handoff);
  });
}

void SqliteOrderStore::PlaceAsync(Order order, IdempotencyKey key, int business_year,
                                  std::optional<Handoff> handoff, Placed then) {
  database_.writer().Post<StoredPlacement>(
      [this, order = std::move(order), key = std::move(key), business_year,
       handoff = std::move(handoff)](Connection& connection) mutable {
        return PlaceIn(connection, order, key, business_year, documents_, handoff);
      },
      std::move(then));
}

Result<std::optional<Order>> SqliteOrderStore::FindByKey(const IdempotencyKey& key) const {
  return database_.readers().Read<std::optional<Order>>(
      [&](Connection& connection) -> Result<std::optional<Order>> {
        auto earlier = FindKey(connection, KeyScope::kOrders, key);
        if (!earlier) return Fail(earlier.error());
        if (!*earlier) return std::optional<Order>{};
        auto order = FindPlaced(connection, (*earlier)->resource_id);
        if (!order) return Fail(order.error());
        return std::optional<Order>{*std::move(order)};
      });
}

Result<Order> SqliteOrderStore::FindByNumber(const OrderNumber& number) const {
  return database_.readers().Read<Order>([&](Connection& connection) -> Result<Order> {
    SQLite::Statement& find = connection.Prepare(std::string("SELECT ") + kOrderColumns +
                                                 " FROM orders WHERE number = ?");
    find.bind(1, number.value);
    if (!find.executeStep()) {
      return Fail(ErrorCode::kNotFound, "There is no order " + number.value + ".");
    }
    return OrderFrom(find);
  });
}

Result<Page<Order>> SqliteOrderStore::List(const OrderQuery& query, int limit,
                                           const std::string& cursor) const {
  return database_.readers().Read<Page<Order>>(
      [&](Connection& connection) { return ListIn(connection, query, ClampLimit(limit), cursor); });
}

}  // namespace commesso::sqlite

namespace commesso::sqlite {

Result<StoredConfirmation> SqliteOrderStore::Confirm(const OrderNumber& number,
                                                     const Confirmation& confirmation,
                                                     const IdempotencyKey& key) {
  return database_.writer().Write<StoredConfirmation>(
      [&](Connection& connection) { return ConfirmIn(connection, number, confirmation, key); });
}

Result<std::vector<Confirmation>> SqliteOrderStore::Confirmations(const OrderNumber& number) const {
  return database_.readers().Read<std::vector<Confirmation>>(
      [&](Connection& connection) -> Result<std::vector<Confirmation>> {
        auto order = FindRow(connection, number);
        if (!order) return Fail(order.error());
        SQLite::Statement& rows =
            connection.Prepare(std::string("SELECT ") + kConfirmationColumns +
                               " FROM order_confirmations WHERE order_id = ? ORDER BY id");
        rows.bind(1, order->id);
        std::vector<Confirmation> confirmations;
        while (rows.executeStep()) confirmations.push_back(ConfirmationFrom(rows));
        return confirmations;
      });
}

Result<std::vector<OrderEvent>> SqliteOrderStore::History(const OrderNumber& number) const {
  return database_.readers().Read<std::vector<OrderEvent>>(
      [&](Connection& connection) -> Result<std::vector<OrderEvent>> {
        auto order = FindRow(connection, number);
        if (!order) return Fail(order.error());
        SQLite::Statement& rows = connection.Prepare(
            "SELECT at, actor, kind, detail FROM order_events WHERE order_id = ? ORDER BY id");
        rows.bind(1, order->id);
        std::vector<OrderEvent> events;
        while (rows.executeStep()) {
          const std::string kind = rows.getColumn(2).getString();
          std::optional<OrderEventKind> parsed = ParseOrderEventKind(kind);
          if (!parsed) {
            return Fail(ErrorCode::kInternal, "The history of order " + number.value +
                                                  " has an event of unknown kind " + kind + ".");
          }
          events.push_back(OrderEvent{.at = TimestampOf(rows.getColumn(0).getInt64()),
                                      .actor = rows.getColumn(1).getString(),
                                      .kind = *parsed,
                                      .detail = rows.getColumn(3).getString()});
        }
        return events;
      });
}

}  // namespace commesso::sqlite
