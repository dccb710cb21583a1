#include "adapters/sqlite/sqlite_catalog.h"

#include <optional>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "adapters/sqlite/cursor.h"
#include "adapters/sqlite/idempotency.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/row_caches.h"
#include "adapters/sqlite/search_text.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"
#include "core/invariant.h"

namespace commesso::sqlite {
namespace {

#define COMMESSO_ITEM_COLUMNS                                                         \
  "id, sku, name_it, name_en, kind, unit, unit_price_minor, currency, tax_category, " \
  "weight_grams, active, track_stock, stock_on_hand, backorder_policy, category, location"
// The same, for a join with items_fts, which has columns of the same names.
#define COMMESSO_QUALIFIED_ITEM_COLUMNS                                              \
  "items.id, items.sku, items.name_it, items.name_en, items.kind, items.unit, "      \
  "items.unit_price_minor, items.currency, items.tax_category, items.weight_grams, " \
  "items.active, items.track_stock, items.stock_on_hand, items.backorder_policy, "   \
  "items.category, items.location"

// Listing groups, in the order a search shows them; a cursor names the group it stopped in.
constexpr const char* kAll = "a";        // Every item (empty query).
constexpr const char* kSkuPrefix = "s";  // SKU starts with the query.
constexpr const char* kNameWords = "w";  // Names have words starting with the query's words.
// A cursor is the group and where it stopped: the last SKU (groups kAll and kSkuPrefix, which
// go by SKU) or the last item id (kNameWords, which goes in catalog order).

Item ItemFrom(SQLite::Statement& row) {
  const std::optional<ItemKind> kind = ParseItemKind(row.getColumn(4).getString());
  const std::optional<BackorderPolicy> policy = ParseBackorderPolicy(row.getColumn(13).getString());
  COMMESSO_INVARIANT(kind && policy, "items hold only known kinds and policies");
  return Item{
      .id = ItemId{row.getColumn(0).getInt64()},
      .sku = row.getColumn(1).getString(),
      .name = {.it = row.getColumn(2).getString(), .en = row.getColumn(3).getString()},
      .kind = *kind,
      .unit = row.getColumn(5).getString(),
      .unit_price = Money(row.getColumn(6).getInt64(), CurrencyOf(row.getColumn(7).getString())),
      .tax_category = row.getColumn(8).getString(),
      .weight_grams = row.getColumn(9).getInt64(),
      .active = row.getColumn(10).getInt() != 0,
      .track_stock = row.getColumn(11).getInt() != 0,
      .stock_on_hand = row.getColumn(12).getInt64(),
      .backorder_policy = *policy,
      .category = row.getColumn(14).getString(),
      .location = row.getColumn(15).getString()};
}

// Binds the columns every write sets, ?1 to ?13 and ?15 to ?16 (?14 is the time of the write).
void BindItem(SQLite::Statement& statement, const Item& item) {
  statement.bind(1, item.sku);
  statement.bind(2, item.name.it);
  statement.bind(3, item.name.en);
  statement.bind(4, Name(item.kind));
  statement.bind(5, item.unit);
  statement.bind(6, item.unit_price.minor());
  statement.bind(7, std::string(item.unit_price.currency().code()));
  statement.bind(8, item.tax_category);
  statement.bind(9, item.weight_grams);
  statement.bind(10, item.active ? 1 : 0);
  statement.bind(11, item.track_stock ? 1 : 0);
  statement.bind(12, item.stock_on_hand);
  statement.bind(13, Name(item.backorder_policy));
  statement.bind(15, item.category);
  statement.bind(16, item.location);
}

// The items with exactly these SKUs (the index finds them whatever the case; only exact SKUs
// count).
Result<std::vector<Item>> ReadBySkus(Connection& connection, const std::vector<std::string>& skus) {
  SQLite::Statement& rows = connection.Prepare(
      "SELECT " COMMESSO_ITEM_COLUMNS " FROM items WHERE sku IN (SELECT value FROM json_each(?))");
  rows.bind(1, nlohmann::json(skus).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  const std::unordered_set<std::string> wanted(skus.begin(), skus.end());
  std::vector<Item> items;
  while (rows.executeStep()) {
    Item item = ItemFrom(rows);
    if (wanted.contains(item.sku)) items.push_back(std::move(item));
  }
  return items;
}

Item FindById(Connection& connection, std::int64_t id) {
  SQLite::Statement& find =
      connection.Prepare("SELECT " COMMESSO_ITEM_COLUMNS " FROM items WHERE id = ?");
  find.bind(1, id);
  const bool found = find.executeStep();
  COMMESSO_INVARIANT(found, "an idempotency key refers to an item that exists");
  return ItemFrom(find);
}

Result<Item> CreateIn(Connection& connection, const Item& item, const IdempotencyKey& key,
                      KeptAnswer<Item>* answer) {
  auto earlier = FindKey(connection, KeyScope::kItems, key);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) {
    TellReplayed(answer, **earlier);
    return FindById(connection, (*earlier)->resource_id);
  }

  SQLite::Statement& taken = connection.Prepare("SELECT sku FROM items WHERE sku = ?");
  taken.bind(1, item.sku);
  if (taken.executeStep()) {
    return Fail(
        Error{.code = ErrorCode::kConflict,
              .message = "An item with SKU " + taken.getColumn(0).getString() + " already exists.",
              .fields = {{"sku", "already exists"}}});
  }

  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO items (sku, name_it, name_en, kind, unit, unit_price_minor, currency, "
      "tax_category, weight_grams, active, track_stock, stock_on_hand, backorder_policy, "
      "category, location, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
      "?10, ?11, ?12, ?13, ?15, ?16, ?14, ?14)");
  BindItem(insert, item);
  insert.bind(14, NowMillis());
  insert.exec();

  Item stored = item;
  stored.id = ItemId{connection.database().getLastInsertRowid()};
  RecordKey(connection, KeyScope::kItems, key, stored.id.value, AnswerFor(answer, stored));
  return stored;
}

Result<Item> UpdateIn(Connection& connection, const Item& item) {
  SQLite::Statement& update = connection.Prepare(
      "UPDATE items SET name_it = ?2, name_en = ?3, kind = ?4, unit = ?5, "
      "unit_price_minor = ?6, currency = ?7, tax_category = ?8, weight_grams = ?9, active = ?10, "
      "track_stock = ?11, stock_on_hand = ?12, backorder_policy = ?13, category = ?15, "
      "location = ?16, updated_at = ?14 "
      "WHERE sku = ?1 AND sku = ?1 COLLATE BINARY RETURNING id");
  BindItem(update, item);
  update.bind(14, NowMillis());
  if (!update.executeStep()) {
    return Fail(ErrorCode::kNotFound, "There is no item with SKU " + item.sku + ".");
  }
  Item stored = item;
  stored.id = ItemId{update.getColumn(0).getInt64()};
  update.reset();
  return stored;
}

// One group's items after `after_sku`, at most `count`, each tagged with the group.
struct Found {
  const char* group = kAll;
  Item item{};
};

void TakeRows(SQLite::Statement& rows, const char* group, std::vector<Found>& found) {
  while (rows.executeStep()) found.push_back({group, ItemFrom(rows)});
}

void FetchAll(Connection& connection, const std::string& after_sku, int count,
              std::vector<Found>& found) {
  SQLite::Statement& rows = connection.Prepare("SELECT " COMMESSO_ITEM_COLUMNS
                                               " FROM items WHERE sku > ? ORDER BY sku LIMIT ?");
  rows.bind(1, after_sku);
  rows.bind(2, count);
  TakeRows(rows, kAll, found);
}

// SKUs in [low, high) under NOCASE: those that start with the query, whatever the case.
struct SkuRange {
  std::string low;
  std::string high;
};

SkuRange SkuRangeOf(const std::string& query) {
  // A SKU has no spaces; for such a query the range is empty. 0x7F sorts after every SKU
  // character, so [query, query + 0x7F) holds exactly the SKUs starting with `query`.
  if (query.find_first_of(" \t\r\n") != std::string::npos) return {};
  return {query, query + '\x7f'};
}

void FetchSkuPrefix(Connection& connection, const SkuRange& range, const std::string& after_sku,
                    int count, std::vector<Found>& found) {
  if (range.low.empty()) return;
  SQLite::Statement& rows =
      connection.Prepare("SELECT " COMMESSO_ITEM_COLUMNS
                         " FROM items WHERE sku >= ? AND sku < ? AND sku > ? ORDER BY sku LIMIT ?");
  rows.bind(1, range.low);
  rows.bind(2, range.high);
  rows.bind(3, after_sku);
  rows.bind(4, count);
  TakeRows(rows, kSkuPrefix, found);
}

// Name matches in catalog order (the order items were added), after the item `after_id`.
// FTS5 yields matches in rowid order, so a page costs one page of matches, not all of them:
// ordering by SKU would sort every match first (6 ms for a three-letter word at 100k items).
void FetchNameWords(Connection& connection, const std::string& match, const SkuRange& range,
                    std::int64_t after_id, int count, std::vector<Found>& found) {
  if (match.empty()) return;
  SQLite::Statement& rows = connection.Prepare(
      "SELECT " COMMESSO_QUALIFIED_ITEM_COLUMNS
      " FROM items_fts JOIN items ON items.id = items_fts.rowid"
      " WHERE items_fts MATCH ? AND items_fts.rowid > ? AND NOT (items.sku >= ? AND items.sku < ?)"
      " ORDER BY items_fts.rowid LIMIT ?");
  rows.bind(1, "{name_it name_en} : (" + match + ")");
  rows.bind(2, after_id);
  rows.bind(3, range.low);
  rows.bind(4, range.high);
  rows.bind(5, count);
  TakeRows(rows, kNameWords, found);
}

std::string Trimmed(const std::string& text) {
  constexpr const char* kSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(kSpace) + 1 - first);
}

Result<Page<Item>> SearchIn(Connection& connection, const std::string& typed, int limit,
                            const std::string& cursor) {
  const std::string query = Trimmed(typed);
  std::string after_group = query.empty() ? kAll : kSkuPrefix;
  std::string after_sku;
  std::int64_t after_id = 0;
  if (!cursor.empty()) {
    auto parts = DecodeCursor(cursor, 2);
    const bool fits =
        parts && (query.empty() ? (*parts)[0] == kAll
                                : ((*parts)[0] == kSkuPrefix || (*parts)[0] == kNameWords));
    if (!fits) return BadCursor();
    after_group = (*parts)[0];
    if (after_group == kNameWords) {
      const std::optional<std::int64_t> id = CursorInteger((*parts)[1]);
      if (!id) return BadCursor();
      after_id = *id;
    } else {
      after_sku = (*parts)[1];
    }
  }

  // One row more than a page tells whether another page follows.
  std::vector<Found> found;
  const int wanted = limit + 1;
  if (query.empty()) {
    FetchAll(connection, after_sku, wanted, found);
  } else {
    const SkuRange range = SkuRangeOf(query);
    if (after_group == kSkuPrefix) FetchSkuPrefix(connection, range, after_sku, wanted, found);
    const int still_wanted = wanted - static_cast<int>(found.size());
    if (still_wanted > 0) {
      FetchNameWords(connection, PrefixQuery(query), range, after_id, still_wanted, found);
    }
  }

  Page<Item> page;
  const bool more = static_cast<int>(found.size()) > limit;
  if (more) found.resize(static_cast<std::size_t>(limit));
  for (Found& each : found) page.entries.push_back(std::move(each.item));
  if (more) {
    const Found& last = found.back();
    const Item& item = page.entries.back();
    page.next_cursor = EncodeCursor(
        {last.group, last.group == kNameWords ? std::to_string(item.id.value) : item.sku});
  }
  return page;
}

}  // namespace

