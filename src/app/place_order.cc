#include "app/place_order.h"

#include <future>
#include <utility>
#include <vector>

#include "app/fulfillment_scheduler.h"
#include "app/receipt_mailer.h"

namespace commesso {
namespace {

Payment PaymentOf(const PaymentDraft& draft) {
  Payment payment{.type = draft.type, .card = draft.card, .reference = draft.reference};
  switch (draft.type) {
    case PaymentType::kCash:
      payment.status = PaymentStatus::kPaid;
      break;
    case PaymentType::kCard:
      payment.status = PaymentStatus::kAuthorized;
      break;
    default:
      payment.status = PaymentStatus::kPending;
      break;
  }
  return payment;
}

CustomerSnapshot SnapshotOf(const Customer& customer) {
  return CustomerSnapshot{.id = customer.id,
                          .name = customer.name,
                          .company = customer.company,
                          .tax_id = customer.tax_id,
                          .email = customer.email,
                          .phone = customer.phone,
                          .locale = customer.locale};
}

// Whether the processor's authorization behind `card` can pay `due`: every problem as a field
// error, or kUnavailable when the processor cannot say.
Result<void> CheckCard(const CardPayments& cards, const CardDetails& card, Money due) {
  auto authorization = cards.Check(card.token);
  if (!authorization && authorization.error().code != ErrorCode::kNotFound) {
    return Fail(authorization.error());
  }
  std::vector<FieldError> problems;
  if (!authorization) {
    problems.push_back({"payment.card.token", "is not an authorization the card processor knows"});
  } else {
    problems = CheckCardPayment(card, *authorization, due);
  }
  if (!problems.empty()) {
    return Fail(
        {ErrorCode::kInvalidInput, "the card payment cannot pay this order", std::move(problems)});
  }
  return {};
}

}  // namespace

Result<StoredPlacement> PlaceOrder::Run(const OrderDraft& draft, const IdempotencyKey& key) const {
  std::promise<Result<StoredPlacement>> promise;
  std::future<Result<StoredPlacement>> placed = promise.get_future();
  Start(draft, key,
        [&promise](Result<StoredPlacement> result) { promise.set_value(std::move(result)); });
  return placed.get();
}

void PlaceOrder::Start(const OrderDraft& draft, const IdempotencyKey& key,
                       OrderStore::Placed then) const {
  auto earlier = orders_.FindByKey(key);
  if (!earlier) return then(Fail(earlier.error()));
  if (*earlier) return then(StoredPlacement{.order = **std::move(earlier), .replayed = true});

  auto quoted = quote_.Price(draft);
  if (!quoted) return then(Fail(quoted.error()));

  if (draft.payment.type == PaymentType::kCard) {
    auto card = CheckCard(cards_, draft.payment.card, quoted->priced.totals.amount_due);
    if (!card) return then(Fail(card.error()));
  }

  const Timestamp now = clock_.Now();
  const ValidatedDraft& validated = quoted->validated;
  Order order{.channel = draft.channel,
              .customer = SnapshotOf(validated.customer),
              .billing_address = validated.billing_address,
              .shipping_address = validated.shipping_address,
              .priced = std::move(quoted->priced),
              .payment = PaymentOf(draft.payment),
              .notes = draft.notes,
              .clerk = draft.clerk,
              .placed_by = draft.placed_by,
              .placed_at = now};
  // What the clerk tells the customer and the receipt prints; holds can only delay it.
  order.promised_dispatch = PromisedDispatch(order, fulfillment_, zones_, now);

  // One transaction: the order, its lines, stock, the key, its receipt, and its hand-off to
  // the departments and the mailer, planned here from what is in memory.
  Handoff handoff{.tasks = PlannedTasks(order, fulfillment_, zones_),
                  .holds = PlannedHolds(order, now),
                  .receipt_refusal = ReceiptRefusal(order.customer.email)};
  const int year = static_cast<int>(clock_.BusinessDay(now).year());
  orders_.PlaceAsync(std::move(order), key, year, std::move(handoff), std::move(then));
}

}  // namespace commesso
