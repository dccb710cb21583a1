#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

// What the HTTP load generator's orders are made of, and how one is drawn so that the demo
// business accepts it: the parcel must fit a shipping method that serves the customer's
// country. Stock is the generator's other concern (it restocks through the API before the
// first level); this file only weighs. Pure: no sockets and no JSON, so
// bench/test/order_plan_test.cc can check it.
namespace commesso::bench {

// An active catalog item as the items API lists it.
struct PlanItem {
  std::string sku;
  std::int64_t weight_grams = 0;  // 0 for services.
};

// A shipping zone as GET /api/v1/shipping-methods lists it.
struct PlanZone {
  std::vector<std::string> countries;  // ISO 3166-1 codes, or "*" for every other country.
  std::int64_t max_grams = 0;          // The limit of the zone's heaviest bracket.
};

struct PlanMethod {
  std::string code;
  std::vector<PlanZone> zones;  // In the server's order.
};

struct PlanCustomer {
  std::int64_t id = 0;
  std::string country;  // Of the address the order ships to (the default shipping address).
};

struct OrderCatalog {
  std::vector<PlanItem> items;
  std::vector<PlanCustomer> customers;
  std::vector<PlanMethod> methods;  // In preference order: the first that takes a parcel wins.
};

struct PlannedLine {
  std::size_t item = 0;  // Index into OrderCatalog::items.
  std::int64_t quantity = 0;
};

struct PlannedOrder {
  std::size_t customer = 0;  // Index into OrderCatalog::customers.
  std::vector<PlannedLine> lines;
  std::size_t method = 0;  // Index into OrderCatalog::methods.
  std::int64_t weight_grams = 0;
};

// The heaviest parcel `method` takes to `country`, as the server decides it: the zone is the
// first one listing the country, else the first one listing "*"; nothing when neither exists
// (the method does not serve the country) or the zone has no bracket.
inline std::optional<std::int64_t> ParcelLimit(const PlanMethod& method,
                                               const std::string& country) {
  const auto lists = [](const PlanZone& zone, const std::string& code) {
    return std::find(zone.countries.begin(), zone.countries.end(), code) != zone.countries.end();
  };
  const PlanZone* chosen = nullptr;
  for (const PlanZone& zone : method.zones) {
    if (lists(zone, country)) {
      chosen = &zone;
      break;
    }
  }
  if (chosen == nullptr) {
    for (const PlanZone& zone : method.zones) {
      if (lists(zone, "*")) {
        chosen = &zone;
        break;
      }
    }
  }
  if (chosen == nullptr || chosen->max_grams <= 0) return std::nullopt;
  return chosen->max_grams;
}

// The parcel weight of `lines`: each item's weight times its quantity.
inline std::int64_t WeightOf(const OrderCatalog& catalog, const std::vector<PlannedLine>& lines) {
  std::int64_t grams = 0;
  for (const PlannedLine& line : lines)
    grams += catalog.items[line.item].weight_grams * line.quantity;
  return grams;
}

// `lines` for customer `customer`, made to fit: the first method (in catalog order) that
// serves the customer's country and takes the parcel. When none takes it, units of the
// heaviest goods come off until the parcel fits the method with the highest limit, and the
// first method that takes what is left is chosen. Nothing when no method serves the country
// or no line is left.
inline std::optional<PlannedOrder> FitOrder(const OrderCatalog& catalog, std::size_t customer,
                                            std::vector<PlannedLine> lines) {
  const std::string& country = catalog.customers[customer].country;
  const auto first_taking = [&](std::int64_t grams) -> std::optional<std::size_t> {
    for (std::size_t m = 0; m < catalog.methods.size(); ++m) {
      const auto limit = ParcelLimit(catalog.methods[m], country);
      if (limit && grams <= *limit) return m;
    }
    return std::nullopt;
  };
  std::int64_t grams = WeightOf(catalog, lines);
  if (!first_taking(grams)) {
    std::optional<std::int64_t> highest;
    for (const PlanMethod& method : catalog.methods) {
      const auto limit = ParcelLimit(method, country);
      if (limit && (!highest || *limit > *highest)) highest = limit;
    }
    if (!highest) return std::nullopt;
    std::vector<PlannedLine*> heaviest_first;
    for (PlannedLine& line : lines) heaviest_first.push_back(&line);
    std::stable_sort(heaviest_first.begin(), heaviest_first.end(),
                     [&](const PlannedLine* a, const PlannedLine* b) {
                       return catalog.items[a->item].weight_grams >
                              catalog.items[b->item].weight_grams;
                     });
    for (PlannedLine* line : heaviest_first) {
      const std::int64_t unit = catalog.items[line->item].weight_grams;
      if (grams <= *highest || unit <= 0) break;
      const std::int64_t off = std::min(line->quantity, (grams - *highest + unit - 1) / unit);
      line->quantity -= off;
      grams -= off * unit;
    }
    std::erase_if(lines, [](const PlannedLine& line) { return line.quantity <= 0; });
  }
  const auto method = first_taking(grams);
  if (lines.empty() || !method) return std::nullopt;
  return PlannedOrder{
      .customer = customer, .lines = std::move(lines), .method = *method, .weight_grams = grams};
}

// A random order of the kind a web shop sends: a random customer and 1..10 distinct random
// items (fewer when the catalog is smaller) with quantities 1..5, made to fit by FitOrder.
// Draws again, at most 100 times, when nothing fits; nothing after that.
inline std::optional<PlannedOrder> RandomOrder(const OrderCatalog& catalog,
                                               std::mt19937_64& random) {
  if (catalog.items.empty() || catalog.customers.empty()) return std::nullopt;
  std::uniform_int_distribution<std::size_t> pick_customer(0, catalog.customers.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_item(0, catalog.items.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_count(
      1, std::min<std::size_t>(10, catalog.items.size()));
  std::uniform_int_distribution<std::int64_t> pick_quantity(1, 5);
  for (int draw = 0; draw < 100; ++draw) {
    const std::size_t customer = pick_customer(random);
    const std::size_t count = pick_count(random);
    std::vector<PlannedLine> lines;
    // Rejection sampling ends quickly: at most 10 of at least `count` items; bounded anyway.
    for (int attempt = 0; lines.size() < count && attempt < 1000; ++attempt) {
      const std::size_t item = pick_item(random);
      const bool taken = std::any_of(lines.begin(), lines.end(),
                                     [&](const PlannedLine& line) { return line.item == item; });
      if (!taken) lines.push_back({.item = item, .quantity = pick_quantity(random)});
    }
    auto fitted = FitOrder(catalog, customer, std::move(lines));
    if (fitted) return fitted;
  }
  return std::nullopt;
}

}  // namespace commesso::bench
