#include "order_plan.h"

#include <set>

#include <gtest/gtest.h>

namespace commesso::bench {
namespace {

// The demo's methods (config/demo.toml), heaviest brackets only.
OrderCatalog DemoLike() {
  OrderCatalog catalog;
  catalog.items = {
      {.sku = "PENNA", .weight_grams = 20},
      {.sku = "CARTA-A4-80-SCATOLA", .weight_grams = 12'700},
      {.sku = "CARTA-A4-80-BANCALE", .weight_grams = 620'000},
      {.sku = "SETUP", .weight_grams = 0},
      {.sku = "ACQUA-6X15", .weight_grams = 9'300},
  };
  catalog.customers = {{.id = 1, .country = "IT"}, {.id = 2, .country = "DE"}};
  catalog.methods = {
      {.code = "standard",
       .zones = {{.countries = {"IT", "SM", "VA"}, .max_grams = 30'000},
                 {.countries = {"*"}, .max_grams = 30'000}}},
      {.code = "express", .zones = {{.countries = {"IT", "SM", "VA"}, .max_grams = 30'000}}},
      {.code = "freight", .zones = {{.countries = {"IT"}, .max_grams = 1'000'000}}},
  };
  return catalog;
}

constexpr std::size_t kItaly = 0;
constexpr std::size_t kGermany = 1;
constexpr std::size_t kStandard = 0;
constexpr std::size_t kFreight = 2;

TEST(ParcelLimit, TheZoneListingTheCountryComesBeforeTheStar) {
  const PlanMethod method{.code = "m",
                          .zones = {{.countries = {"*"}, .max_grams = 2'000},
                                    {.countries = {"IT"}, .max_grams = 30'000}}};
  EXPECT_EQ(ParcelLimit(method, "IT"), 30'000);
  EXPECT_EQ(ParcelLimit(method, "DE"), 2'000);
}

TEST(ParcelLimit, NothingWhenNoZoneServesTheCountry) {
  const PlanMethod method{.code = "m", .zones = {{.countries = {"IT"}, .max_grams = 30'000}}};
  EXPECT_EQ(ParcelLimit(method, "DE"), std::nullopt);
}

TEST(FitOrder, ALightParcelTakesTheFirstMethod) {
  const auto order = FitOrder(DemoLike(), kItaly, {{.item = 0, .quantity = 5}});
  ASSERT_TRUE(order);
  EXPECT_EQ(order->method, kStandard);
  EXPECT_EQ(order->weight_grams, 100);
  ASSERT_EQ(order->lines.size(), 1U);
  EXPECT_EQ(order->lines[0].quantity, 5);
}

TEST(FitOrder, AParcelTooHeavyForTheCourierGoesByFreightWhereFreightServes) {
  // 3 boxes of paper: 38.1 kg, over the couriers' 30 kg; freight takes 1 t in Italy.
  const auto order =
      FitOrder(DemoLike(), kItaly, {{.item = 1, .quantity = 3}, {.item = 0, .quantity = 1}});
  ASSERT_TRUE(order);
  EXPECT_EQ(order->method, kFreight);
  EXPECT_EQ(order->weight_grams, 38'120);
  EXPECT_EQ(order->lines.size(), 2U);
}

TEST(FitOrder, WithoutFreightTheHeaviestUnitsComeOffUntilTheCourierTakesIt) {
  // To Germany only the standard courier goes: 3 boxes of paper (38.1 kg) + a pack of water
  // (9.3 kg) = 47.4 kg; two boxes come off, the water stays.
  const auto order =
      FitOrder(DemoLike(), kGermany, {{.item = 4, .quantity = 1}, {.item = 1, .quantity = 3}});
  ASSERT_TRUE(order);
  EXPECT_EQ(order->method, kStandard);
  EXPECT_EQ(order->weight_grams, 9'300 + 12'700);
  ASSERT_EQ(order->lines.size(), 2U);
  EXPECT_EQ(order->lines[0].quantity, 1);
  EXPECT_EQ(order->lines[1].quantity, 1);
}

TEST(FitOrder, AnItemHeavierThanEveryLimitIsDropped) {
  const auto order =
      FitOrder(DemoLike(), kGermany, {{.item = 2, .quantity = 1}, {.item = 3, .quantity = 2}});
  ASSERT_TRUE(order);
  ASSERT_EQ(order->lines.size(), 1U);
  EXPECT_EQ(order->lines[0].item, 3U);
  EXPECT_EQ(order->method, kStandard);
}

TEST(FitOrder, NothingWhenNoLineIsLeft) {
  EXPECT_EQ(FitOrder(DemoLike(), kGermany, {{.item = 2, .quantity = 2}}), std::nullopt);
}

TEST(FitOrder, NothingWhenNoMethodServesTheCountry) {
  OrderCatalog catalog = DemoLike();
  catalog.methods.erase(catalog.methods.begin());  // Only express and freight: Italy only.
  EXPECT_EQ(FitOrder(catalog, kGermany, {{.item = 0, .quantity = 1}}), std::nullopt);
}

TEST(RandomOrder, EveryDrawFitsTheMethodItNames) {
  const OrderCatalog catalog = DemoLike();
  std::mt19937_64 random(42);
  std::set<std::size_t> methods_seen;
  for (int draw = 0; draw < 2000; ++draw) {
    const auto order = RandomOrder(catalog, random);
    ASSERT_TRUE(order);
    const PlanCustomer& customer = catalog.customers[order->customer];
    const auto limit = ParcelLimit(catalog.methods[order->method], customer.country);
    ASSERT_TRUE(limit);
    EXPECT_LE(order->weight_grams, *limit);
    EXPECT_EQ(order->weight_grams, WeightOf(catalog, order->lines));
    ASSERT_FALSE(order->lines.empty());
    EXPECT_LE(order->lines.size(), catalog.items.size());
    std::set<std::size_t> items;
    for (const PlannedLine& line : order->lines) {
      EXPECT_TRUE(line.quantity >= 1 && line.quantity <= 5) << line.quantity;
      EXPECT_TRUE(items.insert(line.item).second) << "item " << line.item << " twice";
    }
    methods_seen.insert(order->method);
  }
  // Light parcels go by courier, heavy Italian ones by freight.
  EXPECT_EQ(methods_seen, (std::set<std::size_t>{kStandard, kFreight}));
}

}  // namespace
}  // namespace commesso::bench
