#include "adapters/sqlite/documents.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "adapters/json/document_json.h"
#include "adapters/json/domain_json.h"
#include "adapters/json/read_json.h"
#include "adapters/sqlite/values.h"

namespace commesso::sqlite {
namespace {

using Json = nlohmann::json;

// The next sequence of `series` in `year`, taken in the caller's transaction.
std::int64_t NextSequence(Connection& connection, const std::string& series, int year) {
  SQLite::Statement& next = connection.Prepare(
      "INSERT INTO document_counters (series, year, last_sequence) VALUES (?, ?, 1) "
      "ON CONFLICT (series, year) DO UPDATE SET last_sequence = last_sequence + 1 "
      "RETURNING last_sequence");
  next.bind(1, series);
  next.bind(2, year);
  next.executeStep();
  const std::int64_t sequence = next.getColumn(0).getInt64();
  next.reset();
  return sequence;
}

}  // namespace

std::string LocaleFor(const CustomerSnapshot& customer, const DocumentSettings& settings) {
  return DocumentLocale(customer.locale.empty() ? settings.default_locale : customer.locale);
}

const char* SeriesOf(DocumentKind kind) { return kind == DocumentKind::kInvoice ? "F" : "R"; }

Document IssueIn(Connection& connection, const Order& order,
                 std::optional<std::string_view> own_order_text, DocumentKind kind, int year,
                 Timestamp at, const DocumentSettings& settings) {
  Document document{.kind = kind,
                    .series = SeriesOf(kind),
                    .year = year,
                    .sequence = 0,
                    .number = "",
                    .issued_at = at,
                    .locale = LocaleFor(order.customer, settings),
                    .seller = settings.seller,
                    .order = order};
  document.sequence = NextSequence(connection, document.series, year);
  document.number = DocumentNumber(document.series, year, document.sequence);

  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO documents (order_id, kind, series, year, sequence, number, locale, snapshot, "
      "issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, order.id.value);
  insert.bind(2, Name(kind));
  insert.bind(3, document.series);
  insert.bind(4, year);
  insert.bind(5, document.sequence);
  insert.bind(6, document.number);
  insert.bind(7, document.locale);
  insert.bind(8, own_order_text ? json::DumpWithOrder(document, *own_order_text)
                                : json::DumpWithoutOrder(document));
  insert.bind(9, MillisOf(at));
  insert.exec();
  document.id = DocumentId{connection.database().getLastInsertRowid()};
  return document;
}

Result<Document> DocumentFrom(SQLite::Statement& row) {
  const std::int64_t id = row.getColumn(0).getInt64();
  const std::string number = row.getColumn(1).getString();
  auto snapshot = json::ReadJson(row.getColumn(2).getString());
  if (!snapshot) {
    return Fail(ErrorCode::kInternal, "The stored document " + number + " is not valid JSON.");
  }
  // Without an order of its own, the document's order is the order as placed (decision 0025).
  if (snapshot->is_object() && !snapshot->contains("order")) {
    auto order = json::ReadJson(row.getColumn(4).getString());
    if (!order) {
      return Fail(ErrorCode::kInternal,
                  "The order of the stored document " + number + " is not valid JSON.");
    }
    (*snapshot)["order"] = *std::move(order);
  }
  auto document = json::DocumentFromJson(*snapshot);
  if (!document) {
    return Fail(ErrorCode::kInternal,
                "The stored document " + number + " cannot be read: " + document.error().message);
  }
  document->id = DocumentId{id};
  document->order.id = OrderId{row.getColumn(3).getInt64()};
  return document;
}

}  // namespace commesso::sqlite
