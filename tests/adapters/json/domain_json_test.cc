#include "adapters/json/domain_json.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/json/card_secrets.h"
#include "core/code.h"
#include "support/pricing_fixtures.h"

namespace commesso::json {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

Address Milano() {
  return Address{.name = "Mario Rossi",
                 .company = "Rossi Srl",
                 .line1 = "Via Roma 1",
                 .line2 = "Scala B",
                 .postal_code = "20121",
                 .city = "Milano",
                 .region = "MI",
                 .country = "IT"};
}

// An order using every field, optional ones included, with a non-terminating exact amount.
Order FullOrder() {
  const TaxTrace line_tax{.component = "IVA",
                          .category = "standard",
                          .rate = TaxRate{220'000},
                          .base = Money(2450, kEur),
                          .unrounded = Exact{.numerator = 2695, .denominator = 5},
                          .rounded = Money(539, kEur)};
  const TaxTrace inclusive_share{.component = "IVA",
                                 .category = "standard",
                                 .rate = TaxRate{220'000},
                                 .base = Money(690, kEur),
                                 .unrounded = Exact{.numerator = 7590, .denominator = 61}};
  PricedOrder priced{
      .currency = kEur,
      .price_mode = PriceMode::kTaxInclusive,
      .rounding = {.rounding = Rounding::kHalfEven, .level = RoundingLevel::kPerLine},
      .lines = {PricedLine{.item = {.id = ItemId{7},
                                    .sku = "PEN-01",
                                    .name = {.it = "Penna", .en = "Pen"},
                                    .kind = ItemKind::kGood,
                                    .unit = "piece",
                                    .tax_category = "standard",
                                    .weight_grams = 20,
                                    .category = "writing",
                                    .location = "A-03-2"},
                           .quantity = 2,
                           .unit_price = Money(1225, kEur),
                           .amount = Money(2450, kEur),
                           .jurisdiction = "IT",
                           .taxes = {line_tax},
                           .net = Money(2450, kEur),
                           .tax = Money(539, kEur),
                           .backordered = 1},
                PricedLine{.item = {.id = ItemId{8},
                                    .sku = "SETUP",
                                    .name = {.it = "Installazione", .en = ""},
                                    .kind = ItemKind::kService,
                                    .unit = "hour",
                                    .tax_category = "reduced"},
                           .quantity = 1,
                           .unit_price = Money(5000, kEur),
                           .amount = Money(5000, kEur),
                           .jurisdiction = "IT",
                           .appointment = Appointment{.date = std::chrono::year{2026} / 12 / 3,
                                                      .from = std::chrono::hours{9},
                                                      .until = std::chrono::hours{24}}}},
      .shipping = {.method = "standard",
                   .name = {.it = "Spedizione standard", .en = "Standard shipping"},
                   .weight_grams = 40,
                   .list_charge = Money(690, kEur),
                   .amount = Money(690, kEur),
                   .free = false,
                   .jurisdiction = "IT",
                   .taxes = {inclusive_share}},
      .tax_exempt = true,
      .exemption_reference = "art. 8 DPR 633/72",
      .tax_summary = {TaxSummaryRow{.component = "IVA",
                                    .rate = TaxRate{220'000},
                                    .base = Money(3140, kEur),
                                    .unrounded = Exact{.numerator = -3454, .denominator = 5},
                                    .tax = Money(-691, kEur)}},
      .totals = {.items = Money(7450, kEur),
                 .shipping = Money(690, kEur),
                 .net = Money(8140, kEur),
                 .tax = Money(539, kEur),
                 .grand_total = Money(8679, kEur),
                 .amount_due = Money(8679, kEur),
                 .tendered = Money(10000, kEur),
                 .change = Money(1321, kEur)}};
  return Order{.id = OrderId{42},
               .number = OrderNumber{"2026-000123"},
               .channel = Channel::kPhone,
               .status = OrderStatus::kPlaced,
               .customer = {.id = CustomerId{12},
                            .name = "Mario Rossi",
                            .company = "Rossi Srl",
                            .tax_id = "IT01234567890",
                            .email = "mario@example.com",
                            .phone = "02 1234 5678",
                            .locale = "it"},
               .billing_address = Milano(),
               .shipping_address = Milano(),
               .priced = std::move(priced),
               .payment = {.type = PaymentType::kCard,
                           .status = PaymentStatus::kAuthorized,
                           .card = {.brand = "visa", .last4 = "4242", .token = "tok_123"},
                           .reference = "auth 9"},
               .notes = "Citofonare \"Rossi\" — grazie",
               .clerk = "anna",
               .placed_at = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}} +
                            std::chrono::hours{10} + std::chrono::milliseconds{250},
               .promised_dispatch = std::chrono::year{2026} / 11 / 30};
}

std::vector<FieldError> ProblemsOf(const Error& error) { return error.fields; }

TEST(OrderJsonTest, RoundTripsEveryFieldExactly) {
  const Order order = FullOrder();

  Result<Order> read = OrderFromJson(ToJson(order));

  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(*read, order);
}

TEST(OrderJsonTest, RoundTripsThroughText) {
  const Order order = FullOrder();

  Result<Json> parsed = Parse(Dump(ToJson(order)));
  ASSERT_TRUE(parsed.has_value());
  Result<Order> read = OrderFromJson(*parsed);

  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(*read, order);
}

TEST(OrderJsonTest, ReadsSnapshotsFromBeforeItemsHadACategoryAndLocation) {
  Json json = ToJson(FullOrder());
  json["lines"][0]["item"].erase("category");
  json["lines"][0]["item"].erase("location");

  Result<Order> read = OrderFromJson(json);

  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->priced.lines[0].item.category, "");
  EXPECT_EQ(read->priced.lines[0].item.location, "");
  EXPECT_EQ(read->priced.lines[0].item.sku, "PEN-01");
}

TEST(OrderJsonTest, RoundTripsAnOrderWithoutOptionalValues) {
  Order order;
  order.number = OrderNumber{"2026-000001"};
  order.billing_address = Milano();
  order.payment.type = PaymentType::kOnAccount;

  Result<Order> read = OrderFromJson(ToJson(order));

  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(*read, order);
  EXPECT_FALSE(ToJson(order).contains("shipping_address"));
  EXPECT_FALSE(ToJson(order)["payment"].contains("card"));
  EXPECT_FALSE(ToJson(order).contains("promised_dispatch"));
}

TEST(OrderJsonTest, WritesTheDocumentedShapes) {
  const Json json = ToJson(FullOrder());

  EXPECT_EQ(json["number"], "2026-000123");
  EXPECT_EQ(json["placed_at"], "2026-11-28T10:00:00.250Z");
  EXPECT_EQ(json["promised_dispatch"], "2026-11-30");
  EXPECT_EQ(json["lines"][0]["unit_price"], (Json{{"minor", 1225}, {"currency", "EUR"}}));
  EXPECT_EQ(json["lines"][0]["taxes"][0]["rate"], (Json{{"ppm", 220000}, {"percent", "22"}}));
  EXPECT_EQ(json["lines"][0]["taxes"][0]["unrounded_minor"], "539");
  EXPECT_EQ(json["lines"][0]["backordered"], 1);
  EXPECT_EQ(json["shipping"]["taxes"][0]["unrounded_minor"], "124.42623");
  EXPECT_EQ(json["shipping"]["taxes"][0]["unrounded_exact"], "7590/61");
  EXPECT_EQ(json["rounding"], (Json{{"rule", "half_even"}, {"level", "line"}}));
  EXPECT_EQ(json["price_mode"], "tax_inclusive");
  EXPECT_EQ(json["tax_summary"][0]["unrounded_minor"], "-690.8");
  EXPECT_FALSE(json["lines"][0].contains("appointment"));
  EXPECT_EQ(json["lines"][1]["appointment"],
            (Json{{"date", "2026-12-03"}, {"from", "09:00"}, {"until", "24:00"}}));
}

TEST(OrderJsonTest, QuoteLinesCarryTheAppointmentToo) {
  const Json json = ToPublicJson(FullOrder().priced);

  EXPECT_EQ(json["lines"][1]["appointment"],
            (Json{{"date", "2026-12-03"}, {"from", "09:00"}, {"until", "24:00"}}));
}

TEST(OrderJsonTest, RejectsAnAppointmentThatIsNotOne) {
  Json json = ToJson(FullOrder());
  json["lines"][1]["appointment"] = {{"date", "3/12/2026"}, {"until", 12}};

  Result<Order> read = OrderFromJson(json);

  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInternal);
  EXPECT_THAT(ProblemsOf(read.error()),
              ElementsAre(FieldError{"lines[1].appointment.date", "must be a date like 2026-12-03"},
                          FieldError{"lines[1].appointment.until", "must be a string"}));
}

