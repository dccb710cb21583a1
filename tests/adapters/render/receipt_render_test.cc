#include "adapters/render/receipt_render.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/json/money_text.h"
#include "adapters/render/receipt_fixtures.h"
#include "adapters/render/render_test_support.h"

namespace commesso::render {
namespace {

using ::testing::AllOf;
using testing::CashAtTheCounter;
using testing::DocumentOf;
using testing::ExpectWithin;
using testing::Good;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::PagesOf;
using testing::PaidByCard;
using testing::PdfToText;
using testing::ReceiptCase;

std::string Money(commesso::Money money, const Document& document) {
  return json::FormatMoney(money, document.locale);
}

// Every amount the order's pricing states, as the document's locale writes it: each line's
// price and amount, shipping, each tax summary row, the totals, tendered and change.
std::vector<std::string> AmountsOf(const Document& document) {
  const PricedOrder& priced = document.order.priced;
  std::vector<std::string> amounts;
  for (const PricedLine& line : priced.lines) {
    amounts.push_back(Money(line.unit_price, document));
    amounts.push_back(Money(line.amount, document));
  }
  for (const TaxSummaryRow& row : priced.tax_summary) {
    amounts.push_back(Money(row.base, document));
    amounts.push_back(Money(row.tax, document));
  }
  const Totals& totals = priced.totals;
  for (const commesso::Money total : {totals.items, totals.net, totals.tax, totals.grand_total}) {
    amounts.push_back(Money(total, document));
  }
  if (!priced.shipping.method.empty() && priced.shipping.method != kPickupMethod) {
    amounts.push_back(Money(totals.shipping, document));
  }
  if (totals.tendered) amounts.push_back(Money(*totals.tendered, document));
  if (totals.change) amounts.push_back(Money(*totals.change, document));
  return amounts;
}

// `text` with each no-break space made a plain one. pdftotext reads the no-break space of
// FormatMoney ("1,65 €") back as a space: DejaVu draws both with one glyph, and the PDF maps
// that glyph back to a single character.
std::string PlainSpaces(std::string text) {
  for (std::size_t at; (at = text.find("\u00a0")) != std::string::npos;) text.replace(at, 2, " ");
  return text;
}

enum class Spaces { kAsFormatted, kPlain };

void ExpectEveryAmount(const std::string& rendering, const Document& document,
                       Spaces spaces = Spaces::kAsFormatted) {
  for (std::string amount : AmountsOf(document)) {
    if (spaces == Spaces::kPlain) amount = PlainSpaces(amount);
    EXPECT_THAT(rendering, HasSubstr(amount)) << "missing amount " << amount;
  }
}

// A case that stresses the layout: long names and SKU, a large amount, notes.
ReceiptCase LongCase(std::string locale) {
  ReceiptCase receipt;
  receipt.locale = std::move(locale);
  Item big =
      Good("ARMADIO-METALLICO-ANTIFUOCO-CLASSE-REI-120-PROFONDITA-60", 987654321, "standard", 1000);
  big.name = {.it =
                  "Armadio metallico ignifugo con serratura elettronica, quattro ripiani "
                  "regolabili e certificazione europea",
              .en =
                  "Fire-resistant metal cabinet with electronic lock, four adjustable shelves "
                  "and European certification"};
  receipt.items.push_back(big);
  receipt.lines.push_back({.sku = big.sku, .quantity = 9});
  receipt.company = "Citt\u00e0 & Figli S.r.l. \u2013 Forniture per ufficio e cancelleria";
  receipt.tax_id = "IT09876543210";
  receipt.notes =
      "Consegnare al secondo piano, chiedere di Niccol\u00f2 al centralino.\n"
      "Fattura da inviare all'ufficio acquisti.";
  return receipt;
}

TEST(ReceiptTextTest, SpeaksItalianWithEveryAmountOfThePricing) {
  const Document document = DocumentOf(ReceiptCase{});

  const std::string text = ReceiptText(document, 42);

  ExpectEveryAmount(text, document);
  EXPECT_THAT(text,
              AllOf(HasSubstr("RICEVUTA"), HasSubstr("R-2026-000001"), HasSubstr("2026-000123"),
                    HasSubstr("05/03/2026"), HasSubstr("Niccol\u00f2 Citt\u00e0"),
                    HasSubstr("Penna a sfera blu"), HasSubstr("Spedizione standard"),
                    HasSubstr("Riepilogo imposte"), HasSubstr("IVA 22%"), HasSubstr("IVA 4%"),
                    HasSubstr("Prezzi IVA esclusa"), HasSubstr("P. IVA IT01234567890"),
                    HasSubstr("Sul conto cliente"), HasSubstr("Da incassare")));
}

TEST(ReceiptTextTest, SpeaksEnglishWithEveryAmountOfThePricing) {
  ReceiptCase receipt;
  receipt.locale = "en";
  const Document document = DocumentOf(receipt);

  const std::string text = ReceiptText(document, 80);

  ExpectEveryAmount(text, document);
  EXPECT_THAT(text, AllOf(HasSubstr("RECEIPT"), HasSubstr("2026-03-05"),
                          HasSubstr("Blue ballpoint pen"), HasSubstr("Standard shipping"),
                          HasSubstr("VAT 22%"), HasSubstr("Prices excluding VAT"),
                          HasSubstr("\u20ac"), HasSubstr("3\u00a0pcs"), HasSubstr("On account")));
  EXPECT_THAT(text, Not(HasSubstr("IVA")));
}

TEST(ReceiptTextTest, SaysPricesIncludeTaxInTheTaxInclusiveMode) {
  ReceiptCase italian;
  italian.rules.price_mode = PriceMode::kTaxInclusive;
  ReceiptCase british;
  british.locale = "en";
  british.rules = testing::UkRules();
  british.country = "GB";
  british.postal_code = "EC1A 1AA";
  for (Item& item : british.items) item.unit_price = commesso::Money(item.unit_price.minor(), kGbp);
  british.items[1].tax_category = "reduced";
  const Document it = DocumentOf(italian);
  const Document en = DocumentOf(british);
  ASSERT_EQ(en.order.priced.price_mode, PriceMode::kTaxInclusive);

  const std::string italian_text = ReceiptText(it, 42);
  const std::string english_text = ReceiptText(en, 80);

  ExpectEveryAmount(italian_text, it);
  ExpectEveryAmount(english_text, en);
  EXPECT_THAT(italian_text, HasSubstr("Prezzi IVA inclusa"));
  EXPECT_THAT(english_text, AllOf(HasSubstr("Prices including VAT"), HasSubstr("VAT 20%"),
                                  HasSubstr("VAT 5%"), HasSubstr("\u00a3")));
  // Tax-inclusive: the grand total is items plus shipping, the net is what remains.
  EXPECT_EQ(it.order.priced.totals.grand_total,
            it.order.priced.totals.items + it.order.priced.totals.shipping);
}

TEST(ReceiptTextTest, StatesTheExemptionAndNoTaxForAnExemptCustomer) {
  ReceiptCase receipt;
  receipt.tax_exempt = true;
  receipt.exemption_reference = "Dichiarazione d'intento n. 12/2026";
  const Document document = DocumentOf(receipt);

  const std::string text = ReceiptText(document, 80);

  ExpectEveryAmount(text, document);
  EXPECT_THAT(text, HasSubstr("Operazione esente da imposta: Dichiarazione d'intento n. 12/2026"));
  EXPECT_THAT(text, HasSubstr(" esente "));
  EXPECT_THAT(text, Not(HasSubstr("22%")));
  EXPECT_THAT(text, Not(HasSubstr("Riepilogo imposte")));
  EXPECT_THAT(text, Not(HasSubstr("IVA 22%")));
  EXPECT_EQ(document.order.priced.totals.tax.minor(), 0);
}

TEST(ReceiptTextTest, ShowsTheCashTenderedAndTheChange) {
  const Document document = DocumentOf(CashAtTheCounter());
  const Totals& totals = document.order.priced.totals;
  ASSERT_TRUE(totals.change.has_value());

  const std::string text = ReceiptText(document, 42);

  EXPECT_THAT(text, AllOf(HasSubstr("Contanti"), HasSubstr("Ricevuti"), HasSubstr("Resto"),
                          HasSubstr("Pagato"), HasSubstr("Ritiro al banco")));
  EXPECT_THAT(text, HasSubstr(Money(*totals.tendered, document) + "\n"));
  EXPECT_THAT(text, HasSubstr(Money(*totals.change, document) + "\n"));
  EXPECT_THAT(text, Not(HasSubstr("Spedizione standard")));
}

TEST(ReceiptTextTest, NamesTheCardByBrandAndLastFourDigits) {
  const std::string italian = ReceiptText(DocumentOf(PaidByCard("it")), 42);
  const std::string english = ReceiptText(DocumentOf(PaidByCard("en")), 80);

  EXPECT_THAT(italian, AllOf(HasSubstr("Carta Visa \u2022\u2022\u2022\u2022 4242"),
                             HasSubstr("Autorizzato")));
  EXPECT_THAT(english,
              AllOf(HasSubstr("Card Visa \u2022\u2022\u2022\u2022 4242"), HasSubstr("Authorized")));
  EXPECT_THAT(italian, Not(HasSubstr("tok_1")));
}

TEST(ReceiptTextTest, PrintsThePromisedDispatchDayWhenThereIsOne) {
  ReceiptCase receipt = PaidByCard("it");
  receipt.promised_dispatch = std::chrono::year{2026} / 11 / 30;
  const std::string italian = ReceiptText(DocumentOf(receipt), 42);
  receipt.locale = "en";
  const std::string english = ReceiptText(DocumentOf(receipt), 80);
  receipt.promised_dispatch.reset();
  const std::string without = ReceiptText(DocumentOf(receipt), 80);

  EXPECT_THAT(italian, HasSubstr("Spedizione prevista             30/11/2026"));
  EXPECT_THAT(english, HasSubstr("Expected dispatch"));
  EXPECT_THAT(english, HasSubstr("2026-11-30"));
  EXPECT_THAT(without, Not(HasSubstr("Expected dispatch")));
}

TEST(ReceiptHtmlTest, PrintsThePromisedDispatchDay) {
  ReceiptCase receipt = PaidByCard("en");
  receipt.promised_dispatch = std::chrono::year{2027} / 1 / 4;

  EXPECT_THAT(ReceiptHtml(DocumentOf(receipt)),
              AllOf(HasSubstr("Expected dispatch"), HasSubstr("2027-01-04")));
}

TEST(ReceiptTextTest, NeverExceedsTheColumnsAndNeverCutsAnAmount) {
  std::vector<Document> documents = {DocumentOf(ReceiptCase{}), DocumentOf(LongCase("it")),
                                     DocumentOf(LongCase("en")), DocumentOf(CashAtTheCounter("en")),
                                     DocumentOf(PaidByCard("it"))};
  for (const Document& document : documents) {
    for (const int columns : {32, 42, 80, 120}) {
      SCOPED_TRACE(document.locale + " at " + std::to_string(columns));

      const std::string text = ReceiptText(document, columns);

      ExpectWithin(text, columns);
      ExpectEveryAmount(text, document);
    }
  }
}

TEST(ReceiptTextTest, WrapsLongNamesInsteadOfCuttingThem) {
  const Document document = DocumentOf(LongCase("it"));

  const std::string narrow = ReceiptText(document, 42);
  const std::string wide = ReceiptText(document, 80);

  for (const std::string* text : {&narrow, &wide}) {
    EXPECT_THAT(*text, AllOf(HasSubstr("Armadio metallico"), HasSubstr("certificazione europea"),
                             HasSubstr("Consegnare al secondo piano")));
  }
  EXPECT_THAT(narrow, HasSubstr("9\u00a0pz\u00a0\u00d7\u00a09.876.543,21\u00a0\u20ac"));
}

TEST(ReceiptTextTest, IsTheSameTextEveryTime) {
  const Document document = DocumentOf(LongCase("it"));

  EXPECT_EQ(ReceiptText(document, 42), ReceiptText(document, 42));
}

TEST(ReceiptTextTest, NamesEachTaxComponentWhereSeveralApply) {
  ReceiptCase receipt;
  receipt.locale = "en";
  receipt.rules = testing::UsRules();
  receipt.country = "US";
  receipt.region = "NY";
  receipt.postal_code = "10001";
  for (Item& item : receipt.items) {
    item.unit_price = commesso::Money(item.unit_price.minor(), kUsd);
    item.tax_category = "standard";
  }
  const Document document = DocumentOf(receipt);

  const std::string text = ReceiptText(document, 80);

  ExpectEveryAmount(text, document);
  EXPECT_THAT(text, AllOf(HasSubstr("State 4%"), HasSubstr("Local 4.5%"), HasSubstr("MCTD 0.375%"),
                          HasSubstr("8.875%"), HasSubstr("Prices excluding taxes"),
                          HasSubstr("Taxes "), HasSubstr("$")));
}

TEST(ReceiptTextTest, TitlesAnInvoiceAndLeavesOutDeliveryForServicesOnly) {
  ReceiptCase receipt;
  receipt.kind = DocumentKind::kInvoice;
  receipt.items = {testing::Service("INSTALL", 4500)};
  receipt.lines = {{.sku = "INSTALL", .quantity = 2}};
  receipt.shipping_method = "";
  const Document document = DocumentOf(receipt);

  const std::string text = ReceiptText(document, 42);

  ExpectEveryAmount(text, document);
  EXPECT_THAT(text, AllOf(HasSubstr("FATTURA"), HasSubstr("F-2026-000001"),
                          HasSubstr("2\u00a0h\u00a0\u00d7\u00a045,00\u00a0\u20ac")));
  EXPECT_THAT(text, AllOf(Not(HasSubstr("Consegna")), Not(HasSubstr("Ritiro al banco")),
                          Not(HasSubstr("Spedizione"))));
}

// Pens, and an installation on 3 December 2026 between 9:00 and 12:00.
ReceiptCase WithAnAppointment(std::string locale) {
  ReceiptCase receipt;
  receipt.locale = std::move(locale);
  Item install = testing::Service("INSTALL", 4500);
  install.name = {.it = "Installazione", .en = "Installation"};
  receipt.items.push_back(install);
  DraftLine line{.sku = "INSTALL", .quantity = 1};
  line.appointment = Appointment{.date = std::chrono::year{2026} / 12 / 3,
                                 .from = std::chrono::hours{9},
                                 .until = std::chrono::hours{12}};
  receipt.lines.push_back(line);
  return receipt;
}

TEST(ReceiptTextTest, PrintsAServicesAppointmentUnderItsLine) {
  const Document italian = DocumentOf(WithAnAppointment("it"));
  const Document english = DocumentOf(WithAnAppointment("en"));

  const std::string wide = ReceiptText(italian, 120);
  const std::string narrow = ReceiptText(english, 32);

  EXPECT_THAT(wide, HasSubstr("Appuntamento il 3 dicembre 2026 tra le 9:00 e le 12:00"));
  EXPECT_LT(wide.find("Installazione"), wide.find("Appuntamento"));
  EXPECT_LT(wide.find("Appuntamento"), wide.find("Spedizione standard"));
  ExpectWithin(narrow, 32);
  ExpectEveryAmount(narrow, english);
  EXPECT_THAT(narrow, AllOf(HasSubstr("Appointment on 3"), HasSubstr("December 2026")));
  for (const int columns : {42, 80}) {
    SCOPED_TRACE(columns);
    const std::string text = ReceiptText(italian, columns);
    ExpectWithin(text, columns);
    EXPECT_THAT(text, HasSubstr("Appuntamento"));
    EXPECT_EQ(text.find("Appuntamento"), text.rfind("Appuntamento"));  // The service only.
  }
}

TEST(ReceiptHtmlTest, PrintsAServicesAppointmentUnderItsLine) {
  EXPECT_THAT(ReceiptHtml(DocumentOf(WithAnAppointment("en"))),
              HasSubstr("Appointment on 3 December 2026 between 9:00 and 12:00"));
}

TEST(ReceiptPdfTest, PrintsAServicesAppointmentUnderItsLine) {
  auto pdf = ReceiptPdf(DocumentOf(WithAnAppointment("it")));

  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  EXPECT_THAT(PdfToText(*pdf), AllOf(HasSubstr("Appuntamento il 3 dicembre"), HasSubstr("12:00")));
}

TEST(ReceiptSubjectTest, NamesTheDocumentAndTheOrder) {
  ReceiptCase invoice;
  invoice.kind = DocumentKind::kInvoice;
  invoice.locale = "en";

  EXPECT_EQ(ReceiptSubject(DocumentOf(ReceiptCase{})),
            "Ricevuta R-2026-000001 \u2013 ordine 2026-000123");
  EXPECT_EQ(ReceiptSubject(DocumentOf(PaidByCard("en"))),
            "Receipt R-2026-000001 \u2013 order 2026-000123");
  EXPECT_EQ(ReceiptSubject(DocumentOf(invoice)), "Invoice F-2026-000001 \u2013 order 2026-000123");
}

TEST(ReceiptHtmlTest, IsACompletePageWithEveryAmountAndInlineStylesOnly) {
  const Document document = DocumentOf(CashAtTheCounter());

  const std::string html = ReceiptHtml(document);

  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"it\">"));
  EXPECT_TRUE(html.ends_with("</html>\n"));
  ExpectEveryAmount(html, document);
  EXPECT_THAT(html, AllOf(HasSubstr("<meta charset=\"utf-8\">"), HasSubstr("<thead>"),
                          HasSubstr("Ricevuta"), HasSubstr("R-2026-000001"),
                          HasSubstr("Riepilogo imposte"), HasSubstr("Prezzi IVA esclusa")));
  EXPECT_THAT(html, AllOf(Not(HasSubstr("<style")), Not(HasSubstr("<link")),
                          Not(HasSubstr("<script")), Not(HasSubstr("<img"))));
}

