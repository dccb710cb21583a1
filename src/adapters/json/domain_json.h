#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/business.h"
#include "core/catalog.h"
#include "core/customer.h"
#include "core/order.h"
#include "core/result.h"

// The JSON form of the domain, shared by the HTTP API, the CLI and the SQLite order snapshot.
// Money is {"minor": 123450, "currency": "EUR"}; enums are their lower-case names; rates are
// {"ppm": 220000, "percent": "22"}; unrounded amounts are decimal strings of minor units.
// Every reader is strict: it reports every problem at once with its field path (prefixed by
// `path`), including unknown fields and wrong types, and never throws.
namespace commesso::json {

using Json = nlohmann::json;

Json ToJson(Money money);
Json ToJson(const Address& address);
Json ToJson(const Item& item);
Json ToJson(const Customer& customer);
Json ToJson(const PricedOrder& priced);  // Lines, shipping, tax summary, totals and trace.
Json ToJson(const Order& order);         // Everything, including the priced order.

// Readers. `currency` is the business currency, used when a money object omits "currency".
Result<OrderDraft> DraftFromJson(const Json& json, Currency currency);
Result<Item> ItemFromJson(const Json& json, Currency currency);
Result<Customer> CustomerFromJson(const Json& json);
// The inverse of ToJson(Order), for stored snapshots; kInternal when it is not one.
Result<Order> OrderFromJson(const Json& json);

}  // namespace commesso::json
