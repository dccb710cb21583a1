// Items, customers and API keys kept in memory and kept true by the writer (issue 12,
// adapters/sqlite/row_caches.cc).
#include "adapters/sqlite/row_caches.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/row_cache.h"
#include "adapters/sqlite/sqlite_fixtures.h"
#include "adapters/sqlite/sqlite_identity_store.h"
#include "adapters/sqlite/write_queue.h"
#include "support/pricing_fixtures.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::CustomerIn;
using commesso::testing::Good;
using commesso::testing::Key;
using commesso::testing::SqliteStores;

TEST(RowCacheTest, DropsTheLeastRecentlyUsedRowBeyondItsCapacity) {
  RowCache<std::string, int> cache(2);

  cache.Keep("a", 1, 10, cache.generation());
  cache.Keep("b", 2, 20, cache.generation());
  EXPECT_EQ(cache.Find("a"), 10);  // "b" is now the least recently used.
  cache.Keep("c", 3, 30, cache.generation());

  EXPECT_EQ(cache.Find("a"), 10);
  EXPECT_EQ(cache.Find("b"), std::nullopt);
  EXPECT_EQ(cache.Find("c"), 30);
  EXPECT_EQ(cache.counts().size, 2u);
}

TEST(RowCacheTest, ARowReadBeforeADropIsNotKept) {
  RowCache<std::string, int> cache(10);
  cache.Keep("a", 1, 10, cache.generation());
  const std::uint64_t before = cache.generation();

  cache.Forget({1});
  cache.Keep("a", 1, 10, before);  // Read from a snapshot older than the drop.

  EXPECT_EQ(cache.Find("a"), std::nullopt);
}

TEST(RowCacheTest, WithNoCapacityHoldsNothing) {
  RowCache<std::string, int> cache(0);

  cache.Keep("a", 1, 10, cache.generation());

  EXPECT_FALSE(cache.enabled());
  EXPECT_EQ(cache.Find("a"), std::nullopt);
}

class RowCachesTest : public ::testing::Test {
 protected:
  RowCachesTest() {
    pen_ = stores_.catalog().Create(Good("PEN", 150), Key("pen"), nullptr).value();
    book_ = stores_.catalog().Create(Good("BOOK", 1200), Key("book"), nullptr).value();
    customer_ = stores_.customers().Create(CustomerIn("IT"), Key("customer"), nullptr).value();
  }

  RowCaches& caches() { return stores_.database().caches(); }
  std::int64_t ItemRowsRead() { return caches().items().counts().loaded; }
  std::int64_t Reads() { return stores_.database().readers().reads(); }

  std::int64_t PriceOf(const std::string& sku) {
    auto items = stores_.catalog().FindBySkus({sku});
    EXPECT_TRUE(items.has_value());
    if (!items || items->size() != 1) return -1;
    return items->front().unit_price.minor();
  }

  SqliteStores stores_;
  Item pen_;
  Item book_;
  Customer customer_;
};

TEST_F(RowCachesTest, ASecondLookUpOfTheSameItemsReadsNoItemRows) {
  ASSERT_TRUE(stores_.catalog().FindBySkus({"PEN", "BOOK"}).has_value());
  const std::int64_t rows = ItemRowsRead();
  const std::int64_t reads = Reads();

  auto again = stores_.catalog().FindBySkus({"BOOK", "PEN", "PEN"});

  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->size(), 2u);
  EXPECT_EQ(ItemRowsRead(), rows);
  EXPECT_EQ(Reads(), reads + 1);  // The count of changes other processes may have made.
}

TEST_F(RowCachesTest, AnUnknownSkuIsReadAgainEachTimeAndNeverCached) {
  ASSERT_TRUE(stores_.catalog().FindBySkus({"PEN", "NOPE"}).has_value());

  auto again = stores_.catalog().FindBySkus({"PEN", "NOPE"});
  auto created = stores_.catalog().Create(Good("NOPE", 99), Key("nope"), nullptr);
  auto after = stores_.catalog().FindBySku("NOPE");

  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->size(), 1u);
  ASSERT_TRUE(created.has_value());
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->unit_price.minor(), 99);
}

TEST_F(RowCachesTest, AnItemReplacedIsReadAgainWithItsNewPrice) {
  ASSERT_EQ(PriceOf("PEN"), 150);
  Item dearer = pen_;
  dearer.unit_price = Money(175, kEur);

  ASSERT_TRUE(stores_.catalog().Update(dearer).has_value());

  EXPECT_EQ(PriceOf("PEN"), 175);
  EXPECT_EQ(stores_.catalog().FindBySku("PEN").value().unit_price.minor(), 175);
}

// Whoever writes the items table on the writer (a cancellation that gives stock back, an
// import), the row is dropped: the hook sees rows, not the stores' methods.
TEST_F(RowCachesTest, AnyWriteOfAnItemRowOnTheWriterIsSeenAtOnce) {
  ASSERT_EQ(PriceOf("BOOK"), 1200);

  auto written = stores_.database().writer().Write<int>([](Connection& connection) -> Result<int> {
    connection.Execute("UPDATE items SET unit_price_minor = 1300 WHERE sku = 'BOOK'");
    return 1;
  });

  ASSERT_TRUE(written.has_value());
  EXPECT_EQ(PriceOf("BOOK"), 1300);
  EXPECT_EQ(PriceOf("PEN"), 150);
}

