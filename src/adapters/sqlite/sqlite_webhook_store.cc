#include "adapters/sqlite/sqlite_webhook_store.h"

#include <string>

#include <nlohmann/json.hpp>

#include "adapters/json/read_json.h"
#include "adapters/sqlite/handoff_writes.h"
#include "adapters/sqlite/idempotency.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"

namespace commesso::sqlite {
namespace {

// The public events not yet fanned out: the same condition as the partial index
// outbox_public_pending, so SQLite uses it.
constexpr const char* kPendingEvents =
    "SELECT id FROM outbox WHERE delivered_at IS NULL AND event NOT LIKE '%.due'";

using nlohmann::json;

// The columns SubscriptionFrom reads, in its order; the last four sum up the deliveries.
constexpr const char* kSubscriptionColumns =
    "s.id, s.url, s.events, s.created_by, s.created_at, s.disabled_at, "
    "(SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id "
    " AND d.state = 'queued'), "
    "(SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id "
    " AND d.state = 'failed'), "
    "(SELECT d.last_status FROM webhook_deliveries d WHERE d.subscription_id = s.id "
    " AND d.attempts > 0 ORDER BY d.updated_at DESC, d.id DESC LIMIT 1), "
    "(SELECT max(d.updated_at) FROM webhook_deliveries d WHERE d.subscription_id = s.id "
    " AND d.attempts > 0)";

// The columns DeliveryFrom reads, in its order.
constexpr const char* kDeliveryColumns =
    "d.id, d.key, d.subscription_id, d.outbox_id, o.number, d.event, d.state, d.attempts, "
    "d.next_attempt_at, d.last_status, d.last_error, d.response_snippet, d.created_at, "
    "d.updated_at, d.delivered_at";

std::optional<Timestamp> OptionalTime(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return TimestampOf(column.getInt64());
}

Result<WebhookSubscription> SubscriptionFrom(SQLite::Statement& row) {
  auto events = commesso::json::ReadJson(row.getColumn(2).getString());
  if (!events || !events->is_array()) {
    return Fail(ErrorCode::kInternal, "A webhook subscription's events are not a JSON array.");
  }
  WebhookSubscription subscription{
      .id = {row.getColumn(0).getInt64()},
      .url = row.getColumn(1).getString(),
      .created_by = row.getColumn(3).getString(),
      .created_at = TimestampOf(row.getColumn(4).getInt64()),
      .disabled_at = OptionalTime(row.getColumn(5)),
      .queued = row.getColumn(6).getInt64(),
      .failed = row.getColumn(7).getInt64(),
      .last_status = row.getColumn(8).isNull() ? 0 : row.getColumn(8).getInt(),
      .last_attempt_at = OptionalTime(row.getColumn(9))};
  subscription.active = !subscription.disabled_at.has_value();
  for (const json& event : *events) {
    if (event.is_string()) subscription.events.push_back(event.get<std::string>());
  }
  return subscription;
}

Result<WebhookSubscription> FindSubscription(Connection& connection, std::int64_t id) {
  SQLite::Statement& find = connection.Prepare(std::string("SELECT ") + kSubscriptionColumns +
                                               " FROM webhook_subscriptions s WHERE s.id = ?");
  find.bind(1, id);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kNotFound,
                "There is no webhook subscription " + std::to_string(id) + ".");
  }
  auto subscription = SubscriptionFrom(find);
  find.reset();
  return subscription;
}

