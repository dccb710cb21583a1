#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/errors.h"
#include "core/result.h"

namespace commesso::sqlite {

// Read-only connections for the stores' queries. In WAL mode each reader sees the last
// committed state and neither waits for the writer nor makes it wait. A connection is lent to
// one thread at a time; idle ones are kept (up to a few) for the next read. Thread-safe.
class ReaderPool {
 public:
  explicit ReaderPool(std::string path) : path_(std::move(path)) {}
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // Runs `work(Connection&) -> Result<T>` on a reader connection and returns its result; a
  // SQLite exception (also from opening a connection) becomes its Result.
  template <typename T, typename Work>
  Result<T> Read(Work&& work) const {
    reads_.fetch_add(1, std::memory_order_relaxed);
    return Guarded<T>([&]() -> Result<T> {
      Lease lease(*this);
      return work(lease.connection());
    });
  }

  // How many reads (calls of Read) there have been, for tests that count a request's reads.
  std::int64_t reads() const { return reads_.load(std::memory_order_relaxed); }

 private:
  // Borrows a connection for one read and gives it back, reset, when destroyed.
  class Lease {
   public:
    explicit Lease(const ReaderPool& pool) : pool_(pool), connection_(pool.Acquire()) {}
    ~Lease() { pool_.Release(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& connection() { return *connection_; }

   private:
    const ReaderPool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  std::unique_ptr<Connection> Acquire() const;
  void Release(std::unique_ptr<Connection> connection) const noexcept;

  const std::string path_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<Connection>> idle_;  // Guarded by mutex_.
  mutable std::atomic<std::int64_t> reads_{0};
};

}  // namespace commesso::sqlite
