#include "adapters/sqlite/sqlite_identity_store.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "adapters/sqlite/database.h"
#include "support/temp_dir.h"

namespace commesso::sqlite {
namespace {

const Timestamp kNoon =
    Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}} + std::chrono::hours{12};

class SqliteIdentityStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto database = Database::Open({.path = directory_.File("identity.db")});
    ASSERT_TRUE(database.has_value()) << database.error().message;
    database_ = *std::move(database);
    store_ = std::make_unique<SqliteIdentityStore>(*database_);
  }

  User Chiara() const {
    return User{.username = "chiara",
                .display_name = "Chiara Clerici",
                .role = Role::kClerk,
                .locale = "it",
                .password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA",
                .created_at = kNoon,
                .updated_at = kNoon};
  }

  Session SessionOf(UserId user, const std::string& hash) const {
    return Session{.token_hash = hash,
                   .csrf_token = "csrf-" + hash,
                   .user_id = user,
                   .created_at = kNoon,
                   .last_seen_at = kNoon};
  }

  testing::TempDir directory_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<SqliteIdentityStore> store_;
};

TEST_F(SqliteIdentityStoreTest, CreatesFindsAndListsUsers) {
  auto created = store_->CreateUser(Chiara());
  User sergio = Chiara();
  sergio.username = "sergio";
  sergio.role = Role::kSupervisor;
  ASSERT_TRUE(store_->CreateUser(sergio).has_value());

  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_GT(created->id.value, 0);
  auto found = store_->FindUser("chiara");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, *created);
  auto users = store_->ListUsers();
  ASSERT_TRUE(users.has_value());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[1].role, Role::kSupervisor);
  EXPECT_EQ(store_->FindUser("nobody").error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteIdentityStoreTest, RefusesATakenUserName) {
  ASSERT_TRUE(store_->CreateUser(Chiara()).has_value());

  auto again = store_->CreateUser(Chiara());

  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().fields, (std::vector<FieldError>{{"username", "is taken"}}));
}

TEST_F(SqliteIdentityStoreTest, DeletesExactlyTheSessionsPastTheirLimits) {
  auto user = store_->CreateUser(Chiara());
  ASSERT_TRUE(user.has_value());
  const SessionLimits limits{.idle = std::chrono::minutes{30}, .absolute = std::chrono::hours{12}};
  const Timestamp now = kNoon + std::chrono::hours{12};
  Session idle = SessionOf(user->id, "idle");  // Last seen 30 minutes ago: ended.
  idle.created_at = now - std::chrono::hours{1};
  idle.last_seen_at = now - std::chrono::minutes{30};
  Session busy = SessionOf(user->id, "busy");  // Seen just now, but 12 hours old: ended.
  busy.last_seen_at = now;
  Session alive = SessionOf(user->id, "alive");
  alive.created_at = now - std::chrono::hours{12} + std::chrono::milliseconds{1};
  alive.last_seen_at = now - std::chrono::minutes{30} + std::chrono::milliseconds{1};
  for (const Session& session : {idle, busy, alive}) {
    ASSERT_EQ(SessionAlive(session, now, limits), session.token_hash == "alive");
    ASSERT_TRUE(store_->CreateSession(session).has_value());
  }

  auto ended = store_->DeleteEndedSessions(now, limits);

  ASSERT_TRUE(ended.has_value()) << ended.error().message;
  EXPECT_EQ(*ended, 2);
  EXPECT_EQ(store_->FindSession("idle").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindSession("busy").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->FindSession("alive").has_value());
  EXPECT_EQ(store_->DeleteEndedSessions(now, limits).value_or(-1), 0);
}

TEST_F(SqliteIdentityStoreTest, KeepsSessionsByTokenHashUntilTheUserChanges) {
  auto user = store_->CreateUser(Chiara());
  ASSERT_TRUE(user.has_value());
  ASSERT_TRUE(store_->CreateSession(SessionOf(user->id, "hash-1")).has_value());
  ASSERT_TRUE(store_->CreateSession(SessionOf(user->id, "hash-2")).has_value());

  ASSERT_TRUE(store_->TouchSession("hash-1", kNoon + std::chrono::minutes{5}).has_value());
  auto found = store_->FindSession("hash-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user, *user);
  EXPECT_EQ(found->session.csrf_token, "csrf-hash-1");
  EXPECT_EQ(found->session.last_seen_at, kNoon + std::chrono::minutes{5});

  ASSERT_TRUE(store_->DeleteSession("hash-1").has_value());
  EXPECT_EQ(store_->FindSession("hash-1").error().code, ErrorCode::kNotFound);
  User renamed = *user;
  renamed.display_name = "Chiara C.";
  renamed.locale = "en";
  ASSERT_TRUE(store_->UpdateUser(renamed).has_value());
  EXPECT_TRUE(store_->FindSession("hash-2").has_value());  // Same password: still signed in.
  renamed.password_hash = "$argon2id$other";
  auto updated = store_->UpdateUser(renamed);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->locale, "en");
  EXPECT_EQ(store_->FindSession("hash-2").error().code, ErrorCode::kNotFound);
  User stranger = Chiara();
  stranger.username = "stranger";
  EXPECT_EQ(store_->UpdateUser(stranger).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteIdentityStoreTest, StoresKeysWithScopesAndRevokesThemOnce) {
  ApiKey key{.name = "shop",
             .prefix = "cmso_1a2b3c4d",
             .secret_hash = "digest",
             .scopes = {Permission::kOrdersRead, Permission::kOrdersWrite},
             .created_at = kNoon};

  auto created = store_->CreateApiKey(key);
  auto duplicate = store_->CreateApiKey(key);
  auto revoked = store_->RevokeApiKey(created->id, kNoon + std::chrono::hours{1});
  auto again = store_->RevokeApiKey(created->id, kNoon + std::chrono::hours{2});

  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto found = store_->FindApiKey("cmso_1a2b3c4d");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->scopes, key.scopes);
  EXPECT_EQ(found->secret_hash, "digest");
  ASSERT_TRUE(revoked.has_value());
  EXPECT_EQ(revoked->revoked_at, kNoon + std::chrono::hours{1});
  EXPECT_EQ(again->revoked_at, kNoon + std::chrono::hours{1});
  auto listed = store_->ListApiKeys();
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front(), *revoked);
  EXPECT_EQ(store_->RevokeApiKey(ApiKeyId{99}, kNoon).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->FindApiKey("cmso_nope").error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteIdentityStoreTest, KeepsNoTokenOrPasswordInTheClear) {
  SQLite::Database file(directory_.File("identity.db"), SQLite::OPEN_READONLY);

  SQLite::Statement columns(file,
                            "SELECT name FROM pragma_table_info('sessions') UNION ALL "
                            "SELECT name FROM pragma_table_info('api_keys') UNION ALL "
                            "SELECT name FROM pragma_table_info('users')");
  std::vector<std::string> names;
  while (columns.executeStep()) names.push_back(columns.getColumn(0).getString());

  for (const std::string& name : names) {
    EXPECT_NE(name, "token");
    EXPECT_NE(name, "password");
    EXPECT_NE(name, "secret");
  }
  EXPECT_NE(std::find(names.begin(), names.end(), "token_hash"), names.end());
}

}  // namespace
}  // namespace commesso::sqlite
