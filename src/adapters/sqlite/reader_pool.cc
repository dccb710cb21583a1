#include "adapters/sqlite/reader_pool.h"

namespace commesso::sqlite {
namespace {

// More idle readers than this are closed. As many as the HTTP server has worker threads (64),
// since each may read at once: a reader opened per request costs a file open, a read of the
// schema, its statements compiled again and a map of the WAL index, and with only 8 kept it
// cost about a third of the server's CPU at 16 clients.
constexpr std::size_t kMaxIdle = 64;

}  // namespace

std::unique_ptr<Connection> ReaderPool::Acquire() const {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
  }
  return std::make_unique<Connection>(path_, Access::kReadOnly);
}

void ReaderPool::Release(std::unique_ptr<Connection> connection) const noexcept {
  // A statement left mid-step would hold its read snapshot and keep the WAL from being reused.
  connection->ResetAll();
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(connection));
}

}  // namespace commesso::sqlite