Result<WebhookDelivery> DeliveryFrom(SQLite::Statement& row) {
  const std::string state = row.getColumn(6).getString();
  std::optional<WebhookDeliveryState> parsed = ParseWebhookDeliveryState(state);
  if (!parsed) {
    return Fail(ErrorCode::kInternal, "A webhook delivery has the unknown state " + state + ".");
  }
  return WebhookDelivery{.id = row.getColumn(0).getInt64(),
                         .key = row.getColumn(1).getString(),
                         .subscription = {row.getColumn(2).getInt64()},
                         .event_id = row.getColumn(3).getInt64(),
                         .order = OrderNumber{row.getColumn(4).getString()},
                         .event = row.getColumn(5).getString(),
                         .state = *parsed,
                         .attempts = row.getColumn(7).getInt(),
                         .next_attempt_at = OptionalTime(row.getColumn(8)),
                         .last_status = row.getColumn(9).getInt(),
                         .last_error = row.getColumn(10).getString(),
                         .response_snippet = row.getColumn(11).getString(),
                         .created_at = TimestampOf(row.getColumn(12).getInt64()),
                         .updated_at = TimestampOf(row.getColumn(13).getInt64()),
                         .delivered_at = OptionalTime(row.getColumn(14))};
}

std::string SelectDeliveries(const std::string& rest) {
  return std::string("SELECT ") + kDeliveryColumns +
         " FROM webhook_deliveries d JOIN orders o ON o.id = d.order_id " + rest;
}

Result<WebhookDelivery> FindDelivery(Connection& connection, std::int64_t id) {
  SQLite::Statement& find = connection.Prepare(SelectDeliveries("WHERE d.id = ?"));
  find.bind(1, id);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kNotFound, "There is no webhook delivery " + std::to_string(id) + ".");
  }
  auto delivery = DeliveryFrom(find);
  find.reset();
  return delivery;
}

Result<std::pair<WebhookSubscription, bool>> SubscribeIn(Connection& connection,
                                                         const NewWebhookSubscription& subscription,
                                                         const IdempotencyKey& key,
                                                         KeptAnswer<WebhookSubscription>* answer) {
  auto earlier = FindKey(connection, KeyScope::kWebhooks, key);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) {
    TellReplayed(answer, **earlier);
    auto first = FindSubscription(connection, (*earlier)->resource_id);
    if (!first) return Fail(first.error());
    return std::pair{*std::move(first), true};
  }
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO webhook_subscriptions (url, events, secret, after_outbox_id, created_by, "
      "created_at) VALUES (?1, ?2, ?3, (SELECT coalesce(max(id), 0) FROM outbox), ?4, ?5)");
  insert.bind(1, subscription.url);
  insert.bind(2, json(subscription.events).dump());
  insert.bind(3, subscription.secret);
  insert.bind(4, subscription.created_by);
  insert.bind(5, MillisOf(subscription.created_at));
  insert.exec();
  auto created = FindSubscription(connection, connection.database().getLastInsertRowid());
  if (!created) return Fail(created.error());
  RecordKey(connection, KeyScope::kWebhooks, key, created->id.value, AnswerFor(answer, *created));
  return std::pair{*std::move(created), false};
}

}  // namespace

Result<int> FanOutIn(Connection& connection, Timestamp now, int limit) {
  SQLite::Statement& events =
      connection.Prepare(std::string(kPendingEvents) + " ORDER BY id LIMIT ?");
  events.bind(1, limit);
  std::vector<std::int64_t> ids;
  while (events.executeStep()) ids.push_back(events.getColumn(0).getInt64());
  if (ids.empty()) return 0;

  // Without an active subscription (most businesses) the events are only marked fanned out.
  SQLite::Statement& active = connection.Prepare(
      "SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE disabled_at IS NULL)");
  active.executeStep();
  const bool subscribed = active.getColumn(0).getInt() != 0;
  active.reset();

  // A subscription gets the events written after it was created, and only those it asked
  // for. The delivery key is random: unique across databases and restores.
  SQLite::Statement& fan = connection.Prepare(
      "INSERT INTO webhook_deliveries (key, subscription_id, outbox_id, order_id, event, state, "
      "next_attempt_at, created_at, updated_at) "
      "SELECT 'whd_' || lower(hex(randomblob(16))), s.id, x.id, x.order_id, x.event, 'queued', "
      "?1, x.created_at, ?1 FROM outbox x JOIN webhook_subscriptions s "
      "ON s.disabled_at IS NULL AND s.after_outbox_id < x.id "
      "AND EXISTS (SELECT 1 FROM json_each(s.events) e WHERE e.value IN ('*', x.event)) "
      "WHERE x.id = ?2 ORDER BY s.id ON CONFLICT (subscription_id, outbox_id) DO NOTHING");
  SQLite::Statement& done = connection.Prepare(
      "UPDATE outbox SET delivered_at = ?, last_error = '' WHERE id = ? AND delivered_at IS NULL");
  for (const std::int64_t id : ids) {
    if (subscribed) {
      fan.tryReset();
      fan.clearBindings();
      fan.bind(1, MillisOf(now));
      fan.bind(2, id);
      fan.exec();
    }
    done.tryReset();
    done.clearBindings();
    done.bind(1, MillisOf(now));
    done.bind(2, id);
    done.exec();
  }
  return static_cast<int>(ids.size());
}

