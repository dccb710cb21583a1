#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "adapters/sqlite/database.h"
#include "app/ports/webhook_store.h"

namespace commesso::sqlite {

// The WebhookStore port on SQLite: webhook_subscriptions and webhook_deliveries (migration 9)
// fed from the public rows of the outbox (migration 3), whose delivered_at marks them fanned
// out: the fan-out is their only consumer. Writes go through the database's single writer,
// each in its own transaction; reads use reader connections. Borrows `database`, which must
// outlive it. Thread-safe.
class SqliteWebhookStore final : public WebhookStore {
 public:
  explicit SqliteWebhookStore(Database& database) : database_(database) {}

  Result<std::pair<WebhookSubscription, bool>> Subscribe(
      const NewWebhookSubscription& subscription, const IdempotencyKey& key,
      KeptAnswer<WebhookSubscription>* answer) override;
  Result<std::vector<WebhookSubscription>> Subscriptions() const override;
  Result<WebhookSubscription> Subscription(WebhookSubscriptionId id) const override;
  Result<WebhookSubscription> Disable(WebhookSubscriptionId id, Timestamp now) override;
  Result<int> FanOut(Timestamp now, int limit) override;
  Result<std::vector<DueWebhook>> Due(Timestamp now, int limit) const override;
  Result<void> Update(const WebhookDelivery& delivery) override;
  Result<std::vector<WebhookDelivery>> Deliveries(
      WebhookSubscriptionId id, int limit, std::optional<std::int64_t> before) const override;
  Result<WebhookDelivery> Replay(std::int64_t delivery_id, Timestamp now) override;

 private:
  Database& database_;
};

}  // namespace commesso::sqlite
