#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/code.h"
#include "core/customer.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/small_vector.h"
#include "core/tax.h"

namespace commesso {

// An instant, always UTC.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

enum class Channel { kPhone, kCounter, kMail, kEmail, kWeb, kApi, kEdi };

enum class PaymentType { kCash, kCard, kCheque, kBankTransfer, kOnAccount, kCashOnDelivery };

enum class PaymentStatus {
  kPending,     // To be collected or cleared: cheque, transfer, on account, cash on delivery.
  kAuthorized,  // A card processor authorized it; `card.token` refers to the authorization.
  kPaid,        // Settled at placement: cash.
};

// Where an order is in the fulfillment chain; it follows its tasks (core/fulfillment.h,
// StatusOf): placed → released → in_progress → partly_shipped → shipped or done; cancelled by a
// supervisor before release.
enum class OrderStatus {
  kPlaced,         // Recorded; no task released yet (waiting for its wave, cut-off or a hold).
  kReleased,       // At least one task is in a department's queue; none worked on yet.
  kInProgress,     // A department acknowledged or claimed a task.
  kPartlyShipped,  // Some goods left; others are still to ship (another task, or backordered).
  kShipped,        // Everything shipped (services done too, if any).
  kDone,           // Services only, all done.
  kCancelled,      // Cancelled by a supervisor before any task was released.
};

// What a card processor returns: never the card number, never the CVV.
struct CardDetails {
  std::string brand;  // "visa", "mastercard", …
  std::string last4;  // Exactly four digits.
  std::string token;  // The processor's reference for the authorization.
  friend bool operator==(const CardDetails&, const CardDetails&) = default;
};

struct PaymentDraft {
  PaymentType type = PaymentType::kOnAccount;
  std::optional<Money> tendered{};  // Cash only: what the customer handed over.
  CardDetails card{};               // Card only.
  std::string reference;            // Cheque number or transfer reference, optional.
  friend bool operator==(const PaymentDraft&, const PaymentDraft&) = default;
};

// When the customer wants a service done: a day and, optionally, a window on the wall clock
// of the business (minutes since midnight, like TimeOfDay in core/fulfillment.h). Only
// service lines carry one; validation checks the day is a real one and the window lies
// within 00:00..24:00 with `from` before `until`. Whether the day is already past is not
// checked here (core has no clock): docs/fulfillment.md says who decides.
struct Appointment {
  std::chrono::year_month_day date{};
  std::optional<std::chrono::minutes> from{};   // 0..1439: not before this time.
  std::optional<std::chrono::minutes> until{};  // 1..1440 (24:00): done by this time.
  friend bool operator==(const Appointment&, const Appointment&) = default;
};

struct DraftLine {
  std::string sku;
  std::int64_t quantity = 0;                 // Whole units of the item's unit, 1..9999.
  std::optional<Appointment> appointment{};  // Services only.
  friend bool operator==(const DraftLine&, const DraftLine&) = default;
};

// An order as a channel received it: untrusted until validated. Absent addresses default to
// the customer's saved ones.
struct OrderDraft {
  Channel channel = Channel::kApi;
  CustomerId customer_id{};
  std::optional<Address> billing_address{};
  std::optional<Address> shipping_address{};
  std::vector<DraftLine> lines{};
  std::string shipping_method;  // A method code, kPickupMethod, or empty (pick-up at the
                                // counter; none needed for services only).
  PaymentDraft payment{};
  std::string currency;  // Optional; when given it must be the business currency.
  std::string notes;
  std::string clerk;  // Who took the order (user name), empty for machine channels.
  // Who sent it: the caller the channel authenticated (a user or an API key). Set by the
  // channel adapter, never read from the order's own data.
  std::string placed_by{};
  friend bool operator==(const OrderDraft&, const OrderDraft&) = default;
};

// One tax component applied to one amount, with its rounding.
struct TaxTrace {
  Code component;  // "IVA", "State".
  Code category;   // The tax category of the taxed amount.
  TaxRate rate{};
  Money base{};                    // The amount taxed (net, or gross when tax-inclusive).
  Exact unrounded{};               // The tax before rounding, in minor units.
  std::optional<Money> rounded{};  // Set when rounded per line; empty when rounded per
                                   // document (see the tax summary).
  friend bool operator==(const TaxTrace&, const TaxTrace&) = default;
};

// The traces of one amount: one per tax component that taxed it. Mostly a single VAT, so one
// is kept inline and only longer lists allocate.
using TaxTraces = SmallVector<TaxTrace, 1>;

// The item as it was when priced: later catalog changes do not alter placed orders.
struct ItemSnapshot {
  ItemId id{};
  std::string sku;
  LocalizedText name{};
  ItemKind kind = ItemKind::kGood;
  Code unit;
  Code tax_category;
  std::int64_t weight_grams = 0;
  Code category{};  // The product category (Item::category); empty for none.
  Code location{};  // Where it was stored when priced; pick lists read the catalog's
                    // current location instead.
  friend bool operator==(const ItemSnapshot&, const ItemSnapshot&) = default;
};

struct PricedLine {
  ItemSnapshot item{};
  std::int64_t quantity = 0;
  Money unit_price{};  // In the catalog's price mode.
  Money amount{};      // unit_price x quantity, in the catalog's price mode.
  Code jurisdiction;   // Code of the jurisdiction that taxed it.
  TaxTraces taxes{};
  std::optional<Money> net{};    // Set when known per line: always when tax-exclusive, and
  std::optional<Money> tax{};    // when tax-inclusive with per-line rounding.
  std::int64_t backordered = 0;  // Units not reserved from stock; set at placement.
  std::optional<Appointment> appointment{};  // As the draft line asked; services only.
  friend bool operator==(const PricedLine&, const PricedLine&) = default;
};

struct PricedShipping {
  std::string method;  // Empty when nothing is shipped.
  LocalizedText name{};
  std::int64_t weight_grams = 0;
  Money list_charge{};  // Before the free-shipping threshold.
  Money amount{};       // What is charged, in the catalog's price mode.
  bool free = false;    // The threshold waived the charge.
  Code jurisdiction;
  TaxTraces taxes{};  // Apportioned shipping has one entry per part.
  friend bool operator==(const PricedShipping&, const PricedShipping&) = default;
};

// One row of the tax summary an invoice shows: per component and rate, the taxable base and
// the tax. With per-line rounding `tax` is the sum of the rounded line taxes; with
// per-document rounding it is `unrounded` rounded once.
struct TaxSummaryRow {
  Code component;
  TaxRate rate{};
  Money base{};
  Exact unrounded{};
  Money tax{};
  friend bool operator==(const TaxSummaryRow&, const TaxSummaryRow&) = default;
};

struct Totals {
  Money items{};                    // Sum of line amounts, in the catalog's price mode.
  Money shipping{};                 // Shipping amount, in the catalog's price mode.
  Money net{};                      // Everything before tax.
  Money tax{};                      // Sum of the tax summary.
  Money grand_total{};              // net + tax.
  Money amount_due{};               // What the customer pays: the grand total.
  std::optional<Money> tendered{};  // Cash only.
  std::optional<Money> change{};    // Cash only: tendered - amount due.
  friend bool operator==(const Totals&, const Totals&) = default;
};

enum class PriceMode { kTaxExclusive, kTaxInclusive };
enum class RoundingLevel { kPerLine, kPerDocument };

struct RoundingPolicy {
  Rounding rounding = Rounding::kHalfUp;
  RoundingLevel level = RoundingLevel::kPerDocument;
  friend bool operator==(const RoundingPolicy&, const RoundingPolicy&) = default;
};

// The full result of pricing: every amount and the trace that explains it.
struct PricedOrder {
  Currency currency{};
  PriceMode price_mode = PriceMode::kTaxExclusive;
  RoundingPolicy rounding{};
  std::vector<PricedLine> lines{};
  PricedShipping shipping{};
  bool tax_exempt = false;
  std::string exemption_reference;
  std::vector<TaxSummaryRow> tax_summary{};
  Totals totals{};
  friend bool operator==(const PricedOrder&, const PricedOrder&) = default;
};

struct CustomerSnapshot {
  CustomerId id{};
  std::string name;
  std::string company;
  std::string tax_id;
  std::string email;
  std::string phone;
  std::string locale;
  friend bool operator==(const CustomerSnapshot&, const CustomerSnapshot&) = default;
};

struct Payment {
  PaymentType type = PaymentType::kOnAccount;
  PaymentStatus status = PaymentStatus::kPending;
  CardDetails card{};
  std::string reference;
  friend bool operator==(const Payment&, const Payment&) = default;
};

// A placed order: everything it was placed with, snapshotted. `id` and `number` are set by
// the store. `revision` is 1 at placement; each amendment adds one, and a confirmation names
// the revision the customer heard.
struct Order {
  OrderId id{};
  OrderNumber number{};
  std::int64_t revision = 1;
  Channel channel = Channel::kApi;
  OrderStatus status = OrderStatus::kPlaced;
  CustomerSnapshot customer{};
  Address billing_address{};
  std::optional<Address> shipping_address{};  // Empty for pick-up and services only.
  PricedOrder priced{};
  Payment payment{};
  std::string notes;
  std::string clerk;
  std::string placed_by{};  // The authenticated caller that placed it (OrderDraft::placed_by).
  Timestamp placed_at{};
  // The day the business promised to dispatch it, computed at placement from the fulfillment
  // rules (core/fulfillment.h, PromisedDispatch): the calendar day of the department that
  // dispatches last, in that department's time zone; empty for orders placed before the rules.
  std::optional<std::chrono::year_month_day> promised_dispatch{};
  friend bool operator==(const Order&, const Order&) = default;
};

// The stable lower-case names used in JSON, SQL and the CLI ("phone", "bank_transfer"), and
// their parsers (nothing for an unknown name).
const char* Name(Channel channel);
const char* Name(PaymentType type);
const char* Name(PaymentStatus status);
const char* Name(OrderStatus status);
const char* Name(ItemKind kind);
const char* Name(BackorderPolicy policy);
std::optional<Channel> ParseChannel(std::string_view name);
std::optional<PaymentType> ParsePaymentType(std::string_view name);
std::optional<PaymentStatus> ParsePaymentStatus(std::string_view name);
std::optional<OrderStatus> ParseOrderStatus(std::string_view name);
std::optional<ItemKind> ParseItemKind(std::string_view name);
std::optional<BackorderPolicy> ParseBackorderPolicy(std::string_view name);

}  // namespace commesso
