#include "adapters/sqlite/checkpointer.h"

#include <utility>

#include <sqlite3.h>

namespace commesso::sqlite {

Checkpointer::Checkpointer(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)), thread_([this] { Loop(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::Request() {
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
  }
  wake_.notify_one();
}

void Checkpointer::AfterCommit(int wal_pages) {
  if (wal_pages < requested_at_pages_) requested_at_pages_ = 0;  // The log restarted.
  if (wal_pages < requested_at_pages_ + kWalPages) return;
  requested_at_pages_ = wal_pages;
  requests_.fetch_add(1);
  Request();
}

void Checkpointer::Loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || requested_; });
    if (stopping_) return;
    requested_ = false;
    lock.unlock();

    int wal_pages = 0;
    int copied_pages = 0;
    // A busy or failed checkpoint loses nothing: the frames stay in the WAL, readers still see
    // them, and the next request tries again.
    sqlite3_wal_checkpoint_v2(connection_->database().getHandle(), nullptr,
                              SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &copied_pages);
    checkpoints_.fetch_add(1);

    lock.lock();
  }
}

}  // namespace commesso::sqlite
