#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/json/json_out.h"
#include "adapters/json/read_json.h"
#include "app/business.h"
#include "core/access.h"
#include "core/catalog.h"
#include "core/customer.h"
#include "core/order.h"
#include "core/pricing.h"
#include "core/result.h"

// The JSON form of the domain, shared by the HTTP API, the CLI and the SQLite order snapshot.
// Money is {"minor": 123450, "currency": "EUR"}; enums are their lower-case names; rates are
// {"ppm": 220000, "percent": "22"}; unrounded amounts are decimal strings of minor units
// ("unrounded_minor": "16.5") next to the exact fraction ("unrounded_exact": "33/2");
// instants are ISO 8601 UTC ("2026-11-28T10:00:00Z"). Absent optional values are omitted.
// Every reader is strict: it reports every problem at once with its field path, including
// unknown fields and wrong types, and never throws. docs/openapi.yaml documents the shapes.
namespace commesso::json {

using Json = nlohmann::json;

Json ToJson(Money money);
Json ToJson(const Address& address);
Json ToJson(const Item& item);              // Without the storage id: items are known by SKU.
Json ToJson(const Customer& customer);      // With "id": the API refers to customers by it.
Json ToJson(const Order& order);            // Everything, including the priced order.
Json ToJson(const ShippingMethod& method);  // Code, names and every zone's price list.
// {"date": "2026-12-03", "from": "09:00", "until": "12:00"}; from and until when given.
Json ToJson(const Appointment& appointment);

// What API clients see: ToJson without storage keys (the order's and the items' ids) and
// without the card processor's token. Not readable by OrderFromJson.
Json ToPublicJson(const PricedOrder& priced);
Json ToPublicJson(const Order& order);
// The order as `view` shows it: kFull is ToPublicJson(order); kDelivery keeps the shape of the
// fields it shows (number, revision, channel, status; customer name, company, phone and
// locale; shipping_address; lines with item sku, name, kind, unit, weight, category and
// location, quantity, backordered, appointment; shipping method, name and weight; payment
// type, with amount_due on cash on delivery; notes, clerk, placed_by, placed_at,
// promised_dispatch) and has no other.
Json ToPublicJson(const Order& order, OrderView view);

// The same texts written straight into `out`, without a tree, for the hot paths: a
// placement's stored snapshot and its answer, a quote, an order read. `extra`, when set,
// writes more members at the end of the object ("readback", "documents").
using Extra = std::function<void(JsonOut&)>;
std::string StoredText(const Order& order);  // Dump(ToJson(order)): the stored snapshot.
void WritePublic(JsonOut& out, const Order& order, OrderView view, const Extra& extra);
void WritePublic(JsonOut& out, const PricedOrder& priced, const Extra& extra);

// Readers. `currency` (for an item, the rules' currency) is the business currency, used when
// a money object omits "currency"; a money object naming another currency is a field error
// ("unit_price.currency": "must be EUR", or "unknown currency"). kInvalidInput with every problem.
// Names and addresses (a customer's name, company, address labels and addresses, a draft's
// addresses, an item's names) come out in Unicode NFC (nfc_text.h); core validation checks the
// rest.
Result<OrderDraft> DraftFromJson(const Json& json, Currency currency);
// An order request's body, read as ReadJson and DraftFromJson together would read it, with
// the same answers, but in most cases without a tree (fast_json.h): the reading's failure
// (400 or 422, as for any body), or the draft or its problems.
tl::expected<Result<OrderDraft>, ReadFailure> DraftFromText(std::string_view text,
                                                            Currency currency);
// An item is also checked as a catalog entry (ValidateItem) before its codes are made, so a
// refused item leaves no code behind (core/code.h).
Result<Item> ItemFromJson(const Json& json, const PricingRules& rules);
// Reads "id" and "phone_e164" too, so a fetched customer can be sent back; the API sets both.
Result<Customer> CustomerFromJson(const Json& json);
// The inverse of ToJson(Order), for stored snapshots; kInternal when it is not one.
Result<Order> OrderFromJson(const Json& json);

// Parses text by the reading policy (read_json.h). kInvalidInput with one field error: at path
// "" ("invalid JSON at byte 12: syntax error while parsing value - invalid literal") on
// malformed JSON, including invalid UTF-8; at the field's path when the JSON breaks a rule
// ("lines[0].quantity": "appears twice"). ReadJson tells the two apart.
Result<Json> Parse(std::string_view text);

// Serializes for the wire; invalid UTF-8 in a string (never produced by our readers) is
// replaced by U+FFFD instead of throwing.
std::string Dump(const Json& json);

}  // namespace commesso::json
