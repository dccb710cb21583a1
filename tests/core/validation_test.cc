#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/card_number.h"
#include "core/input_limits.h"
#include "core/pricing.h"
#include "printers.h"
#include "support/pricing_fixtures.h"

namespace commesso {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr std::chrono::year_month_day kDecember3 = std::chrono::year{2026} / 12 / 3;

using testing::AddressIn;
using testing::CustomerIn;
using testing::DraftOf;
using ::testing::ElementsAre;
using testing::Good;
using ::testing::IsEmpty;
using testing::Service;

std::vector<Item> Catalog() {
  Item old = Good("OLD", 1000);
  old.active = false;
  return {Good("A", 1000),
          Good("HEAVY", 1000, "standard", 31'000),
          Service("INSTALL", 5000),
          old,
          Good("DOLLAR", 1000, "standard", 500, kUsd),
          Good("LUX", 1000, "luxury"),
          Good("HUGE", 1'000'000'000'000),
          Service("CEILING", kPriceCeilingMinor)};
}

Validation Validate(const OrderDraft& draft, const Customer& customer,
                    const PricingRules& rules = testing::ItalianRules()) {
  return ValidateDraft(draft, customer, Catalog(), rules);
}

TEST(ValidateDraftTest, AcceptsAGoodDraftAndResolvesItsAddressesAndItems) {
  const Customer customer = CustomerIn("IT");

  const Validation validation = Validate(DraftOf({{"A", 2}, {"INSTALL", 1}}), customer);

  EXPECT_THAT(validation.problems, IsEmpty());
  const ValidatedDraft& validated = validation.validated;
  EXPECT_EQ(validated.customer, customer);
  EXPECT_EQ(validated.billing_address, customer.addresses[0].address);
  EXPECT_EQ(validated.shipping_address, customer.addresses[0].address);
  ASSERT_EQ(validated.items.size(), 2U);
  EXPECT_EQ(validated.items[0].sku, "A");
  EXPECT_EQ(validated.items[1].sku, "INSTALL");
  EXPECT_EQ(validated.draft.lines.size(), 2U);
}

TEST(ValidateDraftTest, ExplicitAddressesWinOverSavedOnes) {
  OrderDraft draft = DraftOf({{"A", 1}});
  draft.billing_address = AddressIn("IT", "RM", "00100");
  draft.shipping_address = AddressIn("IT", "TO", "10100");

  const Validation validation = Validate(draft, CustomerIn("IT"));

  EXPECT_THAT(validation.problems, IsEmpty());
  EXPECT_EQ(validation.validated.billing_address, *draft.billing_address);
  EXPECT_EQ(validation.validated.shipping_address, draft.shipping_address);
}

TEST(ValidateDraftTest, DuplicateSkusAreSeparateLines) {
  const Validation validation = Validate(DraftOf({{"A", 1}, {"A", 2}}), CustomerIn("IT"));

  EXPECT_THAT(validation.problems, IsEmpty());
  ASSERT_EQ(validation.validated.items.size(), 2U);
  EXPECT_EQ(validation.validated.items[1].sku, "A");
}

TEST(ValidateDraftTest, AtTheCounterNoMethodMeansPickUpAndNoShippingAddress) {
  OrderDraft draft = DraftOf({{"A", 1}}, "");
  draft.channel = Channel::kCounter;
  Customer customer = CustomerIn("IT");
  customer.addresses.clear();
  draft.billing_address = AddressIn("IT");

  const Validation validation = Validate(draft, customer);

  EXPECT_THAT(validation.problems, IsEmpty());
  EXPECT_FALSE(validation.validated.shipping_address.has_value());
}

TEST(ValidateDraftTest, AShippingAddressOnAServicesOnlyOrderIsKeptButNotRequired) {
  OrderDraft draft = DraftOf({{"INSTALL", 1}}, "");
  const Validation without = Validate(draft, CustomerIn("IT"));
  draft.shipping_address = AddressIn("IT", "TO", "10100");
  const Validation with = Validate(draft, CustomerIn("IT"));

  EXPECT_THAT(without.problems, IsEmpty());
  EXPECT_FALSE(without.validated.shipping_address.has_value());
  EXPECT_THAT(with.problems, IsEmpty());
  EXPECT_EQ(with.validated.shipping_address, draft.shipping_address);
}

TEST(ValidateDraftTest, ReportsEveryProblemAtOnce) {
  OrderDraft draft = DraftOf({{"NOPE", 1}, {"A", 0}});
  draft.currency = "USD";
  draft.notes = std::string(2001, 'x');

  const Validation validation = Validate(draft, CustomerIn("IT"));

  EXPECT_THAT(validation.problems,
              ElementsAre(FieldError{"lines[0].sku", "unknown SKU"},
                          FieldError{"lines[1].quantity", "must be 1..9999"},
                          FieldError{"currency", "must be EUR (the business currency)"},
                          FieldError{"notes", "at most 2000 characters"}));
}

TEST(ValidateDraftTest, AnUnknownCustomerIsLeftToTheCaller) {
  const Validation validation = Validate(DraftOf({{"NOPE", 1}}), Customer{});

  EXPECT_THAT(validation.problems, ElementsAre(FieldError{"lines[0].sku", "unknown SKU"}));
}

TEST(ValidateDraftTest, AcceptsValuesExactlyAtTheLimits) {
  OrderDraft draft = DraftOf(std::vector<DraftLine>(kMaxLines, DraftLine{"A", 1}), kPickupMethod);
  draft.notes.clear();
  for (int i = 0; i < 2000; ++i) draft.notes += "è";  // Characters, not bytes, count.
  draft.clerk = std::string(100, 'c');
  draft.lines[0].quantity = kMaxQuantity;
  draft.currency = "EUR";

  EXPECT_THAT(Validate(draft, CustomerIn("IT")).problems, IsEmpty());
}

TEST(ValidateDraftTest, CashCoveringTheAmountDueExactlyIsEnough) {
  OrderDraft draft = DraftOf({{"A", 1}}, kPickupMethod);
  draft.payment =
      PaymentDraft{.type = PaymentType::kCash, .tendered = Money(1220, kEur), .reference = ""};

  EXPECT_THAT(Validate(draft, CustomerIn("IT")).problems, IsEmpty());
}

TEST(ValidateDraftTest, ThePriceCeilingTimesTheMaximumQuantityPricesWithoutThrowing) {
  const PricingRules rules = testing::ItalianRules();
  const Validation validation =
      Validate(DraftOf({{"CEILING", kMaxQuantity}}, kPickupMethod), CustomerIn("IT"), rules);
  ASSERT_THAT(validation.problems, IsEmpty());

  PricedOrder priced;
  EXPECT_NO_THROW(priced = PriceOrder(validation.validated, rules));

  EXPECT_EQ(priced.totals.items, Money(kPriceCeilingMinor * kMaxQuantity, kEur));
  EXPECT_EQ(priced.totals.tax, Money(kPriceCeilingMinor * kMaxQuantity / 100 * 22, kEur));
}

TEST(ValidateDraftTest, FuzzLikeQuantitiesStopAtValidation) {
  for (const std::int64_t quantity :
       {std::int64_t{1'000'000'000'000}, std::numeric_limits<std::int64_t>::max(),
        std::numeric_limits<std::int64_t>::min(), std::int64_t{-1}, std::int64_t{0}}) {
    EXPECT_THAT(Validate(DraftOf({{"HUGE", quantity}}), CustomerIn("IT")).problems,
                ElementsAre(FieldError{"lines[0].quantity", "must be 1..9999"}))
        << quantity;
  }
}

TEST(ValidateDraftTest, AcceptsAServiceAppointmentOverTheWholeDayAndPricingKeepsIt) {
  DraftLine install{.sku = "INSTALL", .quantity = 1};
  install.appointment =
      Appointment{.date = kDecember3, .from = minutes{0}, .until = hours{24}};  // Any time.
  OrderDraft draft = DraftOf({{"A", 1}, install});
  draft.lines.push_back(DraftLine{.sku = "INSTALL", .quantity = 1});  // No appointment.

  const Validation validation = Validate(draft, CustomerIn("IT"));

  ASSERT_THAT(validation.problems, IsEmpty());
  const PricedOrder priced = PriceOrder(validation.validated, testing::ItalianRules());
  ASSERT_EQ(priced.lines.size(), 3U);
  EXPECT_EQ(priced.lines[0].appointment, std::nullopt);
  EXPECT_EQ(priced.lines[1].appointment, install.appointment);
  EXPECT_EQ(priced.lines[2].appointment, std::nullopt);
}

// A draft made bad by `change`, and exactly the problems validation must report.
struct BadDraft {
  std::string name;
  std::function<void(OrderDraft&, Customer&, PricingRules&)> change;
  std::vector<FieldError> expected;
};

void PrintTo(const BadDraft& bad, std::ostream* out) { *out << bad.name; }

class ValidateDraftTableTest : public ::testing::TestWithParam<BadDraft> {};

TEST_P(ValidateDraftTableTest, ReportsTheExactFieldPaths) {
  OrderDraft draft = DraftOf({{"A", 1}});
  Customer customer = CustomerIn("IT");
  PricingRules rules = testing::ItalianRules();
  GetParam().change(draft, customer, rules);

  const Validation validation = Validate(draft, customer, rules);

  EXPECT_EQ(validation.problems, GetParam().expected);
}

void SetSku(OrderDraft& draft, const char* sku) { draft.lines[0].sku = sku; }

const BadDraft bad_drafts[] = {
    {"UnknownSku",
     [](OrderDraft& d, Customer&, PricingRules&) { SetSku(d, "NOPE"); },
     {{"lines[0].sku", "unknown SKU"}}},
    {"EmptySku",
     [](OrderDraft& d, Customer&, PricingRules&) { SetSku(d, ""); },
     {{"lines[0].sku", "required"}}},
    {"InactiveItem",
     [](OrderDraft& d, Customer&, PricingRules&) { SetSku(d, "OLD"); },
     {{"lines[0].sku", "item is not active"}}},
    {"ItemPricedInAnotherCurrency",
     [](OrderDraft& d, Customer&, PricingRules&) { SetSku(d, "DOLLAR"); },
     {{"lines[0].sku", "item is not priced in EUR"}}},
    {"ItemWithAnUndeclaredTaxCategory",
     [](OrderDraft& d, Customer&, PricingRules&) { SetSku(d, "LUX"); },
     {{"lines[0].sku", "item has an undeclared tax category (luxury)"}}},
    {"ZeroQuantity",
     [](OrderDraft& d, Customer&, PricingRules&) { d.lines[0].quantity = 0; },
     {{"lines[0].quantity", "must be 1..9999"}}},
    {"NegativeQuantity",
     [](OrderDraft& d, Customer&, PricingRules&) { d.lines[0].quantity = -1; },
     {{"lines[0].quantity", "must be 1..9999"}}},
    {"QuantityAboveTheLimit",
     [](OrderDraft& d, Customer&, PricingRules&) { d.lines[0].quantity = 10'000; },
     {{"lines[0].quantity", "must be 1..9999"}}},
    {"LineAmountTooLarge",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.lines = {{"A", 1}, {"HUGE", 11}};
       d.shipping_method = kPickupMethod;
     },
     {{"lines[1].quantity", "line amount too large"}}},
    {"OrderTotalTooLarge",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.lines = std::vector<DraftLine>(11, DraftLine{"CEILING", kMaxQuantity});
       d.shipping_method = "";
     },
     {{"lines", "order total too large"}}},
    {"NoLines",
     [](OrderDraft& d, Customer&, PricingRules&) { d.lines.clear(); },
     {{"lines", "must have at least one line"}}},
    {"TooManyLines",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.lines = std::vector<DraftLine>(kMaxLines + 1, DraftLine{"A", 1});
     },
     {{"lines", "at most 500 lines"}}},
    {"AnotherCurrency",
     [](OrderDraft& d, Customer&, PricingRules&) { d.currency = "USD"; },
     {{"currency", "must be EUR (the business currency)"}}},
    {"UnknownShippingMethod",
     [](OrderDraft& d, Customer&, PricingRules&) { d.shipping_method = "teleport"; },
     {{"shipping_method", "unknown shipping method"}}},
    {"NoMethodForGoods",
     [](OrderDraft& d, Customer&, PricingRules&) { d.shipping_method = ""; },
     {{"shipping_method", "required for goods: a method code or \"pickup\""}}},
    {"MethodNotServingTheCountry",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.shipping_method = "express";
       d.shipping_address = AddressIn("FR", "", "75001");
     },
     {{"shipping_method", "shipping method \"express\" does not deliver to FR"}}},
    {"ParcelTooHeavy",
     [](OrderDraft& d, Customer&, PricingRules&) { SetSku(d, "HEAVY"); },
     {{"shipping_method",
       "shipping method \"standard\" does not take parcels of 31000 g to IT (at most 30000 g)"}}},
    {"IncompleteBillingAddress",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.billing_address = AddressIn("IT");
       d.billing_address->city = "";
       d.billing_address->name = "";
     },
     {{"billing_address.name", "required"}, {"billing_address.city", "required"}}},
    {"ShippingCountryNotACode",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.shipping_address = AddressIn("IT");
       d.shipping_address->country = "it";
     },
     {{"shipping_address.country", "is not an ISO 3166-1 country code (like IT)"}}},
    // XX is shaped like a code but names no country; it used to ship to the world
    // zone, untaxed.
    {"ShippingCountryOfNoCountry",
     [](OrderDraft& d, Customer&, PricingRules&) { d.shipping_address = AddressIn("XX"); },
     {{"shipping_address.country", "is not an ISO 3166-1 country code (like IT)"}}},
    {"BillingCountryOfNoCountry",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.lines = {{"INSTALL", 1}};
       d.billing_address = AddressIn("ZZ");
     },
     {{"billing_address.country", "is not an ISO 3166-1 country code (like IT)"}}},
    {"ItalianPostalCodeOfLetters",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.shipping_address = AddressIn("IT", "MI", "ABCDE");
     },
     {{"shipping_address.postal_code", "is not a postal code of IT (like 20121)"}}},
    {"CustomerWithoutAddresses",
     [](OrderDraft&, Customer& c, PricingRules&) { c.addresses.clear(); },
     {{"billing_address", "required: the customer has no billing address"},
      {"shipping_address", "required to ship goods"}}},
    {"ServicesForACustomerWithoutAddresses",
     [](OrderDraft& d, Customer& c, PricingRules&) {
       c.addresses.clear();
       d.lines = {{"INSTALL", 1}};
     },
     {{"billing_address", "required: the customer has no billing address"}}},
    {"NoTaxRulesWhereGoodsGo",
     [](OrderDraft& d, Customer&, PricingRules& r) {
       r.tax.jurisdictions.pop_back();  // No "EXPORT".
       d.shipping_address = AddressIn("FR", "", "75001");
     },
     {{"shipping_address.country", "no tax rules for this destination"}}},
    {"NoTaxRulesWhereServicesAreBilled",
     [](OrderDraft& d, Customer&, PricingRules& r) {
       r.tax.jurisdictions.pop_back();
       d.lines = {{"INSTALL", 1}};
       d.billing_address = AddressIn("FR", "", "75001");
     },
     {{"billing_address.country", "no tax rules for this destination"}}},
    {"TaxExemptWithoutReference",
     [](OrderDraft&, Customer& c, PricingRules&) { c.tax_exempt = true; },
     {{"customer_id", "customer is tax-exempt but has no exemption reference"}}},
    {"CardWithoutDetails",
     [](OrderDraft& d, Customer&, PricingRules&) { d.payment.type = PaymentType::kCard; },
     {{"payment.card.brand", "required"},
      {"payment.card.last4", "must be exactly 4 digits"},
      {"payment.card.token", "required"}}},
    {"CardLast4NotDigits",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.payment = PaymentDraft{.type = PaymentType::kCard,
                                .card = {.brand = "visa", .last4 = "12a4", .token = "tok_1"},
                                .reference = ""};
     },
     {{"payment.card.last4", "must be exactly 4 digits"}}},
    {"CardLast4TooLong",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.payment = PaymentDraft{.type = PaymentType::kCard,
                                .card = {.brand = "visa", .last4 = "12345", .token = "tok_1"},
                                .reference = ""};
     },
     {{"payment.card.last4", "must be exactly 4 digits"}}},
    {"CardDetailsOnABankTransfer",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.payment = PaymentDraft{.type = PaymentType::kBankTransfer,
                                .card = {.brand = "visa", .last4 = "1234", .token = "tok_1"},
                                .reference = ""};
     },
     {{"payment.card", "only for card payments"}}},
    {"TenderedWithACheque",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.payment = PaymentDraft{
           .type = PaymentType::kCheque, .tendered = Money(5000, kEur), .reference = ""};
     },
     {{"payment.tendered", "only for cash payments"}}},
    {"TenderedInDollars",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.payment =
           PaymentDraft{.type = PaymentType::kCash, .tendered = Money(5000, kUsd), .reference = ""};
     },
     {{"payment.tendered.currency", "must be EUR"}}},
    {"TenderedBelowTheAmountDue",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.shipping_method = kPickupMethod;
       d.payment =
           PaymentDraft{.type = PaymentType::kCash, .tendered = Money(1000, kEur), .reference = ""};
     },
     {{"payment.tendered", "less than the amount due (12.20 EUR)"}}},
    {"AppointmentOnAGood",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.lines[0].appointment = Appointment{.date = kDecember3};
     },
     {{"lines[0].appointment", "only services can have an appointment"}}},
    {"AppointmentOnAnImpossibleDay",
     [](OrderDraft& d, Customer&, PricingRules&) {
       SetSku(d, "INSTALL");
       d.lines[0].appointment = Appointment{.date = std::chrono::year{2026} / 2 / 30};
     },
     {{"lines[0].appointment.date", "must be a valid date"}}},
    {"AppointmentWindowBackwards",
     [](OrderDraft& d, Customer&, PricingRules&) {
       SetSku(d, "INSTALL");
       d.lines[0].appointment =
           Appointment{.date = kDecember3, .from = hours{12}, .until = hours{9}};
     },
     {{"lines[0].appointment.until", "must be after from"}}},
    {"AppointmentWindowEmpty",
     [](OrderDraft& d, Customer&, PricingRules&) {
       SetSku(d, "INSTALL");
       d.lines[0].appointment =
           Appointment{.date = kDecember3, .from = hours{9}, .until = hours{9}};
     },
     {{"lines[0].appointment.until", "must be after from"}}},
    {"AppointmentOutsideTheDay",
     [](OrderDraft& d, Customer&, PricingRules&) {
       SetSku(d, "INSTALL");
       d.lines[0].appointment =
           Appointment{.date = kDecember3, .from = hours{24}, .until = hours{24} + minutes{1}};
     },
     {{"lines[0].appointment.from", "must be 00:00..23:59"},
      {"lines[0].appointment.until", "must be 00:01..24:00"}}},
    {"AppointmentUntilMidnightStart",
     [](OrderDraft& d, Customer&, PricingRules&) {
       SetSku(d, "INSTALL");
       d.lines[0].appointment = Appointment{.date = kDecember3, .until = minutes{0}};
     },
     {{"lines[0].appointment.until", "must be 00:01..24:00"}}},
    {"AppointmentReportedAfterAQuantityProblem",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.lines[0].quantity = 0;
       d.lines[0].appointment = Appointment{.date = kDecember3};
     },
     {{"lines[0].quantity", "must be 1..9999"},
      {"lines[0].appointment", "only services can have an appointment"}}},
    {"NotesTooLong",
     [](OrderDraft& d, Customer&, PricingRules&) { d.notes = std::string(2001, 'n'); },
     {{"notes", "at most 2000 characters"}}},
    {"ClerkTooLong",
     [](OrderDraft& d, Customer&, PricingRules&) { d.clerk = std::string(101, 'c'); },
     {{"clerk", "at most 100 characters"}}},
    // A card number typed into any free text.
    {"CardNumberInNotes",
     [](OrderDraft& d, Customer&, PricingRules&) { d.notes = "carta 4111 1111 1111 1111"; },
     {{"notes", kCardNumberProblem}}},
    {"CardNumberInTheShippingAddress",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.shipping_address = AddressIn("IT");
       d.shipping_address->line2 = "5555-5555-5555-4444";
     },
     {{"shipping_address.line2", kCardNumberProblem}}},
    {"CardNumberInThePaymentReference",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.payment = PaymentDraft{.type = PaymentType::kBankTransfer, .reference = "378282246310005"};
     },
     {{"payment.reference", kCardNumberProblem}}},
    {"CardNumberForTheClerk",
     [](OrderDraft& d, Customer&, PricingRules&) { d.clerk = "6011111111111117"; },
     {{"clerk", kCardNumberProblem}}},
    // Control characters.
    {"NulInTheBillingName",
     [](OrderDraft& d, Customer&, PricingRules&) {
       d.billing_address = AddressIn("IT");
       d.billing_address->name = std::string("Mario\0Rossi", 11);
     },
     {{"billing_address.name", "must not contain control characters or line breaks"}}},
    {"EscapeSequenceInNotes",
     [](OrderDraft& d, Customer&, PricingRules&) { d.notes = "\x1b[2J"; },
     {{"notes", "must not contain control characters other than tab and line breaks"}}},
};

TEST(ValidateDraftTest, AcceptsNotesOnSeveralLines) {
  OrderDraft draft = DraftOf({{"A", 1}});
  draft.notes = "citofono Rossi\n\tscala B\r\nconsegna dopo le 14";

  EXPECT_THAT(Validate(draft, CustomerIn("IT")).problems, IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(BadDrafts, ValidateDraftTableTest, ::testing::ValuesIn(bad_drafts),
                         [](const ::testing::TestParamInfo<BadDraft>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace commesso
