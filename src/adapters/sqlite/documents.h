#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <SQLiteCpp/Statement.h>

#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/document_settings.h"
#include "core/document.h"
#include "core/order.h"
#include "core/result.h"

// Internal to this folder: issuing documents inside the caller's transaction, and reading them.
namespace commesso::sqlite {

// The document's language: the customer's ("it" or "en"), else the default (DocumentLocale).
std::string LocaleFor(const CustomerSnapshot& customer, const DocumentSettings& settings);

// The series of `kind`: "R" for receipts, "F" for invoices.
const char* SeriesOf(DocumentKind kind);

// Issues the document of `kind` for `order` (stored: with its id and number) in the caller's
// transaction on the write connection: the next sequence of the series in `year` (consecutive,
// no gap: a rolled-back transaction takes it back), the row, and the snapshot. The order is
// stored once: `own_order_text` is empty when `order` is the order as placed, whose snapshot
// (orders.snapshot, which never changes) the row's then points at instead of repeating it; else
// it is the order's JSON text (Dump(ToJson(order))), kept in the row. The order's id is the
// row's order_id. Returns the document with its id. Throws SQLite::Exception (a second document
// of one kind for an order is a constraint error).
Document IssueIn(Connection& connection, const Order& order,
                 std::optional<std::string_view> own_order_text, DocumentKind kind, int year,
                 Timestamp at, const DocumentSettings& settings);

// The columns DocumentFrom reads, first in every query of documents, and the tables they are
// read from: the document's row (`d`) and its order's (`o`).
inline constexpr const char* kDocumentColumns =
    "d.id, d.number, d.snapshot, d.order_id, o.snapshot";
inline constexpr const char* kDocumentTables =
    " FROM documents d JOIN orders o ON o.id = d.order_id";

// The document of a row whose first columns are kDocumentColumns, its order's id from the row
// and its order, unless the row keeps one of its own, the order's snapshot; kInternal when
// they do not make a valid document.
Result<Document> DocumentFrom(SQLite::Statement& row);

}  // namespace commesso::sqlite
