// Group commit: many placements, one fsync.
//
// With synchronous=FULL every COMMIT waits for the disk, and that wait (about a millisecond on
// an SSD, far more on a busy or spinning disk) is the real limit of an order desk, not the CPU.
// Committing each request on its own would pay it once per request. Instead, one writer thread
// owns the write connection, and requests queue up for it: while it waits for one fsync, the
// next requests gather, and it commits them all together with the following one. Under load
// batches grow on their own; alone, a request is committed at once, with no added delay.
//
// The writer loop:
//   1. Wait until the queue is not empty (or the database is closing and it is empty: stop).
//   2. Take every pending job, up to max_batch, so one transaction stays short.
//   3. BEGIN IMMEDIATE: take the write lock now, not at the first write, so no job can fail
//      halfway on SQLITE_BUSY when another process (a `commesso migrate`) holds it.
//   4. Run each job inside its own SAVEPOINT. A job that fails (kRejected for stock, a wrong
//      idempotency key, a SQLite error, an invariant) is rolled back to its savepoint and fails
//      alone; the jobs before and after it are untouched. Because the writer runs the jobs one
//      by one, each sees the committed state plus the jobs before it: a job that reserves the
//      last unit is seen by the next one, and order numbers stay consecutive with no gap,
//      since a rolled-back job also rolls back its counter increment.
//   5. COMMIT. Only now, when the batch is durable, does each caller hear its outcome: a
//      success was never reported for something a crash could still take back.
//   6. If BEGIN, a savepoint or COMMIT itself fails (disk full, I/O error), nothing of the
//      batch is durable: the transaction is rolled back and every job not already failed on
//      its own fails with that error (kUnavailable), so its caller may retry.
//   7. With the callers answered and before the next batch, the checkpointer copies a long
//      log back into the database file (checkpointer.cc); a long wait there slows intake down.
//
// An observer (WriteObserver, the caches of row_caches.cc) hears of each step on the writer
// thread: the transaction begun, every row changed, each job's savepoint kept or rolled back,
// the COMMIT coming, and the transaction ended, which it hears before any caller does.
//
// Callers block on a promise (Write) or are called back (Post), never on the queue's mutex, so
// the writer never waits for them: a request whose answer waits for its commit holds no thread
// meanwhile.
// Exceptions other than SQLite's (an invariant that broke) are carried to the caller's thread
// and rethrown there, where the request turns them into a 500; the writer goes on.
#include "adapters/sqlite/write_queue.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "adapters/sqlite/errors.h"

namespace commesso::sqlite {

namespace {

// SQLite's update hook, handed on to the observer.
void RowChangedHook(void* observer, int /*operation*/, const char* /*database*/, const char* table,
                    sqlite3_int64 rowid) {
  static_cast<WriteObserver*>(observer)->RowChanged(table, rowid);
}

// `connection`, now telling `observer` (when not null) of every row it changes.
std::unique_ptr<Connection> Observed(std::unique_ptr<Connection> connection,
                                     WriteObserver* observer) {
  if (observer != nullptr) {
    sqlite3_update_hook(connection->database().getHandle(), &RowChangedHook, observer);
  }
  return connection;
}

}  // namespace

WriteQueue::WriteQueue(std::unique_ptr<Connection> connection, int max_batch,
                       WriteObserver* observer)
    : connection_(Observed(std::move(connection), observer)),
      observer_(observer),
      checkpointer_(*connection_),
      max_batch_(static_cast<std::size_t>(max_batch < 1 ? 1 : max_batch)),
      thread_([this] { Loop(); }) {}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

WriterStats WriteQueue::stats() const {
  return {.commits = commits_.load(), .jobs = jobs_.load(), .log = checkpointer_.stats()};
}

std::size_t WriteQueue::PendingForTest() {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

std::optional<Error> WriteQueue::Submit(std::function<std::optional<Error>(Connection&)> work) {
  std::promise<Outcome> promise;
  std::future<Outcome> done = promise.get_future();
  Enqueue(std::move(work), [&promise](Outcome outcome) { promise.set_value(std::move(outcome)); });
  Outcome outcome = done.get();
  if (outcome.exception) std::rethrow_exception(outcome.exception);
  return std::move(outcome.error);
}

void WriteQueue::Enqueue(std::function<std::optional<Error>(Connection&)> work, Completion done) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      pending_.push_back(std::make_unique<Job>(Job{.work = std::move(work), .done = done}));
      done = nullptr;
    }
  }
  if (done) {
    return done(Outcome{.error = Error{ErrorCode::kUnavailable,
                                       "The database is closing; try again after restart."}});
  }
  wake_.notify_one();
}

