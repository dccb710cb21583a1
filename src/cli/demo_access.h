#pragma once

#include <string>
#include <vector>

#include "app/ports/clock.h"
#include "app/ports/credentials.h"
#include "app/ports/identity_store.h"
#include "core/identity.h"
#include "core/result.h"

namespace commesso {

// A demo user with the password that signs them in (docs/security.md lists them).
struct DemoLogin {
  std::string username;
  std::string password;
  std::string display_name;
  Role role = Role::kClerk;
  std::string locale;
};

// The demo API key: every permission but users:admin and api_keys:admin. Stored hashed like
// any other key; demo databases only.
constexpr const char* kDemoApiKey = "cmso_demo_0123456789abcdef0123456789abcdef";

// One user per role (two clerks, one per console language).
std::vector<DemoLogin> DemoLogins();

// What SeedDemoAccess wrote.
struct DemoAccessCounts {
  int users = 0;     // Demo users created now.
  bool key = false;  // The demo key was created now.
};

// Creates each demo user and the demo API key that does not exist yet, so running it again
// changes nothing (a demo user whose password was changed keeps it). Passes store failures up.
Result<DemoAccessCounts> SeedDemoAccess(IdentityStore& identities, const Credentials& credentials,
                                        const Clock& clock);

}  // namespace commesso
