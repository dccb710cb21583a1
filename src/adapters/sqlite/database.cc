#include "adapters/sqlite/database.h"

#include <chrono>
#include <utility>

#include <sqlite3.h>

#include "adapters/sqlite/checkpointer.h"
#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/errors.h"
#include "adapters/sqlite/migrations.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"

namespace commesso::sqlite {

struct Database::Parts {
  int schema_version = 0;
  std::unique_ptr<Checkpointer> checkpointer{};
  std::unique_ptr<ReaderPool> readers{};
  std::unique_ptr<WriteQueue> writer{};
};

namespace {

// Idempotency keys must live at least 24 hours; a week leaves room for slow retries.
constexpr std::chrono::milliseconds kKeyRetention = std::chrono::days{7};

// A draft nobody has touched for this long is abandoned.
constexpr std::chrono::milliseconds kDraftRetention = std::chrono::days{30};

// Called by SQLite on the writer thread after each commit, with the WAL's length. Replacing
// the default hook also turns off SQLite's automatic checkpoint on the writer: the
// checkpointer thread does it instead.
int OnWalCommit(void* checkpointer, sqlite3* /*handle*/, const char* /*schema*/, int wal_pages) {
  static_cast<Checkpointer*>(checkpointer)->AfterCommit(wal_pages);
  return SQLITE_OK;
}

// False when the file system cannot hold a write-ahead log (some network file systems).
bool UseWal(Connection& connection) {
  const std::string mode = connection.database().execAndGet("PRAGMA journal_mode = WAL");
  if (mode != "wal") return false;
  // After a checkpoint lets the log restart, keep at most this much of its file.
  connection.Execute("PRAGMA journal_size_limit = 67108864");
  return true;
}

void PurgeKeys(Connection& connection) {
  SQLite::Statement& purge =
      connection.Prepare("DELETE FROM idempotency_keys WHERE created_at < ?");
  purge.bind(1, NowMillis() - kKeyRetention.count());
  purge.exec();
}

// Drafts' updated_at comes from the API's Clock, which is the system clock in production.
void PurgeDrafts(Connection& connection) {
  SQLite::Statement& purge = connection.Prepare("DELETE FROM drafts WHERE updated_at < ?");
  purge.bind(1, NowMillis() - kDraftRetention.count());
  purge.exec();
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  if (options.max_batch < 1) {
    return Fail(Error{.code = ErrorCode::kInvalidInput,
                      .message = "The write batch size must be at least 1.",
                      .fields = {{"max_batch", "must be at least 1"}}});
  }
  auto database = Guarded<std::unique_ptr<Database>>([&]() -> Result<std::unique_ptr<Database>> {
    auto writer = std::make_unique<Connection>(options.path, Access::kReadWrite);
    if (!UseWal(*writer)) {
      return Fail(ErrorCode::kUnavailable,
                  "The file system does not support SQLite's write-ahead log; put the database "
                  "on a local disk.");
    }
    auto version = Migrate(*writer);
    if (!version) return Fail(version.error());
    PurgeKeys(*writer);
    PurgeDrafts(*writer);
    writer->ResetAll();

    Parts parts{.schema_version = *version};
    parts.checkpointer = std::make_unique<Checkpointer>(
        std::make_unique<Connection>(options.path, Access::kReadWrite));
    sqlite3_wal_hook(writer->database().getHandle(), &OnWalCommit, parts.checkpointer.get());
    parts.readers = std::make_unique<ReaderPool>(options.path);
    parts.writer = std::make_unique<WriteQueue>(std::move(writer), options.max_batch);
    return std::make_unique<Database>(std::move(parts));
  });
  if (!database) {
    Error error = std::move(database.error());
    error.message = "Cannot use the database " + options.path + ". " + error.message;
    return Fail(std::move(error));
  }
  return database;
}

Database::Database(Parts parts)
    : schema_version_(parts.schema_version),
      checkpointer_(std::move(parts.checkpointer)),
      readers_(std::move(parts.readers)),
      writer_(std::move(parts.writer)) {}

Database::~Database() = default;

WriterStats Database::writer_stats() const { return writer_->stats(); }

std::int64_t Database::checkpoints() const { return checkpointer_->checkpoints(); }

}  // namespace commesso::sqlite