TEST(OrderJsonTest, PublicFormHidesTheCardTokenAndStorageKeys) {
  const Json json = ToPublicJson(FullOrder());

  EXPECT_FALSE(json.contains("id"));
  EXPECT_FALSE(json["payment"]["card"].contains("token"));
  EXPECT_EQ(json["payment"]["card"]["last4"], "4242");
  EXPECT_FALSE(json["lines"][0]["item"].contains("id"));
  EXPECT_EQ(json["customer"]["id"], 12);
  EXPECT_EQ(Dump(json).find("tok_123"), std::string::npos);
}

// Finding 11: the warehouse read the customer's e-mail, tax id and billing address.
TEST(OrderJsonTest, TheDeliveryViewShowsWhatDeliveryNeedsAndNothingPrivate) {
  Order order = FullOrder();
  order.billing_address = Address{.name = "Amministrazione Rossi",
                                  .company = "",
                                  .line1 = "Corso Fatture 9",
                                  .line2 = "",
                                  .postal_code = "10121",
                                  .city = "Torino",
                                  .region = "",
                                  .country = "IT"};
  order.placed_by = "chiara";

  const Json json = ToPublicJson(order, OrderView::kDelivery);

  const Json pen{{"item",
                  {{"sku", "PEN-01"},
                   {"name", {{"it", "Penna"}, {"en", "Pen"}}},
                   {"kind", "good"},
                   {"unit", "piece"},
                   {"weight_grams", 20},
                   {"category", "writing"},
                   {"location", "A-03-2"}}},
                 {"quantity", 2},
                 {"backordered", 1}};
  const Json setup{
      {"item",
       {{"sku", "SETUP"},
        {"name", {{"it", "Installazione"}, {"en", ""}}},
        {"kind", "service"},
        {"unit", "hour"},
        {"weight_grams", 0},
        {"category", ""},
        {"location", ""}}},
      {"quantity", 1},
      {"backordered", 0},
      {"appointment", {{"date", "2026-12-03"}, {"from", "09:00"}, {"until", "24:00"}}}};
  EXPECT_EQ(json, (Json{{"number", "2026-000123"},
                        {"revision", 1},
                        {"channel", "phone"},
                        {"status", "placed"},
                        {"customer",
                         {{"name", "Mario Rossi"},
                          {"company", "Rossi Srl"},
                          {"phone", "02 1234 5678"},
                          {"locale", "it"}}},
                        {"shipping_address", ToJson(Milano())},
                        {"lines", Json::array({pen, setup})},
                        {"shipping",
                         {{"method", "standard"},
                          {"name", {{"it", "Spedizione standard"}, {"en", "Standard shipping"}}},
                          {"weight_grams", 40}}},
                        {"payment", {{"type", "card"}}},
                        {"notes", "Citofonare \"Rossi\" — grazie"},
                        {"clerk", "anna"},
                        {"placed_by", "chiara"},
                        {"placed_at", "2026-11-28T10:00:00.250Z"},
                        {"promised_dispatch", "2026-11-30"}}));
  const std::string text = Dump(json);
  for (const char* secret : {"mario@example.com", "IT01234567890", "Torino", "Fatture", "4242",
                             "visa", "auth 9", "tok_123", "art. 8", "minor"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
}

TEST(OrderJsonTest, TheDeliveryViewOfACashOnDeliveryOrderNamesTheAmountToCollect) {
  Order order = FullOrder();
  order.payment.type = PaymentType::kCashOnDelivery;
  order.payment.card = CardDetails{};
  order.shipping_address.reset();

  const Json json = ToPublicJson(order, OrderView::kDelivery);

  EXPECT_EQ(json["payment"], (Json{{"type", "cash_on_delivery"},
                                   {"amount_due", {{"minor", 8679}, {"currency", "EUR"}}}}));
  EXPECT_FALSE(json.contains("shipping_address"));
  EXPECT_FALSE(json.contains("totals"));
}

TEST(OrderJsonTest, TheFullViewIsThePublicForm) {
  EXPECT_EQ(ToPublicJson(FullOrder(), OrderView::kFull), ToPublicJson(FullOrder()));
}

// Issue 12: the hot paths write JSON without a tree. What they write is what a tree of the
// same members dumps (members in nlohmann's sorted order, the same escapes), so stored
// snapshots and answers read the same as before.
TEST(OrderJsonTest, TheWrittenTextsAreWhatTheirTreesDump) {
  Order order = FullOrder();
  order.notes = "Line one\n\tLine two \"quoted\" \\ è €";
  std::vector<std::string> texts{StoredText(order)};
  for (const OrderView view : {OrderView::kFull, OrderView::kDelivery}) {
    std::string text;
    JsonOut out(text);
    WritePublic(out, order, view, {});
    texts.push_back(text);
  }
  std::string quote;
  JsonOut out(quote);
  WritePublic(out, order.priced, {});
  texts.push_back(quote);

  for (const std::string& text : texts) {
    Result<Json> parsed = Parse(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(Dump(*parsed), text);
  }
  Result<Order> read = OrderFromJson(*Parse(texts[0]));
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(*read, order);
}

TEST(OrderJsonTest, AnExtraWritesMoreMembersAtTheEnd) {
  std::string text;
  JsonOut out(text);

  WritePublic(out, FullOrder(), OrderView::kDelivery, [](JsonOut& more) {
    more.Key("readback");
    more.String("Il totale è");
    more.Key("documents");
    more.Tree(Json::array({Json{{"number", "R-1"}}}));
  });

  Result<Json> parsed = Parse(text);
  ASSERT_TRUE(parsed.has_value()) << text;
  Json expected = ToPublicJson(FullOrder(), OrderView::kDelivery);
  expected["readback"] = "Il totale è";
  expected["documents"] = Json::array({Json{{"number", "R-1"}}});
  EXPECT_EQ(*parsed, expected);
}

TEST(OrderJsonTest, QuoteLinesHaveNoBackorders) {
  const Json json = ToPublicJson(FullOrder().priced);

  EXPECT_FALSE(json["lines"][0].contains("backordered"));
  EXPECT_FALSE(json["lines"][0]["item"].contains("id"));
  EXPECT_EQ(json["totals"]["change"]["minor"], 1321);
}

TEST(OrderJsonTest, RejectsAPromisedDispatchThatIsNotADay) {
  Json json = ToJson(FullOrder());
  json["promised_dispatch"] = "2026-11-31";

  Result<Order> read = OrderFromJson(json);

  ASSERT_FALSE(read.has_value());
  EXPECT_THAT(
      ProblemsOf(read.error()),
      UnorderedElementsAre(FieldError{"promised_dispatch", "must be a date like 2026-11-30"}));
}

TEST(OrderJsonTest, RejectsWhatIsNotASnapshotAsInternal) {
  Json json = ToJson(FullOrder());
  json["lines"][0]["taxes"][0]["unrounded_exact"] = "1/0";
  json["surprise"] = true;

  Result<Order> read = OrderFromJson(json);

  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInternal);
  EXPECT_THAT(ProblemsOf(read.error()),
              UnorderedElementsAre(
                  FieldError{"lines[0].taxes[0].unrounded_exact", "must be \"n/d\", d > 0"},
                  FieldError{"surprise", "unknown field"}));
}

TEST(ItemJsonTest, RoundTrips) {
  const Item item{.sku = "PEN-01",
                  .name = {.it = "Penna", .en = "Pen"},
                  .kind = ItemKind::kGood,
                  .unit = "piece",
                  .unit_price = Money(1225, kEur),
                  .tax_category = "reduced",
                  .weight_grams = 20,
                  .active = false,
                  .track_stock = true,
                  .stock_on_hand = 5,
                  .backorder_policy = BackorderPolicy::kAllow,
                  .category = "writing",
                  .location = "A-03-2"};

  Result<Item> read = ItemFromJson(ToJson(item), testing::ItalianRules());

  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, item);
}

TEST(ItemJsonTest, AppliesDefaultsAndTheBusinessCurrency) {
  const Json json = {
      {"sku", "PEN-01"}, {"name", {{"it", "Penna"}}}, {"unit_price", {{"minor", 5}}}};

  Result<Item> read = ItemFromJson(json, testing::ItalianRules());

  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->unit_price, Money(5, kEur));
  EXPECT_EQ(read->unit, "piece");
  EXPECT_EQ(read->tax_category, "standard");
  EXPECT_TRUE(read->active);
  EXPECT_EQ(read->category, "");
  EXPECT_EQ(read->location, "");
}

