#include "adapters/json/read_back.h"

#include <chrono>

#include <gtest/gtest.h>

#include "core/code.h"

namespace commesso::json {
namespace {

PricedLine LineOf(std::string italian, std::string english, std::int64_t quantity,
                  ItemKind kind = ItemKind::kGood) {
  PricedLine line;
  line.item.name = {.it = std::move(italian), .en = std::move(english)};
  line.item.kind = kind;
  line.quantity = quantity;
  return line;
}

TaxSummaryRow TaxOf(Code component, std::int64_t minor) {
  TaxSummaryRow row;
  row.component = component;
  row.tax = Money(minor, kEur);
  return row;
}

// Two lines (3 pens, 1 notebook) shipped to Milano, 123.45 EUR with 22 IVA, paid `type`.
Order OrderOf(std::string locale, PaymentType type) {
  Order order;
  order.number = OrderNumber{"2026-000123"};
  order.customer.locale = std::move(locale);
  order.priced.lines = {LineOf("Penna", "Pen", 3), LineOf("Quaderno", "Notebook", 1)};
  Address milano;
  milano.line1 = "Via Roma 1";
  milano.postal_code = "20121";
  milano.city = "Milano";
  order.shipping_address = milano;
  order.priced.shipping.method = "standard";
  order.priced.tax_summary = {TaxOf("IVA", 2226)};
  order.priced.totals.amount_due = Money(12345, kEur);
  order.payment.type = type;
  order.payment.card.last4 = "4242";
  return order;
}

TEST(ReadBackTest, SpeaksItalian) {
  EXPECT_EQ(ReadBack(OrderOf("it", PaymentType::kCard)),
            "Ordine 2026-000123: 2 articoli (3 \u00d7 Penna, 1 \u00d7 Quaderno), spedizione a Via "
            "Roma 1, 20121 Milano, totale 123,45\u00a0\u20ac IVA inclusa, pagamento con carta che "
            "termina con 4242.");
}

TEST(ReadBackTest, SpeaksEnglish) {
  EXPECT_EQ(ReadBack(OrderOf("en", PaymentType::kCard)),
            "Order 2026-000123: 2 items (3 \u00d7 Pen, 1 \u00d7 Notebook), shipped to Via Roma 1, "
            "20121 Milano, total \u20ac123.45 including VAT, paid by card ending 4242.");
}

TEST(ReadBackTest, SaysThePromisedDispatchDay) {
  Order italian = OrderOf("it", PaymentType::kCard);
  italian.promised_dispatch = std::chrono::year{2026} / 11 / 30;
  Order english = OrderOf("en", PaymentType::kCard);
  english.promised_dispatch = std::chrono::year{2027} / 1 / 7;

  EXPECT_EQ(ReadBack(italian),
            "Ordine 2026-000123: 2 articoli (3 \u00d7 Penna, 1 \u00d7 Quaderno), spedizione a Via "
            "Roma 1, 20121 Milano, totale 123,45\u00a0\u20ac IVA inclusa, pagamento con carta che "
            "termina con 4242. Spedizione prevista: luned\u00ec 30 novembre 2026.");
  EXPECT_EQ(ReadBack(english),
            "Order 2026-000123: 2 items (3 \u00d7 Pen, 1 \u00d7 Notebook), shipped to Via Roma 1, "
            "20121 Milano, total \u20ac123.45 including VAT, paid by card ending 4242. Expected "
            "dispatch: Thursday 7 January 2027.");
}

TEST(ReadBackTest, SaysNoDispatchDayForServicesOnly) {
  Order order = OrderOf("en", PaymentType::kCard);
  order.priced.lines = {LineOf("Montaggio", "Set-up", 1, ItemKind::kService)};
  order.promised_dispatch = std::chrono::year{2026} / 11 / 30;

  EXPECT_EQ(ReadBack(order).find("dispatch"), std::string::npos);
}

TEST(ReadBackTest, SpeaksTheLocaleAskedForRatherThanTheCustomers) {
  EXPECT_EQ(ReadBack(OrderOf("it", PaymentType::kCheque), "en"),
            ReadBack(OrderOf("en", PaymentType::kCheque)));
  EXPECT_EQ(ReadBack(OrderOf("en", PaymentType::kCheque), "it-IT"),
            ReadBack(OrderOf("it", PaymentType::kCheque)));
}

TEST(ReadBackTest, CountsOneLineInTheSingular) {
  Order order = OrderOf("it", PaymentType::kBankTransfer);
  order.priced.lines.resize(1);

  EXPECT_EQ(ReadBack(order),
            "Ordine 2026-000123: 1 articolo (3 \u00d7 Penna), spedizione a Via Roma 1, 20121 "
            "Milano, totale 123,45\u00a0\u20ac IVA inclusa, pagamento con bonifico bancario.");
  EXPECT_EQ(ReadBack(order, "en"),
            "Order 2026-000123: 1 item (3 \u00d7 Pen), shipped to Via Roma 1, 20121 Milano, total "
            "\u20ac123.45 including VAT, paid by bank transfer.");
}

TEST(ReadBackTest, NamesTenLinesAndCountsTheRest) {
  Order order = OrderOf("en", PaymentType::kOnAccount);
  order.priced.lines.assign(12, LineOf("Penna", "Pen", 1));

  EXPECT_EQ(ReadBack(order),
            "Order 2026-000123: 12 items (1 \u00d7 Pen, 1 \u00d7 Pen, 1 \u00d7 Pen, 1 \u00d7 Pen, "
            "1 \u00d7 Pen, 1 \u00d7 Pen, 1 \u00d7 Pen, 1 \u00d7 Pen, 1 \u00d7 Pen, 1 \u00d7 Pen, "
            "more 2), shipped to Via Roma 1, 20121 Milano, total \u20ac123.45 including VAT, "
            "charged to the customer's account.");
}

TEST(ReadBackTest, SaysWhenGoodsAreCollectedAtTheCounter) {
  Order order = OrderOf("it", PaymentType::kCash);
  order.shipping_address.reset();
  order.priced.shipping.method = "pickup";
  order.priced.totals.change = Money(155, kEur);

  EXPECT_EQ(
      ReadBack(order),
      "Ordine 2026-000123: 2 articoli (3 \u00d7 Penna, 1 \u00d7 Quaderno), ritiro al banco, "
      "totale 123,45\u00a0\u20ac IVA inclusa, pagamento in contanti, resto 1,55\u00a0\u20ac.");
  EXPECT_EQ(ReadBack(order, "en"),
            "Order 2026-000123: 2 items (3 \u00d7 Pen, 1 \u00d7 Notebook), collected at the "
            "counter, total \u20ac123.45 including VAT, paid in cash, change \u20ac1.55.");
}

TEST(ReadBackTest, SaysNoDestinationForServicesOnly) {
  Order order = OrderOf("en", PaymentType::kCashOnDelivery);
  order.shipping_address.reset();
  order.priced.lines = {LineOf("Installazione", "Setup", 2, ItemKind::kService)};

  EXPECT_EQ(ReadBack(order),
            "Order 2026-000123: 1 item (2 \u00d7 Setup), total \u20ac123.45 including VAT, paid "
            "cash on delivery.");
}

TEST(ReadBackTest, NamesTheTaxThatAppliesOrSaysThereIsNone) {
  Order several = OrderOf("en", PaymentType::kCheque);
  several.priced.tax_summary = {TaxOf("State", 400), TaxOf("Local", 450), TaxOf("MCTD", 0)};
  Order sales = OrderOf("en", PaymentType::kCheque);
  sales.priced.tax_summary = {TaxOf("Sales tax", 800), TaxOf("IVA", 0)};
  Order exempt = OrderOf("it", PaymentType::kCheque);
  exempt.priced.tax_exempt = true;
  Order untaxed = OrderOf("it", PaymentType::kCheque);
  untaxed.priced.tax_summary = {TaxOf("IVA", 0)};

  EXPECT_NE(ReadBack(several).find("total \u20ac123.45 including tax,"), std::string::npos);
  EXPECT_NE(ReadBack(sales).find("total \u20ac123.45 including Sales tax,"), std::string::npos);
  EXPECT_NE(ReadBack(exempt).find("totale 123,45\u00a0\u20ac esente IVA,"), std::string::npos);
  EXPECT_NE(ReadBack(exempt, "en").find("\u20ac123.45 tax exempt,"), std::string::npos);
  EXPECT_NE(ReadBack(untaxed).find("123,45\u00a0\u20ac senza imposte,"), std::string::npos);
  EXPECT_NE(ReadBack(untaxed, "en").find("\u20ac123.45 no tax,"), std::string::npos);
}

TEST(ReadBackTest, FallsBackToEnglishForOtherLocales) {
  EXPECT_EQ(ReadBack(OrderOf("de", PaymentType::kCashOnDelivery)),
            ReadBack(OrderOf("en", PaymentType::kCashOnDelivery)));
}

TEST(ReadBackTest, UsesTheOtherLanguagesNameWhenOneIsMissing) {
  Order order = OrderOf("en", PaymentType::kCheque);
  order.priced.lines = {LineOf("Penna", "", 1)};

  EXPECT_NE(ReadBack(order).find("(1 \u00d7 Penna)"), std::string::npos);
}

TEST(ReadBackTest, SaysWhenAServiceIsToBeDone) {
  Order italian = OrderOf("it", PaymentType::kCard);
  PricedLine setup = LineOf("Installazione", "Installation", 1, ItemKind::kService);
  setup.appointment = Appointment{.date = std::chrono::year{2026} / 12 / 3,
                                  .from = std::chrono::hours{9},
                                  .until = std::chrono::hours{12}};
  italian.priced.lines = {LineOf("Penna", "Pen", 3), setup};
  Order english = italian;
  english.customer.locale = "en";

  EXPECT_EQ(ReadBack(italian),
            "Ordine 2026-000123: 2 articoli (3 \u00d7 Penna, 1 \u00d7 Installazione il 3 dicembre "
            "2026 tra le 9:00 e le 12:00), spedizione a Via Roma 1, 20121 Milano, totale "
            "123,45\u00a0\u20ac IVA inclusa, pagamento con carta che termina con 4242.");
  EXPECT_EQ(ReadBack(english),
            "Order 2026-000123: 2 items (3 \u00d7 Pen, 1 \u00d7 Installation on 3 December 2026 "
            "between 9:00 and 12:00), shipped to Via Roma 1, 20121 Milano, total \u20ac123.45 "
            "including VAT, paid by card ending 4242.");
}

}  // namespace
}  // namespace commesso::json
