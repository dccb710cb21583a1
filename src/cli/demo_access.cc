#include "cli/demo_access.h"

#include <utility>

namespace commesso {

std::vector<DemoLogin> DemoLogins() {
  return {
      {"clerk", "clerk-demo", "Chiara Clerici", Role::kClerk, "it"},
      {"clerk.en", "clerk-demo", "Clare Clark", Role::kClerk, "en"},
      {"supervisor", "supervisor-demo", "Sergio Sorveglia", Role::kSupervisor, "it"},
      {"service", "service-demo", "Serena Servizi", Role::kCustomerService, "it"},
      {"fulfillment", "fulfillment-demo", "Franco Magazzini", Role::kFulfillment, "it"},
      {"fulfillment.en", "fulfillment-demo", "Frank Fields", Role::kFulfillment, "en"},
      {"admin", "admin-demo", "Ada Admin", Role::kAdmin, "en"},
  };
}

Result<DemoAccessCounts> SeedDemoAccess(IdentityStore& identities, const Credentials& credentials,
                                        const Clock& clock) {
  DemoAccessCounts counts;
  const Timestamp now = clock.Now();
  for (const DemoLogin& login : DemoLogins()) {
    Result<User> existing = identities.FindUser(login.username);
    if (existing) continue;
    if (existing.error().code != ErrorCode::kNotFound) return Fail(existing.error());
    Result<User> created =
        identities.CreateUser(User{.username = login.username,
                                   .display_name = login.display_name,
                                   .role = login.role,
                                   .locale = login.locale,
                                   .password_hash = credentials.HashPassword(login.password),
                                   .created_at = now,
                                   .updated_at = now});
    if (!created) return Fail(created.error());
    ++counts.users;
  }

  const std::string key(kDemoApiKey);
  const std::string prefix = key.substr(0, key.find('_', 5));
  Result<ApiKey> existing = identities.FindApiKey(prefix);
  if (existing) return counts;
  if (existing.error().code != ErrorCode::kNotFound) return Fail(existing.error());
  std::vector<Permission> scopes;
  for (Permission permission : AllPermissions()) {
    if (permission != Permission::kUsersAdmin && permission != Permission::kApiKeysAdmin &&
        permission != Permission::kWebhooksAdmin) {
      scopes.push_back(permission);
    }
  }
  Result<ApiKey> created = identities.CreateApiKey(ApiKey{.name = "demo",
                                                          .prefix = prefix,
                                                          .secret_hash = credentials.Digest(key),
                                                          .scopes = std::move(scopes),
                                                          .created_at = now});
  if (!created) return Fail(created.error());
  counts.key = true;
  return counts;
}

}  // namespace commesso
