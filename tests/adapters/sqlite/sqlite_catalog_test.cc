#include "adapters/sqlite/sqlite_catalog.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/sqlite/cursor.h"
#include "adapters/sqlite/sqlite_fixtures.h"
#include "support/pricing_fixtures.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::Good;
using commesso::testing::Key;
using commesso::testing::Service;
using commesso::testing::SqliteStores;

Item Named(std::string sku, std::string italian, std::string english) {
  Item item = Good(std::move(sku), 250);
  item.name = {.it = std::move(italian), .en = std::move(english)};
  return item;
}

std::vector<std::string> SkusOf(const std::vector<Item>& items) {
  std::vector<std::string> skus;
  skus.reserve(items.size());
  for (const Item& item : items) skus.push_back(item.sku);
  return skus;
}

class SqliteCatalogTest : public ::testing::Test {
 protected:
  Item Create(const Item& item) {
    auto created = stores_.catalog().Create(item, Key("create " + item.sku), nullptr);
    EXPECT_TRUE(created.has_value()) << created.error().message;
    return created.value_or(Item{});
  }

  // Every SKU the search lists, page by page.
  std::vector<std::string> SearchAll(const std::string& query, int limit) {
    std::vector<std::string> skus;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = stores_.catalog().Search(query, limit, cursor);
      EXPECT_TRUE(page.has_value());
      if (!page) break;
      EXPECT_LE(static_cast<int>(page->entries.size()), limit);
      for (const Item& item : page->entries) skus.push_back(item.sku);
      if (page->next_cursor.empty()) break;
      cursor = page->next_cursor;
    }
    return skus;
  }

  SqliteStores stores_;
};

TEST_F(SqliteCatalogTest, CreatedItemsAreFoundAsTheyWereWritten) {
  Item pen = Good("PEN-1", 150, "reduced", 20);
  pen.track_stock = true;
  pen.stock_on_hand = 12;
  pen.backorder_policy = BackorderPolicy::kAllow;
  pen.active = false;
  pen.category = "writing";
  pen.location = "A-03-2";
  Item service = Service("SETUP", 4500);

  const Item created_pen = Create(pen);
  const Item created_service = Create(service);

  EXPECT_GT(created_pen.id.value, 0);
  EXPECT_NE(created_pen.id, created_service.id);
  auto found = stores_.catalog().FindBySku("PEN-1");
  ASSERT_TRUE(found.has_value());
  pen.id = created_pen.id;
  EXPECT_EQ(*found, pen);
  auto both = stores_.catalog().FindBySkus({"SETUP", "PEN-1", "NOPE"});
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(both->size(), 2u);
}

TEST_F(SqliteCatalogTest, FindBySkuIsExactAndReportsUnknownSkus) {
  Create(Good("PEN-1", 150));

  auto unknown = stores_.catalog().FindBySku("PEN-2");
  auto other_case = stores_.catalog().FindBySku("pen-1");
  auto many = stores_.catalog().FindBySkus({"pen-1", "PEN-1", "PEN-1"});

  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  ASSERT_FALSE(other_case.has_value());
  EXPECT_EQ(other_case.error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(many.has_value());
  EXPECT_EQ(SkusOf(*many), std::vector<std::string>{"PEN-1"});
}

TEST_F(SqliteCatalogTest, ADuplicateSkuIsAConflictOnTheSkuField) {
  Create(Good("PEN-1", 150));

  auto again = stores_.catalog().Create(Good("PEN-1", 999), Key("another"), nullptr);
  auto other_case = stores_.catalog().Create(Good("pen-1", 999), Key("yet another"), nullptr);

  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().fields, (std::vector<FieldError>{{"sku", "already exists"}}));
  ASSERT_FALSE(other_case.has_value());
  EXPECT_EQ(other_case.error().code, ErrorCode::kConflict);
}

