#include "core/pricing.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/invariant.h"
#include "printers.h"
#include "support/pricing_fixtures.h"

namespace commesso {
namespace {

using testing::AddressIn;
using testing::CustomerIn;
using testing::DraftOf;
using ::testing::ElementsAre;
using testing::Good;
using ::testing::IsEmpty;
using testing::Service;

constexpr TaxRate kVat22{220'000};
constexpr TaxRate kVat10{100'000};

Money Eur(std::int64_t minor) { return Money(minor, kEur); }
Money Usd(std::int64_t minor) { return Money(minor, kUsd); }
Money Gbp(std::int64_t minor) { return Money(minor, kGbp); }

// Validates and prices; a draft that does not validate fails the test.
PricedOrder Priced(const OrderDraft& draft, const Customer& customer,
                   const std::vector<Item>& items, const PricingRules& rules) {
  Validation validation = ValidateDraft(draft, customer, items, rules);
  EXPECT_THAT(validation.problems, IsEmpty());
  if (!validation.problems.empty()) return PricedOrder{};
  return PriceOrder(validation.validated, rules);
}

std::vector<Money> RoundedTaxes(const TaxTraces& traces) {
  std::vector<Money> taxes;
  taxes.reserve(traces.size());
  for (const TaxTrace& trace : traces) taxes.push_back(trace.rounded.value_or(Money(-1, kEur)));
  return taxes;
}

std::vector<Money> Bases(const TaxTraces& traces) {
  std::vector<Money> bases;
  bases.reserve(traces.size());
  for (const TaxTrace& trace : traces) bases.push_back(trace.base);
  return bases;
}

TaxSummaryRow Row(Code component, TaxRate rate, Money base, Exact unrounded, Money tax) {
  return TaxSummaryRow{
      .component = component, .rate = rate, .base = base, .unrounded = unrounded, .tax = tax};
}

// Issue 12: pricing copies no string of the catalog or the rules onto a line. Its codes and
// names are the item's own texts, and its traces name the rules' own component.
TEST(PricingTest, ALineSharesTheTextsOfItsItemAndOfTheRules) {
  const PricingRules rules = testing::ItalianRules();
  Item item = Good("A", 1999, "standard", 500);
  item.category = "paper";
  item.location = "A-03-2";
  const std::vector<Item> items = {item};

  const PricedOrder priced = Priced(DraftOf({{"A", 1}}), CustomerIn("IT"), items, rules);

  ASSERT_EQ(priced.lines.size(), 1U);
  const PricedLine& line = priced.lines[0];
  EXPECT_EQ(&line.item.name.it.str(), &items[0].name.it.str());
  EXPECT_EQ(&line.item.name.en.str(), &items[0].name.en.str());
  EXPECT_EQ(&line.item.unit.str(), &items[0].unit.str());
  EXPECT_EQ(&line.item.tax_category.str(), &items[0].tax_category.str());
  EXPECT_EQ(&line.item.category.str(), &items[0].category.str());
  EXPECT_EQ(&line.item.location.str(), &items[0].location.str());
  const TaxJurisdiction& italy = rules.tax.jurisdictions[0];
  EXPECT_EQ(&line.jurisdiction.str(), &italy.code.str());
  ASSERT_EQ(line.taxes.size(), 1U);
  EXPECT_EQ(&line.taxes[0].component.str(), &italy.components[0].name.str());
  EXPECT_EQ(&priced.tax_summary[0].component.str(), &italy.components[0].name.str());
}

TEST(PricingTest, ExclusivePerDocumentPricesLinesShippingSummaryAndTotals) {
  const PricingRules rules = testing::ItalianRules();
  const std::vector<Item> items = {Good("A", 1999, "standard", 500),
                                   Good("B", 1250, "reduced", 1000)};

  // 3 x 19.99 = 59.97 at 22%, 2 x 12.50 = 25.00 at 10%; 3.5 kg ships for 9.90, split 6.99 /
  // 2.91 in proportion to the lines (990 x 5997 / 8497 = 698.72, 990 x 2500 / 8497 = 291.28;
  // the spare cent goes to the larger remainder).
  const PricedOrder priced = Priced(DraftOf({{"A", 3}, {"B", 2}}), CustomerIn("IT"), items, rules);

  ASSERT_EQ(priced.lines.size(), 2U);
  const PricedLine& a = priced.lines[0];
  EXPECT_EQ(a.item.sku, "A");
  EXPECT_EQ(a.quantity, 3);
  EXPECT_EQ(a.unit_price, Eur(1999));
  EXPECT_EQ(a.amount, Eur(5997));
  EXPECT_EQ(a.jurisdiction, "IT");
  EXPECT_EQ(a.net, Eur(5997));
  EXPECT_EQ(a.tax, std::nullopt);
  EXPECT_EQ(a.taxes, (TaxTraces{{.component = "IVA",
                                 .category = "standard",
                                 .rate = kVat22,
                                 .base = Eur(5997),
                                 .unrounded = Exact{65967, 50},
                                 .rounded = std::nullopt}}));
  EXPECT_EQ(priced.lines[1].taxes[0].unrounded, (Exact{250, 1}));

  EXPECT_EQ(priced.shipping.method, "standard");
  EXPECT_EQ(priced.shipping.name.en, "Standard shipping");
  EXPECT_EQ(priced.shipping.weight_grams, 3500);
  EXPECT_EQ(priced.shipping.list_charge, Eur(990));
  EXPECT_EQ(priced.shipping.amount, Eur(990));
  EXPECT_FALSE(priced.shipping.free);
  EXPECT_EQ(priced.shipping.jurisdiction, "IT");
  EXPECT_THAT(Bases(priced.shipping.taxes), ElementsAre(Eur(699), Eur(291)));

  EXPECT_THAT(priced.tax_summary,
              ElementsAre(Row("IVA", kVat22, Eur(6696), Exact{36828, 25}, Eur(1473)),
                          Row("IVA", kVat10, Eur(2791), Exact{2791, 10}, Eur(279))));
  EXPECT_EQ(priced.totals, (Totals{.items = Eur(8497),
                                   .shipping = Eur(990),
                                   .net = Eur(9487),
                                   .tax = Eur(1752),
                                   .grand_total = Eur(11239),
                                   .amount_due = Eur(11239),
                                   .tendered = std::nullopt,
                                   .change = std::nullopt}));
  EXPECT_EQ(priced.currency, kEur);
  EXPECT_EQ(priced.price_mode, PriceMode::kTaxExclusive);
  EXPECT_FALSE(priced.tax_exempt);
}

// A rounding policy and the tax it must give three lines of 16.5 cents each.
struct RoundingCase {
  RoundingLevel level;
  Rounding rounding;
  std::int64_t expected_tax;
};

class PricingRoundingTest : public ::testing::TestWithParam<RoundingCase> {};

// Three lines of 0.75 at 22%: 16.5 cents of tax each, 49.5 in all.
TEST_P(PricingRoundingTest, RoundsAtTheLevelAndByTheRuleThePolicyNames) {
  PricingRules rules = testing::ItalianRules();
  rules.rounding = {.rounding = GetParam().rounding, .level = GetParam().level};

  const PricedOrder priced = Priced(DraftOf({{"P", 1}, {"P", 1}, {"P", 1}}, kPickupMethod),
                                    CustomerIn("IT"), {Good("P", 75)}, rules);

  ASSERT_EQ(priced.tax_summary.size(), 1U);
  EXPECT_EQ(priced.tax_summary[0].unrounded, (Exact{99, 2}));
  EXPECT_EQ(priced.tax_summary[0].tax, Eur(GetParam().expected_tax));
  EXPECT_EQ(priced.totals.tax, Eur(GetParam().expected_tax));
  EXPECT_EQ(priced.totals.grand_total, Eur(225 + GetParam().expected_tax));
}

INSTANTIATE_TEST_SUITE_P(
    Policies, PricingRoundingTest,
    ::testing::Values(RoundingCase{RoundingLevel::kPerLine, Rounding::kHalfUp, 51},
                      RoundingCase{RoundingLevel::kPerLine, Rounding::kHalfEven, 48},
                      RoundingCase{RoundingLevel::kPerDocument, Rounding::kHalfUp, 50},
                      RoundingCase{RoundingLevel::kPerDocument, Rounding::kHalfEven, 50}));

TEST(PricingTest, PerLineRoundingSetsEachTraceAndTheLineTax) {
  PricingRules rules = testing::ItalianRules();
  rules.rounding.level = RoundingLevel::kPerLine;

  const PricedOrder priced =
      Priced(DraftOf({{"P", 1}}, kPickupMethod), CustomerIn("IT"), {Good("P", 75)}, rules);

  ASSERT_EQ(priced.lines.size(), 1U);
  EXPECT_THAT(RoundedTaxes(priced.lines[0].taxes), ElementsAre(Eur(17)));
  EXPECT_EQ(priced.lines[0].tax, Eur(17));
  EXPECT_EQ(priced.lines[0].net, Eur(75));
}

TEST(PricingTest, AnExplicitZeroRateMakesASummaryRowForTheExemptBase) {
  const PricedOrder priced =
      Priced(DraftOf({{"E", 1}, {"S", 1}}, kPickupMethod), CustomerIn("IT"),
             {Good("E", 1000, "exempt"), Good("S", 1000)}, testing::ItalianRules());

  EXPECT_THAT(priced.tax_summary,
              ElementsAre(Row("IVA", kVat22, Eur(1000), Exact{220, 1}, Eur(220)),
                          Row("IVA", TaxRate{0}, Eur(1000), Exact{0, 1}, Eur(0))));
  EXPECT_EQ(priced.totals.tax, Eur(220));
}

TEST(PricingTest, ATaxExemptCustomerPaysNoTaxAndTheReferenceIsKept) {
  Customer customer = CustomerIn("IT");
  customer.tax_exempt = true;
  customer.exemption_reference = "Dichiarazione d'intento 2026/17";

  const PricedOrder priced =
      Priced(DraftOf({{"A", 1}}), customer, {Good("A", 1000)}, testing::ItalianRules());

  EXPECT_TRUE(priced.tax_exempt);
  EXPECT_EQ(priced.exemption_reference, "Dichiarazione d'intento 2026/17");
  ASSERT_EQ(priced.lines.size(), 1U);
  EXPECT_THAT(priced.lines[0].taxes, IsEmpty());
  EXPECT_EQ(priced.lines[0].net, Eur(1000));
  EXPECT_THAT(priced.shipping.taxes, IsEmpty());
  EXPECT_EQ(priced.shipping.amount, Eur(690));
  EXPECT_THAT(priced.tax_summary, IsEmpty());
  EXPECT_EQ(priced.totals.tax, Eur(0));
  EXPECT_EQ(priced.totals.grand_total, Eur(1690));
}

TEST(PricingTest, GoodsPickedUpAreTaxedAtTheOriginWhereverTheCustomerLives) {
  const std::vector<Item> items = {Good("A", 1000)};
  const PricingRules rules = testing::ItalianRules();
  const Customer french = CustomerIn("FR", "", "75001");
  OrderDraft at_counter = DraftOf({{"A", 1}}, "");
  at_counter.channel = Channel::kCounter;

  const PricedOrder picked_up = Priced(DraftOf({{"A", 1}}, kPickupMethod), french, items, rules);
  const PricedOrder counter = Priced(at_counter, french, items, rules);
  const PricedOrder shipped = Priced(DraftOf({{"A", 1}}, "standard"), french, items, rules);

  EXPECT_EQ(picked_up.lines[0].jurisdiction, "IT");
  EXPECT_EQ(picked_up.totals.tax, Eur(220));
  EXPECT_EQ(picked_up.shipping.method, kPickupMethod);
  EXPECT_EQ(picked_up.shipping.amount, Eur(0));
  EXPECT_EQ(counter.lines[0].jurisdiction, "IT");
  EXPECT_EQ(counter.shipping.method, "");
  EXPECT_EQ(counter.totals.grand_total, Eur(1220));
  EXPECT_EQ(shipped.lines[0].jurisdiction, "EXPORT");
  EXPECT_EQ(shipped.totals.tax, Eur(0));
  EXPECT_EQ(shipped.shipping.amount, Eur(1990));
  EXPECT_EQ(shipped.shipping.jurisdiction, "EXPORT");
}

TEST(PricingTest, ServicesAreTaxedAtTheBillingAddressAndGoodsWhereTheyAreShipped) {
  Customer customer = CustomerIn("IT");
  customer.addresses[0].default_shipping = false;
  customer.addresses.push_back(CustomerAddress{.label = "Paris",
                                               .address = AddressIn("FR", "", "75001"),
                                               .default_billing = false,
                                               .default_shipping = true});

  const PricedOrder priced =
      Priced(DraftOf({{"INSTALL", 1}, {"A", 1}}), customer,
             {Service("INSTALL", 5000), Good("A", 1000)}, testing::ItalianRules());

  ASSERT_EQ(priced.lines.size(), 2U);
  EXPECT_EQ(priced.lines[0].jurisdiction, "IT");
  EXPECT_EQ(priced.lines[1].jurisdiction, "EXPORT");
  EXPECT_THAT(priced.tax_summary,
              ElementsAre(Row("IVA", kVat22, Eur(5000), Exact{1100, 1}, Eur(1100))));
  EXPECT_EQ(priced.shipping.amount, Eur(1990));
  EXPECT_THAT(priced.shipping.taxes, IsEmpty());
  EXPECT_EQ(priced.totals.grand_total, Eur(5000 + 1000 + 1990 + 1100));
}

TEST(PricingTest, AServicesOnlyOrderShipsNothing) {
  const PricedOrder priced = Priced(DraftOf({{"INSTALL", 2}}, ""), CustomerIn("IT"),
                                    {Service("INSTALL", 5000)}, testing::ItalianRules());

  EXPECT_EQ(priced.shipping.method, "");
  EXPECT_EQ(priced.shipping.amount, Eur(0));
  EXPECT_EQ(priced.lines[0].jurisdiction, "IT");
  EXPECT_EQ(priced.totals.grand_total, Eur(12200));
}

TEST(PricingTest, NewYorkCityAddsThreeComponentsRoundedPerLine) {
  const Customer customer = CustomerIn("US", "NY", "10001");

  // Line 19.99: State 0.7996 -> 0.80, Local 0.89955 -> 0.90, MCTD 0.0749625 -> 0.07.
  // Shipping 8.99: State 0.3596 -> 0.36, Local 0.40455 -> 0.40, MCTD 0.0337125 -> 0.03.
  const PricedOrder priced = Priced(DraftOf({{"W", 1}}), customer,
                                    {Good("W", 1999, "standard", 500, kUsd)}, testing::UsRules());

  ASSERT_EQ(priced.lines.size(), 1U);
  EXPECT_EQ(priced.lines[0].jurisdiction, "US-NY-100");
  EXPECT_THAT(RoundedTaxes(priced.lines[0].taxes), ElementsAre(Usd(80), Usd(90), Usd(7)));
  EXPECT_EQ(priced.lines[0].tax, Usd(177));
  EXPECT_EQ(priced.shipping.jurisdiction, "US-NY-100");
  EXPECT_THAT(RoundedTaxes(priced.shipping.taxes), ElementsAre(Usd(36), Usd(40), Usd(3)));
  ASSERT_EQ(priced.tax_summary.size(), 3U);
  EXPECT_EQ(priced.tax_summary[0].component, "Local");
  EXPECT_EQ(priced.tax_summary[0].base, Usd(2898));
  EXPECT_EQ(priced.tax_summary[0].tax, Usd(130));
  EXPECT_EQ(priced.tax_summary[1].component, "MCTD");
  EXPECT_EQ(priced.tax_summary[1].tax, Usd(10));
  EXPECT_EQ(priced.tax_summary[2].component, "State");
  EXPECT_EQ(priced.tax_summary[2].tax, Usd(116));
  EXPECT_EQ(priced.totals.tax, Usd(256));
  EXPECT_EQ(priced.totals.grand_total, Usd(3154));
}

TEST(PricingTest, ACategoryAComponentDoesNotListIsNotTaxedByIt) {
  const Customer albany = CustomerIn("US", "NY", "12207");

  const PricedOrder priced =
      Priced(DraftOf({{"BREAD", 2}, {"W", 1}}), albany,
             {Good("BREAD", 350, "food", 500, kUsd), Good("W", 1999, "standard", 500, kUsd)},
             testing::UsRules());

  ASSERT_EQ(priced.lines.size(), 2U);
  EXPECT_EQ(priced.lines[0].jurisdiction, "US-NY");
  EXPECT_THAT(RoundedTaxes(priced.lines[0].taxes), ElementsAre(Usd(0)));
  EXPECT_THAT(RoundedTaxes(priced.lines[1].taxes), ElementsAre(Usd(80)));
  EXPECT_THAT(priced.tax_summary,
              ElementsAre(Row("State", TaxRate{40'000}, Usd(2898), Exact{2898, 25}, Usd(116)),
                          Row("State", TaxRate{0}, Usd(700), Exact{0, 1}, Usd(0))));
  EXPECT_EQ(priced.totals.grand_total, Usd(700 + 1999 + 899 + 116));
}

TEST(PricingTest, AJurisdictionWithoutComponentsTaxesNothing) {
  const PricedOrder priced = Priced(DraftOf({{"W", 1}}), CustomerIn("US", "OR", "97201"),
                                    {Good("W", 1999, "standard", 500, kUsd)}, testing::UsRules());

  EXPECT_EQ(priced.lines[0].jurisdiction, "US-OR");
  EXPECT_THAT(priced.lines[0].taxes, IsEmpty());
  EXPECT_EQ(priced.lines[0].tax, Usd(0));
  EXPECT_EQ(priced.shipping.amount, Usd(899));
  EXPECT_THAT(priced.shipping.taxes, IsEmpty());
  EXPECT_THAT(priced.tax_summary, IsEmpty());
  EXPECT_EQ(priced.totals.grand_total, Usd(2898));
}

TEST(PricingTest, InclusivePerLineTakesTheVatFractionAndApportionsShipping) {
  // Gross 12.00 at 20% and 2 x 5.25 at 5%; 1.5 kg ships for 3.99, split 2.13 / 1.86
  // (399 x 1200 / 2250 = 212.8, 399 x 1050 / 2250 = 186.2; the spare penny goes to .8).
  const PricedOrder priced =
      Priced(DraftOf({{"T", 1}, {"C", 2}}), CustomerIn("GB", "", "SW1A 1AA"),
             {Good("T", 1200, "standard", 500, kGbp), Good("C", 525, "reduced", 500, kGbp)},
             testing::UkRules());

  ASSERT_EQ(priced.lines.size(), 2U);
  EXPECT_EQ(priced.lines[0].taxes[0].unrounded, (Exact{200, 1}));  // 12.00 x 1/6.
  EXPECT_EQ(priced.lines[0].tax, Gbp(200));
  EXPECT_EQ(priced.lines[0].net, Gbp(1000));
  EXPECT_EQ(priced.lines[1].taxes[0].unrounded, (Exact{50, 1}));  // 10.50 x 1/21.
  EXPECT_EQ(priced.lines[1].net, Gbp(1000));
  EXPECT_THAT(Bases(priced.shipping.taxes), ElementsAre(Gbp(213), Gbp(186)));
  // 2.13 / 6 = 0.355 -> 0.36; 1.86 / 21 = 0.0886 -> 0.09.
  EXPECT_THAT(RoundedTaxes(priced.shipping.taxes), ElementsAre(Gbp(36), Gbp(9)));
  EXPECT_THAT(priced.tax_summary,
              ElementsAre(Row("VAT", TaxRate{200'000}, Gbp(1413), Exact{471, 2}, Gbp(236)),
                          Row("VAT", TaxRate{50'000}, Gbp(1236), Exact{412, 7}, Gbp(59))));
  EXPECT_EQ(priced.totals, (Totals{.items = Gbp(2250),
                                   .shipping = Gbp(399),
                                   .net = Gbp(2354),
                                   .tax = Gbp(295),
                                   .grand_total = Gbp(2649),
                                   .amount_due = Gbp(2649),
                                   .tendered = std::nullopt,
                                   .change = std::nullopt}));
}

TEST(PricingTest, InclusivePerDocumentLeavesLinesUnroundedAndRoundsEachRowOnce) {
  PricingRules rules = testing::UkRules();
  rules.rounding.level = RoundingLevel::kPerDocument;

  const PricedOrder priced =
      Priced(DraftOf({{"T", 1}, {"C", 2}}), CustomerIn("GB", "", "SW1A 1AA"),
             {Good("T", 1200, "standard", 500, kGbp), Good("C", 525, "reduced", 500, kGbp)}, rules);

  ASSERT_EQ(priced.lines.size(), 2U);
  EXPECT_EQ(priced.lines[0].net, std::nullopt);
  EXPECT_EQ(priced.lines[0].tax, std::nullopt);
  EXPECT_EQ(priced.lines[0].taxes[0].rounded, std::nullopt);
  EXPECT_EQ(priced.shipping.taxes[0].rounded, std::nullopt);
  // 235.5 -> 236 and 58.857 -> 59.
  EXPECT_THAT(priced.tax_summary,
              ElementsAre(Row("VAT", TaxRate{200'000}, Gbp(1413), Exact{471, 2}, Gbp(236)),
                          Row("VAT", TaxRate{50'000}, Gbp(1236), Exact{412, 7}, Gbp(59))));
  EXPECT_EQ(priced.totals.net, Gbp(2354));
  EXPECT_EQ(priced.totals.grand_total, Gbp(2649));
}

TEST(PricingTest, ShippingIsFreeFromTheThresholdButKeepsItsListCharge) {
  const PricingRules rules = testing::ItalianRules();

  const PricedOrder below =
      Priced(DraftOf({{"X", 1}}), CustomerIn("IT"), {Good("X", 14'999)}, rules);
  const PricedOrder at = Priced(DraftOf({{"X", 1}}), CustomerIn("IT"), {Good("X", 15'000)}, rules);

  EXPECT_EQ(below.shipping.amount, Eur(690));
  EXPECT_FALSE(below.shipping.free);
  EXPECT_EQ(at.shipping.amount, Eur(0));
  EXPECT_EQ(at.shipping.list_charge, Eur(690));
  EXPECT_TRUE(at.shipping.free);
  EXPECT_THAT(at.shipping.taxes, IsEmpty());
  EXPECT_EQ(at.totals.shipping, Eur(0));
  EXPECT_EQ(at.totals.grand_total, Eur(18'300));
}

TEST(PricingTest, ExemptShippingIsNotTaxed) {
  PricingRules rules = testing::ItalianRules();
  rules.tax.jurisdictions[0].shipping_tax = ShippingTax::kExempt;

  const PricedOrder priced =
      Priced(DraftOf({{"A", 1}}), CustomerIn("IT"), {Good("A", 1000)}, rules);

  EXPECT_EQ(priced.shipping.amount, Eur(690));
  EXPECT_THAT(priced.shipping.taxes, IsEmpty());
  EXPECT_EQ(priced.totals.tax, Eur(220));
  EXPECT_EQ(priced.totals.grand_total, Eur(1910));
}

TEST(PricingTest, ShippingAtACategoryIsTaxedLikeAnItemOfIt) {
  PricingRules rules = testing::ItalianRules();
  rules.tax.jurisdictions[0].shipping_tax = ShippingTax::kAtCategory;
  rules.tax.jurisdictions[0].shipping_tax_category = "reduced";

  const PricedOrder priced =
      Priced(DraftOf({{"A", 1}}), CustomerIn("IT"), {Good("A", 1000)}, rules);

  EXPECT_EQ(priced.shipping.taxes, (TaxTraces{{.component = "IVA",
                                               .category = "reduced",
                                               .rate = kVat10,
                                               .base = Eur(690),
                                               .unrounded = Exact{69, 1},
                                               .rounded = std::nullopt}}));
  EXPECT_THAT(priced.tax_summary,
              ElementsAre(Row("IVA", kVat22, Eur(1000), Exact{220, 1}, Eur(220)),
                          Row("IVA", kVat10, Eur(690), Exact{69, 1}, Eur(69))));
}

TEST(PricingTest, ApportionedShippingIsSplitOverGoodsOnly) {
  const PricedOrder priced =
      Priced(DraftOf({{"INSTALL", 1}, {"A", 1}, {"B", 1}}), CustomerIn("IT"),
             {Service("INSTALL", 5000), Good("A", 1000), Good("B", 1000, "reduced")},
             testing::ItalianRules());

  ASSERT_EQ(priced.shipping.taxes.size(), 2U);
  EXPECT_EQ(priced.shipping.taxes[0].category, "standard");
  EXPECT_EQ(priced.shipping.taxes[0].base, Eur(345));
  EXPECT_EQ(priced.shipping.taxes[1].category, "reduced");
  EXPECT_EQ(priced.shipping.taxes[1].base, Eur(345));
}

TEST(PricingTest, CashGetsItsChange) {
  OrderDraft draft = DraftOf({{"A", 1}}, kPickupMethod);
  draft.payment = PaymentDraft{.type = PaymentType::kCash, .tendered = Eur(2000), .reference = ""};

  const PricedOrder priced =
      Priced(draft, CustomerIn("IT"), {Good("A", 1000)}, testing::ItalianRules());

  EXPECT_EQ(priced.totals.amount_due, Eur(1220));
  EXPECT_EQ(priced.totals.tendered, Eur(2000));
  EXPECT_EQ(priced.totals.change, Eur(780));
}

TEST(PricingTest, TheSameDraftAlwaysPricesTheSame) {
  const PricingRules rules = testing::ItalianRules();
  const Validation validation =
      ValidateDraft(DraftOf({{"A", 3}, {"B", 2}, {"INSTALL", 1}}), CustomerIn("IT"),
                    {Good("A", 1999), Good("B", 1250, "reduced"), Service("INSTALL", 4500)}, rules);
  ASSERT_THAT(validation.problems, IsEmpty());

  EXPECT_EQ(PriceOrder(validation.validated, rules), PriceOrder(validation.validated, rules));
}

TEST(PricingTest, InputValidationWouldRefuseIsAnInvariantError) {
  const PricingRules rules = testing::ItalianRules();
  ValidatedDraft order{.draft = DraftOf({{"A", 1}}),
                       .customer = CustomerIn("IT"),
                       .billing_address = AddressIn("IT"),
                       .shipping_address = AddressIn("IT"),
                       .items = {}};
  EXPECT_THROW((void)PriceOrder(order, rules), InvariantError);  // No item for the line.

  order.items = {Good("A", 1000)};
  order.draft.shipping_method = "teleport";
  EXPECT_THROW((void)PriceOrder(order, rules), InvariantError);

  order.draft.shipping_method = "standard";
  order.items = {Good("A", 1000, "standard", 500, kUsd)};
  EXPECT_THROW((void)PriceOrder(order, rules), InvariantError);  // A dollar price in euros.
}

// Published examples: each states its source and the arithmetic done by hand.

// Italy. DPR 633/1972 art. 21 c. 2 lett. l) makes the invoice show, per VAT rate, the taxable
// amount and the tax "con arrotondamento al centesimo di euro"; Circolare 106/E of
// 21.12.2001 (Agenzia delle Entrate) rounds half up at the third decimal (28,405 -> 28,41).
// Tax per rate on the per-rate taxable total is our per-document policy:
//   5 x 25,85 = 129,25 and 3 x 0,25 = 0,75 at 22%: taxable 130,00, IVA 28,60 exactly
//     (line by line it would be 28,435 -> 28,44 plus 0,165 -> 0,17 = 28,61);
//   3 x 99,75 = 299,25 at 10%: IVA 29,925 -> 29,93;
//   taxable 429,25 + IVA 58,53 = total 487,78.
TEST(PricingWorkedExampleTest, ItalianInvoiceRoundsEachRateOnce) {
  OrderDraft draft = DraftOf({{"LAMPADA", 5}, {"OLIO", 3}, {"GRAFFETTE", 3}}, kPickupMethod);

  const PricedOrder priced =
      Priced(draft, CustomerIn("IT"),
             {Good("LAMPADA", 2585), Good("OLIO", 9975, "reduced"), Good("GRAFFETTE", 25)},
             testing::ItalianRules());

  EXPECT_THAT(priced.tax_summary,
              ElementsAre(Row("IVA", kVat22, Eur(13000), Exact{2860, 1}, Eur(2860)),
                          Row("IVA", kVat10, Eur(29925), Exact{5985, 2}, Eur(2993))));
  EXPECT_EQ(priced.totals.net, Eur(42925));
  EXPECT_EQ(priced.totals.tax, Eur(5853));
  EXPECT_EQ(priced.totals.grand_total, Eur(48778));
}

// United Kingdom. HMRC, "Calculating VAT for VAT-inclusive and VAT-exclusive prices": the
// VAT in a VAT-inclusive price is price x 1/6 at 20% (120.00 / 6 = 20.00) and x 1/21 at 5%;
// VAT Notice 700 paragraph 17.5 allows VAT per line rounded to the nearer penny.
//   120.00 at 20%: VAT 20.00, net 100.00;
//   80.00 at 5%: VAT 80 / 21 = 3.8095 -> 3.81, net 76.19;
//   paid 200.00 = net 176.19 + VAT 23.81.
TEST(PricingWorkedExampleTest, UkVatFractionRoundedToTheNearerPenny) {
  OrderDraft draft = DraftOf({{"KETTLE", 1}, {"CAR-SEAT", 1}}, "");
  draft.channel = Channel::kCounter;

  const PricedOrder priced = Priced(draft, CustomerIn("GB", "", "SW1A 1AA"),
                                    {Good("KETTLE", 12000, "standard", 1500, kGbp),
                                     Good("CAR-SEAT", 8000, "reduced", 6000, kGbp)},
                                    testing::UkRules());

  ASSERT_EQ(priced.lines.size(), 2U);
  EXPECT_EQ(priced.lines[0].tax, Gbp(2000));
  EXPECT_EQ(priced.lines[0].net, Gbp(10000));
  EXPECT_EQ(priced.lines[1].taxes[0].unrounded, (Exact{8000, 21}));
  EXPECT_EQ(priced.lines[1].tax, Gbp(381));
  EXPECT_EQ(priced.lines[1].net, Gbp(7619));
  EXPECT_EQ(priced.totals.grand_total, Gbp(20000));
  EXPECT_EQ(priced.totals.tax, Gbp(2381));
  EXPECT_EQ(priced.totals.net, Gbp(17619));
}

// New York. Tax Bulletin ST-838 "Shipping and Delivery Charges" (TB-ST-838, 2012): a dryer
// at $499.95, a service contract at $30.00 and a $20.00 delivery charge: "Sales tax must be
// computed on the total charge of $549.95." New York City's rate is 8.875%: 4% state, 4.5%
// city, 0.375% MCTD (Publication 718). 549.95 x 8.875% = 48.8080625 -> $48.81. Per line:
//   State 4%:     20.00 (19.998) + 1.20 + 0.80 = 22.00;
//   Local 4.5%:   22.50 (22.49775) + 1.35 + 0.90 = 24.75;
//   MCTD 0.375%:   1.87 (1.8748125) + 0.11 (0.1125) + 0.08 (0.075) = 2.06;
//   tax 48.81, total 598.76.
TEST(PricingWorkedExampleTest, NewYorkTaxesDeliveryOfTaxableGoods) {
  PricingRules rules = testing::UsRules();
  rules.shipping.methods = {
      ShippingMethod{.code = "delivery",
                     .name = {.it = "Consegna", .en = "Delivery"},
                     .zones = {ShippingZone{
                         .code = "US", .countries = {"US"}, .brackets = {{100'000, Usd(2000)}}}}}};

  const PricedOrder priced = Priced(DraftOf({{"DRYER", 1}, {"SERVICE-CONTRACT", 1}}, "delivery"),
                                    CustomerIn("US", "NY", "10001"),
                                    {Good("DRYER", 49995, "standard", 50'000, kUsd),
                                     Service("SERVICE-CONTRACT", 3000, "standard", kUsd)},
                                    rules);

  EXPECT_EQ(priced.shipping.amount, Usd(2000));
  EXPECT_THAT(priced.tax_summary,
              ElementsAre(Row("Local", TaxRate{45'000}, Usd(54995), Exact{98991, 40}, Usd(2475)),
                          Row("MCTD", TaxRate{3'750}, Usd(54995), Exact{32997, 160}, Usd(206)),
                          Row("State", TaxRate{40'000}, Usd(54995), Exact{10999, 5}, Usd(2200))));
  EXPECT_EQ(priced.totals.net, Usd(54995));
  EXPECT_EQ(priced.totals.tax, Usd(4881));
  EXPECT_EQ(priced.totals.grand_total, Usd(59876));
}

}  // namespace
}  // namespace commesso
