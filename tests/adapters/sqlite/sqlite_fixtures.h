#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "adapters/sqlite/database.h"
#include "adapters/sqlite/sqlite_catalog.h"
#include "adapters/sqlite/sqlite_customer_store.h"
#include "adapters/sqlite/sqlite_document_store.h"
#include "adapters/sqlite/sqlite_draft_store.h"
#include "adapters/sqlite/sqlite_order_store.h"
#include "core/catalog.h"
#include "core/customer.h"
#include "core/order.h"
#include "support/fixed_clock.h"
#include "support/temp_dir.h"

// Shared by the SQLite adapter's tests and the use-case tests that run on it.
namespace commesso::testing {

// A database file in a fresh temporary directory with the four stores on it; Reopen closes
// everything and opens the same file again, as a restarted server would.
class SqliteStores {
 public:
  explicit SqliteStores(int max_batch = 256) : max_batch_(max_batch) { Open(); }

  void Reopen() {
    Close();
    Open();
  }
  void Close() {
    drafts_.reset();
    documents_.reset();
    orders_.reset();
    customers_.reset();
    catalog_.reset();
    database_.reset();
  }

  const std::string& path() const { return path_; }
  sqlite::Database& database() { return *database_; }
  sqlite::SqliteCatalog& catalog() { return *catalog_; }
  sqlite::SqliteCustomerStore& customers() { return *customers_; }
  sqlite::SqliteOrderStore& orders() { return *orders_; }
  sqlite::SqliteDocumentStore& documents() { return *documents_; }
  // The seller on the documents the stores issue, and the clock invoices are dated by.
  const sqlite::DocumentSettings& document_settings() const { return document_settings_; }
  FixedClock& clock() { return clock_; }
  sqlite::SqliteDraftStore& drafts() { return *drafts_; }

 private:
  void Open() {
    auto database = sqlite::Database::Open({.path = path_, .max_batch = max_batch_});
    ASSERT_TRUE(database.has_value()) << database.error().message;
    database_ = *std::move(database);
    catalog_ = std::make_unique<sqlite::SqliteCatalog>(*database_);
    customers_ = std::make_unique<sqlite::SqliteCustomerStore>(*database_);
    orders_ = std::make_unique<sqlite::SqliteOrderStore>(*database_, document_settings_);
    documents_ =
        std::make_unique<sqlite::SqliteDocumentStore>(*database_, document_settings_, clock_);
    drafts_ = std::make_unique<sqlite::SqliteDraftStore>(*database_);
  }

  TempDir directory_;
  const std::string path_ = directory_.File("commesso.db");
  const int max_batch_;
  const sqlite::DocumentSettings document_settings_{
      .seller = {.name = "Cartoleria Rossi S.r.l.",
                 .address = {.name = "Cartoleria Rossi S.r.l.",
                             .company = "",
                             .line1 = "Via Giuseppe Mazzini 12",
                             .line2 = "",
                             .postal_code = "20123",
                             .city = "Milano",
                             .region = "MI",
                             .country = "IT"},
                 .tax_id = "IT01234567890",
                 .email = "ordini@example.com",
                 .phone = "+39 02 1234 5678"},
      .default_locale = "it"};
  FixedClock clock_;
  std::unique_ptr<sqlite::Database> database_;
  std::unique_ptr<sqlite::SqliteCatalog> catalog_;
  std::unique_ptr<sqlite::SqliteCustomerStore> customers_;
  std::unique_ptr<sqlite::SqliteOrderStore> orders_;
  std::unique_ptr<sqlite::SqliteDocumentStore> documents_;
  std::unique_ptr<sqlite::SqliteDraftStore> drafts_;
};

// The rows of `table` in the database at `path`, read on a connection of the test's own.
inline std::int64_t RowCount(const std::string& path, const std::string& table) {
  SQLite::Database database(path, SQLite::OPEN_READONLY);
  return database.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

// A fixed instant: 2026-11-28 10:00 UTC plus `minutes`.
// An Idempotency-Key as the stores get it, with a fingerprint standing for its request.
inline IdempotencyKey Key(std::string value, std::string fingerprint = "f") {
  return {.value = std::move(value), .fingerprint = std::move(fingerprint)};
}

inline Timestamp At(int minutes = 0) {
  return Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}} +
         std::chrono::hours{10} + std::chrono::minutes{minutes};
}

// One line of a hand-made order: `quantity` of `item`.
struct LineOf {
  Item item{};
  std::int64_t quantity = 1;
};

// A plainly priced order of `customer` (tax-exclusive, no tax, no shipping, paid on account),
// as PlaceOrder would hand it to the store, without needing the pricing rules.
inline Order OrderOf(const Customer& customer, const std::vector<LineOf>& lines,
                     Timestamp placed_at = At(), Channel channel = Channel::kApi) {
  Order order{.channel = channel,
              .customer = {.id = customer.id,
                           .name = customer.name,
                           .company = customer.company,
                           .tax_id = customer.tax_id,
                           .email = customer.email,
                           .phone = customer.phone,
                           .locale = customer.locale},
              .billing_address =
                  customer.addresses.empty() ? Address{} : customer.addresses.front().address,
              .notes = "",
              .clerk = "",
              .placed_at = placed_at};
  order.priced.currency = kEur;
  Money total(0, kEur);
  for (const LineOf& line : lines) {
    const Money amount = line.item.unit_price * line.quantity;
    order.priced.lines.push_back(PricedLine{.item = {.id = line.item.id,
                                                     .sku = line.item.sku,
                                                     .name = line.item.name,
                                                     .kind = line.item.kind,
                                                     .unit = line.item.unit,
                                                     .tax_category = line.item.tax_category,
                                                     .weight_grams = line.item.weight_grams},
                                            .quantity = line.quantity,
                                            .unit_price = line.item.unit_price,
                                            .amount = amount,
                                            .jurisdiction = "IT",
                                            .net = amount,
                                            .tax = Money(0, kEur)});
    total += amount;
  }
  order.priced.totals = Totals{.items = total,
                               .shipping = Money(0, kEur),
                               .net = total,
                               .tax = Money(0, kEur),
                               .grand_total = total,
                               .amount_due = total};
  return order;
}

}  // namespace commesso::testing
