#include "core/access.h"

#include <chrono>

#include <gtest/gtest.h>

#include "core/identity.h"

namespace commesso {
namespace {

using P = Permission;

TEST(AccessTest, NamesRoundTrip) {
  for (Role role : AllRoles()) EXPECT_EQ(ParseRole(Name(role)), role);
  for (Permission permission : AllPermissions()) {
    EXPECT_EQ(ParsePermission(Name(permission)), permission);
  }
  EXPECT_EQ(Name(Role::kCustomerService), "customer_service");
  EXPECT_EQ(Name(P::kApiKeysAdmin), "api_keys:admin");
  EXPECT_EQ(ParseRole("root"), std::nullopt);
  EXPECT_EQ(ParsePermission("items:delete"), std::nullopt);
  EXPECT_EQ(Name(P::kFulfillmentSupervise), "fulfillment:supervise");
  EXPECT_EQ(Name(P::kUsersSupervise), "users:supervise");
  EXPECT_EQ(Name(P::kOrdersReadPrivate), "orders:read_private");
  EXPECT_EQ(Name(P::kComplaintsManage), "complaints:manage");
  EXPECT_EQ(AllPermissions().size(), 18u);
}

TEST(AccessTest, GivesEachRoleThePermissionsOfTheContract) {
  const std::vector<Permission> clerk = {
      P::kItemsRead,   P::kCustomersRead,     P::kCustomersWrite,
      P::kOrdersRead,  P::kOrdersReadPrivate, P::kOrdersWrite,
      P::kDraftsWrite, P::kComplaintsRead,    P::kComplaintsWrite};

  EXPECT_EQ(PermissionsOf(Role::kClerk), clerk);
  EXPECT_EQ(
      PermissionsOf(Role::kSupervisor),
      (std::vector<Permission>{P::kItemsRead, P::kItemsWrite, P::kCustomersRead, P::kCustomersWrite,
                               P::kOrdersRead, P::kOrdersReadPrivate, P::kOrdersWrite,
                               P::kDraftsWrite, P::kFulfillmentRead, P::kFulfillmentWrite,
                               P::kFulfillmentSupervise, P::kUsersSupervise, P::kComplaintsRead,
                               P::kComplaintsWrite, P::kComplaintsManage}));
  EXPECT_EQ(
      PermissionsOf(Role::kCustomerService),
      (std::vector<Permission>{P::kItemsRead, P::kCustomersRead, P::kCustomersWrite, P::kOrdersRead,
                               P::kOrdersReadPrivate, P::kOrdersWrite, P::kComplaintsRead,
                               P::kComplaintsWrite, P::kComplaintsManage}));
  EXPECT_EQ(PermissionsOf(Role::kFulfillment),
            (std::vector<Permission>{P::kItemsRead, P::kOrdersRead, P::kFulfillmentRead,
                                     P::kFulfillmentWrite}));
  EXPECT_FALSE(Holds(PermissionsOf(Role::kClerk), P::kFulfillmentWrite));
  EXPECT_FALSE(Holds(PermissionsOf(Role::kSupervisor), P::kWebhooksAdmin));
  EXPECT_EQ(PermissionsOf(Role::kAdmin), AllPermissions());
  EXPECT_FALSE(Holds(PermissionsOf(Role::kSupervisor), P::kUsersAdmin));
}

// Finding 11: the warehouse read the customer's e-mail, tax id and billing address.
TEST(AccessTest, OnlyAHolderOfOrdersReadPrivateSeesAllOfAnOrder) {
  EXPECT_EQ(OrderViewOf(PermissionsOf(Role::kFulfillment)), OrderView::kDelivery);
  EXPECT_EQ(OrderViewOf({P::kOrdersRead, P::kOrdersWrite, P::kCustomersRead}),
            OrderView::kDelivery);
  EXPECT_EQ(OrderViewOf({}), OrderView::kDelivery);
  for (Role role : {Role::kClerk, Role::kSupervisor, Role::kCustomerService, Role::kAdmin}) {
    EXPECT_EQ(OrderViewOf(PermissionsOf(role)), OrderView::kFull) << Name(role);
  }
  EXPECT_EQ(OrderViewOf({P::kOrdersReadPrivate}), OrderView::kFull);
}

TEST(SessionAliveTest, EndsAtTheIdleOrTheAbsoluteLimitWhicheverComesFirst) {
  const Timestamp start{std::chrono::hours{1000}};
  const SessionLimits limits{.idle = std::chrono::minutes{30}, .absolute = std::chrono::hours{12}};
  Session session{.created_at = start, .last_seen_at = start};

  EXPECT_TRUE(SessionAlive(session, start + std::chrono::minutes{30} - std::chrono::milliseconds{1},
                           limits));
  EXPECT_FALSE(SessionAlive(session, start + std::chrono::minutes{30}, limits));
  session.last_seen_at = start + std::chrono::hours{12} - std::chrono::minutes{1};
  EXPECT_TRUE(
      SessionAlive(session, start + std::chrono::hours{12} - std::chrono::milliseconds{1}, limits));
  EXPECT_FALSE(SessionAlive(session, start + std::chrono::hours{12}, limits));
}

TEST(ValidateUserTest, ReportsEveryProblemAtOnce) {
  const User user{.username = "Chiara Clerici", .display_name = "", .locale = "de"};

  EXPECT_EQ(ValidateUser(user).size(), 3u);
  EXPECT_TRUE(
      ValidateUser(User{.username = "clerk.en", .display_name = "Clare", .locale = "en"}).empty());
}

}  // namespace
}  // namespace commesso
