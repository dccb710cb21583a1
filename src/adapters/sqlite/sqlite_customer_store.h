#pragma once

#include <string>

#include "adapters/sqlite/database.h"
#include "app/ports/customer_store.h"

namespace commesso::sqlite {

// The CustomerStore port on SQLite. Writes go through the database's single writer and return
// once durable; reads use reader connections. Search matches phone_e164 exactly, the e-mail
// address case-insensitively (ASCII) and name words by prefix in the name or company, accents
// ignored; results are sorted by name. Borrows `database`, which must outlive it. Thread-safe.
class SqliteCustomerStore final : public CustomerStore {
 public:
  explicit SqliteCustomerStore(Database& database) : database_(database) {}

  Result<Customer> Find(CustomerId id) const override;
  Result<Customer> Create(const Customer& customer, const IdempotencyKey& key,
                          KeptAnswer<Customer>* answer) override;
  Result<Customer> Update(const Customer& customer) override;
  Result<Page<Customer>> Search(const CustomerQuery& query, int limit,
                                const std::string& cursor) const override;

 private:
  Database& database_;
};

}  // namespace commesso::sqlite
