#include "core/order.h"

#include <array>
#include <utility>

#include "core/name_table.h"

namespace commesso {
namespace {

constexpr NameTable<Channel, 7> kChannelNames = {{{Channel::kPhone, "phone"},
                                                  {Channel::kCounter, "counter"},
                                                  {Channel::kMail, "mail"},
                                                  {Channel::kEmail, "email"},
                                                  {Channel::kWeb, "web"},
                                                  {Channel::kApi, "api"},
                                                  {Channel::kEdi, "edi"}}};

constexpr NameTable<PaymentType, 6> kPaymentTypeNames = {
    {{PaymentType::kCash, "cash"},
     {PaymentType::kCard, "card"},
     {PaymentType::kCheque, "cheque"},
     {PaymentType::kBankTransfer, "bank_transfer"},
     {PaymentType::kOnAccount, "on_account"},
     {PaymentType::kCashOnDelivery, "cash_on_delivery"}}};

constexpr NameTable<PaymentStatus, 3> kPaymentStatusNames = {
    {{PaymentStatus::kPending, "pending"},
     {PaymentStatus::kAuthorized, "authorized"},
     {PaymentStatus::kPaid, "paid"}}};

constexpr NameTable<OrderStatus, 7> kOrderStatusNames = {{
    {OrderStatus::kPlaced, "placed"},
    {OrderStatus::kReleased, "released"},
    {OrderStatus::kInProgress, "in_progress"},
    {OrderStatus::kPartlyShipped, "partly_shipped"},
    {OrderStatus::kShipped, "shipped"},
    {OrderStatus::kDone, "done"},
    {OrderStatus::kCancelled, "cancelled"},
}};

constexpr NameTable<ItemKind, 2> kItemKindNames = {
    {{ItemKind::kGood, "good"}, {ItemKind::kService, "service"}}};

constexpr NameTable<BackorderPolicy, 2> kBackorderPolicyNames = {
    {{BackorderPolicy::kRefuse, "refuse"}, {BackorderPolicy::kAllow, "allow"}}};

}  // namespace

const char* Name(Channel channel) { return NameIn(kChannelNames, channel); }
const char* Name(PaymentType type) { return NameIn(kPaymentTypeNames, type); }
const char* Name(PaymentStatus status) { return NameIn(kPaymentStatusNames, status); }
const char* Name(OrderStatus status) { return NameIn(kOrderStatusNames, status); }
const char* Name(ItemKind kind) { return NameIn(kItemKindNames, kind); }
const char* Name(BackorderPolicy policy) { return NameIn(kBackorderPolicyNames, policy); }

std::optional<Channel> ParseChannel(std::string_view name) { return ParseIn(kChannelNames, name); }
std::optional<PaymentType> ParsePaymentType(std::string_view name) {
  return ParseIn(kPaymentTypeNames, name);
}
std::optional<PaymentStatus> ParsePaymentStatus(std::string_view name) {
  return ParseIn(kPaymentStatusNames, name);
}
std::optional<OrderStatus> ParseOrderStatus(std::string_view name) {
  return ParseIn(kOrderStatusNames, name);
}
std::optional<ItemKind> ParseItemKind(std::string_view name) {
  return ParseIn(kItemKindNames, name);
}
std::optional<BackorderPolicy> ParseBackorderPolicy(std::string_view name) {
  return ParseIn(kBackorderPolicyNames, name);
}

}  // namespace commesso
