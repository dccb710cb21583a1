#include "adapters/sqlite/connection.h"

namespace commesso::sqlite {
namespace {

int FlagsFor(Access access) {
  return access == Access::kReadOnly ? SQLite::OPEN_READONLY
                                     : SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
}

}  // namespace

Connection::Connection(const std::string& path, Access access)
    : database_(path, FlagsFor(access), kBusyTimeoutMs) {
  database_.exec("PRAGMA foreign_keys = ON");
  database_.exec("PRAGMA synchronous = FULL");
}

SQLite::Statement& Connection::Prepare(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    found = statements_.emplace(sql, std::make_unique<SQLite::Statement>(database_, sql)).first;
  }
  SQLite::Statement& statement = *found->second;
  // The previous use may have stopped early or failed; its error was already reported.
  statement.tryReset();
  statement.clearBindings();
  return statement;
}

void Connection::Execute(const std::string& sql) { database_.exec(sql); }

void Connection::ResetAll() noexcept {
  for (auto& [sql, statement] : statements_) statement->tryReset();
}

}  // namespace commesso::sqlite
