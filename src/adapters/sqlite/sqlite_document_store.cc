#include "adapters/sqlite/sqlite_document_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/json/domain_json.h"
#include "adapters/sqlite/documents.h"
#include "adapters/sqlite/order_rows.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/write_queue.h"

namespace commesso::sqlite {
namespace {

Result<std::vector<Document>> DocumentsOf(Connection& connection, std::int64_t order_id) {
  SQLite::Statement& rows =
      connection.Prepare(std::string("SELECT ") + kDocumentColumns + kDocumentTables +
                         " WHERE d.order_id = ? ORDER BY d.id");
  rows.bind(1, order_id);
  std::vector<Document> documents;
  while (rows.executeStep()) {
    auto document = DocumentFrom(rows);
    if (!document) return Fail(document.error());
    documents.push_back(*std::move(document));
  }
  return documents;
}

// The id of the order `number`; kNotFound when there is none.
Result<std::int64_t> OrderIdOf(Connection& connection, const OrderNumber& number) {
  SQLite::Statement& find = connection.Prepare("SELECT id FROM orders WHERE number = ?");
  find.bind(1, number.value);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kNotFound, "There is no order " + number.value + ".");
  }
  const std::int64_t id = find.getColumn(0).getInt64();
  find.reset();
  return id;
}

// The order's document of `kind`, if one was issued.
Result<std::optional<Document>> DocumentOfKind(Connection& connection, std::int64_t order_id,
                                               DocumentKind kind) {
  SQLite::Statement& find =
      connection.Prepare(std::string("SELECT ") + kDocumentColumns + kDocumentTables +
                         " WHERE d.order_id = ? AND d.kind = ?");
  find.bind(1, order_id);
  find.bind(2, Name(kind));
  if (!find.executeStep()) return std::optional<Document>{};
  auto document = DocumentFrom(find);
  find.reset();
  if (!document) return Fail(document.error());
  return std::optional<Document>{*std::move(document)};
}

Result<Document> IssueInvoiceIn(Connection& connection, const OrderNumber& number, Timestamp at,
                                int year, const DocumentSettings& settings) {
  SQLite::Statement& find =
      connection.Prepare(std::string("SELECT ") + kOrderColumns + " FROM orders WHERE number = ?");
  find.bind(1, number.value);
  if (!find.executeStep()) {
    return Fail(ErrorCode::kNotFound, "There is no order " + number.value + ".");
  }
  auto order = OrderFrom(find);
  // The order as placed, which a document need not repeat (decision 0025).
  auto as_placed = OrderFrom(find, OrderState::kAsPlaced);
  find.reset();
  if (!order) return Fail(order.error());
  if (!as_placed) return Fail(as_placed.error());

  auto earlier = DocumentOfKind(connection, order->id.value, DocumentKind::kInvoice);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) return **std::move(earlier);

  if (order->customer.tax_id.empty()) {
    return Fail({ErrorCode::kInvalidInput,
                 "An invoice needs the customer's tax id; this order's customer has none.",
                 {{"customer.tax_id", "is required for an invoice"}}});
  }
  std::optional<std::string> own_text;
  if (*order != *as_placed) own_text = json::StoredText(*order);
  return IssueIn(connection, *order, own_text, DocumentKind::kInvoice, year, at, settings);
}

}  // namespace

Result<std::vector<Document>> SqliteDocumentStore::ForOrder(const OrderNumber& number) const {
  return database_.readers().Read<std::vector<Document>>(
      [&](Connection& connection) -> Result<std::vector<Document>> {
        auto id = OrderIdOf(connection, number);
        if (!id) return Fail(id.error());
        return DocumentsOf(connection, *id);
      });
}

Result<std::vector<Document>> SqliteDocumentStore::ForOrder(OrderId id) const {
  return database_.readers().Read<std::vector<Document>>(
      [&](Connection& connection) -> Result<std::vector<Document>> {
        SQLite::Statement& find = connection.Prepare("SELECT 1 FROM orders WHERE id = ?");
        find.bind(1, id.value);
        if (!find.executeStep()) {
          return Fail(ErrorCode::kNotFound, "There is no such order.");
        }
        find.reset();
        return DocumentsOf(connection, id.value);
      });
}

Result<Document> SqliteDocumentStore::Find(const std::string& number) const {
  return database_.readers().Read<Document>([&](Connection& connection) -> Result<Document> {
    SQLite::Statement& find = connection.Prepare(std::string("SELECT ") + kDocumentColumns +
                                                 kDocumentTables + " WHERE d.number = ?");
    find.bind(1, number);
    if (!find.executeStep()) {
      return Fail(ErrorCode::kNotFound, "There is no document " + number + ".");
    }
    return DocumentFrom(find);
  });
}

Result<Document> SqliteDocumentStore::IssueInvoice(const OrderNumber& number, Timestamp at) {
  const int year = static_cast<int>(clock_.BusinessDay(at).year());
  return database_.writer().Write<Document>([&](Connection& connection) {
    return IssueInvoiceIn(connection, number, at, year, settings_);
  });
}

}  // namespace commesso::sqlite