TEST(ItemJsonTest, DropsTheSpacesAroundALocation) {
  const Json json = {{"sku", "PEN-01"},
                     {"name", {{"it", "Penna"}}},
                     {"unit_price", {{"minor", 5}}},
                     {"category", "writing"},
                     {"location", "  B-01 shelf 2 "}};

  Result<Item> read = ItemFromJson(json, testing::ItalianRules());

  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->category, "writing");
  EXPECT_EQ(read->location, "B-01 shelf 2");
}

TEST(ItemJsonTest, RefusesACategoryOrLocationThatIsNotText) {
  const Json json = {{"sku", "PEN-01"},
                     {"name", {{"it", "Penna"}}},
                     {"unit_price", {{"minor", 5}}},
                     {"category", 3},
                     {"location", {{"aisle", "A"}}}};

  Result<Item> read = ItemFromJson(json, testing::ItalianRules());

  ASSERT_FALSE(read.has_value());
  EXPECT_THAT(ProblemsOf(read.error()),
              UnorderedElementsAre(FieldError{"category", "must be a string"},
                                   FieldError{"location", "must be a string"}));
}

TEST(ItemJsonTest, NamesTheWrongCurrency) {
  struct Case {
    const char* currency;
    const char* problem;
  };
  for (const Case& c : {Case{"USD", "must be EUR"}, Case{"XXX", "unknown currency"},
                        Case{"eur", "unknown currency"}}) {
    const Json json = {{"sku", "A"},
                       {"name", {{"it", "A"}}},
                       {"unit_price", {{"minor", 5}, {"currency", c.currency}}}};

    Result<Item> read = ItemFromJson(json, testing::ItalianRules());

    ASSERT_FALSE(read.has_value()) << c.currency;
    EXPECT_THAT(ProblemsOf(read.error()), ElementsAre(FieldError{"unit_price.currency", c.problem}))
        << c.currency;
  }
}

