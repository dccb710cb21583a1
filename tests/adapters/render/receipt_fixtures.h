#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/invariant.h"
#include "core/pricing.h"
#include "support/pricing_fixtures.h"

// Documents issued from orders priced by the real PriceOrder over the pricing fixtures, for
// the rendering tests and the sample renderings of docs/receipts.md.
namespace commesso::testing {

// 2026-03-05 10:30:00 UTC, when the fixture orders are placed and their documents issued.
inline Timestamp FixtureInstant() {
  using std::chrono::hours;
  using std::chrono::minutes;
  return Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 3 / 5) + hours(10) +
                   minutes(30));
}

// What varies between the fixture documents. The defaults: an Italian customer in Milano,
// three pens and two notebooks under Italian VAT (tax-exclusive), standard shipping, paid on
// account.
struct ReceiptCase {
  std::string locale = "it";
  PricingRules rules = ItalianRules();
  std::string country = "IT";  // The customer's address.
  std::string region = "";
  std::string postal_code = "20121";
  std::vector<Item> items = {[] {
                               Item pen = Good("PEN-BLU", 250, "standard", 20);
                               pen.name = {.it = "Penna a sfera blu", .en = "Blue ballpoint pen"};
                               return pen;
                             }(),
                             [] {
                               Item book = Good("LIB-CC", 2500, "super_reduced", 1100);
                               book.name = {.it = "Codice civile 2026, edizione tascabile",
                                            .en = "Italian Civil Code 2026, pocket edition"};
                               return book;
                             }()};
  std::vector<DraftLine> lines = {{.sku = "PEN-BLU", .quantity = 3},
                                  {.sku = "LIB-CC", .quantity = 2}};
  std::string shipping_method = "standard";
  PaymentDraft payment{};
  PaymentStatus payment_status = PaymentStatus::kPending;
  std::string customer_name = "Niccol\u00f2 Citt\u00e0";
  std::string company = "";
  std::string tax_id = "";
  bool tax_exempt = false;
  std::string exemption_reference = "";
  std::string notes = "";
  DocumentKind kind = DocumentKind::kReceipt;
  // What the demo's warehouse (14:00 cut-off) promises for an order placed at FixtureInstant.
  std::optional<std::chrono::year_month_day> promised_dispatch = std::chrono::year{2026} / 3 / 5;
};

// The seller of the fixture documents, at the rules' origin.
inline Seller SellerOf(const PricingRules& rules) {
  return Seller{.name = rules.origin.name,
                .address = rules.origin,
                .tax_id = "IT01234567890",
                .email = "negozio@commesso.example",
                .phone = "+39 02 1234 5678"};
}

// The document of `receipt`: validated and priced like a real placement, order 2026-000123,
// document number 1 of its series in 2026. A case that does not validate is a bug of the test.
inline Document DocumentOf(const ReceiptCase& receipt) {
  Customer customer = CustomerIn(receipt.country, receipt.region, receipt.postal_code);
  customer.name = receipt.customer_name;
  customer.company = receipt.company;
  customer.tax_id = receipt.tax_id;
  customer.locale = receipt.locale;
  customer.tax_exempt = receipt.tax_exempt;
  customer.exemption_reference = receipt.exemption_reference;
  customer.addresses[0].address.name = receipt.customer_name;

  OrderDraft draft = DraftOf(receipt.lines, receipt.shipping_method);
  draft.payment = receipt.payment;
  draft.notes = receipt.notes;
  Validation validation = ValidateDraft(draft, customer, receipt.items, receipt.rules);
  std::string problems;
  for (const FieldError& problem : validation.problems) {
    problems += " " + problem.path + ": " + problem.problem + ";";
  }
  if (!problems.empty()) throw InvariantError("the fixture order does not validate:" + problems);
  const ValidatedDraft& validated = validation.validated;

  Order order{.number = OrderNumber{"2026-000123"},
              .channel = Channel::kCounter,
              .customer = CustomerSnapshot{.id = customer.id,
                                           .name = customer.name,
                                           .company = customer.company,
                                           .tax_id = customer.tax_id,
                                           .email = customer.email,
                                           .phone = customer.phone,
                                           .locale = customer.locale},
              .billing_address = validated.billing_address,
              .shipping_address = validated.shipping_address,
              .priced = PriceOrder(validated, receipt.rules),
              .payment = Payment{.type = receipt.payment.type,
                                 .status = receipt.payment_status,
                                 .card = receipt.payment.card,
                                 .reference = receipt.payment.reference},
              .notes = receipt.notes,
              .clerk = "",
              .placed_at = FixtureInstant(),
              .promised_dispatch = receipt.promised_dispatch};
  const std::string series = receipt.kind == DocumentKind::kInvoice ? "F" : "R";
  return Document{.id = DocumentId{1},
                  .kind = receipt.kind,
                  .series = series,
                  .year = 2026,
                  .sequence = 1,
                  .number = DocumentNumber(series, 2026, 1),
                  .issued_at = FixtureInstant(),
                  .locale = DocumentLocale(receipt.locale),
                  .seller = SellerOf(receipt.rules),
                  .order = std::move(order)};
}

// A cash sale at the counter: the goods are collected, 100.00 handed over.
inline ReceiptCase CashAtTheCounter(std::string locale = "it") {
  ReceiptCase receipt;
  receipt.locale = std::move(locale);
  receipt.shipping_method = kPickupMethod;
  receipt.payment = PaymentDraft{.type = PaymentType::kCash,
                                 .tendered = Money(10000, receipt.rules.currency),
                                 .reference = ""};
  receipt.payment_status = PaymentStatus::kPaid;
  return receipt;
}

// Paid by a Visa card ending 4242.
inline ReceiptCase PaidByCard(std::string locale = "it") {
  ReceiptCase receipt;
  receipt.locale = std::move(locale);
  receipt.payment = PaymentDraft{.type = PaymentType::kCard,
                                 .card = {.brand = "visa", .last4 = "4242", .token = "tok_1"},
                                 .reference = ""};
  receipt.payment_status = PaymentStatus::kAuthorized;
  return receipt;
}

// The Italian sample of docs/receipts.md: a business customer paying cash at the counter.
inline Document ItalianSample() {
  ReceiptCase receipt = CashAtTheCounter("it");
  receipt.company = "Citt\u00e0 & Figli S.r.l.";
  receipt.tax_id = "IT09876543210";
  receipt.notes = "Ritira il sig. Niccol\u00f2 in negozio.";
  return DocumentOf(receipt);
}

// The English sample of docs/receipts.md: shipped, paid by card.
inline Document EnglishSample() { return DocumentOf(PaidByCard("en")); }

}  // namespace commesso::testing
