#pragma once

#include <string>
#include <vector>

#include "app/ports/document_store.h"
#include "app/ports/order_store.h"
#include "core/document.h"

namespace commesso::testing {

// A DocumentStore double for tests of what uses documents (the mailer, its routes): the
// receipt of each real placed order, made from the order as the OrderStore returns it and
// numbered after it (order 2026-000007 has receipt R-2026-000007). Issues no invoices.
// Thread-safe as the OrderStore is.
class OrderReceipts final : public DocumentStore {
 public:
  explicit OrderReceipts(const OrderStore& orders) : orders_(orders) {}

  static Seller TestSeller() {
    Seller seller;
    seller.name = "Cartoleria Rossi S.r.l.";
    seller.address.name = seller.name;
    seller.address.line1 = "Via Giuseppe Mazzini 12";
    seller.address.postal_code = "20123";
    seller.address.city = "Milano";
    seller.address.country = "IT";
    seller.tax_id = "IT01234567890";
    seller.email = "ricevute@cartoleria-rossi.example";
    seller.phone = "02 1234 5678";
    return seller;
  }

  Result<std::vector<Document>> ForOrder(const OrderNumber& number) const override {
    auto order = orders_.FindByNumber(number);
    if (!order) return Fail(order.error());
    return std::vector<Document>{ReceiptOf(*order)};
  }
  Result<std::vector<Document>> ForOrder(OrderId) const override {
    return Fail(ErrorCode::kNotFound, "This double finds documents by order number only.");
  }
  Result<Document> Find(const std::string& number) const override {
    if (!number.starts_with("R-")) return Fail(ErrorCode::kNotFound, "No document " + number);
    auto order = orders_.FindByNumber(OrderNumber{number.substr(2)});
    if (!order) return Fail(ErrorCode::kNotFound, "No document " + number);
    return ReceiptOf(*order);
  }
  Result<Document> IssueInvoice(const OrderNumber&, Timestamp) override {
    return Fail(ErrorCode::kRejected, "This double issues no invoices.");
  }

 private:
  static Document ReceiptOf(const Order& order) {
    const std::string& number = order.number.value;  // "2026-000007".
    return Document{.id = DocumentId{order.id.value},
                    .kind = DocumentKind::kReceipt,
                    .series = "R",
                    .year = std::stoi(number.substr(0, 4)),
                    .sequence = std::stoll(number.substr(5)),
                    .number = "R-" + number,
                    .issued_at = order.placed_at,
                    .locale = DocumentLocale(order.customer.locale),
                    .seller = TestSeller(),
                    .order = order};
  }

  const OrderStore& orders_;
};

}  // namespace commesso::testing
