// The role matrix route by route: every role signs in and calls every route; a route answers
// 403 exactly when the role lacks the route's permission (docs/security.md).

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/http/api.h"
#include "server_fixture.h"

namespace commesso::http::testing {
namespace {

using AuthorizationTest = ServerTest;

// The permission `method` `path` requires; nothing for public and session routes.
std::optional<Permission> PermissionOf(const std::string& method, const std::string& path) {
  for (const RouteInfo& route : Api::Routes()) {
    if (route.method == method && route.path == path) return ParsePermission(route.requirement);
  }
  ADD_FAILURE() << method << " " << path << " is not a route";
  return std::nullopt;
}

TEST_F(AuthorizationTest, EveryRouteThatNeedsAPermissionHasASample) {
  const std::vector<Sample> samples = Samples();

  for (const RouteInfo& route : Api::Routes()) {
    if (!ParsePermission(route.requirement)) continue;
    bool sampled = false;
    for (const Sample& sample : samples) {
      sampled = sampled || (sample.method == route.method && sample.route == route.path);
    }
    EXPECT_TRUE(sampled) << route.method << " " << route.path;
  }
}

TEST_F(AuthorizationTest, EveryRoleReachesExactlyTheRoutesOfItsPermissions) {
  ASSERT_EQ(Create("/api/v1/orders", DraftJson(), "matrix order").status, 201);

  for (Role role : AllRoles()) {
    const std::string name(Name(role));
    SCOPED_TRACE(name);
    AddUser(name, role);
    const Login login = SignIn(name, name + "-password");
    ASSERT_EQ(login.response.status, 200) << login.response.body;
    const std::vector<Permission> granted = PermissionsOf(role);

    for (const Sample& sample : Samples()) {
      SCOPED_TRACE(sample.method + " " + sample.route);
      const std::optional<Permission> needed = PermissionOf(sample.method, sample.route);
      ASSERT_TRUE(needed.has_value());
      Headers headers;
      if (sample.Creates()) headers.emplace_back("Idempotency-Key", "matrix " + name);

      const ClientResponse response =
          CallAs(login, sample.method, sample.target, sample.body, headers);

      EXPECT_NE(response.status, 401) << response.body;
      if (Holds(granted, *needed)) {
        EXPECT_NE(response.status, 403) << response.body;
      } else {
        EXPECT_EQ(response.status, 403) << response.body;
        EXPECT_EQ(response.Json()["permission"], std::string(Name(*needed)));
      }
    }
  }
}

TEST_F(AuthorizationTest, TheSessionRoutesAreOpenToEveryRole) {
  for (Role role : AllRoles()) {
    const std::string name(Name(role));
    AddUser(name, role);
    const Login login = SignIn(name, name + "-password");

    EXPECT_EQ(CallAs(login, "GET", "/api/v1/session").status, 200) << name;
    EXPECT_EQ(CallAs(login, "PUT", "/api/v1/session/locale", R"({"locale": "en"})").status, 200)
        << name;
    EXPECT_EQ(CallAs(login, "DELETE", "/api/v1/session").status, 204) << name;
  }
}

}  // namespace
}  // namespace commesso::http::testing
