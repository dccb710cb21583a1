#pragma once

#include <string>
#include <vector>

#include "adapters/sqlite/database.h"
#include "app/ports/identity_store.h"

namespace commesso::sqlite {

// The IdentityStore port on SQLite (tables users, sessions and api_keys, migration 5). Writes go
// through the database's single writer and return once durable; reads use reader connections.
// Sessions ended by the idle or absolute timeout are not deleted here: the HTTP adapter refuses
// them and deletes each when it is presented. Borrows `database`, which must outlive it.
// Thread-safe.
class SqliteIdentityStore final : public IdentityStore {
 public:
  explicit SqliteIdentityStore(Database& database) : database_(database) {}

  Result<User> CreateUser(const User& user) override;
  Result<User> FindUser(const std::string& username) const override;
  Result<std::vector<User>> ListUsers() const override;
  Result<User> UpdateUser(const User& user) override;
  Result<void> CreateSession(const Session& session) override;
  Result<SignedIn> FindSession(const std::string& token_hash) const override;
  Result<void> TouchSession(const std::string& token_hash, Timestamp at) override;
  Result<void> DeleteSession(const std::string& token_hash) override;
  Result<std::int64_t> DeleteEndedSessions(Timestamp now, const SessionLimits& limits) override;
  Result<ApiKey> CreateApiKey(const ApiKey& key) override;
  Result<ApiKey> FindApiKey(const std::string& prefix) const override;
  Result<std::vector<ApiKey>> ListApiKeys() const override;
  Result<ApiKey> RevokeApiKey(ApiKeyId id, Timestamp at) override;

 private:
  Database& database_;
};

}  // namespace commesso::sqlite
