#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/database.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/row_cache.h"
#include "adapters/sqlite/write_queue.h"
#include "core/catalog.h"
#include "core/customer.h"
#include "core/identity.h"
#include "core/result.h"

namespace commesso::sqlite {

// The rows every request reads, kept in memory: items by SKU, customers by id and API keys by
// prefix, each in a bounded RowCache (row_caches.cc has the essay). They are kept true by the
// database's single writer, whose observer this is: after each COMMIT, before any caller hears
// of it, the rows the transaction changed are dropped. Changes made by other processes on the
// same file (`commesso api-key revoke`, `commesso place`) are noticed before each look-up
// through a count of changes that triggers keep in the database (migration 15). Thread-safe;
// the observer's calls come from the writer thread only.
class RowCaches final : public WriteObserver {
 public:
  // `changes` is the database's count of changes to the cached tables (ChangesIn) when the
  // caches start empty.
  RowCaches(CacheSizes sizes, std::int64_t changes);

  RowCache<std::string, Item>& items() { return items_; }
  RowCache<std::int64_t, Customer>& customers() { return customers_; }
  RowCache<std::string, ApiKey>& api_keys() { return api_keys_; }

  // The rows under `keys` (each once, in any order; keys with no row are absent): those held
  // in `cache`, and the others read by `load(Connection&, missing keys) ->
  // Result<std::vector<Value>>` on a reader and kept. First clears every cache when another process
  // has changed a cached table since the last look (one read of one row). A failed read is returned
  // as it is.
  template <typename Key, typename Value, typename Load>
  Result<std::vector<Value>> Look(RowCache<Key, Value>& cache, const ReaderPool& readers,
                                  const std::vector<Key>& keys, Load&& load);

  // Runs `hook` in every Look between its read and keeping what it read, on the looking thread;
  // an empty function runs nothing. For tests that commit a change in between.
  void BetweenReadAndKeepForTest(std::function<void()> hook);

  // How many times the caches were cleared for another process's changes.
  std::int64_t clears() const;

  // The count of changes to the cached tables that the triggers keep, read on `connection`.
  static std::int64_t ChangesIn(Connection& connection);

  // WriteObserver, on the writer thread.
  void Began(Connection& connection) override;
  void RowChanged(std::string_view table, std::int64_t rowid) override;
  void JobEnded(bool kept) override;
  void Committing(Connection& connection) override;
  void Ended(bool committed) override;

 private:
  // Rows changed by a job or a batch, by table; used by the writer thread only.
  struct Changed {
    std::vector<std::int64_t> items;
    std::vector<std::int64_t> customers;
    std::vector<std::int64_t> api_keys;
    void Add(const Changed& other);
    void Clear();
  };

  Result<void> NoticeOtherWriters(const ReaderPool& readers);
  void ClearAll();  // Needs changes_mutex_.
  void RunBetweenReadAndKeep();

  RowCache<std::string, Item> items_;
  RowCache<std::int64_t, Customer> customers_;
  RowCache<std::string, ApiKey> api_keys_;

  mutable std::mutex changes_mutex_;
  // The count of changes after the last of this process's own commits, or the last seen from
  // another process's whose rows were then dropped. Guarded by changes_mutex_.
  std::int64_t known_changes_ = 0;
  // Between Committing and Ended: the count the writer's transaction ends with. Guarded by
  // changes_mutex_.
  std::optional<std::int64_t> committing_changes_;
  std::int64_t clears_ = 0;  // Guarded by changes_mutex_.

  Changed job_;    // Writer thread only.
  Changed batch_;  // Writer thread only.

  std::mutex hook_mutex_;
  std::function<void()> between_read_and_keep_;  // Guarded by hook_mutex_.
};

// The key and rowid each cached row is held under.
inline const std::string& CacheKeyOf(const Item& item) { return item.sku; }
inline std::int64_t RowidOf(const Item& item) { return item.id.value; }
inline std::int64_t CacheKeyOf(const Customer& customer) { return customer.id.value; }
inline std::int64_t RowidOf(const Customer& customer) { return customer.id.value; }
inline const std::string& CacheKeyOf(const ApiKey& key) { return key.prefix; }
inline std::int64_t RowidOf(const ApiKey& key) { return key.id.value; }

template <typename Key, typename Value, typename Load>
Result<std::vector<Value>> RowCaches::Look(RowCache<Key, Value>& cache, const ReaderPool& readers,
                                           const std::vector<Key>& keys, Load&& load) {
  if (cache.enabled()) {
    auto fresh = NoticeOtherWriters(readers);
    if (!fresh) return Fail(fresh.error());
  }
  // Taken before the read below begins its snapshot: a change committed after that snapshot
  // forgets its rows after its COMMIT, which makes Keep refuse what the read found.
  const std::uint64_t generation = cache.generation();
  std::vector<Value> found;
  std::vector<Key> missing;
  std::unordered_set<Key> seen;
  for (const Key& key : keys) {
    if (!seen.insert(key).second) continue;
    std::optional<Value> hit = cache.Find(key);
    if (hit) {
      found.push_back(*std::move(hit));
    } else {
      missing.push_back(key);
    }
  }
  if (missing.empty()) return found;

  Result<std::vector<Value>> loaded = readers.Read<std::vector<Value>>(
      [&](Connection& connection) { return load(connection, missing); });
  if (!loaded) return Fail(loaded.error());
  cache.CountLoaded(loaded->size());
  RunBetweenReadAndKeep();
  for (Value& value : *loaded) {
    cache.Keep(CacheKeyOf(value), RowidOf(value), value, generation);
    found.push_back(std::move(value));
  }
  return found;
}

}  // namespace commesso::sqlite
