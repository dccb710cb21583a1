#include "adapters/sqlite/database.h"

#include <chrono>
#include <string>
#include <utility>

#include "adapters/sqlite/checkpointer.h"
#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/errors.h"
#include "adapters/sqlite/migrations.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/row_caches.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"

namespace commesso::sqlite {

struct Database::Parts {
  int schema_version = 0;
  std::unique_ptr<RowCaches> caches{};
  std::unique_ptr<WriteQueue> writer{};
  std::unique_ptr<ReaderPool> readers{};
};

namespace {

// Idempotency keys must live at least 24 hours; a week leaves room for slow retries.
constexpr std::chrono::milliseconds kKeyRetention = std::chrono::days{7};

// A draft nobody has touched for this long is abandoned.
constexpr std::chrono::milliseconds kDraftRetention = std::chrono::days{30};

// False when the file system cannot hold a write-ahead log (some network file systems).
bool UseWal(Connection& connection) {
  const std::string mode = connection.database().execAndGet("PRAGMA journal_mode = WAL");
  if (mode != "wal") return false;
  // When the log restarts, keep at most this much of its file.
  connection.Execute("PRAGMA journal_size_limit = " +
                     std::to_string(Checkpointer::kJournalSizeLimitBytes));
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
    // A log left by a crash goes into the file now and its file is cut to nothing, so this run
    // starts with a short log. Without waiting: when another process uses the database (a
    // server beside `commesso place`), the writer's checkpoints see to it later.
    writer->database().setBusyTimeout(0);
    writer->database().tryExec("PRAGMA wal_checkpoint(TRUNCATE)");
    writer->database().setBusyTimeout(kBusyTimeoutMs);

    Parts parts{.schema_version = *version};
    parts.caches = std::make_unique<RowCaches>(options.cache, RowCaches::ChangesIn(*writer));
    parts.writer =
        std::make_unique<WriteQueue>(std::move(writer), options.max_batch, parts.caches.get());
    parts.readers = std::make_unique<ReaderPool>(options.path);
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
      caches_(std::move(parts.caches)),
      writer_(std::move(parts.writer)),
      readers_(std::move(parts.readers)) {}

Database::~Database() = default;

WriterStats Database::writer_stats() const { return writer_->stats(); }

std::int64_t Database::checkpoints() const { return writer_->stats().log.checkpoints; }

}  // namespace commesso::sqlite