TEST_F(RowCachesTest, AWriteThatRollsBackLeavesTheCacheAsItWas) {
  ASSERT_EQ(PriceOf("PEN"), 150);
  const std::int64_t rows = ItemRowsRead();

  auto refused = stores_.database().writer().Write<int>([](Connection& connection) -> Result<int> {
    connection.Execute("UPDATE items SET unit_price_minor = 999 WHERE sku = 'PEN'");
    return Fail(ErrorCode::kRejected, "refused after writing");
  });

  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(PriceOf("PEN"), 150);
  EXPECT_EQ(ItemRowsRead(), rows);  // Still held: the job's savepoint was rolled back.
}

TEST_F(RowCachesTest, ARowReadBeforeACommitThatChangesItIsNotKept) {
  Item dearer = pen_;
  dearer.unit_price = Money(200, kEur);
  // The look-up below has read PEN at 1.50 when the writer commits 2.00 and drops PEN; only
  // then does the look-up keep what it read.
  caches().BetweenReadAndKeepForTest([&] {
    caches().BetweenReadAndKeepForTest({});
    ASSERT_TRUE(stores_.catalog().Update(dearer).has_value());
  });

  const std::int64_t during = PriceOf("PEN");
  const std::int64_t after = PriceOf("PEN");

  EXPECT_EQ(during, 150);  // Read before the change was committed.
  EXPECT_EQ(after, 200);
}

TEST_F(RowCachesTest, ChangesByAnotherProcessAreSeenByTheNextLookUp) {
  ASSERT_EQ(PriceOf("PEN"), 150);
  ASSERT_EQ(stores_.customers().Find(customer_.id).value().name, "Mario Rossi");
  auto other = Database::Open({.path = stores_.path()});
  ASSERT_TRUE(other.has_value()) << other.error().message;
  Item dearer = pen_;
  dearer.unit_price = Money(160, kEur);
  Customer renamed = customer_;
  renamed.name = "Mario Rossi jr.";

  ASSERT_TRUE(SqliteCatalog(**other).Update(dearer).has_value());
  ASSERT_TRUE(SqliteCustomerStore(**other).Update(renamed).has_value());

  EXPECT_EQ(PriceOf("PEN"), 160);
  EXPECT_EQ(stores_.customers().Find(customer_.id).value().name, "Mario Rossi jr.");
  EXPECT_EQ(caches().clears(), 1);
}

TEST_F(RowCachesTest, ChangesByAnotherProcessBeforeThisOnesNextWriteAreNotTakenForItsOwn) {
  ASSERT_EQ(PriceOf("PEN"), 150);
  auto other = Database::Open({.path = stores_.path()});
  ASSERT_TRUE(other.has_value()) << other.error().message;
  Item dearer = pen_;
  dearer.unit_price = Money(160, kEur);
  Item book = book_;
  book.unit_price = Money(1250, kEur);

  ASSERT_TRUE(SqliteCatalog(**other).Update(dearer).has_value());
  ASSERT_TRUE(stores_.catalog().Update(book).has_value());  // This process writes next.

  EXPECT_EQ(PriceOf("PEN"), 160);
  EXPECT_EQ(PriceOf("BOOK"), 1250);
}

TEST_F(RowCachesTest, ACustomerReplacedIsReadAgainWithItsAddresses) {
  ASSERT_TRUE(stores_.customers().Find(customer_.id).has_value());
  const std::int64_t rows = caches().customers().counts().loaded;
  ASSERT_TRUE(stores_.customers().Find(customer_.id).has_value());
  const std::int64_t after_second = caches().customers().counts().loaded;
  Customer moved = customer_;
  moved.addresses.front().address.city = "Torino";

  ASSERT_TRUE(stores_.customers().Update(moved).has_value());
  auto found = stores_.customers().Find(customer_.id);

  EXPECT_EQ(after_second, rows);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->addresses.front().address.city, "Torino");
}

TEST_F(RowCachesTest, ARevokedKeyIsFoundRevokedAtOnce) {
  SqliteIdentityStore identities(stores_.database());
  auto created = identities.CreateApiKey(
      ApiKey{.name = "shop", .prefix = "cmso_shop", .secret_hash = "h", .scopes = {}});
  ASSERT_TRUE(created.has_value());
  ASSERT_FALSE(identities.FindApiKey("cmso_shop").value().revoked_at.has_value());
  const std::int64_t rows = caches().api_keys().counts().loaded;
  ASSERT_FALSE(identities.FindApiKey("cmso_shop").value().revoked_at.has_value());
  const std::int64_t after_second = caches().api_keys().counts().loaded;

  ASSERT_TRUE(identities.RevokeApiKey(created->id, Timestamp{}).has_value());
  auto found = identities.FindApiKey("cmso_shop");

  EXPECT_EQ(after_second, rows);
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->revoked_at.has_value());
}

TEST(RowCachesOffTest, WithNoRoomEveryLookUpReadsItsRows) {
  commesso::testing::TempDir directory;
  auto database = Database::Open(
      {.path = directory.File("off.db"), .cache = {.items = 0, .customers = 0, .api_keys = 0}});
  ASSERT_TRUE(database.has_value()) << database.error().message;
  SqliteCatalog catalog(**database);
  ASSERT_TRUE(catalog.Create(Good("PEN", 150), Key("pen"), nullptr).has_value());
  const std::int64_t reads = (*database)->readers().reads();

  ASSERT_TRUE(catalog.FindBySkus({"PEN"}).has_value());
  ASSERT_TRUE(catalog.FindBySkus({"PEN"}).has_value());

  EXPECT_EQ((*database)->caches().items().counts().loaded, 2);
  EXPECT_EQ((*database)->readers().reads(), reads + 2);  // No count of changes to read either.
}

}  // namespace
}  // namespace commesso::sqlite
