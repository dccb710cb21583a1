#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/ports/card_payments.h"
#include "app/ports/catalog.h"
#include "app/ports/complaint_store.h"
#include "app/ports/customer_store.h"
#include "app/ports/delivery_store.h"
#include "app/ports/document_store.h"
#include "app/ports/draft_store.h"
#include "app/ports/fulfillment_store.h"
#include "app/ports/order_store.h"
#include "app/ports/outbox_signal.h"
#include "app/ports/webhook_store.h"
#include "core/invariant.h"

// Decorators over the real stores that let a test make the database look down (kUnavailable),
// make a store hit a bug (InvariantError), or hold writes in flight until released. They add
// nothing else: with no fault set, every call goes straight to the real SQLite store.
namespace commesso::http::testing {

enum class Fault {
  kNone,
  kUnavailable,  // Every call fails with kUnavailable, as when the database is down.
  kInvariant,    // Every call throws InvariantError, as a bug would.
};

// The switchboard the decorators share. Thread-safe.
class Faults {
 public:
  void Set(Fault fault) {
    std::lock_guard lock(mutex_);
    fault_ = fault;
  }

  // The failure to inject now, if any; throws for kInvariant.
  std::optional<Error> Inject() const {
    std::lock_guard lock(mutex_);
    COMMESSO_INVARIANT(fault_ != Fault::kInvariant, "a store failure injected by the test");
    if (fault_ == Fault::kUnavailable) {
      return Error{.code = ErrorCode::kUnavailable, .message = "the database is down"};
    }
    return std::nullopt;
  }

  // From now on, every write (Create, Place, Confirm, Authorize) waits inside the store until
  // Release().
  void HoldWrites() {
    std::lock_guard lock(mutex_);
    holding_ = true;
  }

  // Blocks until `count` writes are waiting.
  void WaitUntilHeld(int count = 1) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return held_ >= count; });
  }

  // Waits at most `timeout` for `count` writes to be waiting; whether they are.
  bool WaitUntilHeldFor(int count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return held_ >= count; });
  }

  void Release() {
    std::lock_guard lock(mutex_);
    holding_ = false;
    held_ = 0;
    changed_.notify_all();
  }

  // Called by the decorators at the start of each write.
  void Gate() {
    std::unique_lock lock(mutex_);
    if (!holding_) return;
    ++held_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return !holding_; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  Fault fault_ = Fault::kNone;  // Guarded by mutex_.
  bool holding_ = false;        // Guarded by mutex_.
  int held_ = 0;                // Guarded by mutex_.
};

// The Catalog port, forwarding to `inner` unless `faults` say otherwise. Thread-safe.
class FaultyCatalog final : public Catalog {
 public:
  FaultyCatalog(Catalog& inner, Faults& faults) : inner_(inner), faults_(faults) {}

  Result<std::vector<Item>> FindBySkus(const std::vector<std::string>& skus) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.FindBySkus(skus);
  }
  Result<Item> FindBySku(const std::string& sku) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.FindBySku(sku);
  }
  Result<Item> Create(const Item& item, const IdempotencyKey& key,
                      KeptAnswer<Item>* answer) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Create(item, key, answer);
  }
  Result<Item> Update(const Item& item) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Update(item);
  }
  Result<Page<Item>> Search(const std::string& query, int limit,
                            const std::string& cursor) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Search(query, limit, cursor);
  }

 private:
  Catalog& inner_;
  Faults& faults_;
};

// The CustomerStore port, forwarding to `inner` unless `faults` say otherwise. Thread-safe.
class FaultyCustomerStore final : public CustomerStore {
 public:
  FaultyCustomerStore(CustomerStore& inner, Faults& faults) : inner_(inner), faults_(faults) {}

  Result<Customer> Find(CustomerId id) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Find(id);
  }
  Result<Customer> Create(const Customer& customer, const IdempotencyKey& key,
                          KeptAnswer<Customer>* answer) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Create(customer, key, answer);
  }
  Result<Customer> Update(const Customer& customer) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Update(customer);
  }
  Result<Page<Customer>> Search(const CustomerQuery& query, int limit,
                                const std::string& cursor) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Search(query, limit, cursor);
  }

 private:
  CustomerStore& inner_;
  Faults& faults_;
};

