// A bounded write-ahead log: the writer checkpoints between its batches.
//
// In WAL mode a commit appends the pages it changed to the log; readers find the newest copy of
// a page there. A checkpoint copies the log back into the database file, but only as far as the
// oldest snapshot a reader still uses, and the log starts again from the beginning of its file
// only once everything is copied and no reader still reads from it. SQLite's automatic
// checkpoint, and our own PASSIVE checkpoint on a thread beside the writer, never got there
// under steady load: the writer appended frames while the checkpoint copied them and some
// request was always reading, so the log never restarted and its file only grew (1.8 GB in two
// minutes at 16 clients), until the disk was full.
//
// So the writer itself checkpoints, on its own connection, between two batches: nothing is
// appended meanwhile, so a checkpoint can finish. After each batch:
//   1. The log holds kCheckpointPages or more: a RESTART checkpoint that never waits (busy
//      timeout 0). It copies everything the readers allow and, when no reader is in the log,
//      lets the next commit write from the beginning of the file. When readers are in the log
//      (the usual case under load) it is a passive checkpoint: the database file keeps up.
//      Each one that copies pages costs an fsync of the database file, so after one that could
//      not restart the log the next comes only after another quarter of kCheckpointPages.
//   2. The log holds kWaitPages or more: a TRUNCATE checkpoint that waits for the readers, up
//      to the connection's busy timeout. A reader is in the log for one query only (the pool
//      resets every statement when a connection comes back, and the writer resets its own after
//      each batch), and readers that start once everything is copied read the database file, so
//      the wait is a few milliseconds. No batch runs meanwhile: requests queue up and intake
//      slows down, instead of the log growing (back-pressure). Only a snapshot held for longer
//      than the busy timeout, by another program, lets the log grow past the bound; then the
//      writer waits that long again after every further kCheckpointPages while it lasts.
//   3. A batch failed (disk full, I/O error): a TRUNCATE checkpoint that never waits, after
//      every batch until one succeeds. Cutting the log's file to zero bytes gives its space
//      back to the file system once its pages are in the database file, which is what lets a
//      full disk recover without a restart.
// PRAGMA journal_size_limit (set when the database is opened) cuts the file to
// kJournalSizeLimitBytes whenever the log restarts, so a log that grew long while a reader held
// it gives its space back too. A failed checkpoint loses nothing: the pages stay in the log,
// readers still see them, and the next batch tries again.
#include "adapters/sqlite/checkpointer.h"

#include <sqlite3.h>

namespace commesso::sqlite {
namespace {

int OnCommit(void* checkpointer, sqlite3* /*handle*/, const char* /*schema*/, int log_pages) {
  static_cast<Checkpointer*>(checkpointer)->AfterCommit(log_pages);
  return SQLITE_OK;
}

}  // namespace

Checkpointer::Checkpointer(Connection& connection) : connection_(connection) {
  sqlite3_wal_hook(connection_.database().getHandle(), &OnCommit, this);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(connection_.database().getHandle(), nullptr, nullptr);
}

void Checkpointer::AfterCommit(int log_pages) {
  // A log shorter than at the last commit has restarted: all of it is new.
  frames_.fetch_add(log_pages >= reported_pages_ ? log_pages - reported_pages_ : log_pages);
  reported_pages_ = log_pages;
  log_pages_ = log_pages;
}

void Checkpointer::AfterBatch(Batch batch) {
  if (batch == Batch::kFailed) truncation_owed_ = true;
  if (log_pages_ >= next_wait_pages_) {
    // Failed (a reader held on past the busy timeout): intake goes on meanwhile, and the next
    // wait comes after another kCheckpointPages, not after every batch.
    if (!Run(Mode::kTruncateWaiting)) next_wait_pages_ = log_pages_ + kCheckpointPages;
  } else if (truncation_owed_) {
    Run(Mode::kTruncate);
  } else if (log_pages_ >= next_restart_pages_) {
    // Each checkpoint that copies pages costs an fsync of the database file: while readers
    // keep the log from restarting, try again only after a quarter of kCheckpointPages more.
    if (!Run(Mode::kRestart)) next_restart_pages_ = log_pages_ + kCheckpointPages / 4;
  }
}

LogStats Checkpointer::stats() const {
  return {.frames = frames_.load(),
          .checkpoints = checkpoints_.load(),
          .restarts = restarts_.load(),
          .waits = waits_.load()};
}

bool Checkpointer::Run(Mode mode) {
  sqlite3* handle = connection_.database().getHandle();
  const bool waiting = mode == Mode::kTruncateWaiting;
  if (!waiting) sqlite3_busy_timeout(handle, 0);
  int log_frames = 0;
  int copied_frames = 0;
  const int result = sqlite3_wal_checkpoint_v2(
      handle, nullptr,
      mode == Mode::kRestart ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_TRUNCATE, &log_frames,
      &copied_frames);
  if (!waiting) sqlite3_busy_timeout(handle, kBusyTimeoutMs);
  checkpoints_.fetch_add(1);
  if (waiting) waits_.fetch_add(1);
  // SQLITE_BUSY: a reader is still in the log (the pages it allowed were copied); anything
  // else (a full disk) left the log as it was. Either way the next batch tries again.
  if (result != SQLITE_OK) return false;
  restarts_.fetch_add(1);
  log_pages_ = 0;  // The next commit writes from the beginning of the log.
  next_restart_pages_ = kCheckpointPages;
  next_wait_pages_ = kWaitPages;
  if (mode != Mode::kRestart) truncation_owed_ = false;
  return true;
}

}  // namespace commesso::sqlite
