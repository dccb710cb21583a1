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
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "adapters/sqlite/checkpointer.h"
#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/database.h"
#include "core/result.h"

namespace commesso::sqlite {

// What the writer tells about its transactions, on its own thread, so that what only the
// writer calls needs no lock (row_caches.h keeps its caches true with it). The calls of one
// batch: Began after BEGIN IMMEDIATE; RowChanged for each row a statement inserts, updates or
// deletes in a rowid table (SQLite's update hook, triggers included); JobEnded after each
// job's savepoint, kept or rolled back; Committing before COMMIT; Ended once the transaction
// has ended, committed or not, before any caller hears of it. Began and Committing may run SQL
// on the write connection and throw SQLite's exceptions, which fail the batch; RowChanged must
// not touch the connection.
class WriteObserver {
 public:
  virtual ~WriteObserver() = default;
  virtual void Began(Connection& connection) = 0;
  virtual void RowChanged(std::string_view table, std::int64_t rowid) = 0;
  virtual void JobEnded(bool kept) = 0;
  virtual void Committing(Connection& connection) = 0;
  virtual void Ended(bool committed) = 0;
};

// The single writer of a database (group commit; the essay is in write_queue.cc). Callers on
// any thread hand it a job and either block until the job's batch is durable or has failed
// (Write), or go on and are called back then (Post); the writer thread alone uses the write
// connection, and between batches keeps the write-ahead log short (checkpointer.cc).
// Thread-safe. Destruction runs every job already queued, then stops the thread; jobs
// submitted afterwards fail with kUnavailable.
class WriteQueue {
 public:
  // Takes the write connection; `max_batch` (at least 1) bounds the jobs of one transaction.
  // `observer` (null: none), which must outlive the queue, hears of every batch.
  WriteQueue(std::unique_ptr<Connection> connection, int max_batch,
             WriteObserver* observer = nullptr);
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

  // Runs `work` as Write does, without waiting: `then(Result<T>)` is called once the
  // transaction holding the job has committed or failed, on the writer thread (so it must only
  // hand the result on, never block), or at once on the caller's thread when the queue is
  // closing. An exception from `work` other than SQLite's reaches `then` as kInternal with its
  // message.
  template <typename T, typename Work, typename Then>
  void Post(Work work, Then then) {
    auto result = std::make_shared<std::optional<Result<T>>>();
    Enqueue(
        [result, work = std::move(work)](Connection& connection) mutable -> std::optional<Error> {
          result->emplace(work(connection));
          if (!(*result)->has_value()) return (*result)->error();
          return std::nullopt;
        },
        [result, then = std::move(then)](Outcome outcome) mutable {
          if (outcome.exception) {
            then(Fail(ErrorCode::kInternal, WhatOf(outcome.exception)));
          } else if (outcome.error) {
            then(Fail(*std::move(outcome.error)));
          } else {
            then(**std::move(result));
          }
        });
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
  using Completion = std::function<void(Outcome)>;
  struct Job {
    std::function<std::optional<Error>(Connection&)> work;
    Completion done;  // Called once, with the job's fate, after its transaction ended.
  };

  // Queues `work`, waits for its batch and returns its error, if any.
  std::optional<Error> Submit(std::function<std::optional<Error>(Connection&)> work);
  // Queues `work`; `done` gets its fate (at once, kUnavailable, when the queue is closing).
  void Enqueue(std::function<std::optional<Error>(Connection&)> work, Completion done);
  static std::string WhatOf(const std::exception_ptr& exception);
  void Loop();
  void RunBatch(std::deque<std::unique_ptr<Job>>& batch);
  Outcome RunInSavepoint(Job& job);
  void RollBackQuietly() noexcept;

  std::unique_ptr<Connection> connection_;  // Used by the writer thread only.
  WriteObserver* const observer_;           // Called by the writer thread only; may be null.
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
