#include "cli/access_commands.h"

#include <iostream>
#include <optional>
#include <utility>

#include <fmt/core.h>

#include "adapters/json/iso_time.h"
#include "core/access.h"
#include "core/identity.h"

namespace commesso {
namespace {

Result<std::unique_ptr<Wiring>> Open(const CommonOptions& options) {
  auto config = LoadConfig(options);
  if (!config) return Fail(config.error());
  return Wiring::Open(*std::move(config));
}

// The password from the flag or one line of stdin (without its line end); kInvalidInput when
// both or neither are given, or it is empty.
Result<std::string> PasswordOf(const PasswordSource& source) {
  if (source.from_stdin == !source.password.empty()) {
    return Fail({ErrorCode::kInvalidInput,
                 "give the password with exactly one of --password and --password-stdin",
                 {{"--password", "give exactly one of --password and --password-stdin"}}});
  }
  std::string password = source.password;
  if (source.from_stdin) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  }
  if (password.empty()) {
    return Fail(
        {ErrorCode::kInvalidInput, "the password is empty", {{"--password", "must not be empty"}}});
  }
  return password;
}

std::string Scopes(const std::vector<Permission>& scopes) {
  std::string text;
  for (Permission permission : scopes) {
    text += (text.empty() ? "" : " ") + std::string(Name(permission));
  }
  return text;
}

}  // namespace

Result<void> AddUser(const UserOptions& options) {
  std::vector<FieldError> problems;
  const std::optional<Role> role = ParseRole(options.role);
  if (!role) {
    problems.push_back(
        {"--role", "must be clerk, supervisor, customer_service, fulfillment or admin"});
  }
  User user{.username = options.username,
            .display_name = options.display_name.empty() ? options.username : options.display_name,
            .role = role.value_or(Role::kClerk),
            .locale = options.locale};
  for (FieldError& problem : ValidateUser(user)) problems.push_back(std::move(problem));
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the user has errors", std::move(problems)});
  }
  auto password = PasswordOf(options.password);
  if (!password) return Fail(password.error());

  auto wiring = Open(options.common);
  if (!wiring) return Fail(wiring.error());
  user.password_hash = (*wiring)->credentials().HashPassword(*password);
  user.created_at = user.updated_at = (*wiring)->clock().Now();
  auto created = (*wiring)->identities().CreateUser(user);
  if (!created) return Fail(created.error());
  fmt::print("added user {} ({}, {})\n", created->username, Name(created->role), created->locale);
  return {};
}

Result<void> ChangePassword(const UserOptions& options) {
  auto password = PasswordOf(options.password);
  if (!password) return Fail(password.error());
  auto wiring = Open(options.common);
  if (!wiring) return Fail(wiring.error());
  auto user = (*wiring)->identities().FindUser(options.username);
  if (!user) return Fail(user.error());
  user->password_hash = (*wiring)->credentials().HashPassword(*password);
  user->updated_at = (*wiring)->clock().Now();
  auto updated = (*wiring)->identities().UpdateUser(*user);
  if (!updated) return Fail(updated.error());
  fmt::print("changed the password of {}; their sessions have ended\n", updated->username);
  return {};
}

Result<void> DisableUser(const UserOptions& options) {
  auto wiring = Open(options.common);
  if (!wiring) return Fail(wiring.error());
  auto user = (*wiring)->identities().FindUser(options.username);
  if (!user) return Fail(user.error());
  user->disabled = true;
  user->updated_at = (*wiring)->clock().Now();
  auto updated = (*wiring)->identities().UpdateUser(*user);
  if (!updated) return Fail(updated.error());
  fmt::print("disabled user {}; their sessions have ended\n", updated->username);
  return {};
}

Result<void> AddApiKey(const ApiKeyOptions& options) {
  std::vector<FieldError> problems;
  if (options.name.empty() || options.name.size() > 64) {
    problems.push_back({"--name", "must be 1..64 characters"});
  }
  std::vector<Permission> scopes;
  for (std::size_t i = 0; i < options.scopes.size(); ++i) {
    if (std::optional<Permission> permission = ParsePermission(options.scopes[i])) {
      if (!Holds(scopes, *permission)) scopes.push_back(*permission);
    } else {
      problems.push_back({"--scope[" + std::to_string(i) + "]", "is not a permission"});
    }
  }
  if (options.scopes.empty()) problems.push_back({"--scope", "give at least one"});
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the API key has errors", std::move(problems)});
  }

  auto wiring = Open(options.common);
  if (!wiring) return Fail(wiring.error());
  const Credentials& credentials = (*wiring)->credentials();
  const std::string prefix = "cmso_" + credentials.RandomHex(4);
  const std::string key = prefix + "_" + credentials.RandomHex(16);
  auto created =
      (*wiring)->identities().CreateApiKey(ApiKey{.name = options.name,
                                                  .prefix = prefix,
                                                  .secret_hash = credentials.Digest(key),
                                                  .scopes = std::move(scopes),
                                                  .created_at = (*wiring)->clock().Now()});
  if (!created) return Fail(created.error());
  fmt::print("{}\n", key);
  fmt::print(stderr,
             "created API key {} (id {}, {}) with scopes {}; the key above is shown only now\n",
             created->name, created->id.value, created->prefix, Scopes(created->scopes));
  return {};
}

Result<void> ListApiKeys(const ApiKeyOptions& options) {
  auto wiring = Open(options.common);
  if (!wiring) return Fail(wiring.error());
  auto keys = (*wiring)->identities().ListApiKeys();
  if (!keys) return Fail(keys.error());
  fmt::print("{:<4} {:<20} {:<16} {:<26} {:<26} {}\n", "id", "name", "prefix", "created_at",
             "revoked_at", "scopes");
  for (const ApiKey& key : *keys) {
    fmt::print("{:<4} {:<20} {:<16} {:<26} {:<26} {}\n", key.id.value, key.name, key.prefix,
               json::FormatTimestamp(key.created_at),
               key.revoked_at ? json::FormatTimestamp(*key.revoked_at) : "-", Scopes(key.scopes));
  }
  return {};
}

Result<void> RevokeApiKey(const ApiKeyOptions& options) {
  auto wiring = Open(options.common);
  if (!wiring) return Fail(wiring.error());
  auto revoked =
      (*wiring)->identities().RevokeApiKey(ApiKeyId{options.id}, (*wiring)->clock().Now());
  if (!revoked) return Fail(revoked.error());
  fmt::print("revoked API key {} ({})\n", revoked->name, revoked->prefix);
  return {};
}

}  // namespace commesso
