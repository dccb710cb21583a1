#include "adapters/sqlite/idempotency.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "adapters/sqlite/sqlite_fixtures.h"
#include "adapters/sqlite/sqlite_webhook_store.h"
#include "app/ports/kept_answer.h"
#include "support/pricing_fixtures.h"

// Idempotency keys in the stores (docs/decisions/0017): each principal's own, recorded with
// the first answer in the transaction that creates, and carried over by migration 11.
namespace commesso::sqlite {
namespace {

using commesso::testing::At;
using commesso::testing::CustomerIn;
using commesso::testing::Good;
using commesso::testing::OrderOf;
using commesso::testing::RowCount;
using commesso::testing::SqliteStores;

// Key `value` of `principal` for a request with fingerprint "f".
IdempotencyKey KeyOf(const std::string& principal, const std::string& value) {
  return IdempotencyKey{.value = value, .fingerprint = "f", .principal = principal};
}

EntryDraft DraftOf(const std::string& owner, const std::string& placement_key) {
  const Timestamp now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return EntryDraft{.channel = Channel::kPhone,
                    .owner = owner,
                    .placement_key = placement_key,
                    .content = "{}",
                    .created_at = now,
                    .updated_at = now};
}

class IdempotencyTest : public ::testing::Test {
 protected:
  SqliteStores stores_;
};

TEST_F(IdempotencyTest, AnotherPrincipalsSameKeyCreatesAnotherResource) {
  const Customer customer = CustomerIn("IT");

  auto annas = stores_.customers().Create(customer, KeyOf("anna", "k"), nullptr);
  auto brunos = stores_.customers().Create(customer, KeyOf("key:shop", "k"), nullptr);
  auto annas_again = stores_.customers().Create(customer, KeyOf("anna", "k"), nullptr);

  ASSERT_TRUE(annas.has_value()) << annas.error().message;
  ASSERT_TRUE(brunos.has_value()) << brunos.error().message;
  ASSERT_TRUE(annas_again.has_value()) << annas_again.error().message;
  EXPECT_NE(brunos->id, annas->id);
  EXPECT_EQ(annas_again->id, annas->id);
  EXPECT_EQ(RowCount(stores_.path(), "customers"), 2);
}

TEST_F(IdempotencyTest, KeepsTheFirstAnswerAndHandsItBackOnAReplay) {
  const auto render = [](const Item& item) {
    // Any bytes: a line break and a NUL come back as they were.
    return item.sku + "\r\n" + std::string(1, '\0') + std::to_string(item.unit_price.minor());
  };
  KeptAnswer<Item> first(render);
  auto created = stores_.catalog().Create(Good("PEN-1", 150), KeyOf("anna", "k"), &first);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  Item changed = *created;
  changed.unit_price = Money(990, kEur);
  ASSERT_TRUE(stores_.catalog().Update(changed).has_value());

  KeptAnswer<Item> replay(render);
  auto again = stores_.catalog().Create(Good("PEN-1", 150), KeyOf("anna", "k"), &replay);

  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_FALSE(first.replayed());
  EXPECT_TRUE(replay.replayed());
  EXPECT_EQ(replay.kept(), render(*created));
  EXPECT_EQ(again->unit_price.minor(), 990);  // The item itself is as it is now.
}

TEST_F(IdempotencyTest, AKeyRecordedWithoutAnAnswerReplaysWithNothingKept) {
  ASSERT_TRUE(stores_.catalog().Create(Good("PEN-1", 150), KeyOf("anna", "k"), nullptr));
  KeptAnswer<Item> replay([](const Item&) { return std::string("never"); });

  auto again = stores_.catalog().Create(Good("PEN-1", 150), KeyOf("anna", "k"), &replay);

  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_TRUE(replay.replayed());
  EXPECT_EQ(replay.kept(), std::nullopt);
}

TEST_F(IdempotencyTest, ADraftPlacedSinceReplaysItsKeptAnswer) {
  KeptAnswer<EntryDraft> first([](const EntryDraft& draft) { return draft.placement_key; });
  auto created = stores_.drafts().Create(DraftOf("anna", "pk"), KeyOf("anna", "d"), &first);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  ASSERT_TRUE(stores_.drafts().Delete(created->id, "anna").has_value());
  KeptAnswer<EntryDraft> replay([](const EntryDraft&) { return std::string("never"); });

  auto again = stores_.drafts().Create(DraftOf("anna", "pk-2"), KeyOf("anna", "d"), &replay);

  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->id, created->id);
  EXPECT_EQ(replay.kept(), "pk");
}

TEST_F(IdempotencyTest, PlacingWithAPlacementKeyDeletesOnlyTheCallersOwnDraft) {
  const Customer customer =
      stores_.customers().Create(CustomerIn("IT"), KeyOf("", "c"), nullptr).value();
  const Item pen = stores_.catalog().Create(Good("PEN-1", 150), KeyOf("", "i"), nullptr).value();
  const EntryDraft draft =
      stores_.drafts().Create(DraftOf("anna", "pk"), KeyOf("anna", "d"), nullptr).value();

  auto brunos = stores_.orders().Place(OrderOf(customer, {{pen, 1}}), KeyOf("bruno", "pk"), 2026);
  const bool left = stores_.drafts().Find(draft.id, "anna").has_value();
  auto annas = stores_.orders().Place(OrderOf(customer, {{pen, 1}}), KeyOf("anna", "pk"), 2026);

  ASSERT_TRUE(brunos.has_value()) << brunos.error().message;
  ASSERT_TRUE(annas.has_value()) << annas.error().message;
  EXPECT_TRUE(left);
  EXPECT_FALSE(annas->replayed);
  EXPECT_NE(annas->order.number, brunos->order.number);
  EXPECT_EQ(stores_.drafts().Find(draft.id, "anna").error().code, ErrorCode::kNotFound);
}

TEST_F(IdempotencyTest, AReplayOfAPlacementAnswersTheOrderAsPlaced) {
  const Customer customer =
      stores_.customers().Create(CustomerIn("IT"), KeyOf("", "c"), nullptr).value();
  const Item pen = stores_.catalog().Create(Good("PEN-1", 150), KeyOf("", "i"), nullptr).value();
  auto placed = stores_.orders().Place(OrderOf(customer, {{pen, 1}}), KeyOf("anna", "o"), 2026);
  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  {
    SQLite::Database writer(stores_.path(), SQLite::OPEN_READWRITE);
    writer.exec("UPDATE orders SET status = 'released', revision = 2");
  }

  auto replay = stores_.orders().Place(OrderOf(customer, {{pen, 1}}), KeyOf("anna", "o"), 2026);
  auto found = stores_.orders().FindByKey(KeyOf("anna", "o"));

  ASSERT_TRUE(replay.has_value()) << replay.error().message;
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->order.status, OrderStatus::kPlaced);
  EXPECT_EQ(replay->order.revision, 1);
  EXPECT_EQ(replay->order.number, placed->order.number);
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->status, OrderStatus::kPlaced);
  EXPECT_EQ(stores_.orders().FindByNumber(placed->order.number)->status, OrderStatus::kReleased);
  EXPECT_EQ(stores_.orders().FindByKey(KeyOf("bruno", "o")).value(), std::nullopt);
}

