#include "adapters/render/labels.h"

#include <chrono>

#include <gtest/gtest.h>

namespace commesso::render {
namespace {

const Labels& kIt = LabelsFor("it-IT");
const Labels& kEn = LabelsFor("en");

TEST(LabelsTest, FallsBackToEnglishForAnyOtherLocale) {
  EXPECT_EQ(LabelsFor("it").language, "it");
  EXPECT_EQ(LabelsFor("de").language, "en");
  EXPECT_EQ(LabelsFor("").language, "en");
}

TEST(LabelsTest, FormatsRatesFromPartsPerMillion) {
  EXPECT_EQ(FormatRate(TaxRate{220'000}, kIt), "22%");
  EXPECT_EQ(FormatRate(TaxRate{220'000}, kEn), "22%");
  EXPECT_EQ(FormatRate(TaxRate{88'750}, kIt), "8,875%");
  EXPECT_EQ(FormatRate(TaxRate{88'750}, kEn), "8.875%");
  EXPECT_EQ(FormatRate(TaxRate{3'750}, kEn), "0.375%");
  EXPECT_EQ(FormatRate(TaxRate{1}, kEn), "0.0001%");
  EXPECT_EQ(FormatRate(TaxRate{0}, kIt), "0%");
  EXPECT_EQ(FormatRate(TaxRate{1'000'000}, kIt), "100%");
}

TEST(LabelsTest, FormatsTheUtcDayOfAnInstant) {
  const Timestamp late(std::chrono::sys_days(std::chrono::year{2026} / 1 / 9) +
                       std::chrono::hours(23) + std::chrono::minutes(59));

  EXPECT_EQ(FormatDay(late, kIt), "09/01/2026");
  EXPECT_EQ(FormatDay(late, kEn), "2026-01-09");
}

TEST(LabelsTest, AbbreviatesKnownUnitsInTheSingularAndPlural) {
  EXPECT_EQ(FormatQuantity(3, "piece", kIt), "3\u00a0pz");
  EXPECT_EQ(FormatQuantity(1, "piece", kEn), "1\u00a0pc");
  EXPECT_EQ(FormatQuantity(3, "piece", kEn), "3\u00a0pcs");
  EXPECT_EQ(FormatQuantity(1, "ream", kIt), "1\u00a0risma");
  EXPECT_EQ(FormatQuantity(2, "ream", kIt), "2\u00a0risme");
  EXPECT_EQ(FormatQuantity(2, "hour", kEn), "2\u00a0h");
  EXPECT_EQ(FormatQuantity(5, "crate", kEn), "5\u00a0crate");
}

TEST(LabelsTest, NamesTaxesPaymentsAndCards) {
  EXPECT_EQ(TaxName("IVA", kIt), "IVA");
  EXPECT_EQ(TaxName("IVA", kEn), "VAT");
  EXPECT_EQ(TaxName("State", kEn), "State");
  EXPECT_EQ(PaymentTypeName(PaymentType::kBankTransfer, kIt), "Bonifico bancario");
  EXPECT_EQ(PaymentTypeName(PaymentType::kCashOnDelivery, kEn), "Cash on delivery");
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kPending, kIt), "Da incassare");
  EXPECT_EQ(CardBrandName("visa"), "Visa");
  EXPECT_EQ(CardBrandName("amex"), "American Express");
  EXPECT_EQ(CardBrandName("jcb"), "Jcb");
  EXPECT_EQ(KindName(DocumentKind::kInvoice, kIt), "Fattura");
  EXPECT_EQ(KindName(DocumentKind::kReceipt, kEn), "Receipt");
}

}  // namespace
}  // namespace commesso::render