Result<std::pair<WebhookSubscription, bool>> SqliteWebhookStore::Subscribe(
    const NewWebhookSubscription& subscription, const IdempotencyKey& key,
    KeptAnswer<WebhookSubscription>* answer) {
  return database_.writer().Write<std::pair<WebhookSubscription, bool>>(
      [&](Connection& connection) { return SubscribeIn(connection, subscription, key, answer); });
}

Result<std::vector<WebhookSubscription>> SqliteWebhookStore::Subscriptions() const {
  return database_.readers().Read<std::vector<WebhookSubscription>>(
      [&](Connection& connection) -> Result<std::vector<WebhookSubscription>> {
        SQLite::Statement& rows = connection.Prepare(std::string("SELECT ") + kSubscriptionColumns +
                                                     " FROM webhook_subscriptions s ORDER BY s.id");
        std::vector<WebhookSubscription> subscriptions;
        while (rows.executeStep()) {
          auto subscription = SubscriptionFrom(rows);
          if (!subscription) return Fail(subscription.error());
          subscriptions.push_back(*std::move(subscription));
        }
        return subscriptions;
      });
}

Result<WebhookSubscription> SqliteWebhookStore::Subscription(WebhookSubscriptionId id) const {
  return database_.readers().Read<WebhookSubscription>(
      [&](Connection& connection) { return FindSubscription(connection, id.value); });
}

Result<WebhookSubscription> SqliteWebhookStore::Disable(WebhookSubscriptionId id, Timestamp now) {
  return database_.writer().Write<WebhookSubscription>([&](Connection& connection)
                                                           -> Result<WebhookSubscription> {
    SQLite::Statement& update = connection.Prepare(
        "UPDATE webhook_subscriptions SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL");
    update.bind(1, MillisOf(now));
    update.bind(2, id.value);
    update.exec();
    return FindSubscription(connection, id.value);
  });
}

Result<int> SqliteWebhookStore::FanOut(Timestamp now, int limit) {
  // Placements fan their own events out: most rounds find nothing, and ask only a reader.
  auto pending = database_.readers().Read<bool>([](Connection& connection) -> Result<bool> {
    SQLite::Statement& any =
        connection.Prepare(std::string("SELECT EXISTS (") + kPendingEvents + ")");
    any.executeStep();
    const bool found = any.getColumn(0).getInt() != 0;
    any.reset();
    return found;
  });
  if (!pending) return Fail(pending.error());
  if (!*pending) return 0;
  return database_.writer().Write<int>(
      [&](Connection& connection) { return FanOutIn(connection, now, limit); });
}

