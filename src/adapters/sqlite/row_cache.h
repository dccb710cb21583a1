#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/sequenced_index.hpp>
#include <boost/multi_index_container.hpp>

namespace commesso::sqlite {

// What a cache has done since the database was opened.
struct RowCacheCounts {
  std::int64_t hits = 0;    // Look-ups answered from memory.
  std::int64_t loaded = 0;  // Rows read from the database to answer the others.
  std::size_t size = 0;     // Rows held now.
};

// A bounded cache of one table's rows, each under its look-up key (an item's SKU, a customer's
// id, an API key's prefix) and its rowid (what the writer reports changed), dropping the least
// recently used row beyond `capacity` rows; capacity 0 holds nothing. It never loads anything
// itself: RowCaches::Look (row_caches.h) loads what it misses and keeps it here, and the writer
// drops what its transactions changed. A load that began before a Forget or Clear keeps
// nothing (Keep with a stale generation), so a row read from an old snapshot cannot outlive
// the change that made it old. Thread-safe.
template <typename Key, typename Value>
class RowCache {
 public:
  explicit RowCache(std::size_t capacity) : capacity_(capacity) {}
  RowCache(const RowCache&) = delete;
  RowCache& operator=(const RowCache&) = delete;

  bool enabled() const { return capacity_ > 0; }

  // To be taken before reading rows from the database, and handed to Keep with them.
  std::uint64_t generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
  }

  // A copy of the row under `key`, which becomes the most recently used; nullopt when absent.
  std::optional<Value> Find(const Key& key) {
    std::lock_guard lock(mutex_);
    auto& by_key = entries_.template get<kByKey>();
    auto found = by_key.find(key);
    if (found == by_key.end()) return std::nullopt;
    entries_.relocate(entries_.begin(), entries_.template project<kByUse>(found));
    hits_.fetch_add(1, std::memory_order_relaxed);
    return found->value;
  }

  // Keeps `value`, row `rowid`, under `key`, unless a Forget or Clear came after `generation`
  // was taken; evicts the least recently used rows beyond the capacity.
  void Keep(Key key, std::int64_t rowid, Value value, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    if (generation != generation_ || capacity_ == 0) return;
    auto& by_key = entries_.template get<kByKey>();
    by_key.erase(key);
    entries_.push_front(Entry{.key = std::move(key), .rowid = rowid, .value = std::move(value)});
    while (entries_.size() > capacity_) entries_.pop_back();
  }

  // Counts rows read from the database for a look-up (RowCacheCounts::loaded).
  void CountLoaded(std::size_t rows) {
    loaded_.fetch_add(static_cast<std::int64_t>(rows), std::memory_order_relaxed);
  }

  // Drops rows `rowids`, and every load begun before keeps nothing.
  void Forget(const std::vector<std::int64_t>& rowids) {
    std::lock_guard lock(mutex_);
    ++generation_;
    auto& by_rowid = entries_.template get<kByRowid>();
    for (std::int64_t rowid : rowids) by_rowid.erase(rowid);
  }

  // Drops every row, and every load begun before keeps nothing.
  void Clear() {
    std::lock_guard lock(mutex_);
    ++generation_;
    entries_.clear();
  }

  RowCacheCounts counts() const {
    std::lock_guard lock(mutex_);
    return {.hits = hits_.load(std::memory_order_relaxed),
            .loaded = loaded_.load(std::memory_order_relaxed),
            .size = entries_.size()};
  }

 private:
  struct Entry {
    Key key{};
    std::int64_t rowid = 0;
    Value value{};
  };
  // Most recently used first; by key for look-ups; by rowid for the writer's changes.
  static constexpr int kByUse = 0;
  static constexpr int kByKey = 1;
  static constexpr int kByRowid = 2;
  using Entries = boost::multi_index_container<
      Entry,
      boost::multi_index::indexed_by<
          boost::multi_index::sequenced<>,
          boost::multi_index::hashed_unique<boost::multi_index::member<Entry, Key, &Entry::key>>,
          boost::multi_index::hashed_non_unique<
              boost::multi_index::member<Entry, std::int64_t, &Entry::rowid>>>>;

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  Entries entries_;               // Guarded by mutex_.
  std::uint64_t generation_ = 0;  // Guarded by mutex_.
  std::atomic<std::int64_t> hits_{0};
  std::atomic<std::int64_t> loaded_{0};
};

}  // namespace commesso::sqlite
