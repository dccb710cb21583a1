// The role matrix route by route: every role signs in and calls every route; a route answers
// 403 exactly when the role lacks the route's permission (docs/security.md).

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/http/api.h"
#include "server_fixture.h"
#include "support/markdown_table.h"

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

// One row of the matrix in docs/security.md: "| `GET /api/v1/items` | items:read | yes | ... |".
struct MatrixRow {
  std::string requirement;
  std::vector<std::string> cells;  // One per role column, in the header's order.
};

// The matrix table: route ("GET /healthz") to row; `roles` gets the header's role columns.
std::map<std::string, MatrixRow> ReadMatrix(std::vector<std::string>& roles) {
  const std::vector<std::vector<std::string>> table = commesso::testing::MarkdownTable(
      COMMESSO_SOURCE_DIR "/docs/security.md", "| Route | Requires |");
  EXPECT_FALSE(table.empty()) << "docs/security.md or its route matrix is missing";
  std::map<std::string, MatrixRow> rows;
  if (table.empty()) return rows;
  roles.assign(table[0].begin() + 2, table[0].end());
  for (std::size_t i = 1; i < table.size(); ++i) {
    const std::vector<std::string>& cells = table[i];
    EXPECT_EQ(cells.size(), roles.size() + 2) << (cells.empty() ? "" : cells.front());
    if (cells.size() < 2 || cells[0].size() < 2) continue;
    const std::string route = cells[0].substr(1, cells[0].size() - 2);  // Without backticks.
    EXPECT_FALSE(rows.contains(route)) << route << " has two rows";
    rows[route] = MatrixRow{.requirement = cells[1],
                            .cells = std::vector<std::string>(cells.begin() + 2, cells.end())};
  }
  return rows;
}

TEST(SecurityMatrixTest, DocumentsEveryRouteWithItsRequirementAndTheRolesThatReachIt) {
  std::vector<std::string> roles;
  std::map<std::string, MatrixRow> rows = ReadMatrix(roles);

  std::vector<std::string> expected_roles;
  for (Role role : AllRoles()) expected_roles.emplace_back(Name(role));
  EXPECT_EQ(roles, expected_roles);
  for (const RouteInfo& route : Api::Routes()) {
    const std::string name = route.method + " " + route.path;
    SCOPED_TRACE(name);
    const auto row = rows.find(name);
    if (row == rows.end()) {
      ADD_FAILURE() << name << " is missing from the matrix in docs/security.md";
      continue;
    }
    EXPECT_EQ(row->second.requirement, route.requirement);
    const std::optional<Permission> needed = ParsePermission(route.requirement);
    for (std::size_t i = 0; i < AllRoles().size() && i < row->second.cells.size(); ++i) {
      const bool reaches = !needed || Holds(PermissionsOf(AllRoles()[i]), *needed);
      EXPECT_EQ(row->second.cells[i], reaches ? "yes" : "no") << roles[i];
    }
    rows.erase(row);
  }
  for (const auto& [route, row] : rows) ADD_FAILURE() << route << " is in the matrix, not the API";
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