TEST_F(SqliteCatalogTest, ReplayingACreateReturnsTheFirstItem) {
  auto first = stores_.catalog().Create(Good("PEN-1", 150), Key("k"), nullptr);
  ASSERT_TRUE(first.has_value());

  auto replay = stores_.catalog().Create(Good("PEN-1", 150), Key("k"), nullptr);
  auto misuse = stores_.catalog().Create(Good("PEN-2", 150), Key("k", "other request"), nullptr);

  ASSERT_TRUE(replay.has_value());
  EXPECT_EQ(*replay, *first);
  ASSERT_FALSE(misuse.has_value());
  EXPECT_EQ(misuse.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(
      misuse.error().fields,
      (std::vector<FieldError>{{"Idempotency-Key", "was already used for a different request"}}));
  EXPECT_FALSE(stores_.catalog().FindBySku("PEN-2").has_value());
}

TEST_F(SqliteCatalogTest, UpdateReplacesTheItemWithTheSameSku) {
  Item pen = Create(Good("PEN-1", 150));
  pen.name = {.it = "Penna stilografica", .en = "Fountain pen"};
  pen.unit_price = Money(2990, kEur);
  pen.track_stock = true;
  pen.stock_on_hand = 3;
  pen.category = "writing";
  pen.location = "B-12-1";

  auto updated = stores_.catalog().Update(pen);

  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(*updated, pen);
  EXPECT_EQ(stores_.catalog().FindBySku("PEN-1").value(), pen);
  EXPECT_EQ(SkusOf(stores_.catalog().Search("stilografica", 10, "")->entries),
            std::vector<std::string>{"PEN-1"});
}

TEST_F(SqliteCatalogTest, UpdatingAnUnknownSkuIsNotFound) {
  auto updated = stores_.catalog().Update(Good("GHOST", 100));

  ASSERT_FALSE(updated.has_value());
  EXPECT_EQ(updated.error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteCatalogTest, SearchFindsWordsOfItalianAndEnglishNamesByPrefix) {
  Create(Named("PEN-BLU", "Penna a sfera blu", "Blue ballpoint pen"));
  Create(Named("PEN-RED", "Penna a sfera rossa", "Red ballpoint pen"));
  Create(Named("CAF-1", "Caffè macinato", "Ground coffee"));
  Create(Named("PAPER", "Carta per stampante", "Printer paper"));

  EXPECT_EQ(SearchAll("penna blu", 10), std::vector<std::string>{"PEN-BLU"});
  EXPECT_EQ(SearchAll("pen bal", 10), (std::vector<std::string>{"PEN-BLU", "PEN-RED"}));
  EXPECT_EQ(SearchAll("ground", 10), std::vector<std::string>{"CAF-1"});
  EXPECT_EQ(SearchAll("caffe", 10), std::vector<std::string>{"CAF-1"});
  EXPECT_EQ(SearchAll("STAMP", 10), std::vector<std::string>{"PAPER"});
  EXPECT_EQ(SearchAll("penna verde", 10), std::vector<std::string>{});
  EXPECT_EQ(SearchAll("«penna» – blu…", 10), std::vector<std::string>{"PEN-BLU"});
}

TEST_F(SqliteCatalogTest, SearchListsSkuPrefixMatchesFirst) {
  Create(Named("AAA-1", "Penna", "Pen"));          // A name match only.
  Create(Named("PEN-2", "Matita", "Pencil"));      // SKU prefix and name.
  Create(Named("PEN-1", "Gomma", "Eraser"));       // SKU prefix only.
  Create(Named("ZZZ-9", "Pennarello", "Marker"));  // A name match only.
  Create(Named("XYZ", "Righello", "Ruler"));       // Neither.

  EXPECT_EQ(SearchAll("pen", 10), (std::vector<std::string>{"PEN-1", "PEN-2", "AAA-1", "ZZZ-9"}));
  EXPECT_EQ(SearchAll("PEN-1", 10), std::vector<std::string>{"PEN-1"});
}

TEST_F(SqliteCatalogTest, SearchListsNameMatchesInTheOrderTheItemsWereAdded) {
  Create(Named("ZZZ-1", "Penna rossa", "Red pen"));
  Create(Named("AAA-1", "Penna blu", "Blue pen"));
  Create(Named("MMM-1", "Penna nera", "Black pen"));

  EXPECT_EQ(SearchAll("penna", 10), (std::vector<std::string>{"ZZZ-1", "AAA-1", "MMM-1"}));
  EXPECT_EQ(SearchAll("penna", 1), (std::vector<std::string>{"ZZZ-1", "AAA-1", "MMM-1"}));
}

TEST_F(SqliteCatalogTest, SearchPagesThroughEveryMatchOnceAcrossBothGroups) {
  std::vector<std::string> expected;
  for (int i = 0; i < 7; ++i) {
    const std::string sku = "PEN-" + std::to_string(i);
    Create(Named(sku, "Gomma", "Eraser"));
    expected.push_back(sku);
  }
  for (int i = 0; i < 6; ++i) {
    const std::string sku = "X-" + std::to_string(i);
    Create(Named(sku, "Penna " + std::to_string(i), "Pen"));
    expected.push_back(sku);
  }
  Create(Named("OTHER", "Altro", "Other"));

  for (int limit : {1, 2, 3, 7, 13, 50}) {
    EXPECT_EQ(SearchAll("pen", limit), expected) << "limit " << limit;
  }
}

TEST_F(SqliteCatalogTest, AnEmptyQueryListsEveryItemBySku) {
  for (const char* sku : {"C", "A", "E", "B", "D"}) Create(Good(sku, 100));

  EXPECT_EQ(SearchAll("", 2), (std::vector<std::string>{"A", "B", "C", "D", "E"}));
  EXPECT_EQ(SearchAll("  ", 10), (std::vector<std::string>{"A", "B", "C", "D", "E"}));
}

TEST_F(SqliteCatalogTest, SearchClampsTheLimitAndRefusesForeignCursors) {
  for (int i = 0; i < 3; ++i) Create(Good("S" + std::to_string(i), 100));

  auto zero = stores_.catalog().Search("", 0, "");
  auto bad = stores_.catalog().Search("", 10, "not a cursor");
  auto first = stores_.catalog().Search("", 1, "");
  ASSERT_TRUE(first.has_value());
  auto wrong_listing = stores_.catalog().Search("s", 1, first->next_cursor);

  ASSERT_TRUE(zero.has_value());
  EXPECT_EQ(zero->entries.size(), 1u);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().fields.at(0).path, "cursor");
  ASSERT_FALSE(wrong_listing.has_value());
  EXPECT_EQ(wrong_listing.error().code, ErrorCode::kInvalidInput);
  // A name-group cursor carries an item id; anything else there is refused.
  auto not_an_id = stores_.catalog().Search("s", 1, EncodeCursor({"w", "S1"}));
  ASSERT_FALSE(not_an_id.has_value());
  EXPECT_EQ(not_an_id.error().fields.at(0).path, "cursor");
}

}  // namespace
}  // namespace commesso::sqlite
