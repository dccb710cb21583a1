#include "adapters/sqlite/database.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "adapters/sqlite/handoff_writes.h"
#include "adapters/sqlite/migrations.h"
#include "adapters/sqlite/sqlite_complaint_store.h"
#include "adapters/sqlite/sqlite_fixtures.h"
#include "support/pricing_fixtures.h"
#include "support/temp_dir.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::Good;
using commesso::testing::Key;
using commesso::testing::RowCount;
using commesso::testing::SqliteStores;
using commesso::testing::TempDir;

TEST(DatabaseTest, CreatesANewFileAtTheLatestSchemaVersionInWalMode) {
  SqliteStores stores;

  EXPECT_EQ(stores.database().schema_version(), LatestSchemaVersion());
  EXPECT_EQ(RowCount(stores.path(), "schema_migrations"), LatestSchemaVersion());
  SQLite::Database probe(stores.path(), SQLite::OPEN_READONLY);
  EXPECT_EQ(probe.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST(DatabaseTest, ReopeningAppliesNoMigrationAgainAndKeepsTheData) {
  SqliteStores stores;
  ASSERT_TRUE(stores.catalog().Create(Good("PEN-1", 150), Key("k1"), nullptr).has_value());

  stores.Reopen();
  stores.Reopen();

  EXPECT_EQ(stores.database().schema_version(), LatestSchemaVersion());
  EXPECT_EQ(RowCount(stores.path(), "schema_migrations"), LatestSchemaVersion());
  EXPECT_TRUE(stores.catalog().FindBySku("PEN-1").has_value());
}

TEST(DatabaseTest, ItemsFromBeforeCategoriesAndLocationsGetNone) {
  SqliteStores stores;
  ASSERT_TRUE(stores.catalog().Create(Good("PEN-1", 150), Key("k1"), nullptr).has_value());
  stores.Close();
  {
    // The file as a commesso at schema version 9 left it.
    SQLite::Database writer(stores.path(), SQLite::OPEN_READWRITE);
    writer.exec("ALTER TABLE items DROP COLUMN category");
    writer.exec("ALTER TABLE items DROP COLUMN location");
    writer.exec("DELETE FROM schema_migrations WHERE version >= 10");  // Later ones run again.
  }

  stores.Reopen();

  EXPECT_EQ(stores.database().schema_version(), LatestSchemaVersion());
  auto pen = stores.catalog().FindBySku("PEN-1");
  ASSERT_TRUE(pen.has_value());
  EXPECT_EQ(pen->category, "");
  EXPECT_EQ(pen->location, "");
}

TEST(DatabaseTest, KeysThatReadOrdersBeforeOrdersReadPrivateKeepReadingAllOfThem) {
  SqliteStores stores;
  stores.Close();
  {
    // The file as a commesso at schema version 11 left it: two keys, one reading orders.
    SQLite::Database writer(stores.path(), SQLite::OPEN_READWRITE);
    writer.exec(
        "INSERT INTO api_keys (name, prefix, secret_hash, scopes, created_at) VALUES "
        "('shop', 'cmso_shop', 'h1', '[\"orders:read\",\"orders:write\"]', 0), "
        "('catalog', 'cmso_catalog', 'h2', '[\"items:read\"]', 0)");
    writer.exec("DELETE FROM schema_migrations WHERE version >= 12");
  }

  stores.Reopen();

  EXPECT_EQ(stores.database().schema_version(), LatestSchemaVersion());
  SQLite::Database probe(stores.path(), SQLite::OPEN_READONLY);
  EXPECT_EQ(probe.execAndGet("SELECT scopes FROM api_keys WHERE name = 'shop'").getString(),
            R"(["orders:read","orders:write","orders:read_private"])");
  EXPECT_EQ(probe.execAndGet("SELECT scopes FROM api_keys WHERE name = 'catalog'").getString(),
            R"(["items:read"])");
}

TEST(DatabaseTest, ReceiptsFromBeforeSchema14KeepTheirWholeSnapshotAndReadTheSame) {
  SqliteStores stores;
  const Customer customer =
      stores.customers().Create(commesso::testing::CustomerIn("IT"), Key("c"), nullptr).value();
  const Item pen = stores.catalog().Create(Good("PEN-1", 150), Key("pen"), nullptr).value();
  const Order first = stores.orders()
                          .Place(commesso::testing::OrderOf(customer, {{pen, 1}}), Key("o1"), 2026)
                          .value()
                          .order;
  const std::vector<Document> documents = stores.documents().ForOrder(first.number).value();
  ASSERT_EQ(documents.size(), 1u);
  stores.Close();
  {
    // The file as a commesso at schema version 13 left it: the receipt's row holds the whole
    // document, its order included, and nothing guards it but the code.
    SQLite::Database writer(stores.path(), SQLite::OPEN_READWRITE);
    writer.exec("DROP TRIGGER IF EXISTS documents_never_change");
    writer.exec("DROP TRIGGER IF EXISTS documents_never_deleted");
    writer.exec("DROP TRIGGER IF EXISTS orders_snapshot_never_changes");
    writer.exec(
        "UPDATE documents SET snapshot = json_set(snapshot, '$.order', "
        "json((SELECT o.snapshot FROM orders o WHERE o.id = documents.order_id))) "
        "WHERE json_type(snapshot, '$.order') IS NULL");
    writer.exec("DELETE FROM schema_migrations WHERE version >= 14");
  }

  stores.Reopen();

  EXPECT_EQ(stores.database().schema_version(), LatestSchemaVersion());
  // The old row is read as it is, and left so.
  EXPECT_EQ(stores.documents().ForOrder(first.number).value(), documents);
  EXPECT_EQ(RowCount(stores.path(), "documents WHERE json_type(snapshot, '$.order') = 'object'"),
            1);
  // The next receipt is stored once, and neither may change any more.
  const Order second = stores.orders()
                           .Place(commesso::testing::OrderOf(customer, {{pen, 2}}), Key("o2"), 2026)
                           .value()
                           .order;
  EXPECT_EQ(stores.documents().ForOrder(second.number).value().at(0).order, second);
  EXPECT_EQ(RowCount(stores.path(), "documents WHERE json_type(snapshot, '$.order') IS NULL"), 1);
  SQLite::Database writer(stores.path(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(writer.exec("UPDATE documents SET locale = 'en'"), SQLite::Exception);
  EXPECT_THROW(writer.exec("UPDATE orders SET snapshot = '{}'"), SQLite::Exception);
}

TEST(DatabaseTest, ADatabaseFromBeforeComplaintsGetsThemAndKeepsItsOrders) {
  SqliteStores stores;
  const Customer customer =
      stores.customers().Create(commesso::testing::CustomerIn("IT"), Key("c"), nullptr).value();
  const Item pen = stores.catalog().Create(Good("PEN-1", 150), Key("pen"), nullptr).value();
  const Order order = stores.orders()
                          .Place(commesso::testing::OrderOf(customer, {{pen, 3}}), Key("o1"), 2026)
                          .value()
                          .order;
  stores.Close();
  {
    // The file as a commesso at schema version 15 left it.
    SQLite::Database writer(stores.path(), SQLite::OPEN_READWRITE);
    for (const char* table :
         {"complaint_events", "complaint_lines", "complaints", "complaint_counters"}) {
      writer.exec(std::string("DROP TABLE ") + table);
    }
    writer.exec("DELETE FROM schema_migrations WHERE version >= 16");
  }

  stores.Reopen();

  EXPECT_EQ(stores.database().schema_version(), LatestSchemaVersion());
  EXPECT_EQ(stores.orders().FindByNumber(order.number).value(), order);
  SqliteComplaintStore complaints(stores.database());
  const Complaint opened = complaints
                               .Open(Complaint{.order = order.number,
                                               .lines = {{.line_no = 1, .quantity = 1}},
                                               .customer_words = "One arrived open.",
                                               .opened_by = "clerk"},
                                     2026, Key("complaint"), nullptr)
                               .value();
  EXPECT_EQ(opened.number.value, "RCL-2026-000001");
  EXPECT_EQ(complaints.Find(opened.number).value(), opened);
}

// Lines placed before schema 17 did not record what they took from stock: they read 0, so a
// cancellation puts nothing back for them rather than a guess.
TEST(DatabaseTest, LinesFromBeforeSchema17RecordNoStockTaken) {
  SqliteStores stores;
  const Customer customer =
      stores.customers().Create(commesso::testing::CustomerIn("IT"), Key("c"), nullptr).value();
  Item ink = Good("INK-1", 900);
  ink.track_stock = true;
  ink.stock_on_hand = 10;
  const Item item = stores.catalog().Create(ink, Key("ink"), nullptr).value();
  ASSERT_TRUE(stores.orders()
                  .Place(commesso::testing::OrderOf(customer, {{item, 3}}), Key("o1"), 2026)
                  .has_value());
  ASSERT_EQ(RowCount(stores.path(), "order_lines WHERE reserved = 3"), 1);
  stores.Close();
  {
    // The file as a commesso at schema version 16 left it.
    SQLite::Database writer(stores.path(), SQLite::OPEN_READWRITE);
    writer.exec("ALTER TABLE order_lines DROP COLUMN reserved");
    writer.exec("DELETE FROM schema_migrations WHERE version >= 17");
  }

  stores.Reopen();

  EXPECT_EQ(stores.database().schema_version(), LatestSchemaVersion());
  EXPECT_EQ(RowCount(stores.path(), "order_lines WHERE reserved = 0"), 1);
  ASSERT_TRUE(stores.orders()
                  .Place(commesso::testing::OrderOf(customer, {{item, 2}}), Key("o2"), 2026)
                  .has_value());
  EXPECT_EQ(RowCount(stores.path(), "order_lines WHERE reserved = 2"), 1);
}

// How SQLite would run `sql`: the details of its query plan, one per line.
std::string PlanOf(const std::string& path, const std::string& sql) {
  SQLite::Database probe(path, SQLite::OPEN_READONLY);
  SQLite::Statement plan(probe, "EXPLAIN QUERY PLAN " + sql);
  std::string details;
  while (plan.executeStep()) details += plan.getColumn(3).getString() + "\n";
  return details;
}

TEST(DatabaseTest, TheLookUpsForPendingHandOffEventsReadAnIndexNotTheWholeOutbox) {
  SqliteStores stores;

  for (const char* sql : {kPendingPlansSql, kPendingReceiptsSql}) {
    const std::string plan = PlanOf(stores.path(), sql);
    EXPECT_EQ(plan.find("SCAN x\n"), std::string::npos) << sql << "\n" << plan;
    EXPECT_NE(plan.find("USING INDEX outbox_"), std::string::npos) << sql << "\n" << plan;
  }
}

TEST(DatabaseTest, RefusesADatabaseFromANewerCommesso) {
  SqliteStores stores;
  stores.Close();
  {
    SQLite::Database writer(stores.path(), SQLite::OPEN_READWRITE);
    writer.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'x', 0)");
  }

  auto database = Database::Open({.path = stores.path()});

  ASSERT_FALSE(database.has_value());
  EXPECT_EQ(database.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(database.error().message.find("999"), std::string::npos) << database.error().message;
  EXPECT_NE(database.error().message.find("newer"), std::string::npos);
  EXPECT_NE(database.error().message.find(stores.path()), std::string::npos);
}

TEST(DatabaseTest, ReportsUnavailableWhenTheDirectoryIsMissing) {
  TempDir directory;
  const std::string path = directory.File("missing/commesso.db");

  auto database = Database::Open({.path = path});

  ASSERT_FALSE(database.has_value());
  EXPECT_EQ(database.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(database.error().message.find(path), std::string::npos);
}

TEST(DatabaseTest, ReportsUnavailableForAFileThatIsNotADatabase) {
  TempDir directory;
  const std::string path = directory.File("notes.txt");
  std::ofstream(path) << "These are not the pages you are looking for. Not at all, no. "
                         "Padding the file past the SQLite header size for a clear test.\n";

  auto database = Database::Open({.path = path});

  ASSERT_FALSE(database.has_value());
  EXPECT_EQ(database.error().code, ErrorCode::kUnavailable);
}

TEST(DatabaseTest, RefusesABatchSizeBelowOne) {
  TempDir directory;

  auto database = Database::Open({.path = directory.File("commesso.db"), .max_batch = 0});

  ASSERT_FALSE(database.has_value());
  EXPECT_EQ(database.error().code, ErrorCode::kInvalidInput);
}

TEST(DatabaseTest, PurgesIdempotencyKeysOlderThanAWeekWhenOpened) {
  SqliteStores stores;
  ASSERT_TRUE(stores.catalog().Create(Good("OLD-1", 100), Key("old"), nullptr).has_value());
  ASSERT_TRUE(stores.catalog().Create(Good("NEW-1", 100), Key("recent"), nullptr).has_value());
  stores.Close();
  {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    SQLite::Database writer(stores.path(), SQLite::OPEN_READWRITE);
    SQLite::Statement age(writer, "UPDATE idempotency_keys SET created_at = ? WHERE key = ?");
    age.bind(1, static_cast<std::int64_t>(now -
                                          std::chrono::milliseconds(std::chrono::days{8}).count()));
    age.bind(2, "old");
    age.exec();
    age.reset();
    age.bind(1, static_cast<std::int64_t>(now -
                                          std::chrono::milliseconds(std::chrono::days{2}).count()));
    age.bind(2, "recent");
    age.exec();
  }

  stores.Reopen();

  EXPECT_EQ(RowCount(stores.path(), "idempotency_keys WHERE key = 'old'"), 0);
  EXPECT_EQ(RowCount(stores.path(), "idempotency_keys WHERE key = 'recent'"), 1);
}

TEST(DatabaseTest, ALongWriteAheadLogIsCopiedIntoTheFileAfterItsBatch) {
  SqliteStores stores;
  const std::int64_t empty_file_bytes =
      static_cast<std::int64_t>(std::filesystem::file_size(stores.path()));
  Customer customer = commesso::testing::CustomerIn("IT");
  customer.exemption_reference = std::string(6'000'000, 'x');  // About 1500 pages in one commit.

  ASSERT_TRUE(stores.customers().Create(customer, Key("big"), nullptr).has_value());
  // The writer checkpoints once it has answered the batch's callers.
  while (stores.database().checkpoints() == 0) std::this_thread::yield();

  // The pages reached the database file itself, not only the log (less the free pages the
  // migrations' rebuilt tables left, which the big row takes first).
  EXPECT_GT(static_cast<std::int64_t>(std::filesystem::file_size(stores.path())),
            empty_file_bytes + 5'000'000);
}

}  // namespace
}  // namespace commesso::sqlite