// A Code is kept for the life of the process (core/code.h): a refused item must not leave its
// unit, tax category, category or location behind.
TEST(ItemJsonTest, ARefusedItemMakesNoCode) {
  const Json bad_name = {{"sku", "PEN-01"},
                         {"name", {{"it", std::string(201, 'x')}}},
                         {"unit_price", {{"minor", 5}}},
                         {"unit", "unit-json-1"},
                         {"category", "category-json-1"},
                         {"location", "location-json-1"}};
  const Json bad_tax_category = {{"sku", "PEN-01"},
                                 {"name", {{"it", "Penna"}}},
                                 {"unit_price", {{"minor", 5}}},
                                 {"tax_category", "tax-json-1"}};
  const Json bad_type = {{"sku", "PEN-01"},
                         {"name", {{"it", "Penna"}}},
                         {"unit_price", {{"minor", "5"}}},
                         {"location", "location-json-2"}};

  EXPECT_THAT(ProblemsOf(ItemFromJson(bad_name, testing::ItalianRules()).error()),
              ElementsAre(FieldError{"name.it", "at most 200 characters"}));
  EXPECT_THAT(ProblemsOf(ItemFromJson(bad_tax_category, testing::ItalianRules()).error()),
              ElementsAre(FieldError{"tax_category", "not a tax category of the business"}));
  EXPECT_FALSE(ItemFromJson(bad_type, testing::ItalianRules()).has_value());

  for (const char* text :
       {"unit-json-1", "category-json-1", "location-json-1", "tax-json-1", "location-json-2"}) {
    EXPECT_FALSE(Code::IsKnown(text)) << text;
  }
}

