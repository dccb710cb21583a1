#pragma once

#include <string>
#include <vector>

#include "cli/wiring.h"
#include "core/result.h"

// The subcommands that manage users and API keys (docs/cli.md). Like the others, each prints
// its result on stdout and returns the failure for main() to report.
namespace commesso {

// Where a password comes from: --password P, or one line of stdin with --password-stdin.
struct PasswordSource {
  std::string password;
  bool from_stdin = false;
};

struct UserOptions {
  CommonOptions common{};
  std::string username;
  std::string role;  // user add --role.
  std::string display_name;
  std::string locale = "it";
  PasswordSource password{};
};

struct ApiKeyOptions {
  CommonOptions common{};
  std::string name;
  std::vector<std::string> scopes;
  std::int64_t id = 0;  // api-key revoke <id>.
};

// Creates a user; kInvalidInput for a bad name, role, locale or empty password, kConflict when
// the name is taken.
Result<void> AddUser(const UserOptions& options);

// Sets a user's password and ends their sessions; kNotFound when there is no such user.
Result<void> ChangePassword(const UserOptions& options);

// Disables a user and ends their sessions; kNotFound when there is no such user.
Result<void> DisableUser(const UserOptions& options);

// Creates an API key with the given scopes and prints it once; only its hash is stored.
Result<void> AddApiKey(const ApiKeyOptions& options);

// Prints every key: id, name, prefix, scopes, created and revoked times. Never the secret.
Result<void> ListApiKeys(const ApiKeyOptions& options);

// Revokes key `options.id`; kNotFound when there is none.
Result<void> RevokeApiKey(const ApiKeyOptions& options);

}  // namespace commesso