TEST(ReceiptHtmlTest, EscapesEveryValue) {
  ReceiptCase receipt;
  receipt.customer_name = "<script>alert(1)</script> & \"Figli\"";
  receipt.company = "Rossi & <b>Bianchi</b>";
  receipt.notes = "<img src=x onerror=alert(2)> 'quoted'";
  receipt.items[0].name.it = "Penna <i>rossa</i> & blu";
  const Document document = DocumentOf(receipt);

  const std::string html = ReceiptHtml(document);

  EXPECT_THAT(html, AllOf(Not(HasSubstr("<script")), Not(HasSubstr("<b>")), Not(HasSubstr("<img")),
                          Not(HasSubstr("<i>"))));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Figli&quot;"));
  EXPECT_THAT(html, HasSubstr("Rossi &amp; &lt;b&gt;Bianchi&lt;/b&gt;"));
  EXPECT_THAT(html, HasSubstr("&lt;img src=x onerror=alert(2)&gt; &#39;quoted&#39;"));
  EXPECT_THAT(html, HasSubstr("Penna &lt;i&gt;rossa&lt;/i&gt; &amp; blu"));
}

TEST(ReceiptHtmlTest, SpeaksEnglish) {
  const Document document = DocumentOf(PaidByCard("en"));

  const std::string html = ReceiptHtml(document);

  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  ExpectEveryAmount(html, document);
  EXPECT_THAT(html, AllOf(HasSubstr("Receipt"), HasSubstr("Tax summary"),
                          HasSubstr("Visa \u2022\u2022\u2022\u2022 4242"),
                          HasSubstr("Prices excluding VAT"), HasSubstr("2026-03-05")));
}

