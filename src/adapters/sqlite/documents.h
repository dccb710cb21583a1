#pragma once

#include <cstdint>
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
// no gap: a rolled-back transaction takes it back), the row, and the snapshot. `order_text` is
// the order's JSON text (the orders table's snapshot, or Dump(ToJson(order))); the order's id
// is the row's order_id. Returns the document with its id. Throws SQLite::Exception (a second
// document of one kind for an order is a constraint error).
Document IssueIn(Connection& connection, const Order& order, std::string_view order_text,
                 DocumentKind kind, int year, Timestamp at, const DocumentSettings& settings);

// The columns DocumentFrom reads, first in every query of documents.
inline constexpr const char* kDocumentColumns = "id, number, snapshot, order_id";

// The document of a row whose first columns are kDocumentColumns, its order's id from the row;
// kInternal when its snapshot is not a valid document.
Result<Document> DocumentFrom(SQLite::Statement& row);

}  // namespace commesso::sqlite