// A database as it was before migration 11 (idempotency keys without principal or answer, and
// the keys of receipt deliveries, shipments and subscriptions on their rows) is opened again.
// Migrations after 11 run again too: they must not mind.
TEST_F(IdempotencyTest, MigrationElevenKeepsTheCallerOfEarlierKeysWhereTheRowNamesIt) {
  const Customer customer =
      stores_.customers().Create(CustomerIn("IT"), KeyOf("", "c"), nullptr).value();
  const EntryDraft draft =
      stores_.drafts().Create(DraftOf("anna", "pk"), KeyOf("", "x"), nullptr).value();
  stores_.Close();
  {
    // Recent keys (the purge at open drops those older than a week).
    const std::string recent = "9999999999999";
    SQLite::Database writer(stores_.path(), SQLite::OPEN_READWRITE);
    writer.exec(
        "DROP TABLE idempotency_keys;"
        "CREATE TABLE idempotency_keys (scope TEXT NOT NULL, key TEXT NOT NULL, "
        "fingerprint TEXT NOT NULL, resource_id INTEGER NOT NULL, created_at INTEGER NOT NULL, "
        "PRIMARY KEY (scope, key)) STRICT;"
        "INSERT INTO idempotency_keys VALUES ('drafts', 'draft-k', 'f', " +
        std::to_string(draft.id.value) + ", " + recent + "), ('customers', 'customer-k', 'f', " +
        std::to_string(customer.id.value) + ", " + recent +
        ");"
        "INSERT INTO webhook_subscriptions (url, events, secret, after_outbox_id, created_by, "
        "created_at, request_key, request_fingerprint) VALUES ('https://hooks.example/in', "
        "'[\"*\"]', 'whsec_x', 0, 'key:shop', " +
        recent +
        ", 'hook-k', 'f');"
        "DELETE FROM schema_migrations WHERE version >= (SELECT version FROM schema_migrations "
        "WHERE name = 'idempotency keys per caller, with the first answer');");
  }

  stores_.Reopen();
  SqliteWebhookStore webhooks(stores_.database());

  KeptAnswer<EntryDraft> replay([](const EntryDraft&) { return std::string("never"); });
  auto annas = stores_.drafts().Create(DraftOf("anna", "pk-2"), KeyOf("anna", "draft-k"), &replay);
  auto brunos =
      stores_.drafts().Create(DraftOf("bruno", "pk-3"), KeyOf("bruno", "draft-k"), nullptr);
  auto customers = stores_.customers().Create(customer, KeyOf("anna", "customer-k"), nullptr);
  auto hook = webhooks.Subscribe({.url = "https://hooks.example/in", .events = {"*"}},
                                 KeyOf("key:shop", "hook-k"), nullptr);

  ASSERT_TRUE(annas.has_value()) << annas.error().message;
  EXPECT_EQ(annas->id, draft.id);
  EXPECT_TRUE(replay.replayed());
  EXPECT_EQ(replay.kept(), std::nullopt);
  ASSERT_TRUE(brunos.has_value()) << brunos.error().message;
  EXPECT_NE(brunos->id, draft.id);
  // Who created a customer was not recorded: its key is nobody's now.
  ASSERT_TRUE(customers.has_value()) << customers.error().message;
  EXPECT_NE(customers->id, customer.id);
  ASSERT_TRUE(hook.has_value()) << hook.error().message;
  EXPECT_TRUE(hook->second);
}

}  // namespace
}  // namespace commesso::sqlite
