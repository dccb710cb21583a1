#pragma once

#include <optional>
#include <string_view>
#include <vector>

// Who may do what: the roles of people, the permissions that routes require and API keys are
// scoped to, and the one table that gives each role its permissions (docs/security.md).
namespace commesso {

enum class Role {
  kClerk,       // Takes orders: catalog and customers to read, customers, orders, drafts; opens,
                // forwards and resolves complaints on the spot.
  kSupervisor,  // A clerk who also maintains the catalog, oversees fulfillment, and works
                // complaints.
  kCustomerService,  // Customers, orders and complaints, without order entry drafts.
  kFulfillment,      // Reads items and what delivery needs of orders; works the queues.
  kAdmin,            // Everything, including users and API keys.
};

enum class Permission {
  kItemsRead,
  kItemsWrite,
  kCustomersRead,
  kCustomersWrite,
  kOrdersRead,  // Orders as delivery needs them (OrderView::kDelivery), their history and tasks.
  // The rest of an order: the customer's e-mail, tax id and billing address, the payment, the
  // prices and totals, the receipt and invoice with their e-mails, the read-back and quotes.
  kOrdersReadPrivate,
  kOrdersWrite,
  kDraftsWrite,
  kUsersAdmin,
  kApiKeysAdmin,
  kFulfillmentRead,       // Department queues, tasks, pick lists, escalations, statistics.
  kFulfillmentWrite,      // Claim, acknowledge, pick, ship and complete tasks.
  kFulfillmentSupervise,  // Holds, cancellation before release, escalations.
  kWebhooksAdmin,         // Webhook subscriptions, their delivery log and replays.
  kUsersSupervise,        // Lift a user's sign-in throttle.
  kComplaintsRead,        // Complaints and their history (docs/customer-care.md).
  kComplaintsWrite,       // Open, comment, forward and resolve a complaint: the clerk's part.
  kComplaintsManage,      // Assign, start, await the customer, reject, close and reopen.
};

// Every role and every permission, in declaration order.
const std::vector<Role>& AllRoles();
const std::vector<Permission>& AllPermissions();

// "clerk", "customer_service", …; "items:read", "api_keys:admin", … (the words of the API).
std::string_view Name(Role role);
std::string_view Name(Permission permission);
std::optional<Role> ParseRole(std::string_view name);
std::optional<Permission> ParsePermission(std::string_view name);

// The permissions of `role`, in declaration order: the role table of docs/security.md.
std::vector<Permission> PermissionsOf(Role role);

// Whether `granted` holds `permission`.
bool Holds(const std::vector<Permission>& granted, Permission permission);

// How much of an order its reader sees (docs/security.md, "What each role reads").
enum class OrderView {
  kFull,  // Everything the API shows of an order.
  // What delivery needs: the ship-to name, company, phone and address; the lines with their
  // items, quantities and appointments; the shipping method, the notes, the promised day; on
  // a cash-on-delivery order the amount to collect. No e-mail, tax id, billing address,
  // payment details, prices, taxes, totals or documents.
  kDelivery,
};

// kFull for a holder of orders:read_private, kDelivery for everyone else.
OrderView OrderViewOf(const std::vector<Permission>& granted);

}  // namespace commesso
