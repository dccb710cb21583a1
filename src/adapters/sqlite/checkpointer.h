#pragma once

#include <atomic>
#include <cstdint>

#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/database.h"

namespace commesso::sqlite {

// Keeps the write-ahead log of the writer's connection short (the essay is in checkpointer.cc):
// after each batch, on the writer thread and outside any transaction, it copies the log back
// into the database file and lets the log start again from its beginning, waiting for readers
// (and so holding back the next batch) only when the log has grown past kWaitPages. Borrows
// the connection and installs itself as its WAL hook, which also turns SQLite's own automatic
// checkpoint off. Used by the writer thread only, except stats(), which is thread-safe.
class Checkpointer {
 public:
  // With the default 4 KiB pages: a checkpoint that never waits once the log holds about
  // 4 MiB; one that waits for readers at about 16 MiB. The log (and so its file) stays under
  // kWaitPages plus one batch's pages while readers let go within the busy timeout.
  static constexpr int kCheckpointPages = 1000;
  static constexpr int kWaitPages = 4 * kCheckpointPages;
  // What is kept of the log's file when the log restarts (PRAGMA journal_size_limit), so a
  // log that grew long while readers held it gives its disk space back.
  static constexpr std::int64_t kJournalSizeLimitBytes = std::int64_t{16} * 1024 * 1024;

  // How the batch just run ended.
  enum class Batch {
    kCommitted,  // Its transaction committed (some jobs may have failed on their own).
    kFailed,     // BEGIN, a savepoint or COMMIT failed: the disk may be full.
  };

  explicit Checkpointer(Connection& connection);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Called by SQLite (the WAL hook) after each commit with the log's length in pages.
  void AfterCommit(int log_pages);

  // Called between batches: checkpoints when the log is long, or after a failed batch until a
  // checkpoint has truncated the log's file, which gives the disk space back.
  void AfterBatch(Batch batch);

  LogStats stats() const;

 private:
  enum class Mode {
    kRestart,          // Copies what readers allow; restarts the log when none is in it.
    kTruncate,         // The same, then cuts the log's file to zero bytes.
    kTruncateWaiting,  // Waits (up to the busy timeout) for readers to leave the log first.
  };
  // Whether the log restarts (or was cut): the checkpoint copied all of it, and no reader
  // is in it.
  bool Run(Mode mode);

  Connection& connection_;
  // Used by the writer thread only.
  int log_pages_ = 0;                          // 0 once a checkpoint let the log restart.
  int reported_pages_ = 0;                     // The log's length at the last commit.
  int next_restart_pages_ = kCheckpointPages;  // Log length for the next RESTART.
  int next_wait_pages_ = kWaitPages;           // Log length for the next waiting TRUNCATE.
  bool truncation_owed_ = false;               // A batch failed since the last truncation.
  std::atomic<std::int64_t> frames_{0};
  std::atomic<std::int64_t> checkpoints_{0};
  std::atomic<std::int64_t> restarts_{0};
  std::atomic<std::int64_t> waits_{0};
};

}  // namespace commesso::sqlite