TEST(ItemJsonTest, AValidItemMakesItsCodes) {
  const Json json = {{"sku", "PEN-01"},
                     {"name", {{"it", "Penna"}}},
                     {"unit_price", {{"minor", 5}}},
                     {"unit", "unit-json-3"},
                     {"location", "location-json-3"}};

  ASSERT_TRUE(ItemFromJson(json, testing::ItalianRules()).has_value());

  EXPECT_TRUE(Code::IsKnown("unit-json-3"));
  EXPECT_TRUE(Code::IsKnown("location-json-3"));
}

TEST(CustomerJsonTest, RoundTrips) {
  const Customer customer{
      .id = CustomerId{12},
      .name = "Mario Rossi",
      .company = "Rossi Srl",
      .tax_id = "IT01234567890",
      .email = "mario@example.com",
      .phone = "02 1234 5678",
      .phone_e164 = "+390212345678",
      .tax_exempt = true,
      .exemption_reference = "lettera d'intento 7",
      .locale = "en",
      .addresses = {
          CustomerAddress{.label = "Sede", .address = Milano(), .default_billing = true},
          CustomerAddress{.label = "Magazzino", .address = Milano(), .default_shipping = true}}};

  Result<Customer> read = CustomerFromJson(ToJson(customer));

  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, customer);
}

