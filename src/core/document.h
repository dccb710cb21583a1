#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/customer.h"
#include "core/order.h"

namespace commesso {

// A stored document's key; people know documents by their number.
struct DocumentId {
  std::int64_t value = 0;
  friend auto operator<=>(const DocumentId&, const DocumentId&) = default;
};

// A receipt for every placed order; an invoice in addition, for a business customer who asks.
enum class DocumentKind { kReceipt, kInvoice };

// Who issued the document, as the configuration said when it was issued.
struct Seller {
  std::string name;  // "Commesso Srl".
  Address address{};
  std::string tax_id;  // VAT number ("IT01234567890"); printed on every document.
  std::string email;   // Shown on documents; receipts are sent From: this.
  std::string phone;
  friend bool operator==(const Seller&, const Seller&) = default;
};

// An immutable document issued from a placed order: the seller, the order as placed
// (customer, addresses, lines, tax summary per rate, shipping, totals, payment, number) and
// its own number. Rendering the same document again gives the same text, HTML and PDF: re-
// sending sends the same document. Numbers are consecutive and gap-free per series and year
// ("R-2026-000001"); a number once issued is never reused.
struct Document {
  DocumentId id{};  // Set by the store.
  DocumentKind kind = DocumentKind::kReceipt;
  std::string series;         // "R" for receipts, "F" for invoices.
  int year = 0;               // The business year of issue (the business's time zone).
  std::int64_t sequence = 0;  // 1, 2, … within series and year.
  std::string number;         // DocumentNumber(series, year, sequence).
  Timestamp issued_at{};
  std::string locale;  // The language it is written in: "it" or "en" (the customer's).
  Seller seller{};
  Order order{};  // The order as placed (the revision the document was issued from).
  friend bool operator==(const Document&, const Document&) = default;
};

// "R-2026-000001": series, year, and the sequence in at least six digits.
std::string DocumentNumber(std::string_view series, int year, std::int64_t sequence);

// "it" for a customer locale starting with "it", else "en".
std::string DocumentLocale(std::string_view customer_locale);

const char* Name(DocumentKind kind);  // "receipt", "invoice".
std::optional<DocumentKind> ParseDocumentKind(std::string_view name);

}  // namespace commesso