// The OrderStore port, forwarding to `inner` unless `faults` say otherwise. Thread-safe.
class FaultyOrderStore final : public OrderStore {
 public:
  FaultyOrderStore(OrderStore& inner, Faults& faults) : inner_(inner), faults_(faults) {}

  using OrderStore::Place;
  Result<StoredPlacement> Place(const Order& order, const IdempotencyKey& key, int business_year,
                                const std::optional<Handoff>& handoff) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Place(order, key, business_year, handoff);
  }
  // The server places this way: the inner store calls back once the order is durable.
  void PlaceAsync(Order order, IdempotencyKey key, int business_year,
                  std::optional<Handoff> handoff, Placed then) override {
    if (auto error = faults_.Inject()) return then(Fail(*error));
    faults_.Gate();
    inner_.PlaceAsync(std::move(order), std::move(key), business_year, std::move(handoff),
                      std::move(then));
  }
  Result<std::optional<Order>> FindByKey(const IdempotencyKey& key) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.FindByKey(key);
  }
  Result<Order> FindByNumber(const OrderNumber& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.FindByNumber(number);
  }
  Result<Page<Order>> List(const OrderQuery& query, int limit,
                           const std::string& cursor) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.List(query, limit, cursor);
  }
  Result<StoredConfirmation> Confirm(const OrderNumber& number, const Confirmation& confirmation,
                                     const IdempotencyKey& key) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Confirm(number, confirmation, key);
  }
  Result<std::vector<Confirmation>> Confirmations(const OrderNumber& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Confirmations(number);
  }
  Result<std::vector<OrderEvent>> History(const OrderNumber& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.History(number);
  }

 private:
  OrderStore& inner_;
  Faults& faults_;
};

// The DocumentStore port, forwarding to `inner` unless `faults` say otherwise. Thread-safe.
class FaultyDocumentStore final : public DocumentStore {
 public:
  FaultyDocumentStore(DocumentStore& inner, Faults& faults) : inner_(inner), faults_(faults) {}

  Result<std::vector<Document>> ForOrder(const OrderNumber& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.ForOrder(number);
  }
  Result<std::vector<Document>> ForOrder(OrderId id) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.ForOrder(id);
  }
  Result<Document> Find(const std::string& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Find(number);
  }
  Result<Document> IssueInvoice(const OrderNumber& number, Timestamp at) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.IssueInvoice(number, at);
  }

 private:
  DocumentStore& inner_;
  Faults& faults_;
};

// The DraftStore port, forwarding to `inner` unless `faults` say otherwise. Thread-safe.
class FaultyDraftStore final : public DraftStore {
 public:
  FaultyDraftStore(DraftStore& inner, Faults& faults) : inner_(inner), faults_(faults) {}

  Result<EntryDraft> Create(const EntryDraft& draft, const IdempotencyKey& key,
                            KeptAnswer<EntryDraft>* answer) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Create(draft, key, answer);
  }
  Result<EntryDraft> Find(DraftId id, const std::string& owner) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Find(id, owner);
  }
  Result<Page<EntryDraft>> List(const DraftQuery& query, int limit,
                                const std::string& cursor) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.List(query, limit, cursor);
  }
  Result<EntryDraft> Update(const EntryDraft& draft) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Update(draft);
  }
  Result<void> Delete(DraftId id, const std::string& owner) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Delete(id, owner);
  }

 private:
  DraftStore& inner_;
  Faults& faults_;
};

// The CardPayments port, forwarding to `inner` unless `faults` say otherwise: kUnavailable
// stands for a terminal or processor that cannot be reached. Thread-safe.
class FaultyCardPayments final : public CardPayments {
 public:
  FaultyCardPayments(CardPayments& inner, Faults& faults) : inner_(inner), faults_(faults) {}

  Result<CardAuthorization> Authorize(Money amount, const std::string& reference,
                                      const IdempotencyKey& key) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Authorize(amount, reference, key);
  }
  Result<CardAuthorization> Check(const std::string& token) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Check(token);
  }

 private:
  CardPayments& inner_;
  Faults& faults_;
};

