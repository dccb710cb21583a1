#include "adapters/render/labels.h"

#include <chrono>

#include <gtest/gtest.h>

namespace commesso::render {
namespace {

const Labels& it = LabelsFor("it-IT");
const Labels& en = LabelsFor("en");

TEST(LabelsTest, FallsBackToEnglishForAnyOtherLocale) {
  EXPECT_EQ(LabelsFor("it").language, "it");
  EXPECT_EQ(LabelsFor("de").language, "en");
  EXPECT_EQ(LabelsFor("").language, "en");
}

TEST(LabelsTest, FormatsRatesFromPartsPerMillion) {
  EXPECT_EQ(FormatRate(TaxRate{220'000}, it), "22%");
  EXPECT_EQ(FormatRate(TaxRate{220'000}, en), "22%");
  EXPECT_EQ(FormatRate(TaxRate{88'750}, it), "8,875%");
  EXPECT_EQ(FormatRate(TaxRate{88'750}, en), "8.875%");
  EXPECT_EQ(FormatRate(TaxRate{3'750}, en), "0.375%");
  EXPECT_EQ(FormatRate(TaxRate{1}, en), "0.0001%");
  EXPECT_EQ(FormatRate(TaxRate{0}, it), "0%");
  EXPECT_EQ(FormatRate(TaxRate{1'000'000}, it), "100%");
}

TEST(LabelsTest, FormatsTheUtcDayOfAnInstant) {
  const Timestamp late(std::chrono::sys_days(std::chrono::year{2026} / 1 / 9) +
                       std::chrono::hours(23) + std::chrono::minutes(59));

  EXPECT_EQ(FormatDay(late, it), "09/01/2026");
  EXPECT_EQ(FormatDay(late, en), "2026-01-09");
}

TEST(LabelsTest, AbbreviatesKnownUnitsInTheSingularAndPlural) {
  EXPECT_EQ(FormatQuantity(3, "piece", it), "3\u00a0pz");
  EXPECT_EQ(FormatQuantity(1, "piece", en), "1\u00a0pc");
  EXPECT_EQ(FormatQuantity(3, "piece", en), "3\u00a0pcs");
  EXPECT_EQ(FormatQuantity(1, "ream", it), "1\u00a0risma");
  EXPECT_EQ(FormatQuantity(2, "ream", it), "2\u00a0risme");
  EXPECT_EQ(FormatQuantity(2, "hour", en), "2\u00a0h");
  EXPECT_EQ(FormatQuantity(5, "crate", en), "5\u00a0crate");
}

TEST(LabelsTest, NamesTaxesPaymentsAndCards) {
  EXPECT_EQ(TaxName("IVA", it), "IVA");
  EXPECT_EQ(TaxName("IVA", en), "VAT");
  EXPECT_EQ(TaxName("State", en), "State");
  EXPECT_EQ(PaymentTypeName(PaymentType::kBankTransfer, it), "Bonifico bancario");
  EXPECT_EQ(PaymentTypeName(PaymentType::kCashOnDelivery, en), "Cash on delivery");
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kPending, it), "Da incassare");
  EXPECT_EQ(CardBrandName("visa"), "Visa");
  EXPECT_EQ(CardBrandName("amex"), "American Express");
  EXPECT_EQ(CardBrandName("jcb"), "Jcb");
  EXPECT_EQ(KindName(DocumentKind::kInvoice, it), "Fattura");
  EXPECT_EQ(KindName(DocumentKind::kReceipt, en), "Receipt");
}

}  // namespace
}  // namespace commesso::render
