#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/document.h"
#include "core/result.h"

// The JSON form of issued documents: the snapshot the SQLite store keeps and the API's answer.
// {"kind": "receipt", "series": "R", "year": 2026, "sequence": 1, "number": "R-2026-000001",
//  "issued_at": "2026-11-28T10:00:00Z", "locale": "it", "seller": {...}, "order": {...}}, the
// order in the form of domain_json.h. The storage key (`id`) is never in it.
namespace commesso::json {

// Everything of the document, the order as ToJson(Order): readable by DocumentFromJson.
nlohmann::json ToJson(const Document& document);

// The text of ToJson(document) with `order_text` as its order: the order's JSON already
// serialized (Dump(ToJson(document.order)), or the store's own snapshot of it), spliced in
// rather than serialized again.
std::string DumpWithOrder(const Document& document, std::string_view order_text);

// The text of ToJson(document) without its "order": the SQLite store keeps this for a document
// whose order is the order's own stored snapshot, and puts that back before DocumentFromJson.
std::string DumpWithoutOrder(const Document& document);

// What API clients see: the order as ToPublicJson(Order). Not readable by DocumentFromJson.
nlohmann::json ToPublicJson(const Document& document);

// The line of an order's "documents" list: {"kind", "number", "issued_at"}.
nlohmann::json ToSummaryJson(const Document& document);

// The inverse of ToJson(Document), for stored snapshots; kInternal (naming the first problem)
// when it is not one. The id is left at zero: the store sets it.
Result<Document> DocumentFromJson(const nlohmann::json& json);

}  // namespace commesso::json