// The DeliveryStore port, forwarding to `inner` unless `faults` say otherwise. Thread-safe.
class FaultyDeliveryStore final : public DeliveryStore {
 public:
  FaultyDeliveryStore(DeliveryStore& inner, Faults& faults) : inner_(inner), faults_(faults) {}

  Result<std::vector<DueReceipt>> PendingReceipts(Timestamp now, int limit) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.PendingReceipts(now, limit);
  }
  Result<ReceiptDelivery> Take(const DueReceipt& event, const DeliveryRequest& request) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Take(event, request);
  }
  Result<void> Postpone(const DueReceipt& event, Timestamp until,
                        const std::string& error) override {
    if (auto injected = faults_.Inject()) return Fail(*injected);
    return inner_.Postpone(event, until, error);
  }
  Result<std::pair<ReceiptDelivery, bool>> Request(const DeliveryRequest& request,
                                                   const IdempotencyKey& key,
                                                   KeptAnswer<ReceiptDelivery>* answer) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Request(request, key, answer);
  }
  Result<std::vector<ReceiptDelivery>> Due(Timestamp now, int limit) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Due(now, limit);
  }
  Result<std::vector<ReceiptDelivery>> Claim(const std::vector<DeliveryId>& ids,
                                             Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Claim(ids, now);
  }
  Result<std::vector<ReceiptDelivery>> ForOrder(const OrderNumber& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.ForOrder(number);
  }
  Result<void> Update(const std::vector<ReceiptDelivery>& deliveries) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Update(deliveries);
  }
  Result<std::int64_t> PostponeAll(Timestamp now, Timestamp until,
                                   const std::string& error) override {
    if (auto injected = faults_.Inject()) return Fail(*injected);
    return inner_.PostponeAll(now, until, error);
  }

 private:
  DeliveryStore& inner_;
  Faults& faults_;
};

// The WebhookStore port, forwarding to `inner` unless `faults` say otherwise. Thread-safe.
class FaultyWebhookStore final : public WebhookStore {
 public:
  FaultyWebhookStore(WebhookStore& inner, Faults& faults) : inner_(inner), faults_(faults) {}

  Result<std::pair<WebhookSubscription, bool>> Subscribe(
      const NewWebhookSubscription& subscription, const IdempotencyKey& key,
      KeptAnswer<WebhookSubscription>* answer) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Subscribe(subscription, key, answer);
  }
  Result<std::vector<WebhookSubscription>> Subscriptions() const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Subscriptions();
  }
  Result<WebhookSubscription> Subscription(WebhookSubscriptionId id) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Subscription(id);
  }
  Result<WebhookSubscription> Disable(WebhookSubscriptionId id, Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Disable(id, now);
  }
  Result<int> FanOut(Timestamp now, int limit) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.FanOut(now, limit);
  }
  Result<std::vector<DueWebhook>> Due(Timestamp now, int limit) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Due(now, limit);
  }
  Result<void> Update(const WebhookDelivery& delivery) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Update(delivery);
  }
  Result<std::vector<WebhookDelivery>> Deliveries(
      WebhookSubscriptionId id, int limit, std::optional<std::int64_t> before) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Deliveries(id, limit, before);
  }
  Result<WebhookDelivery> Replay(std::int64_t delivery_id, Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Replay(delivery_id, now);
  }

 private:
  WebhookStore& inner_;
  Faults& faults_;
};

// Counts the wake-ups the API gives the outbox workers. Thread-safe.
class CountingSignal final : public OutboxSignal {
 public:
  void Notify() override { ++count_; }
  int count() const { return count_.load(); }

 private:
  std::atomic<int> count_{0};
};

// The fulfillment store, for the fulfillment routes' share of the every-route tests.
class FaultyFulfillmentStore final : public FulfillmentStore {
 public:
  FaultyFulfillmentStore(FulfillmentStore& inner, Faults& faults)
      : inner_(inner), faults_(faults) {}