Result<std::vector<Item>> SqliteCatalog::FindBySkus(const std::vector<std::string>& skus) const {
  if (skus.empty()) return std::vector<Item>{};
  RowCaches& caches = database_.caches();
  return caches.Look(caches.items(), database_.readers(), skus, ReadBySkus);
}

Result<Item> SqliteCatalog::FindBySku(const std::string& sku) const {
  RowCaches& caches = database_.caches();
  auto items = caches.Look(caches.items(), database_.readers(), {sku}, ReadBySkus);
  if (!items) return Fail(items.error());
  if (items->empty()) return Fail(ErrorCode::kNotFound, "There is no item with SKU " + sku + ".");
  return std::move(items->front());
}

Result<Item> SqliteCatalog::Create(const Item& item, const IdempotencyKey& key,
                                   KeptAnswer<Item>* answer) {
  return database_.writer().Write<Item>(
      [&](Connection& connection) { return CreateIn(connection, item, key, answer); });
}

Result<Item> SqliteCatalog::Update(const Item& item) {
  return database_.writer().Write<Item>(
      [&](Connection& connection) { return UpdateIn(connection, item); });
}

Result<Page<Item>> SqliteCatalog::Search(const std::string& query, int limit,
                                         const std::string& cursor) const {
  return database_.readers().Read<Page<Item>>([&](Connection& connection) {
    return SearchIn(connection, query, ClampLimit(limit), cursor);
  });
}

}  // namespace commesso::sqlite