TEST(CustomerJsonTest, ReportsNestedAddressProblems) {
  const Json json = {{"name", "Mario"},
                     {"addresses", {{{"label", "Sede"}, {"address", {{"city", 7}}}}, "x"}}};

  Result<Customer> read = CustomerFromJson(json);

  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(ProblemsOf(read.error()),
              ElementsAre(FieldError{"addresses[0].address.city", "must be a string"},
                          FieldError{"addresses[1]", "must be an object"}));
}

Json FullDraft() {
  return Json::parse(R"({
    "channel": "phone", "customer_id": 12,
    "billing_address": {"name": "Mario Rossi", "line1": "Via Roma 1", "city": "Milano",
                        "postal_code": "20121", "country": "IT"},
    "shipping_address": {"name": "Magazzino", "line1": "Via Po 2", "city": "Torino",
                         "country": "IT"},
    "lines": [{"sku": "PEN-01", "quantity": 3}, {"sku": "SETUP", "quantity": 1}],
    "shipping_method": "express",
    "payment": {"type": "cash", "tendered": {"minor": 5000}},
    "currency": "EUR", "notes": "Piano terra", "clerk": "anna"
  })");
}

TEST(DraftJsonTest, ReadsEveryField) {
  Result<OrderDraft> read = DraftFromJson(FullDraft(), kEur);

  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->channel, Channel::kPhone);
  EXPECT_EQ(read->customer_id, CustomerId{12});
  ASSERT_TRUE(read->billing_address.has_value());
  EXPECT_EQ(read->billing_address->postal_code, "20121");
  ASSERT_TRUE(read->shipping_address.has_value());
  EXPECT_EQ(read->shipping_address->city, "Torino");
  EXPECT_THAT(read->lines, ElementsAre(DraftLine{"PEN-01", 3}, DraftLine{"SETUP", 1}));
  EXPECT_EQ(read->shipping_method, "express");
  EXPECT_EQ(read->payment.type, PaymentType::kCash);
  EXPECT_EQ(read->payment.tendered, Money(5000, kEur));
  EXPECT_EQ(read->currency, "EUR");
  EXPECT_EQ(read->notes, "Piano terra");
  EXPECT_EQ(read->clerk, "anna");
}