  Result<std::vector<DueFulfillment>> PendingPlans(int limit) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.PendingPlans(limit);
  }
  Result<std::vector<FulfillmentTask>> Plan(const DueFulfillment& due,
                                            const std::vector<NewTask>& tasks,
                                            const std::vector<Hold>& holds,
                                            Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Plan(due, tasks, holds, now);
  }
  Result<std::vector<FulfillmentTask>> DueForRelease(Timestamp now, int limit) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.DueForRelease(now, limit);
  }
  Result<std::vector<FulfillmentTask>> Release(const std::vector<TaskRelease>& releases,
                                               Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Release(releases, now);
  }
  Result<std::int64_t> ExpireLeases(Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.ExpireLeases(now);
  }
  Result<std::vector<FulfillmentTask>> Escalate(Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Escalate(now);
  }
  Result<std::vector<FulfillmentTask>> Queue(std::string_view department,
                                             int limit) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Queue(department, limit);
  }
  Result<std::vector<FulfillmentTask>> Escalated() const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Escalated();
  }
  Result<FulfillmentTask> Find(std::int64_t task_id) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Find(task_id);
  }
  Result<std::vector<FulfillmentTask>> ForOrder(const OrderNumber& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.ForOrder(number);
  }
  Result<FulfillmentTask> Claim(std::int64_t task_id, const std::string& who, Timestamp now,
                                Timestamp lease_until) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Claim(task_id, who, now, lease_until);
  }
  Result<FulfillmentTask> Unclaim(std::int64_t task_id, const std::string& who,
                                  Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Unclaim(task_id, who, now);
  }
  Result<FulfillmentTask> Acknowledge(std::int64_t task_id, const std::string& who,
                                      Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Acknowledge(task_id, who, now);
  }
  Result<FulfillmentTask> RecordPicks(std::int64_t task_id, const std::string& who,
                                      const std::vector<Shipment::Line>& picked,
                                      Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.RecordPicks(task_id, who, picked, now);
  }
  Result<FulfillmentTask> Ship(std::int64_t task_id, const Shipment& shipment,
                               const IdempotencyKey& key,
                               KeptAnswer<FulfillmentTask>* answer) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Ship(task_id, shipment, key, answer);
  }
  Result<FulfillmentTask> Complete(std::int64_t task_id, const std::string& who,
                                   Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Complete(task_id, who, now);
  }
  Result<std::vector<Hold>> Holds(const OrderNumber& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Holds(number);
  }
  Result<std::vector<Hold>> PlaceHold(const OrderNumber& number, const Hold& hold) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.PlaceHold(number, hold);
  }
  Result<std::vector<FulfillmentTask>> LiftHold(
      const OrderNumber& number, HoldKind kind, const std::string& who, Timestamp now,
      const std::vector<std::pair<std::string, Timestamp>>& release_at) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.LiftHold(number, kind, who, now, release_at);
  }
  Result<std::vector<FulfillmentTask>> Cancel(const OrderNumber& number, const std::string& who,
                                              const std::string& reason, Timestamp now) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Cancel(number, who, reason, now);
  }
  Result<std::vector<DepartmentStats>> Stats(Timestamp since) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Stats(since);
  }

 private:
  FulfillmentStore& inner_;
  Faults& faults_;
};

// The ComplaintStore port, forwarding to `inner` unless `faults` say otherwise. Thread-safe.
class FaultyComplaintStore final : public ComplaintStore {
 public:
  FaultyComplaintStore(ComplaintStore& inner, Faults& faults) : inner_(inner), faults_(faults) {}

  Result<Complaint> Open(const Complaint& complaint, int business_year, const IdempotencyKey& key,
                         KeptAnswer<Complaint>* answer) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Open(complaint, business_year, key, answer);
  }
  Result<Complaint> Find(const ComplaintNumber& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.Find(number);
  }
  Result<std::vector<ComplaintEvent>> History(const ComplaintNumber& number) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.History(number);
  }
  Result<Page<Complaint>> List(const ComplaintQuery& query, int limit,
                               const std::string& cursor) const override {
    if (auto error = faults_.Inject()) return Fail(*error);
    return inner_.List(query, limit, cursor);
  }
  Result<Complaint> Update(const ComplaintChange& change, std::int64_t expected_revision) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Update(change, expected_revision);
  }
  Result<Complaint> Comment(const ComplaintNumber& number, const ComplaintEvent& event) override {
    if (auto error = faults_.Inject()) return Fail(*error);
    faults_.Gate();
    return inner_.Comment(number, event);
  }

 private:
  ComplaintStore& inner_;
  Faults& faults_;
};

}  // namespace commesso::http::testing
