#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/ports/handoff.h"
#include "app/ports/page.h"
#include "core/ids.h"
#include "core/order.h"
#include "core/order_history.h"
#include "core/result.h"

namespace commesso {

// What the store says about a placement.
struct StoredPlacement {
  Order order{};          // As stored: with id, number and per-line backorders.
  bool replayed = false;  // The key had been used for this same request before.
};

// What the store says about a confirmation.
struct StoredConfirmation {
  Confirmation confirmation{};
  bool replayed = false;  // The key had been used for this same request before.
};

// Filters for listing orders. Empty fields do not filter; dates are business days, inclusive.
struct OrderQuery {
  std::optional<Channel> channel{};
  std::optional<OrderStatus> status{};
  std::optional<CustomerId> customer_id{};
  std::optional<Timestamp> placed_from{};   // Inclusive.
  std::optional<Timestamp> placed_until{};  // Exclusive.
};

// Durable orders. Thread-safe.
class OrderStore {
 public:
  virtual ~OrderStore() = default;

  // Writes the order, its lines, payment, the stock reservations, `key`, the receipt.due and
  // fulfillment.due events and the "placed" history event in one transaction, numbering the
  // order within `business_year`, and returns once it is durable. With a `handoff`, the same
  // transaction also does what those events ask: it creates the planned tasks and holds,
  // queues the receipt's e-mail and fans the order's public events out to the webhook
  // subscriptions, so a placement is one write; without one they
  // are left to the scheduler and the mailer. The saved entry whose placement key is `key`
  // (EntryDraft) is deleted in the same transaction. A tracked good short of stock is
  // backordered or, when its policy refuses, the whole order is kRejected with one field
  // error per short line ("lines[1].quantity": "only 3 in stock"). Keys are the principal's:
  // only a draft the key's principal owns is deleted. Placing again with the same `key`
  // returns the first order as placed (replayed), with the status and revision it was placed
  // with, whatever they are now; kInvalidInput (field "Idempotency-Key") when the key came
  // with a different request.
  virtual Result<StoredPlacement> Place(const Order& order, const IdempotencyKey& key,
                                        int business_year,
                                        const std::optional<Handoff>& handoff) = 0;

  // What PlaceAsync calls with Place's result.
  using Placed = std::function<void(Result<StoredPlacement>)>;

  // Place without waiting: `then` gets what Place would return, once, when the placement is
  // durable or has failed, on a thread of the store's (where it must not block: it hands the
  // result on) or on the caller's. This default waits for Place on the caller's thread.
  virtual void PlaceAsync(Order order, IdempotencyKey key, int business_year,
                          std::optional<Handoff> handoff, Placed then) {
    then(Place(order, key, business_year, handoff));
  }

  // Place without a handoff.
  Result<StoredPlacement> Place(const Order& order, const IdempotencyKey& key, int business_year) {
    return Place(order, key, business_year, std::nullopt);
  }

  // The order placed with `key` (of its principal), as placed, if any. kInvalidInput (field
  // "Idempotency-Key") when the key was used with a different request.
  virtual Result<std::optional<Order>> FindByKey(const IdempotencyKey& key) const = 0;

  // kNotFound when there is no such order.
  virtual Result<Order> FindByNumber(const OrderNumber& number) const = 0;

  // Newest first.
  virtual Result<Page<Order>> List(const OrderQuery& query, int limit,
                                   const std::string& cursor) const = 0;

  // Records `confirmation` of the order `number` and its "confirmed" history event in one
  // transaction, after checking there that its revision is the order's current one
  // (CanConfirm: kConflict on field "revision" otherwise). kNotFound when there is no such
  // order. Confirming again with the same `key` (of the same principal) returns the first
  // confirmation (replayed); kInvalidInput (field "Idempotency-Key") when the key came with a
  // different request.
  virtual Result<StoredConfirmation> Confirm(const OrderNumber& number,
                                             const Confirmation& confirmation,
                                             const IdempotencyKey& key) = 0;

  // The confirmations of the order `number`, oldest first; kNotFound when there is no order.
  virtual Result<std::vector<Confirmation>> Confirmations(const OrderNumber& number) const = 0;

  // The history of the order `number`, oldest first; kNotFound when there is no order.
  virtual Result<std::vector<OrderEvent>> History(const OrderNumber& number) const = 0;
};

}  // namespace commesso
