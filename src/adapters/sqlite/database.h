#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"

namespace commesso::sqlite {

class Connection;
class ReaderPool;
class RowCaches;
class WriteQueue;

// What the writer did to keep the write-ahead log short (checkpointer.cc).
struct LogStats {
  std::int64_t frames = 0;       // Pages the commits appended to the log, one frame each.
  std::int64_t checkpoints = 0;  // Checkpoints run, whatever their outcome.
  std::int64_t restarts = 0;     // Checkpoints after which the log starts again from its beginning.
  std::int64_t waits = 0;        // Checkpoints that held the writer until readers let go.
};

// What the writer has done since the database was opened.
struct WriterStats {
  std::int64_t commits = 0;  // Transactions committed, each holding one batch of jobs.
  std::int64_t jobs = 0;     // Jobs run, whether they succeeded or failed.
  LogStats log{};
};

// How many rows each of the caches holds at most (row_caches.h); 0 turns a cache off.
struct CacheSizes {
  std::size_t items = 10'000;
  std::size_t customers = 5'000;
  std::size_t api_keys = 1'000;
};

struct DatabaseOptions {
  std::string path;     // File path; created with its directory's existing permissions.
  int max_batch = 256;  // Most placements committed in one transaction (group commit).
  CacheSizes cache{};   // Items, customers and API keys kept in memory.
};

// The SQLite database: opens (creating) the file, sets WAL, synchronous=FULL, foreign_keys=ON
// and a busy timeout, applies the numbered migrations, purges idempotency keys older than a
// week and drafts untouched for 30 days, folds a log left by the last run back into the file,
// and starts the single writer thread (group commit, write_queue.cc), which also keeps the
// write-ahead log short between its batches (checkpointer.cc) and the caches of items,
// customers and API keys true (row_caches.cc). The stores of this folder borrow it and must be
// destroyed first. Destruction runs every write already queued, stops the writer and closes its
// connection last, which folds the log into the file and removes it. Thread-safe.
class Database {
 public:
  // kUnavailable when the file cannot be opened or created (say, its directory is missing),
  // is not a SQLite database, cannot use WAL, or has a schema newer than this binary knows;
  // kInvalidInput when max_batch < 1.
  static Result<std::unique_ptr<Database>> Open(const DatabaseOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // The schema version after migrations: the highest migration applied.
  int schema_version() const { return schema_version_; }

  // Batches committed and jobs run by the writer since Open.
  WriterStats writer_stats() const;

  // Checkpoints the writer has run since Open.
  std::int64_t checkpoints() const;

  // For the stores of this folder: the writer they queue writes on, the readers they query and
  // the rows they keep in memory (thread-safe, so handed out by const methods too).
  WriteQueue& writer() { return *writer_; }
  const ReaderPool& readers() const { return *readers_; }
  RowCaches& caches() const { return *caches_; }

  // Open's way in: the constructor is public only for std::make_unique.
  struct Parts;
  explicit Database(Parts parts);

 private:
  // Destroyed bottom-up: the readers close first, so the writer's connection is the last to
  // close and folds the log back into the file; the caches, which the writer tells of its
  // commits, outlive it.
  int schema_version_ = 0;
  std::unique_ptr<RowCaches> caches_;
  std::unique_ptr<WriteQueue> writer_;
  std::unique_ptr<ReaderPool> readers_;
};

}  // namespace commesso::sqlite
