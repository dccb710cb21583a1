#include "adapters/sqlite/sqlite_identity_store.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/json/read_json.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/row_caches.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"

namespace commesso::sqlite {
namespace {

#define COMMESSO_USER_COLUMNS                                                \
  "users.id, users.username, users.display_name, users.role, users.locale, " \
  "users.password_hash, users.disabled, users.created_at, users.updated_at"

#define COMMESSO_KEY_COLUMNS "id, name, prefix, secret_hash, scopes, created_at, revoked_at"

// The user in columns `first`.. of `row`.
Result<User> UserFrom(SQLite::Statement& row, int first = 0) {
  const std::string role = row.getColumn(first + 3).getString();
  std::optional<Role> parsed = ParseRole(role);
  if (!parsed)
    return Fail(ErrorCode::kInternal, "A stored user has the unknown role " + role + ".");
  return User{.id = UserId{row.getColumn(first).getInt64()},
              .username = row.getColumn(first + 1).getString(),
              .display_name = row.getColumn(first + 2).getString(),
              .role = *parsed,
              .locale = row.getColumn(first + 4).getString(),
              .password_hash = row.getColumn(first + 5).getString(),
              .disabled = row.getColumn(first + 6).getInt() != 0,
              .created_at = TimestampOf(row.getColumn(first + 7).getInt64()),
              .updated_at = TimestampOf(row.getColumn(first + 8).getInt64())};
}

Result<ApiKey> KeyFrom(SQLite::Statement& row) {
  ApiKey key{.id = ApiKeyId{row.getColumn(0).getInt64()},
             .name = row.getColumn(1).getString(),
             .prefix = row.getColumn(2).getString(),
             .secret_hash = row.getColumn(3).getString(),
             .created_at = TimestampOf(row.getColumn(5).getInt64())};
  auto scopes = json::ReadJson(row.getColumn(4).getString());
  if (!scopes || !scopes->is_array()) {
    return Fail(ErrorCode::kInternal, "The API key " + key.name + " has unreadable scopes.");
  }
  for (const nlohmann::json& scope : *scopes) {
    std::optional<Permission> permission =
        scope.is_string() ? ParsePermission(scope.get<std::string>()) : std::nullopt;
    if (!permission) {
      return Fail(ErrorCode::kInternal, "The API key " + key.name + " has an unknown scope.");
    }
    key.scopes.push_back(*permission);
  }
  if (!row.getColumn(6).isNull()) key.revoked_at = TimestampOf(row.getColumn(6).getInt64());
  return key;
}

std::optional<Result<User>> FindUserIn(Connection& connection, const std::string& username) {
  SQLite::Statement& find =
      connection.Prepare("SELECT " COMMESSO_USER_COLUMNS " FROM users WHERE username = ?");
  find.bind(1, username);
  if (!find.executeStep()) return std::nullopt;
  return UserFrom(find);
}

Result<User> NoUser(const std::string& username) {
  return Fail(ErrorCode::kNotFound, "There is no user " + username + ".");
}

std::optional<Result<ApiKey>> FindKeyIn(Connection& connection, const std::string& where,
                                        const std::string& value) {
  SQLite::Statement& find =
      connection.Prepare("SELECT " COMMESSO_KEY_COLUMNS " FROM api_keys WHERE " + where + " = ?");
  find.bind(1, value);
  if (!find.executeStep()) return std::nullopt;
  return KeyFrom(find);
}

}  // namespace

Result<User> SqliteIdentityStore::CreateUser(const User& user) {
  return database_.writer().Write<User>([&](Connection& connection) -> Result<User> {
    if (FindUserIn(connection, user.username)) {
      return Fail(Error{.code = ErrorCode::kConflict,
                        .message = "There is already a user " + user.username + ".",
                        .fields = {{"username", "is taken"}}});
    }
    SQLite::Statement& insert = connection.Prepare(
        "INSERT INTO users (username, display_name, role, locale, password_hash, disabled, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, user.username);
    insert.bind(2, user.display_name);
    insert.bind(3, std::string(Name(user.role)));
    insert.bind(4, user.locale);
    insert.bind(5, user.password_hash);
    insert.bind(6, user.disabled ? 1 : 0);
    insert.bind(7, MillisOf(user.created_at));
    insert.bind(8, MillisOf(user.updated_at));
    insert.exec();
    User created = user;
    created.id = UserId{connection.database().getLastInsertRowid()};
    return created;
  });
}

Result<User> SqliteIdentityStore::FindUser(const std::string& username) const {
  return database_.readers().Read<User>([&](Connection& connection) -> Result<User> {
    std::optional<Result<User>> found = FindUserIn(connection, username);
    if (!found) return NoUser(username);
    return *std::move(found);
  });
}

Result<std::vector<User>> SqliteIdentityStore::ListUsers() const {
  return database_.readers().Read<std::vector<User>>(
      [&](Connection& connection) -> Result<std::vector<User>> {
        SQLite::Statement& rows =
            connection.Prepare("SELECT " COMMESSO_USER_COLUMNS " FROM users ORDER BY username");
        std::vector<User> users;
        while (rows.executeStep()) {
          Result<User> user = UserFrom(rows);
          if (!user) return Fail(user.error());
          users.push_back(*std::move(user));
        }
        return users;
      });
}

Result<User> SqliteIdentityStore::UpdateUser(const User& user) {
  return database_.writer().Write<User>([&](Connection& connection) -> Result<User> {
    std::optional<Result<User>> before = FindUserIn(connection, user.username);
    if (!before) return NoUser(user.username);
    if (!*before) return Fail(before->error());
    SQLite::Statement& update = connection.Prepare(
        "UPDATE users SET display_name = ?, role = ?, locale = ?, password_hash = ?, "
        "disabled = ?, updated_at = ? WHERE id = ?");
    update.bind(1, user.display_name);
    update.bind(2, std::string(Name(user.role)));
    update.bind(3, user.locale);
    update.bind(4, user.password_hash);
    update.bind(5, user.disabled ? 1 : 0);
    update.bind(6, MillisOf(user.updated_at));
    update.bind(7, (*before)->id.value);
    update.exec();
    if (user.disabled || user.password_hash != (*before)->password_hash) {
      SQLite::Statement& end = connection.Prepare("DELETE FROM sessions WHERE user_id = ?");
      end.bind(1, (*before)->id.value);
      end.exec();
    }
    User updated = user;
    updated.id = (*before)->id;
    updated.created_at = (*before)->created_at;
    return updated;
  });
}

Result<void> SqliteIdentityStore::CreateSession(const Session& session) {
  return database_.writer().Write<void>([&](Connection& connection) -> Result<void> {
    SQLite::Statement& insert = connection.Prepare(
        "INSERT INTO sessions (token_hash, csrf_token, user_id, created_at, last_seen_at) "
        "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, session.token_hash);
    insert.bind(2, session.csrf_token);
    insert.bind(3, session.user_id.value);
    insert.bind(4, MillisOf(session.created_at));
    insert.bind(5, MillisOf(session.last_seen_at));
    insert.exec();
    return {};
  });
}

Result<SignedIn> SqliteIdentityStore::FindSession(const std::string& token_hash) const {
  return database_.readers().Read<SignedIn>([&](Connection& connection) -> Result<SignedIn> {
    SQLite::Statement& find = connection.Prepare(
        "SELECT sessions.token_hash, sessions.csrf_token, sessions.created_at, "
        "sessions.last_seen_at, " COMMESSO_USER_COLUMNS
        " FROM sessions JOIN users ON users.id = sessions.user_id "
        "WHERE sessions.token_hash = ?");
    find.bind(1, token_hash);
    if (!find.executeStep()) return Fail(ErrorCode::kNotFound, "There is no such session.");
    Result<User> user = UserFrom(find, 4);
    if (!user) return Fail(user.error());
    return SignedIn{.session = {.token_hash = find.getColumn(0).getString(),
                                .csrf_token = find.getColumn(1).getString(),
                                .user_id = user->id,
                                .created_at = TimestampOf(find.getColumn(2).getInt64()),
                                .last_seen_at = TimestampOf(find.getColumn(3).getInt64())},
                    .user = *std::move(user)};
  });
}

Result<void> SqliteIdentityStore::TouchSession(const std::string& token_hash, Timestamp at) {
  return database_.writer().Write<void>([&](Connection& connection) -> Result<void> {
    SQLite::Statement& touch =
        connection.Prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
    touch.bind(1, MillisOf(at));
    touch.bind(2, token_hash);
    touch.exec();
    return {};
  });
}

Result<void> SqliteIdentityStore::DeleteSession(const std::string& token_hash) {
  return database_.writer().Write<void>([&](Connection& connection) -> Result<void> {
    SQLite::Statement& remove = connection.Prepare("DELETE FROM sessions WHERE token_hash = ?");
    remove.bind(1, token_hash);
    remove.exec();
    return {};
  });
}

Result<std::int64_t> SqliteIdentityStore::DeleteEndedSessions(Timestamp now,
                                                              const SessionLimits& limits) {
  return database_.writer().Write<std::int64_t>(
      [&](Connection& connection) -> Result<std::int64_t> {
        SQLite::Statement& remove =
            connection.Prepare("DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?");
        remove.bind(1, MillisOf(now - limits.idle));
        remove.bind(2, MillisOf(now - limits.absolute));
        return static_cast<std::int64_t>(remove.exec());
      });
}

Result<ApiKey> SqliteIdentityStore::CreateApiKey(const ApiKey& key) {
  return database_.writer().Write<ApiKey>([&](Connection& connection) -> Result<ApiKey> {
    if (FindKeyIn(connection, "name", key.name) || FindKeyIn(connection, "prefix", key.prefix)) {
      return Fail(Error{.code = ErrorCode::kConflict,
                        .message = "There is already an API key " + key.name + ".",
                        .fields = {{"name", "is taken"}}});
    }
    nlohmann::json scopes = nlohmann::json::array();
    for (Permission permission : key.scopes) scopes.push_back(std::string(Name(permission)));
    SQLite::Statement& insert = connection.Prepare(
        "INSERT INTO api_keys (name, prefix, secret_hash, scopes, created_at, revoked_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, key.name);
    insert.bind(2, key.prefix);
    insert.bind(3, key.secret_hash);
    insert.bind(4, scopes.dump());
    insert.bind(5, MillisOf(key.created_at));
    if (key.revoked_at) {
      insert.bind(6, MillisOf(*key.revoked_at));
    } else {
      insert.bind(6);
    }
    insert.exec();
    ApiKey created = key;
    created.id = ApiKeyId{connection.database().getLastInsertRowid()};
    return created;
  });
}

Result<ApiKey> SqliteIdentityStore::FindApiKey(const std::string& prefix) const {
  RowCaches& caches = database_.caches();
  auto found =
      caches.Look(caches.api_keys(), database_.readers(), {prefix},
                  [](Connection& connection,
                     const std::vector<std::string>& prefixes) -> Result<std::vector<ApiKey>> {
                    std::vector<ApiKey> keys;
                    for (const std::string& each : prefixes) {
                      std::optional<Result<ApiKey>> key = FindKeyIn(connection, "prefix", each);
                      if (!key) continue;
                      if (!*key) return Fail(key->error());
                      keys.push_back(**std::move(key));
                    }
                    return keys;
                  });
  if (!found) return Fail(found.error());
  if (found->empty()) return Fail(ErrorCode::kNotFound, "There is no API key " + prefix + ".");
  return std::move(found->front());
}

Result<std::vector<ApiKey>> SqliteIdentityStore::ListApiKeys() const {
  return database_.readers().Read<std::vector<ApiKey>>(
      [&](Connection& connection) -> Result<std::vector<ApiKey>> {
        SQLite::Statement& rows =
            connection.Prepare("SELECT " COMMESSO_KEY_COLUMNS " FROM api_keys ORDER BY id");
        std::vector<ApiKey> keys;
        while (rows.executeStep()) {
          Result<ApiKey> key = KeyFrom(rows);
          if (!key) return Fail(key.error());
          keys.push_back(*std::move(key));
        }
        return keys;
      });
}

Result<ApiKey> SqliteIdentityStore::RevokeApiKey(ApiKeyId id, Timestamp at) {
  return database_.writer().Write<ApiKey>([&](Connection& connection) -> Result<ApiKey> {
    SQLite::Statement& revoke =
        connection.Prepare("UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?");
    revoke.bind(1, MillisOf(at));
    revoke.bind(2, id.value);
    if (revoke.exec() == 0) {
      return Fail(ErrorCode::kNotFound,
                  "There is no API key with id " + std::to_string(id.value) + ".");
    }
    std::optional<Result<ApiKey>> key = FindKeyIn(connection, "id", std::to_string(id.value));
    if (!key) return Fail(ErrorCode::kInternal, "A revoked API key vanished.");
    return *std::move(key);
  });
}

}  // namespace commesso::sqlite