TEST(ReceiptPdfTest, ReadsBackTheNumbersTheEuroSignAndAccents) {
  const Document document = DocumentOf(CashAtTheCounter());

  auto pdf = ReceiptPdf(document);

  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  const std::string text = PdfToText(*pdf);
  EXPECT_THAT(
      text, AllOf(HasSubstr("R-2026-000001"), HasSubstr("2026-000123"),
                  HasSubstr(PlainSpaces(Money(document.order.priced.totals.grand_total, document))),
                  HasSubstr("\u20ac"), HasSubstr("Niccol\u00f2 Citt\u00e0"), HasSubstr("Ricevuta"),
                  HasSubstr("Ritiro al banco")));
  ExpectEveryAmount(text, document, Spaces::kPlain);
}

TEST(ReceiptPdfTest, SpeaksEnglish) {
  const Document document = DocumentOf(PaidByCard("en"));

  auto pdf = ReceiptPdf(document);

  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  const std::string text = PdfToText(*pdf);
  ExpectEveryAmount(text, document, Spaces::kPlain);
  EXPECT_THAT(text, AllOf(HasSubstr("Receipt"), HasSubstr("Prices excluding VAT"),
                          HasSubstr("Visa \u2022\u2022\u2022\u2022 4242")));
}

TEST(ReceiptPdfTest, EmbedsDejaVuSansAndTitlesTheDocumentWithItsNumber) {
  auto pdf = ReceiptPdf(DocumentOf(ReceiptCase{}));

  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  EXPECT_THAT(*pdf, HasSubstr("+DejaVuSans"));  // A subset: "ABCDEF+DejaVuSans".
  EXPECT_THAT(*pdf, HasSubstr("/Title (R-2026-000001)"));
  // The date of issue, not of rendering (cairo 1.16 writes it without the "D:" prefix).
  const std::size_t created = pdf->find("/CreationDate (");
  ASSERT_NE(created, std::string::npos);
  EXPECT_THAT(pdf->substr(created, 40), HasSubstr("20260305103000Z)"));
}

