#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/identity.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso {

// A session together with the user it belongs to, as authentication needs both.
struct SignedIn {
  Session session{};
  User user{};
};

// Users, their sessions and API keys. Secrets arrive hashed (Credentials) and are stored only
// so. Writes are durable when they return. Thread-safe.
class IdentityStore {
 public:
  virtual ~IdentityStore() = default;

  // Adds `user` (its id is ignored) and returns it with its id; kConflict (field "username")
  // when the user name is taken.
  virtual Result<User> CreateUser(const User& user) = 0;

  // kNotFound when no user has this name.
  virtual Result<User> FindUser(const std::string& username) const = 0;

  // Every user, by user name.
  virtual Result<std::vector<User>> ListUsers() const = 0;

  // Saves display name, role, locale, password hash, disabled flag and updated_at over the user
  // called `user.username`, and returns it. When the password hash changes or the user is
  // disabled, the user's sessions end in the same transaction. kNotFound when there is none.
  virtual Result<User> UpdateUser(const User& user) = 0;

  // Stores a new session.
  virtual Result<void> CreateSession(const Session& session) = 0;

  // The session whose token hashes to `token_hash`, with its user; kNotFound when there is none.
  virtual Result<SignedIn> FindSession(const std::string& token_hash) const = 0;

  // Moves the session's last_seen_at to `at`; nothing when it has ended meanwhile.
  virtual Result<void> TouchSession(const std::string& token_hash, Timestamp at) = 0;

  // Ends the session; nothing when it has ended already.
  virtual Result<void> DeleteSession(const std::string& token_hash) = 0;

  // Ends every session no longer alive at `now` under `limits` (core SessionAlive); returns
  // how many ended.
  virtual Result<std::int64_t> DeleteEndedSessions(Timestamp now, const SessionLimits& limits) = 0;

  // Adds `key` (its id is ignored) and returns it with its id; kConflict (field "name") when
  // the name or prefix is taken.
  virtual Result<ApiKey> CreateApiKey(const ApiKey& key) = 0;

  // The key listed under `prefix`, revoked or not; kNotFound when there is none.
  virtual Result<ApiKey> FindApiKey(const std::string& prefix) const = 0;

  // Every key, revoked ones included, by id.
  virtual Result<std::vector<ApiKey>> ListApiKeys() const = 0;

  // Revokes key `id` at `at` and returns it; a revoked key stays revoked at its first time.
  // kNotFound when there is none.
  virtual Result<ApiKey> RevokeApiKey(ApiKeyId id, Timestamp at) = 0;
};

}  // namespace commesso
