#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "adapters/sqlite/checkpointer.h"
#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/database.h"
#include "core/result.h"

namespace commesso::sqlite {

// The single writer of a database (group commit; the essay is in write_queue.cc). Callers on
// any thread hand it a job and block until the job's batch is durable or has failed; the
// writer thread alone uses the write connection, and between batches keeps the write-ahead log
// short (checkpointer.cc). Thread-safe. Destruction runs every job already queued, then stops
// the thread; jobs submitted afterwards fail with kUnavailable.
class WriteQueue {
 public:
  // Takes the write connection; `max_batch` (at least 1) bounds the jobs of one transaction.
  WriteQueue(std::unique_ptr<Connection> connection, int max_batch);
  ~WriteQueue();
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Runs `work(Connection&) -> Result<T>` on the writer thread inside its own savepoint and
  // returns its result once the transaction holding it has committed. A failed result rolls
  // back the job's changes alone. A SQLite exception from `work` becomes its Result; any other
  // exception (an invariant) is rethrown here, in the caller's thread.
  template <typename T, typename Work>
  Result<T> Write(Work&& work) {
    std::optional<Result<T>> result;
    std::optional<Error> failure =
        Submit([&result, &work](Connection& connection) -> std::optional<Error> {
          result.emplace(work(connection));
          if (!result->has_value()) return result->error();
          return std::nullopt;
        });
    if (failure) return Fail(*std::move(failure));
    return *std::move(result);
  }

  WriterStats stats() const;

  // Jobs queued and not yet taken by the writer.
  std::size_t PendingForTest();

 private:
  // A job's fate: nothing went wrong, an error, or an exception to rethrow in the caller.
  struct Outcome {
    std::optional<Error> error{};
    std::exception_ptr exception{};
    bool failed() const { return error.has_value() || exception != nullptr; }
  };
  struct Job {
    std::function<std::optional<Error>(Connection&)> work;
    std::promise<Outcome> done{};
  };

  // Queues `work`, waits for its batch and returns its error, if any.
  std::optional<Error> Submit(std::function<std::optional<Error>(Connection&)> work);
  void Loop();
  void RunBatch(std::deque<std::unique_ptr<Job>>& batch);
  Outcome RunInSavepoint(Job& job);
  void RollBackQuietly() noexcept;

  std::unique_ptr<Connection> connection_;  // Used by the writer thread only.
  Checkpointer checkpointer_;               // On connection_; the writer thread's, but stats().
  const std::size_t max_batch_;
  std::atomic<std::int64_t> commits_{0};
  std::atomic<std::int64_t> jobs_{0};

  std::mutex mutex_;
  std::condition_variable wake_;              // Signalled when a job arrives or on stop.
  std::deque<std::unique_ptr<Job>> pending_;  // Guarded by mutex_.
  bool stopping_ = false;                     // Guarded by mutex_.

  std::thread thread_;  // Last: starts once everything above exists.
};

}  // namespace commesso::sqlite
