#include "adapters/json/read_back.h"

#include <gtest/gtest.h>

namespace commesso::json {
namespace {

Order OrderOf(std::string locale, std::size_t lines, PaymentType type) {
  Order order;
  order.number = OrderNumber{"2026-000123"};
  order.customer.locale = std::move(locale);
  order.priced.lines.resize(lines);
  order.priced.totals.amount_due = Money(12345, kEur);
  order.payment.type = type;
  order.payment.card.last4 = "4242";
  return order;
}

TEST(ReadBackTest, SpeaksItalian) {
  EXPECT_EQ(ReadBack(OrderOf("it", 3, PaymentType::kCard)),
            "Ordine 2026-000123: 3 articoli, totale 123,45\u00a0\u20ac IVA inclusa, pagamento "
            "con carta che termina con 4242.");
}

TEST(ReadBackTest, SpeaksEnglish) {
  EXPECT_EQ(ReadBack(OrderOf("en", 3, PaymentType::kCard)),
            "Order 2026-000123: 3 items, total \u20ac123.45 including tax, paid by card ending "
            "4242.");
}

TEST(ReadBackTest, CountsOneLineInTheSingular) {
  EXPECT_EQ(ReadBack(OrderOf("it", 1, PaymentType::kBankTransfer)),
            "Ordine 2026-000123: 1 articolo, totale 123,45\u00a0\u20ac IVA inclusa, pagamento "
            "con bonifico bancario.");
  EXPECT_EQ(ReadBack(OrderOf("en", 1, PaymentType::kOnAccount)),
            "Order 2026-000123: 1 item, total \u20ac123.45 including tax, charged to the "
            "customer's account.");
}

TEST(ReadBackTest, GivesTheChangeOfACashPayment) {
  Order order = OrderOf("it", 2, PaymentType::kCash);
  order.priced.totals.change = Money(155, kEur);

  EXPECT_EQ(ReadBack(order),
            "Ordine 2026-000123: 2 articoli, totale 123,45\u00a0\u20ac IVA inclusa, pagamento in "
            "contanti, resto 1,55\u00a0\u20ac.");
}

TEST(ReadBackTest, SaysWhenTheOrderIsTaxExempt) {
  Order order = OrderOf("en", 2, PaymentType::kCheque);
  order.priced.tax_exempt = true;

  EXPECT_EQ(ReadBack(order),
            "Order 2026-000123: 2 items, total \u20ac123.45 tax exempt, paid by "
            "cheque.");
}

TEST(ReadBackTest, FallsBackToEnglishForOtherLocales) {
  EXPECT_EQ(ReadBack(OrderOf("de", 2, PaymentType::kCashOnDelivery)),
            "Order 2026-000123: 2 items, total \u20ac123.45 including tax, paid cash on "
            "delivery.");
}

}  // namespace
}  // namespace commesso::json
