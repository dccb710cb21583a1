#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace commesso::sqlite {

// How long a connection waits for a lock held by another connection or process (say `commesso
// migrate` run beside the server, or readers a checkpoint waits for) before it reports
// SQLITE_BUSY.
inline constexpr int kBusyTimeoutMs = 5000;

enum class Access {
  kReadOnly,   // A reader: never writes, never blocks the writer (WAL).
  kReadWrite,  // The writer; creates the file when missing.
};

// One SQLite connection and the statements prepared on it. Not thread-safe: one thread at a
// time uses it. The constructor and every method except ResetAll throw SQLite::Exception;
// callers in this folder turn it into a Result (errors.h).
class Connection {
 public:
  // Opens `path` with foreign keys on, synchronous=FULL and a busy timeout.
  Connection(const std::string& path, Access access);

  SQLite::Database& database() { return database_; }

  // The statement for `sql`, reset and with no bindings. It is prepared on first use and
  // kept for the connection's lifetime, so `sql` should be one of a bounded set of texts.
  SQLite::Statement& Prepare(const std::string& sql);

  // Runs statements that return no rows.
  void Execute(const std::string& sql);

  // Resets every prepared statement, so none keeps a read transaction open.
  void ResetAll() noexcept;

 private:
  SQLite::Database database_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace commesso::sqlite
