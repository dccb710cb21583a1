#pragma once

#include "core/result.h"

namespace commesso::sqlite {

class Connection;

// The schema version this binary knows: the number of its last migration.
int LatestSchemaVersion();

// Brings the database on `connection` (the write connection, outside any transaction) to
// LatestSchemaVersion(): each missing migration runs in its own transaction and is recorded in
// schema_migrations, so running it again changes nothing. Returns the version. kUnavailable
// when the database comes from a newer commesso (the message names both versions and what to
// do); SQLite errors become their Result.
Result<int> Migrate(Connection& connection);

}  // namespace commesso::sqlite