std::string WriteQueue::WhatOf(const std::exception_ptr& exception) {
  try {
    std::rethrow_exception(exception);
  } catch (const std::exception& caught) {
    return caught.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

void WriteQueue::Loop() {
  for (;;) {
    std::deque<std::unique_ptr<Job>> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;  // Closing, and everything queued has run.
      while (!pending_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(pending_.front()));
        pending_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

void WriteQueue::RunBatch(std::deque<std::unique_ptr<Job>>& batch) {
  std::vector<Outcome> outcomes(batch.size());
  std::optional<Error> batch_error;
  try {
    connection_->Execute("BEGIN IMMEDIATE");
    if (observer_ != nullptr) observer_->Began(*connection_);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      outcomes[i] = RunInSavepoint(*batch[i]);
      jobs_.fetch_add(1);
      if (sqlite3_get_autocommit(connection_->database().getHandle()) != 0) {
        // SQLite ended the transaction itself (it does so on some I/O errors and when memory
        // runs out): the jobs before this one are gone too.
        batch_error = outcomes[i].error.value_or(
            Error{ErrorCode::kUnavailable,
                  "The database rolled the transaction back; try again in a moment."});
        break;
      }
    }
    if (!batch_error) {
      if (observer_ != nullptr) observer_->Committing(*connection_);
      connection_->Execute("COMMIT");
      commits_.fetch_add(1);
    }
  } catch (const SQLite::Exception& exception) {
    batch_error = ErrorFrom(exception);
  }
  if (batch_error) {
    RollBackQuietly();
    for (Outcome& outcome : outcomes) {
      if (!outcome.failed()) outcome.error = batch_error;
    }
  }
  connection_->ResetAll();
  // Before any caller hears of its job: an answer sent must never be older than what it says.
  if (observer_ != nullptr) observer_->Ended(!batch_error.has_value());

  for (std::size_t i = 0; i < batch.size(); ++i) {
    try {
      batch[i]->done(std::move(outcomes[i]));
    } catch (const std::exception& error) {
      // A completion only hands the result on; one that throws must not stop the writer.
      spdlog::error("a write's completion failed: {}", error.what());
    }
  }
  checkpointer_.AfterBatch(batch_error ? Checkpointer::Batch::kFailed
                                       : Checkpointer::Batch::kCommitted);
}

WriteQueue::Outcome WriteQueue::RunInSavepoint(Job& job) {
  Outcome outcome;
  connection_->Execute("SAVEPOINT job");
  try {
    outcome.error = job.work(*connection_);
  } catch (const SQLite::Exception& exception) {
    outcome.error = ErrorFrom(exception);
  } catch (...) {
    // Not swallowed: carried to the caller's thread and rethrown there (see Submit).
    outcome.exception = std::current_exception();
  }
  if (sqlite3_get_autocommit(connection_->database().getHandle()) != 0) return outcome;

  // A statement left mid-step would keep the savepoint from being released.
  connection_->ResetAll();
  if (outcome.failed()) connection_->Execute("ROLLBACK TO job");
  connection_->Execute("RELEASE job");
  if (observer_ != nullptr) observer_->JobEnded(!outcome.failed());
  return outcome;
}

void WriteQueue::RollBackQuietly() noexcept {
  // Fails harmlessly when SQLite has already rolled the transaction back.
  connection_->database().tryExec("ROLLBACK");
}

}  // namespace commesso::sqlite
