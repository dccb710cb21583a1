#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "adapters/clock/date_zone_rules.h"
#include "adapters/payments/test_card_processor.h"
#include "adapters/sqlite/sqlite_fixtures.h"
#include "app/business.h"
#include "app/place_order.h"
#include "app/quote_order.h"
#include "support/fixed_clock.h"
#include "support/pricing_fixtures.h"

namespace commesso::testing {

// The use cases over the real SQLite adapter in a temporary directory, with Italian rules, a
// fixed clock (2026-11-28 10:00 UTC), customer 1 in Milano and a small catalog: PEN (1.50,
// 500 g), BOOK (12.00, super-reduced VAT, 400 g), SETUP (a 45.00 service) and LAST (a good
// with 1 in stock that refuses backorders). Card payments go to the test card processor
// (visa ending 4242). Fulfillment is the default single warehouse in Europe/Rome with a 14:00
// cut-off, so an order placed at the fixed Saturday instant waits for Monday's 14:00 release
// (still cancellable, decision 0022) and is promised for Monday 30 November 2026.
class UseCaseTest : public ::testing::Test {
 protected:
  UseCaseTest() {
    business_.rules = ItalianRules();
    business_.fulfillment.departments[0].release = {.kind = ReleaseKind::kCutOff};
    const auto customer = stores_.customers().Create(
        CustomerIn("IT"), {.value = "customer", .fingerprint = ""}, nullptr);
    EXPECT_EQ(customer.value().id, CustomerId{1});
    AddItem(Good("PEN", 150));
    AddItem(Good("BOOK", 1200, "super_reduced", 400));
    AddItem(Service("SETUP", 4500));
    Item last = Good("LAST", 2000);
    last.track_stock = true;
    last.stock_on_hand = 1;
    AddItem(last);
  }

  void AddItem(const Item& item) {
    auto created =
        stores_.catalog().Create(item, {.value = "item " + item.sku, .fingerprint = ""}, nullptr);
    EXPECT_TRUE(created.has_value());
  }

  IdempotencyKey Key(std::string value, std::string fingerprint = "f") {
    return {.value = std::move(value), .fingerprint = std::move(fingerprint)};
  }

  SqliteStores stores_;
  FixedClock clock_;
  Business business_;
  QuoteOrder quote_{stores_.customers(), stores_.catalog(), business_};
  TestCardProcessor cards_{clock_};
  std::unique_ptr<DateZoneDirectory> zones_ = DateZoneDirectory::Load({"Europe/Rome"}).value();
  PlaceOrder place_{quote_, stores_.orders(), cards_, clock_, business_.fulfillment, *zones_};
};

}  // namespace commesso::testing
