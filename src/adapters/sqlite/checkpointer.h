#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "adapters/sqlite/connection.h"

namespace commesso::sqlite {

// Copies the write-ahead log back into the database file on its own thread and connection, so
// no request pays for it. The writer's WAL hook calls AfterCommit(), which asks for a
// checkpoint each time the log has grown by another kWalPages pages; the checkpoint is PASSIVE: it
// never blocks readers or the writer, and copies what it can (a later request finishes the rest).
// Thread-safe; destruction stops the thread.
class Checkpointer {
 public:
  // The WAL length, in pages, at which a commit asks for a checkpoint.
  static constexpr int kWalPages = 1000;

  explicit Checkpointer(std::unique_ptr<Connection> connection);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Asks for a checkpoint soon; cheap, never blocks on the checkpoint itself.
  void Request();

  // Called on the writer thread after each commit with the log's length in pages. Requests a
  // checkpoint when the log has grown by kWalPages since the last request (or since it
  // restarted). Under steady load readers keep the log from restarting, so asking after every
  // commit past the threshold would run one checkpoint, with its fsync, per commit.
  void AfterCommit(int wal_pages);

  // Checkpoints run so far, and checkpoints AfterCommit asked for.
  std::int64_t checkpoints() const { return checkpoints_.load(); }
  std::int64_t requests() const { return requests_.load(); }

 private:
  void Loop();

  std::unique_ptr<Connection> connection_;  // Used by the checkpointer thread only.
  std::atomic<std::int64_t> checkpoints_{0};
  std::atomic<std::int64_t> requests_{0};
  int requested_at_pages_ = 0;  // Used by the writer thread only (AfterCommit).

  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;  // Guarded by mutex_.
  bool stopping_ = false;   // Guarded by mutex_.

  std::thread thread_;  // Last: starts once everything above exists.
};

}  // namespace commesso::sqlite
