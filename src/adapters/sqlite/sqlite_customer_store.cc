#include "adapters/sqlite/sqlite_customer_store.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sqlite/cursor.h"
#include "adapters/sqlite/idempotency.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/row_caches.h"
#include "adapters/sqlite/search_text.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"

namespace commesso::sqlite {
namespace {

#define COMMESSO_CUSTOMER_COLUMNS                                                          \
  "id, name, company, tax_id, email, phone, phone_e164, tax_exempt, exemption_reference, " \
  "locale"

Customer CustomerFrom(SQLite::Statement& row) {
  return Customer{.id = CustomerId{row.getColumn(0).getInt64()},
                  .name = row.getColumn(1).getString(),
                  .company = row.getColumn(2).getString(),
                  .tax_id = row.getColumn(3).getString(),
                  .email = row.getColumn(4).getString(),
                  .phone = row.getColumn(5).getString(),
                  .phone_e164 = row.getColumn(6).getString(),
                  .tax_exempt = row.getColumn(7).getInt() != 0,
                  .exemption_reference = row.getColumn(8).getString(),
                  .locale = row.getColumn(9).getString()};
}

std::vector<CustomerAddress> AddressesOf(Connection& connection, CustomerId id) {
  SQLite::Statement& rows = connection.Prepare(
      "SELECT label, name, company, line1, line2, postal_code, city, region, country, "
      "default_billing, default_shipping FROM customer_addresses WHERE customer_id = ? "
      "ORDER BY position");
  rows.bind(1, id.value);
  std::vector<CustomerAddress> addresses;
  while (rows.executeStep()) {
    addresses.push_back(CustomerAddress{.label = rows.getColumn(0).getString(),
                                        .address = {.name = rows.getColumn(1).getString(),
                                                    .company = rows.getColumn(2).getString(),
                                                    .line1 = rows.getColumn(3).getString(),
                                                    .line2 = rows.getColumn(4).getString(),
                                                    .postal_code = rows.getColumn(5).getString(),
                                                    .city = rows.getColumn(6).getString(),
                                                    .region = rows.getColumn(7).getString(),
                                                    .country = rows.getColumn(8).getString()},
                                        .default_billing = rows.getColumn(9).getInt() != 0,
                                        .default_shipping = rows.getColumn(10).getInt() != 0});
  }
  return addresses;
}

std::optional<Customer> FindIn(Connection& connection, CustomerId id) {
  SQLite::Statement& find =
      connection.Prepare("SELECT " COMMESSO_CUSTOMER_COLUMNS " FROM customers WHERE id = ?");
  find.bind(1, id.value);
  if (!find.executeStep()) return std::nullopt;
  Customer customer = CustomerFrom(find);
  customer.addresses = AddressesOf(connection, id);
  return customer;
}

// Binds the columns every write sets, ?1 to ?10 (?1 is the id, for updates).
void BindCustomer(SQLite::Statement& statement, const Customer& customer) {
  statement.bind(2, customer.name);
  statement.bind(3, customer.company);
  statement.bind(4, customer.tax_id);
  statement.bind(5, customer.email);
  statement.bind(6, customer.phone);
  statement.bind(7, customer.phone_e164);
  statement.bind(8, customer.tax_exempt ? 1 : 0);
  statement.bind(9, customer.exemption_reference);
  statement.bind(10, customer.locale);
}

void InsertAddresses(Connection& connection, CustomerId id,
                     const std::vector<CustomerAddress>& addresses) {
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO customer_addresses (customer_id, position, label, name, company, line1, "
      "line2, postal_code, city, region, country, default_billing, default_shipping) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  int position = 0;
  for (const CustomerAddress& saved : addresses) {
    insert.tryReset();
    insert.bind(1, id.value);
    insert.bind(2, position++);
    insert.bind(3, saved.label);
    insert.bind(4, saved.address.name);
    insert.bind(5, saved.address.company);
    insert.bind(6, saved.address.line1);
    insert.bind(7, saved.address.line2);
    insert.bind(8, saved.address.postal_code);
    insert.bind(9, saved.address.city);
    insert.bind(10, saved.address.region);
    insert.bind(11, saved.address.country);
    insert.bind(12, saved.default_billing ? 1 : 0);
    insert.bind(13, saved.default_shipping ? 1 : 0);
    insert.exec();
  }
}

Result<Customer> CreateIn(Connection& connection, const Customer& customer,
                          const IdempotencyKey& key, KeptAnswer<Customer>* answer) {
  auto earlier = FindKey(connection, KeyScope::kCustomers, key);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) {
    TellReplayed(answer, **earlier);
    std::optional<Customer> first = FindIn(connection, CustomerId{(*earlier)->resource_id});
    if (!first) return Fail(ErrorCode::kInternal, "An idempotency key refers to a lost customer.");
    return *std::move(first);
  }

  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO customers (name, company, tax_id, email, phone, phone_e164, tax_exempt, "
      "exemption_reference, locale, created_at, updated_at) "
      "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
  BindCustomer(insert, customer);
  insert.bind(11, NowMillis());
  insert.exec();

  Customer stored = customer;
  stored.id = CustomerId{connection.database().getLastInsertRowid()};
  InsertAddresses(connection, stored.id, stored.addresses);
  RecordKey(connection, KeyScope::kCustomers, key, stored.id.value, AnswerFor(answer, stored));
  return stored;
}

Result<Customer> UpdateIn(Connection& connection, const Customer& customer) {
  SQLite::Statement& update = connection.Prepare(
      "UPDATE customers SET name = ?2, company = ?3, tax_id = ?4, email = ?5, phone = ?6, "
      "phone_e164 = ?7, tax_exempt = ?8, exemption_reference = ?9, locale = ?10, "
      "updated_at = ?11 WHERE id = ?1");
  update.bind(1, customer.id.value);
  BindCustomer(update, customer);
  update.bind(11, NowMillis());
  if (update.exec() == 0) {
    return Fail(ErrorCode::kNotFound,
                "There is no customer with id " + std::to_string(customer.id.value) + ".");
  }
  SQLite::Statement& forget =
      connection.Prepare("DELETE FROM customer_addresses WHERE customer_id = ?");
  forget.bind(1, customer.id.value);
  forget.exec();
  InsertAddresses(connection, customer.id, customer.addresses);
  return customer;
}

Result<Page<Customer>> SearchIn(Connection& connection, const CustomerQuery& query, int limit,
                                const std::string& cursor) {
  std::optional<std::vector<std::string>> after;
  std::int64_t after_id = 0;
  if (!cursor.empty()) {
    after = DecodeCursor(cursor, 2);
    if (!after) return BadCursor();
    const std::optional<std::int64_t> id = CursorInteger((*after)[1]);
    if (!id) return BadCursor();
    after_id = *id;
  }
  const std::string match = PrefixQuery(query.name);
  if (!query.name.empty() && match.empty()) return Page<Customer>{};

  // At most 16 shapes of this statement, each prepared once per connection.
  std::string sql = "SELECT " COMMESSO_CUSTOMER_COLUMNS " FROM customers WHERE 1 = 1";
  if (!query.phone_e164.empty()) sql += " AND phone_e164 = :phone";
  if (!query.email.empty()) sql += " AND lower(email) = lower(:email)";
  if (!match.empty()) {
    sql += " AND id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH :match)";
  }
  if (after) {
    sql +=
        " AND (name > :after_name COLLATE NOCASE OR"
        " (name = :after_name COLLATE NOCASE AND id > :after_id))";
  }
  sql += " ORDER BY name COLLATE NOCASE, id LIMIT :count";

  SQLite::Statement& rows = connection.Prepare(sql);
  if (!query.phone_e164.empty()) rows.bind(":phone", query.phone_e164);
  if (!query.email.empty()) rows.bind(":email", query.email);
  if (!match.empty()) rows.bind(":match", match);
  if (after) {
    rows.bind(":after_name", (*after)[0]);
    rows.bind(":after_id", after_id);
  }
  rows.bind(":count", limit + 1);

  Page<Customer> page;
  while (rows.executeStep()) page.entries.push_back(CustomerFrom(rows));
  rows.reset();
  if (static_cast<int>(page.entries.size()) > limit) {
    page.entries.resize(static_cast<std::size_t>(limit));
    const Customer& last = page.entries.back();
    page.next_cursor = EncodeCursor({last.name, std::to_string(last.id.value)});
  }
  for (Customer& customer : page.entries) customer.addresses = AddressesOf(connection, customer.id);
  return page;
}

}  // namespace

Result<Customer> SqliteCustomerStore::Find(CustomerId id) const {
  RowCaches& caches = database_.caches();
  auto found =
      caches.Look(caches.customers(), database_.readers(), {id.value},
                  [](Connection& connection,
                     const std::vector<std::int64_t>& ids) -> Result<std::vector<Customer>> {
                    std::vector<Customer> customers;
                    for (std::int64_t each : ids) {
                      std::optional<Customer> customer = FindIn(connection, {each});
                      if (customer) customers.push_back(*std::move(customer));
                    }
                    return customers;
                  });
  if (!found) return Fail(found.error());
  if (found->empty()) {
    return Fail(ErrorCode::kNotFound,
                "There is no customer with id " + std::to_string(id.value) + ".");
  }
  return std::move(found->front());
}

Result<Customer> SqliteCustomerStore::Create(const Customer& customer, const IdempotencyKey& key,
                                             KeptAnswer<Customer>* answer) {
  return database_.writer().Write<Customer>(
      [&](Connection& connection) { return CreateIn(connection, customer, key, answer); });
}

Result<Customer> SqliteCustomerStore::Update(const Customer& customer) {
  return database_.writer().Write<Customer>(
      [&](Connection& connection) { return UpdateIn(connection, customer); });
}

Result<Page<Customer>> SqliteCustomerStore::Search(const CustomerQuery& query, int limit,
                                                   const std::string& cursor) const {
  return database_.readers().Read<Page<Customer>>([&](Connection& connection) {
    return SearchIn(connection, query, ClampLimit(limit), cursor);
  });
}

}  // namespace commesso::sqlite
