// Rows in memory, kept true by the single writer.
//
// Every quote and placement reads its customer and its items, and every API request its key.
// Those rows change seldom next to how often they are read (stock is the exception: every
// placement of a tracked good changes it), so each is kept in memory once read, and the one
// thread that writes the database drops a kept row as soon as a transaction that changed it has
// committed. No row is ever written into a cache from the writer's side: the caches hold only
// what a reader read from a committed snapshot, so a transaction that rolls back can leave
// nothing of itself in memory.
//
// In this process. SQLite's update hook on the write connection reports every row a statement
// inserts, updates or deletes in items, customers and api_keys, whoever the writer of the
// statement (a store, a trigger, a future import): the observer collects the rowids of each job,
// keeps them when its savepoint is released and forgets them when it is rolled back, and after
// COMMIT drops those rows from the caches, before the writer hands any job its result. So the
// request that changed a row is answered after the row is dropped, and any request after that
// answer reads the row again. (customer_addresses has no rowid, so no hook; its only writer,
// SqliteCustomerStore, writes the customer's row in the same job.)
//
// A reader racing the writer. A look-up that misses reads the row from a snapshot and then
// keeps it. If the writer commits a change to that row and drops it between the two, the row
// kept would be the old one, and stay. So each cache has a generation, moved on by every drop:
// the look-up takes it before its read begins, and keeps what it read only when it has not
// moved (RowCache::Keep). A refused row is read again by the next look-up.
//
// Other processes. `commesso api-key revoke` or `commesso place` run beside a server write the
// same file through their own writer, which this process's hook never hears. Triggers on the
// cached tables count every change in cached_table_changes (migration 15), whoever makes it.
// The writer reads the count when its transaction begins (when it differs from the count it
// last knew, another process has written: every cache is cleared) and before COMMIT (the count
// its own changes lead to, which it publishes after dropping their rows). Every look-up reads
// the count first, one row: above what this process knows, and not the count of the writer's
// transaction that is committing now, means another process changed something, and every cache
// is cleared before the look-up goes on. So a key revoked by the command line is refused by the
// server's next request after the command has returned. The cost is that read of one row
// per look-up, instead of the rows themselves.
//
// Bounds. Each cache holds at most its configured number of rows and drops the least recently
// used one beyond it (docs/configuration.md, [cache]; the memory per row is measured in
// docs/decisions/0027).
#include "adapters/sqlite/row_caches.h"

#include <algorithm>

namespace commesso::sqlite {

void RowCaches::Changed::Add(const Changed& other) {
  items.insert(items.end(), other.items.begin(), other.items.end());
  customers.insert(customers.end(), other.customers.begin(), other.customers.end());
  api_keys.insert(api_keys.end(), other.api_keys.begin(), other.api_keys.end());
}

void RowCaches::Changed::Clear() {
  items.clear();
  customers.clear();
  api_keys.clear();
}

RowCaches::RowCaches(CacheSizes sizes, std::int64_t changes)
    : items_(sizes.items),
      customers_(sizes.customers),
      api_keys_(sizes.api_keys),
      known_changes_(changes) {}

void RowCaches::BetweenReadAndKeepForTest(std::function<void()> hook) {
  std::lock_guard lock(hook_mutex_);
  between_read_and_keep_ = std::move(hook);
}

void RowCaches::RunBetweenReadAndKeep() {
  std::function<void()> hook;
  {
    std::lock_guard lock(hook_mutex_);
    hook = between_read_and_keep_;
  }
  if (hook) hook();
}

std::int64_t RowCaches::clears() const {
  std::lock_guard lock(changes_mutex_);
  return clears_;
}

std::int64_t RowCaches::ChangesIn(Connection& connection) {
  SQLite::Statement& count =
      connection.Prepare("SELECT changes FROM cached_table_changes WHERE id = 1");
  count.executeStep();
  const std::int64_t changes = count.getColumn(0).getInt64();
  count.reset();
  return changes;
}

Result<void> RowCaches::NoticeOtherWriters(const ReaderPool& readers) {
  Result<std::int64_t> changes = readers.Read<std::int64_t>(
      [](Connection& connection) -> Result<std::int64_t> { return ChangesIn(connection); });
  if (!changes) return Fail(changes.error());
  std::lock_guard lock(changes_mutex_);
  // At most what this process knows: an older snapshot, nothing new. The count of the writer's
  // transaction now committing: its own changes, whose rows it drops before anyone is answered.
  if (*changes <= known_changes_ || *changes == committing_changes_) return {};
  ClearAll();
  known_changes_ = *changes;
  return {};
}

void RowCaches::ClearAll() {
  items_.Clear();
  customers_.Clear();
  api_keys_.Clear();
  ++clears_;
}

void RowCaches::Began(Connection& connection) {
  job_.Clear();
  batch_.Clear();
  // The writer holds the write lock: this is the latest count, and only another process can
  // have moved it since this process's last commit.
  const std::int64_t changes = ChangesIn(connection);
  std::lock_guard lock(changes_mutex_);
  if (changes != known_changes_) {
    ClearAll();
    known_changes_ = changes;
  }
}

void RowCaches::RowChanged(std::string_view table, std::int64_t rowid) {
  if (table == "items") {
    job_.items.push_back(rowid);
  } else if (table == "customers") {
    job_.customers.push_back(rowid);
  } else if (table == "api_keys") {
    job_.api_keys.push_back(rowid);
  }
}

void RowCaches::JobEnded(bool kept) {
  if (kept) batch_.Add(job_);
  job_.Clear();
}

void RowCaches::Committing(Connection& connection) {
  const std::int64_t changes = ChangesIn(connection);
  std::lock_guard lock(changes_mutex_);
  committing_changes_ = changes;
}

void RowCaches::Ended(bool committed) {
  if (committed) {
    if (!batch_.items.empty()) items_.Forget(batch_.items);
    if (!batch_.customers.empty()) customers_.Forget(batch_.customers);
    if (!batch_.api_keys.empty()) api_keys_.Forget(batch_.api_keys);
  }
  job_.Clear();
  batch_.Clear();
  std::lock_guard lock(changes_mutex_);
  if (committed && committing_changes_) {
    known_changes_ = std::max(known_changes_, *committing_changes_);
  }
  committing_changes_.reset();
}

}  // namespace commesso::sqlite
