#include "adapters/sqlite/errors.h"

#include <string>

#include <sqlite3.h>

namespace commesso::sqlite {

Error ErrorFrom(const SQLite::Exception& exception) {
  const int extended = exception.getExtendedErrorCode();
  switch (exception.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {ErrorCode::kUnavailable,
              "The database is busy with another program; try again in a moment."};
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return {ErrorCode::kUnavailable,
              "The database could not be written (disk full or I/O error); free disk space or "
              "check the disk, then try again."};
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return {ErrorCode::kUnavailable,
              "The database file cannot be opened for writing; check its path and permissions."};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return {ErrorCode::kUnavailable,
              "The database file is damaged or is not a commesso database; restore it from a "
              "backup."};
    case SQLITE_CONSTRAINT:
      if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return {ErrorCode::kConflict, "A record with the same key already exists."};
      }
      break;
    default:
      break;
  }
  return {ErrorCode::kInternal, std::string("Database error: ") + exception.what()};
}

}  // namespace commesso::sqlite
