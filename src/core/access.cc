#include "core/access.h"

#include <algorithm>
#include <utility>

namespace commesso {
namespace {

constexpr std::pair<Role, std::string_view> kRoleNames[] = {
    {Role::kClerk, "clerk"},
    {Role::kSupervisor, "supervisor"},
    {Role::kCustomerService, "customer_service"},
    {Role::kFulfillment, "fulfillment"},
    {Role::kAdmin, "admin"},
};

constexpr std::pair<Permission, std::string_view> kPermissionNames[] = {
    {Permission::kItemsRead, "items:read"},
    {Permission::kItemsWrite, "items:write"},
    {Permission::kCustomersRead, "customers:read"},
    {Permission::kCustomersWrite, "customers:write"},
    {Permission::kOrdersRead, "orders:read"},
    {Permission::kOrdersReadPrivate, "orders:read_private"},
    {Permission::kOrdersWrite, "orders:write"},
    {Permission::kDraftsWrite, "drafts:write"},
    {Permission::kUsersAdmin, "users:admin"},
    {Permission::kApiKeysAdmin, "api_keys:admin"},
    {Permission::kFulfillmentRead, "fulfillment:read"},
    {Permission::kFulfillmentWrite, "fulfillment:write"},
    {Permission::kFulfillmentSupervise, "fulfillment:supervise"},
    {Permission::kWebhooksAdmin, "webhooks:admin"},
    {Permission::kUsersSupervise, "users:supervise"},
    {Permission::kComplaintsRead, "complaints:read"},
    {Permission::kComplaintsWrite, "complaints:write"},
    {Permission::kComplaintsManage, "complaints:manage"},
};

}  // namespace

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> all;
    for (const auto& [role, name] : kRoleNames) all.push_back(role);
    return all;
  }();
  return roles;
}

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> permissions = [] {
    std::vector<Permission> all;
    for (const auto& [permission, name] : kPermissionNames) all.push_back(permission);
    return all;
  }();
  return permissions;
}

std::string_view Name(Role role) {
  for (const auto& [candidate, name] : kRoleNames) {
    if (candidate == role) return name;
  }
  return "";
}

std::string_view Name(Permission permission) {
  for (const auto& [candidate, name] : kPermissionNames) {
    if (candidate == permission) return name;
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [role, candidate] : kRoleNames) {
    if (candidate == name) return role;
  }
  return std::nullopt;
}

std::optional<Permission> ParsePermission(std::string_view name) {
  for (const auto& [permission, candidate] : kPermissionNames) {
    if (candidate == name) return permission;
  }
  return std::nullopt;
}

std::vector<Permission> PermissionsOf(Role role) {
  using P = Permission;
  switch (role) {
    case Role::kClerk:
      return {P::kItemsRead,   P::kCustomersRead,     P::kCustomersWrite,
              P::kOrdersRead,  P::kOrdersReadPrivate, P::kOrdersWrite,
              P::kDraftsWrite, P::kComplaintsRead,    P::kComplaintsWrite};
    case Role::kSupervisor:
      return {P::kItemsRead,        P::kItemsWrite,           P::kCustomersRead,
              P::kCustomersWrite,   P::kOrdersRead,           P::kOrdersReadPrivate,
              P::kOrdersWrite,      P::kDraftsWrite,          P::kFulfillmentRead,
              P::kFulfillmentWrite, P::kFulfillmentSupervise, P::kUsersSupervise,
              P::kComplaintsRead,   P::kComplaintsWrite,      P::kComplaintsManage};
    case Role::kCustomerService:
      return {P::kItemsRead,      P::kCustomersRead,     P::kCustomersWrite,
              P::kOrdersRead,     P::kOrdersReadPrivate, P::kOrdersWrite,
              P::kComplaintsRead, P::kComplaintsWrite,   P::kComplaintsManage};
    case Role::kFulfillment:
      return {P::kItemsRead, P::kOrdersRead, P::kFulfillmentRead, P::kFulfillmentWrite};
    case Role::kAdmin:
      return AllPermissions();
  }
  return {};
}

bool Holds(const std::vector<Permission>& granted, Permission permission) {
  return std::find(granted.begin(), granted.end(), permission) != granted.end();
}

OrderView OrderViewOf(const std::vector<Permission>& granted) {
  return Holds(granted, Permission::kOrdersReadPrivate) ? OrderView::kFull : OrderView::kDelivery;
}

}  // namespace commesso