TEST(DraftJsonTest, ReadsAnAppointmentWithOrWithoutItsWindow) {
  Json json = FullDraft();
  json["lines"][1]["appointment"] = {{"date", "2026-12-03"}, {"from", "09:00"}, {"until", "12:30"}};
  json["lines"].push_back(
      {{"sku", "SETUP"}, {"quantity", 1}, {"appointment", {{"date", "2027-01-04"}}}});

  Result<OrderDraft> read = DraftFromJson(json, kEur);

  ASSERT_TRUE(read.has_value());
  ASSERT_EQ(read->lines.size(), 3U);
  EXPECT_EQ(read->lines[0].appointment, std::nullopt);
  EXPECT_EQ(read->lines[1].appointment, (Appointment{.date = std::chrono::year{2026} / 12 / 3,
                                                     .from = std::chrono::hours{9},
                                                     .until = std::chrono::minutes{12 * 60 + 30}}));
  EXPECT_EQ(read->lines[2].appointment, (Appointment{.date = std::chrono::year{2027} / 1 / 4}));
}

TEST(DraftJsonTest, LeavesImpossibleDaysAndHoursToValidation) {
  Json json = FullDraft();
  json["lines"][1]["appointment"] = {{"date", "2026-02-30"}, {"from", "25:00"}};

  Result<OrderDraft> read = DraftFromJson(json, kEur);

  // Well-formed text reads; ValidateDraft names the impossible values (core/validation.cc).
  ASSERT_TRUE(read.has_value());
  EXPECT_FALSE(read->lines[1].appointment->date.ok());
  EXPECT_EQ(read->lines[1].appointment->from, std::chrono::hours{25});
}

TEST(DraftJsonTest, NamesEveryMalformedAppointmentField) {
  Json json = FullDraft();
  json["lines"][0]["appointment"] = {{"from", "9:00"}, {"until", "12-00"}, {"time", "now"}};
  json["lines"][1]["appointment"] = "tomorrow";

  Result<OrderDraft> read = DraftFromJson(json, kEur);

  ASSERT_FALSE(read.has_value());
  EXPECT_THAT(ProblemsOf(read.error()),
              ElementsAre(FieldError{"lines[0].appointment.date", "is required"},
                          FieldError{"lines[0].appointment.from", "must be a time like 09:00"},
                          FieldError{"lines[0].appointment.until", "must be a time like 09:00"},
                          FieldError{"lines[0].appointment.time", "unknown field"},
                          FieldError{"lines[1].appointment", "must be an object"}));
}

TEST(DraftJsonTest, ReadsACardPayment) {
  Json json = FullDraft();
  json["payment"] = {{"type", "card"},
                     {"card", {{"brand", "visa"}, {"last4", "4242"}, {"token", "tok_1"}}}};

  Result<OrderDraft> read = DraftFromJson(json, kEur);

  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->payment.card, (CardDetails{.brand = "visa", .last4 = "4242", .token = "tok_1"}));
}

TEST(DraftJsonTest, RefusesACardNumberField) {
  Json json = FullDraft();
  json["payment"] = {{"type", "card"},
                     {"card", {{"brand", "visa"}, {"number", "4242424242424242"}, {"cvv", "1"}}}};

  Result<OrderDraft> read = DraftFromJson(json, kEur);

  ASSERT_FALSE(read.has_value());
  EXPECT_THAT(ProblemsOf(read.error()),
              UnorderedElementsAre(FieldError{"payment.card.number", kCardSecretProblem},
                                   FieldError{"payment.card.cvv", kCardSecretProblem}));
}

