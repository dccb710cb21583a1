#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/access.h"
#include "core/order.h"
#include "core/result.h"

// The people and programs that use commesso: users who sign in with a password and get a
// session, and API keys for web shops and partners. Secrets are never held here in the clear:
// a user has the argon2id hash of the password, a session and a key the hash of their token.
namespace commesso {

struct UserId {
  std::int64_t value = 0;
  friend auto operator<=>(const UserId&, const UserId&) = default;
};
struct ApiKeyId {
  std::int64_t value = 0;
  friend auto operator<=>(const ApiKeyId&, const ApiKeyId&) = default;
};

struct User {
  UserId id{};
  std::string username{};      // Unique, what people type to sign in: "clerk", "clerk.en".
  std::string display_name{};  // "Chiara Clerici".
  Role role = Role::kClerk;
  std::string locale = "it";    // The console's language: "it" or "en".
  std::string password_hash{};  // A PHC string: "$argon2id$v=19$m=…".
  bool disabled = false;        // A disabled user cannot sign in; their sessions are gone.
  Timestamp created_at{};
  Timestamp updated_at{};
  friend bool operator==(const User&, const User&) = default;
};

// A signed-in browser. `token_hash` is the BLAKE2b hash of the cookie's token, which only the
// browser has; `csrf_token` is what the console sends back in X-CSRF-Token.
struct Session {
  std::string token_hash{};
  std::string csrf_token{};
  UserId user_id{};
  Timestamp created_at{};
  Timestamp last_seen_at{};
  friend bool operator==(const Session&, const Session&) = default;
};

// A key for programs: "cmso_<prefix part>_<secret>". `prefix` ("cmso_demo") is shown in listings
// and finds the key; `secret_hash` is the BLAKE2b hash of the whole key.
struct ApiKey {
  ApiKeyId id{};
  std::string name{};    // Unique; the principal of its requests is "key:<name>".
  std::string prefix{};  // Unique.
  std::string secret_hash{};
  std::vector<Permission> scopes{};
  Timestamp created_at{};
  std::optional<Timestamp> revoked_at{};
  friend bool operator==(const ApiKey&, const ApiKey&) = default;
};

// How long a session lives: it ends `idle` after its last use or `absolute` after sign-in,
// whichever comes first.
struct SessionLimits {
  std::chrono::minutes idle{30};
  std::chrono::hours absolute{12};
};

// Whether `session` is still valid at `now` under `limits`.
bool SessionAlive(const Session& session, Timestamp now, const SessionLimits& limits);

// Whether `locale` is one the console speaks ("it", "en").
bool IsConsoleLocale(const std::string& locale);

// Problems with a user's fields, each at its path ("username", "display_name", "locale"):
// user names are 1..64 characters of a-z, 0-9, ".", "-" and "_"; display names 1..200, free
// of card numbers and control characters (free_text.h).
std::vector<FieldError> ValidateUser(const User& user);

}  // namespace commesso