TEST(ReceiptPdfTest, IsTheSameBytesEveryTime) {
  const Document document = DocumentOf(LongCase("it"));

  auto first = ReceiptPdf(document);
  auto second = ReceiptPdf(document);

  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_TRUE(*first == *second) << "the two renderings differ";
}

TEST(ReceiptPdfTest, ContinuesTheLineTableOnMorePagesWithItsHeader) {
  ReceiptCase receipt;
  receipt.items.clear();
  receipt.lines.clear();
  for (int i = 1; i <= 90; ++i) {
    const std::string sku = "ART-" + std::to_string(1000 + i);
    receipt.items.push_back(Good(sku, 100 + i, "standard", 1));
    receipt.lines.push_back({.sku = sku, .quantity = i});
  }
  const Document document = DocumentOf(receipt);

  auto pdf = ReceiptPdf(document);

  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  const std::string text = PdfToText(*pdf);
  const std::vector<std::string> pages = PagesOf(text);
  ASSERT_GE(pages.size(), 3U);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    SCOPED_TRACE("page " + std::to_string(i + 1));
    EXPECT_THAT(pages[i], HasSubstr("R-2026-000001 \u2013 pagina " + std::to_string(i + 1)));
    if (i + 1 < pages.size()) {
      EXPECT_THAT(pages[i], HasSubstr("Importo"));  // The line table's header, repeated.
    }
  }
  ExpectEveryAmount(text, document, Spaces::kPlain);
  EXPECT_THAT(text, AllOf(HasSubstr("ART-1001"), HasSubstr("ART-1090")));
}

// docs/receipts.md shows the samples as this code renders them (receipt_samples writes them).
TEST(ReceiptDocsTest, ShowTheCurrentTextSamples) {
  std::ifstream file(std::string(COMMESSO_SOURCE_DIR) + "/docs/receipts.md");
  ASSERT_TRUE(file) << "docs/receipts.md is missing";
  std::stringstream docs;
  docs << file.rdbuf();

  EXPECT_THAT(docs.str(), HasSubstr(ReceiptText(testing::ItalianSample(), 42)))
      << "regenerate the samples: build/debug/tests/adapters/render/receipt_samples <dir>";
  EXPECT_THAT(docs.str(), HasSubstr(ReceiptText(testing::EnglishSample(), 80)));
}

}  // namespace
}  // namespace commesso::render
