#pragma once

#include <string>

#include "app/ports/kept_answer.h"
#include "app/ports/page.h"
#include "core/customer.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso {

// Ways to look a customer up. Fields left empty do not filter.
struct CustomerQuery {
  std::string phone_e164;  // Exact normalized phone.
  std::string email;       // Exact, case-insensitive.
  std::string name;        // Words that start words of the name or company.
};

// The business's customers. Thread-safe.
class CustomerStore {
 public:
  virtual ~CustomerStore() = default;

  // kNotFound when there is no customer with `id`.
  virtual Result<Customer> Find(CustomerId id) const = 0;

  // Adds `customer` (its id is ignored) with its addresses and records `key`, with the answer
  // `answer` renders from the customer as stored (null: none kept), in the same transaction;
  // returns it with its id. A replay of `key` (of the same principal) returns the customer
  // created first as it is now and hands `answer` what was kept; kInvalidInput (field
  // "Idempotency-Key") when the key came with another request.
  virtual Result<Customer> Create(const Customer& customer, const IdempotencyKey& key,
                                  KeptAnswer<Customer>* answer) = 0;

  // Replaces the customer with `customer.id` and all its addresses; kNotFound when absent.
  virtual Result<Customer> Update(const Customer& customer) = 0;

  virtual Result<Page<Customer>> Search(const CustomerQuery& query, int limit,
                                        const std::string& cursor) const = 0;
};

}  // namespace commesso