TEST(DraftJsonTest, ReportsEveryProblemAtOnceWithItsPath) {
  const Json json = Json::parse(R"({
    "channel": "fax", "customer_id": "12", "colour": "blue",
    "lines": [{"sku": "PEN-01", "quantity": 1.5}, {"quantity": 2}, 7,
              {"sku": "A", "quantity": 18446744073709551615}],
    "payment": {"type": "cash", "tendered": {"minor": 100, "currency": "USD"}},
    "shipping_address": [], "notes": false, "currency": "ZZZ"
  })");

  Result<OrderDraft> read = DraftFromJson(json, kEur);

  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(
      ProblemsOf(read.error()),
      UnorderedElementsAre(
          FieldError{"channel", "must be one of: phone, counter, mail, email, web, api, edi"},
          FieldError{"customer_id", "must be an integer"}, FieldError{"colour", "unknown field"},
          FieldError{"lines[0].quantity", "must be an integer"},
          FieldError{"lines[1].sku", "is required"}, FieldError{"lines[2]", "must be an object"},
          FieldError{"lines[3].quantity", "is out of range"},
          FieldError{"payment.tendered.currency", "must be EUR"},
          FieldError{"shipping_address", "must be an object"},
          FieldError{"notes", "must be a string"}, FieldError{"currency", "unknown currency"}));
}

TEST(DraftJsonTest, RequiresTheCustomerAndTheLines) {
  Result<OrderDraft> read = DraftFromJson(Json::object(), kEur);

  ASSERT_FALSE(read.has_value());
  EXPECT_THAT(ProblemsOf(read.error()), ElementsAre(FieldError{"customer_id", "is required"},
                                                    FieldError{"lines", "is required"}));
}

TEST(DraftJsonTest, TreatsNullAsAbsent) {
  Json json = FullDraft();
  json["notes"] = nullptr;
  json["shipping_address"] = nullptr;

  Result<OrderDraft> read = DraftFromJson(json, kEur);

  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->notes, "");
  EXPECT_FALSE(read->shipping_address.has_value());
}

TEST(DraftJsonTest, RefusesANonObject) {
  Result<OrderDraft> read = DraftFromJson(Json::array(), kEur);

  ASSERT_FALSE(read.has_value());
  EXPECT_THAT(ProblemsOf(read.error()), ElementsAre(FieldError{"", "must be an object"}));
}

TEST(ParseTest, GivesTheByteOfMalformedJson) {
  Result<Json> parsed = Parse(R"({"lines": [1, 2,]})");

  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(parsed.error().fields.size(), 1u);
  EXPECT_EQ(parsed.error().fields[0].path, "");
  EXPECT_EQ(parsed.error().fields[0].problem.rfind("invalid JSON at byte 17: syntax error", 0), 0u)
      << parsed.error().fields[0].problem;
}

TEST(ParseTest, RefusesInvalidUtf8WithoutEchoingIt) {
  Result<Json> parsed = Parse("{\"notes\": \"caf\xe9\"}");

  ASSERT_FALSE(parsed.has_value());
  const std::string& problem = parsed.error().fields.at(0).problem;
  EXPECT_NE(problem.find("UTF-8"), std::string::npos) << problem;
  EXPECT_EQ(problem.find('\xe9'), std::string::npos);
}

TEST(ParseTest, RefusesAnEmptyBody) {
  Result<Json> parsed = Parse("");

  ASSERT_FALSE(parsed.has_value());
  EXPECT_THAT(parsed.error().fields.at(0).problem, ::testing::StartsWith("invalid JSON at byte"));
}

TEST(DumpTest, ReplacesInvalidUtf8InsteadOfThrowing) {
  const Json json = {{"text", "caf\xe9"}};

  EXPECT_EQ(Dump(json), "{\"text\":\"caf\xef\xbf\xbd\"}");
}

}  // namespace
}  // namespace commesso::json
