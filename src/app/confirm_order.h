#pragma once

#include <cstdint>
#include <string>

#include "app/ports/clock.h"
#include "app/ports/order_store.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso {

// What the caller says when the customer has confirmed the read-back.
struct ConfirmationRequest {
  std::int64_t revision = 0;  // The revision that was read back.
  std::string by{};           // Who took the confirmation; empty: the principal.
  std::string principal{};    // The authenticated caller.
};

// Records that the customer confirmed the read-back of an order: who, when (the Clock) and
// which revision, which must be the order's current one. Thread-safe.
class ConfirmOrder {
 public:
  ConfirmOrder(OrderStore& orders, const Clock& clock) : orders_(orders), clock_(clock) {}

  // The stored confirmation once durable. kInvalidInput (field "revision" or "by") for a
  // request that cannot be one; kNotFound when there is no order `number`; kConflict (field
  // "revision") when the order is at another revision. A replay of `key` returns the first
  // confirmation.
  Result<StoredConfirmation> Run(const OrderNumber& number, const ConfirmationRequest& request,
                                 const IdempotencyKey& key) const;

 private:
  OrderStore& orders_;
  const Clock& clock_;
};

}  // namespace commesso