Result<std::vector<DueWebhook>> SqliteWebhookStore::Due(Timestamp now, int limit) const {
  return database_.readers().Read<std::vector<DueWebhook>>(
      [&](Connection& connection) -> Result<std::vector<DueWebhook>> {
        SQLite::Statement& rows = connection.Prepare(
            std::string("SELECT ") + kDeliveryColumns +
            ", s.url, s.secret, x.payload FROM webhook_deliveries d "
            "JOIN orders o ON o.id = d.order_id "
            "JOIN webhook_subscriptions s ON s.id = d.subscription_id "
            "JOIN outbox x ON x.id = d.outbox_id "
            "WHERE d.state = 'queued' AND d.next_attempt_at <= ? AND s.disabled_at IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e "
            "  WHERE e.subscription_id = d.subscription_id AND e.order_id = d.order_id "
            "  AND e.id < d.id AND e.state <> 'delivered') "
            "ORDER BY d.id LIMIT ?");
        rows.bind(1, MillisOf(now));
        rows.bind(2, limit);
        std::vector<DueWebhook> due;
        while (rows.executeStep()) {
          auto delivery = DeliveryFrom(rows);
          if (!delivery) return Fail(delivery.error());
          due.push_back(DueWebhook{.delivery = *std::move(delivery),
                                   .url = rows.getColumn(15).getString(),
                                   .secret = rows.getColumn(16).getString(),
                                   .payload = rows.getColumn(17).getString()});
        }
        return due;
      });
}

Result<void> SqliteWebhookStore::Update(const WebhookDelivery& delivery) {
  return database_.writer().Write<void>([&](Connection& connection) -> Result<void> {
    SQLite::Statement& update = connection.Prepare(
        "UPDATE webhook_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, "
        "last_status = ?, last_error = ?, response_snippet = substr(?, 1, 512), updated_at = ?, "
        "delivered_at = ? WHERE id = ?");
    update.bind(1, Name(delivery.state));
    update.bind(2, delivery.attempts);
    if (delivery.next_attempt_at) update.bind(3, MillisOf(*delivery.next_attempt_at));
    update.bind(4, delivery.last_status);
    update.bind(5, delivery.last_error);
    update.bind(6, delivery.response_snippet);
    update.bind(7, MillisOf(delivery.updated_at));
    if (delivery.delivered_at) update.bind(8, MillisOf(*delivery.delivered_at));
    update.bind(9, delivery.id);
    if (update.exec() == 0) {
      return Fail(ErrorCode::kNotFound,
                  "There is no webhook delivery " + std::to_string(delivery.id) + ".");
    }
    return {};
  });
}

Result<std::vector<WebhookDelivery>> SqliteWebhookStore::Deliveries(
    WebhookSubscriptionId id, int limit, std::optional<std::int64_t> before) const {
  return database_.readers().Read<std::vector<WebhookDelivery>>(
      [&](Connection& connection) -> Result<std::vector<WebhookDelivery>> {
        auto subscription = FindSubscription(connection, id.value);
        if (!subscription) return Fail(subscription.error());
        SQLite::Statement& rows = connection.Prepare(SelectDeliveries(
            "WHERE d.subscription_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?"));
        rows.bind(1, id.value);
        rows.bind(2, before.value_or(INT64_MAX));
        rows.bind(3, limit);
        std::vector<WebhookDelivery> deliveries;
        while (rows.executeStep()) {
          auto delivery = DeliveryFrom(rows);
          if (!delivery) return Fail(delivery.error());
          deliveries.push_back(*std::move(delivery));
        }
        return deliveries;
      });
}

Result<WebhookDelivery> SqliteWebhookStore::Replay(std::int64_t delivery_id, Timestamp now) {
  return database_.writer().Write<WebhookDelivery>(
      [&](Connection& connection) -> Result<WebhookDelivery> {
        SQLite::Statement& update = connection.Prepare(
            "UPDATE webhook_deliveries SET state = 'queued', attempts = 0, next_attempt_at = ?1, "
            "updated_at = ?1, delivered_at = NULL WHERE id = ?2");
        update.bind(1, MillisOf(now));
        update.bind(2, delivery_id);
        if (update.exec() == 0) {
          return Fail(ErrorCode::kNotFound,
                      "There is no webhook delivery " + std::to_string(delivery_id) + ".");
        }
        return FindDelivery(connection, delivery_id);
      });
}

}  // namespace commesso::sqlite
