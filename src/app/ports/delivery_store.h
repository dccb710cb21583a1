#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ports/kept_answer.h"
#include "core/ids.h"
#include "core/receipt_delivery.h"
#include "core/result.h"

namespace commesso {

// A `receipt.due` event of the outbox, written when an order was placed.
struct DueReceipt {
  std::int64_t event_id = 0;
  OrderNumber order{};
  int attempts = 0;  // Times it was postponed.
  friend bool operator==(const DueReceipt&, const DueReceipt&) = default;
};

// A delivery to create.
struct DeliveryRequest {
  OrderNumber order{};
  std::string document_number{};
  std::string to{};
  std::string requested_by{};
  Timestamp requested_at{};
  // Set to record the delivery as failed at once, with this reason, and send nothing (the
  // customer has no usable address).
  std::optional<std::string> refusal{};
};

// The receipt e-mails: the outbox's `receipt.due` events turned into deliveries, their state,
// and the re-sends clerks ask for. Thread-safe.
class DeliveryStore {
 public:
  virtual ~DeliveryStore() = default;

  // Undelivered `receipt.due` events in the order they were written (so in the order of the
  // order numbers): the new ones, and those postponed whose time has come at `now`.
  virtual Result<std::vector<DueReceipt>> PendingReceipts(Timestamp now, int limit) const = 0;

  // In one transaction: creates the delivery for `event` (queued, due at once; or failed with
  // request.refusal; or withdrawn when the order was cancelled meanwhile) and marks the event
  // delivered. Taking an event already delivered returns the delivery made from it then.
  // kNotFound when the order does not exist.
  virtual Result<ReceiptDelivery> Take(const DueReceipt& event, const DeliveryRequest& request) = 0;

  // Leaves `event` undelivered until `until`, with `error` as the reason.
  virtual Result<void> Postpone(const DueReceipt& event, Timestamp until,
                                const std::string& error) = 0;

  // Creates a delivery a clerk asked for (queued, due at once) and records `key`, with the
  // answer `answer` renders from the delivery as stored (null: none kept), in the same
  // transaction. Asking again with the same `key` (of the same principal) returns the first
  // delivery as it is now and hands `answer` what was kept; kInvalidInput (field
  // "Idempotency-Key") for a key used with another request; kNotFound when the order does not
  // exist; kConflict (field "state") when the order was cancelled. The second member says
  // whether it was a replay.
  virtual Result<std::pair<ReceiptDelivery, bool>> Request(const DeliveryRequest& request,
                                                           const IdempotencyKey& key,
                                                           KeptAnswer<ReceiptDelivery>* answer) = 0;

  // Queued deliveries whose next attempt is due at `now`, oldest first (by creation).
  virtual Result<std::vector<ReceiptDelivery>> Due(Timestamp now, int limit) const = 0;

  // Takes the deliveries `ids` (a round's batch) for an attempt at `now`, in one transaction
  // that looks at their orders, and returns them as stored, in the order given: an attempt may
  // go ahead only for one still queued. A receipt whose order was cancelled meanwhile is
  // withdrawn here (and returned so), so the receipt of an order cancelled before it went out
  // is never sent. kNotFound (nothing taken) when one does not exist. No write for no ids.
  virtual Result<std::vector<ReceiptDelivery>> Claim(const std::vector<DeliveryId>& ids,
                                                     Timestamp now) = 0;

  // Every delivery of the order's receipts, oldest first; kNotFound when there is no order.
  virtual Result<std::vector<ReceiptDelivery>> ForOrder(const OrderNumber& number) const = 0;

  // Stores what the attempts of a round changed, in one transaction (none for no deliveries):
  // state, attempts, next attempt, server reply, error, message id, updated_at and sent_at. A
  // delivery withdrawn while it was being sent stays withdrawn, unless the server accepted it:
  // then it is `sent` after all and, its order being cancelled, a cancellation notice is
  // queued to its address. kNotFound (nothing stored) when one does not exist.
  virtual Result<void> Update(const std::vector<ReceiptDelivery>& deliveries) = 0;

  // The SMTP server is unreachable: every queued delivery due at `now` waits until `until`,
  // with `error` as its reason; attempts are not counted. Returns how many wait.
  virtual Result<std::int64_t> PostponeAll(Timestamp now, Timestamp until,
                                           const std::string& error) = 0;
};

}  // namespace commesso
