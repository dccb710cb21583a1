#include "app/receipt_mailer.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <curl/curl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/render/cancellation_notice.h"
#include "adapters/render/receipt_render.h"
#include "adapters/render/receipt_renderings.h"
#include "adapters/smtp/smtp_mail_transport.h"
#include "adapters/sqlite/sqlite_delivery_store.h"
#include "adapters/sqlite/sqlite_fulfillment_store.h"
#include "adapters/sqlite/write_queue.h"
#include "app/outbox_worker.h"
#include "app/resend_receipt.h"
#include "app_fixture.h"
#include "support/order_receipts.h"
#include "support/parsed_mail.h"
#include "support/smtp_sink.h"

// The mailer end to end: orders placed through PlaceOrder on SQLite, their receipts (from the
// OrderReceipts double) rendered by the real renderings and sent by the real SMTP transport to
// a real SMTP server (aiosmtpd). Time is the fixed clock, moved by hand between rounds.
namespace commesso {
namespace {

using ::testing::HasSubstr;
using testing::OrderReceipts;
using testing::ParsedMail;
using testing::ParseMail;
using testing::SmtpSink;
using ::testing::StartsWith;
using testing::WithoutCr;

// Counts notifications, as the worker would be woken.
class CountingSignal final : public OutboxSignal {
 public:
  void Notify() override { ++count; }
  std::atomic<int> count{0};
};

// The delivery store, running `after_due` once right after Due answers: what a cancellation
// committed between the mailer finding a delivery due and claiming it looks like.
class CancelledAfterDue final : public DeliveryStore {
 public:
  CancelledAfterDue(DeliveryStore& inner, std::function<void()> after_due)
      : inner_(inner), after_due_(std::move(after_due)) {}

  Result<std::vector<DueReceipt>> PendingReceipts(Timestamp now, int limit) const override {
    return inner_.PendingReceipts(now, limit);
  }
  Result<ReceiptDelivery> Take(const DueReceipt& event, const DeliveryRequest& request) override {
    return inner_.Take(event, request);
  }
  Result<void> Postpone(const DueReceipt& event, Timestamp until,
                        const std::string& error) override {
    return inner_.Postpone(event, until, error);
  }
  Result<std::pair<ReceiptDelivery, bool>> Request(const DeliveryRequest& request,
                                                   const IdempotencyKey& key,
                                                   KeptAnswer<ReceiptDelivery>* answer) override {
    return inner_.Request(request, key, answer);
  }
  Result<std::vector<ReceiptDelivery>> Due(Timestamp now, int limit) const override {
    auto due = inner_.Due(now, limit);
    if (after_due_) std::exchange(after_due_, nullptr)();
    return due;
  }
  Result<std::vector<ReceiptDelivery>> Claim(const std::vector<DeliveryId>& ids,
                                             Timestamp now) override {
    return inner_.Claim(ids, now);
  }
  Result<std::vector<ReceiptDelivery>> ForOrder(const OrderNumber& number) const override {
    return inner_.ForOrder(number);
  }
  Result<void> Update(const std::vector<ReceiptDelivery>& deliveries) override {
    return inner_.Update(deliveries);
  }
  Result<std::int64_t> PostponeAll(Timestamp now, Timestamp until,
                                   const std::string& error) override {
    return inner_.PostponeAll(now, until, error);
  }

 private:
  DeliveryStore& inner_;
  mutable std::function<void()> after_due_;
};

// The transport, running `before_send` once before it hands the message to the server: what a
// cancellation committed while the server accepts the receipt looks like.
class CancelledWhileSending final : public MailTransport {
 public:
  CancelledWhileSending(MailTransport& inner, std::function<void()> before_send)
      : inner_(inner), before_send_(std::move(before_send)) {}

  Result<std::string> SendWhenAccepted(const MailEnvelope& envelope,
                                       const MailComposer& compose) override {
    if (before_send_) std::exchange(before_send_, nullptr)();
    return inner_.SendWhenAccepted(envelope, compose);
  }

 private:
  MailTransport& inner_;
  std::function<void()> before_send_;
};

// The real renderings, counting how often the mailer asks for one; the next `failing_pdfs`
// PDFs fail as a PDF that cannot be made does.
class CountingRenderings final : public ReceiptRenderings {
 public:
  std::string Subject(const Document& document) const override {
    ++calls;
    return inner_.Subject(document);
  }
  std::string Text(const Document& document, int columns) const override {
    ++calls;
    return inner_.Text(document, columns);
  }
  std::string Html(const Document& document) const override {
    ++calls;
    return inner_.Html(document);
  }
  Result<std::string> Pdf(const Document& document) const override {
    ++calls;
    ++pdfs;
    if (failing_pdfs > 0) {
      --failing_pdfs;
      return Fail(ErrorCode::kInternal, "cairo cannot draw the page.");
    }
    return inner_.Pdf(document);
  }
  CancellationNotice Cancellation(const Document& receipt, int columns) const override {
    ++calls;
    return inner_.Cancellation(receipt, columns);
  }

  mutable std::atomic<int> calls{0};  // Every rendering asked for.
  mutable std::atomic<int> pdfs{0};
  mutable std::atomic<int> failing_pdfs{0};

 private:
  render::DocumentRenderings inner_;
};

// The documents, with the database down: what composing a message meets then.
class DocumentsDown final : public DocumentStore {
 public:
  Result<std::vector<Document>> ForOrder(const OrderNumber&) const override { return Down(); }
  Result<std::vector<Document>> ForOrder(OrderId) const override { return Down(); }
  Result<Document> Find(const std::string&) const override { return Down(); }
  Result<Document> IssueInvoice(const OrderNumber&, Timestamp) override { return Down(); }

 private:
  static tl::unexpected<Error> Down() {
    return Fail(ErrorCode::kUnavailable, "The database is unavailable.");
  }
};

class ReceiptMailerTest : public testing::UseCaseTest {
 protected:
  static constexpr RetryPolicy kPolicy{.first_delay = std::chrono::seconds{1},
                                       .factor = 2,
                                       .cap = std::chrono::seconds{8},
                                       .max_attempts = 3};

  void SetUp() override {
    sink_.Start();
    Open();
  }

  // The mailer and its parts over the current database, as `commesso serve` wires them.
  void Open() {
    deliveries_ = std::make_unique<sqlite::SqliteDeliveryStore>(stores_.database());
    fulfillment_ = std::make_unique<sqlite::SqliteFulfillmentStore>(stores_.database());
    documents_ = std::make_unique<OrderReceipts>(stores_.orders());
    transport_ = std::make_unique<smtp::SmtpMailTransport>(smtp::SmtpOptions{
        .host = "127.0.0.1", .port = sink_.port(), .tls = smtp::Tls::kNone, .timeout_seconds = 10});
    mailer_ =
        std::make_unique<ReceiptMailer>(*deliveries_, *documents_, renderings_, *transport_, clock_,
                                        ReceiptMailSettings{.from = "ricevute@cartoleria.example",
                                                            .reply_to = "ordini@cartoleria.example",
                                                            .retry = kPolicy});
  }

  void Close() {
    fulfillment_.reset();
    mailer_.reset();
    transport_.reset();
    documents_.reset();
    deliveries_.reset();
  }

  // A new customer with `email`; returns its id.
  CustomerId Customer(const std::string& email, const std::string& key) {
    commesso::Customer customer = testing::CustomerIn("IT");
    customer.id = CustomerId{};
    customer.email = email;
    auto created = stores_.customers().Create(customer, Key("customer " + key), nullptr);
    EXPECT_TRUE(created.has_value());
    return created.has_value() ? created->id : CustomerId{};
  }

  // Places an order for `customer` and returns its number.
  std::string Place(const std::string& key, CustomerId customer = CustomerId{1}) {
    OrderDraft draft = testing::DraftOf({{.sku = "PEN", .quantity = 2}});
    draft.customer_id = customer;
    auto placed = place_.Run(draft, Key(key));
    EXPECT_TRUE(placed.has_value()) << (placed ? "" : placed.error().message);
    return placed.has_value() ? placed->order.number.value : "";
  }

  // Cancels order `number` as a supervisor would, before any task was released.
  void Cancel(const std::string& number) {
    auto cancelled = fulfillment_->Cancel(OrderNumber{number}, "supervisor1", "the customer called",
                                          clock_.Now());
    ASSERT_TRUE(cancelled.has_value()) << cancelled.error().message;
  }

  // A round of a mailer over `deliveries` and `transport` instead of the fixture's.
  MailerRound RoundOver(DeliveryStore& deliveries, MailTransport& transport) {
    ReceiptMailer mailer(deliveries, *documents_, renderings_, transport, clock_,
                         ReceiptMailSettings{.from = "ricevute@cartoleria.example",
                                             .reply_to = "ordini@cartoleria.example",
                                             .retry = kPolicy});
    auto round = mailer.DeliverDue();
    EXPECT_TRUE(round.has_value()) << (round ? "" : round.error().message);
    return round.value_or(MailerRound{});
  }

  MailerRound Round() {
    auto round = mailer_->DeliverDue();
    EXPECT_TRUE(round.has_value()) << (round ? "" : round.error().message);
    return round.value_or(MailerRound{});
  }

  std::vector<ReceiptDelivery> DeliveriesOf(const std::string& number) {
    auto deliveries = deliveries_->ForOrder(OrderNumber{number});
    EXPECT_TRUE(deliveries.has_value());
    return deliveries.value_or(std::vector<ReceiptDelivery>{});
  }

  std::vector<ParsedMail> Arrived() const {
    std::vector<ParsedMail> mails;
    for (const auto& path : sink_.Messages()) mails.push_back(ParseMail(SmtpSink::Read(path)));
    return mails;
  }

  testing::TempDir mail_dir_;
  SmtpSink sink_{mail_dir_.path()};
  CountingRenderings renderings_;
  std::unique_ptr<sqlite::SqliteDeliveryStore> deliveries_;
  std::unique_ptr<OrderReceipts> documents_;
  std::unique_ptr<smtp::SmtpMailTransport> transport_;
  std::unique_ptr<ReceiptMailer> mailer_;
  std::unique_ptr<sqlite::SqliteFulfillmentStore> fulfillment_;
};

TEST_F(ReceiptMailerTest, SendsTheReceiptOfAPlacedOrderEndToEnd) {
  const std::string number = Place("order");

  const MailerRound round = Round();

  EXPECT_EQ(round.taken, 0) << "the placement queued its receipt itself";
  EXPECT_EQ(round.sent, 1);
  const std::vector<ParsedMail> mails = Arrived();
  ASSERT_EQ(mails.size(), 1u);
  const Document receipt = documents_->Find("R-" + number).value();
  const ParsedMail& mail = mails[0];
  EXPECT_EQ(mail.from, "ricevute@cartoleria.example");
  EXPECT_EQ(mail.from_name, "Cartoleria Rossi S.r.l.");
  EXPECT_EQ(mail.reply_to, "ordini@cartoleria.example");
  EXPECT_EQ(mail.to, "mario.rossi@example.com");
  EXPECT_EQ(mail.subject, render::ReceiptSubject(receipt));
  EXPECT_THAT(mail.message_id, StartsWith("R-" + number + "."));
  EXPECT_THAT(mail.message_id, HasSubstr("@cartoleria.example"));
  ASSERT_EQ(mail.leaves.size(), 3u);
  EXPECT_EQ(mail.leaves[0].content_type, "text/plain");
  EXPECT_EQ(WithoutCr(mail.leaves[0].bytes), render::ReceiptText(receipt, 80));
  EXPECT_EQ(mail.leaves[1].content_type, "text/html");
  EXPECT_EQ(WithoutCr(mail.leaves[1].bytes), render::ReceiptHtml(receipt));
  EXPECT_EQ(mail.leaves[2].content_type, "application/pdf");
  EXPECT_EQ(mail.leaves[2].filename, "R-" + number + ".pdf");
  EXPECT_EQ(mail.leaves[2].bytes, render::ReceiptPdf(receipt).value());
  const std::vector<ReceiptDelivery> deliveries = DeliveriesOf(number);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].state, DeliveryState::kSent);
  EXPECT_EQ(deliveries[0].attempts, 1);
  EXPECT_EQ(deliveries[0].server_reply, "250 OK queued as 000001");
  EXPECT_EQ(deliveries[0].message_id, mail.message_id);
  EXPECT_EQ(deliveries[0].requested_by, "placement");
  EXPECT_EQ(deliveries[0].sent_at, clock_.Now());
  EXPECT_FALSE(deliveries[0].next_attempt_at.has_value());
}

// An order whose placement left its receipt.due event to the mailer (placed by a version that
// did not queue the receipt itself) is taken and sent by the next round.
TEST_F(ReceiptMailerTest, TakesAReceiptLeftToItByThePlacementAndSendsIt) {
  const Order order =
      testing::OrderOf(stores_.customers().Find(CustomerId{1}).value(),
                       {{stores_.catalog().FindBySku("PEN").value(), 2}}, clock_.Now());
  auto placed = stores_.orders().Place(order, Key("left"), 2026);
  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  const std::string number = placed->order.number.value;
  ASSERT_TRUE(DeliveriesOf(number).empty());

  const MailerRound round = Round();

  EXPECT_EQ(round.taken, 1);
  EXPECT_EQ(round.sent, 1);
  const std::vector<ReceiptDelivery> deliveries = DeliveriesOf(number);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].state, DeliveryState::kSent);
  EXPECT_EQ(deliveries[0].requested_by, "placement");
  ASSERT_EQ(Arrived().size(), 1u);
}

// A round claims its batch of due deliveries in one transaction and stores their outcomes in
// one (decision 0022), whatever the number of receipts in the batch.
TEST_F(ReceiptMailerTest, ARoundTakesOneWriteToClaimItsBatchAndOneToStoreWhatHappened) {
  std::vector<std::string> numbers;
  for (int i = 0; i < 5; ++i) numbers.push_back(Place("order " + std::to_string(i)));
  const std::int64_t before = stores_.database().writer().stats().jobs;

  const MailerRound round = Round();

  EXPECT_EQ(round.sent, 5);
  EXPECT_EQ(stores_.database().writer().stats().jobs - before, 2);
  for (const std::string& number : numbers) {
    EXPECT_EQ(DeliveriesOf(number).at(0).state, DeliveryState::kSent) << number;
  }
  EXPECT_EQ(Arrived().size(), 5u);
  // Nothing due: a round writes nothing.
  const std::int64_t idle = stores_.database().writer().stats().jobs;
  EXPECT_EQ(Round().sent, 0);
  EXPECT_EQ(stores_.database().writer().stats().jobs, idle);
}

TEST_F(ReceiptMailerTest, SendsEveryReceiptOnceInNumberOrderAfterAnOutage) {
  sink_.Stop();
  std::vector<std::string> numbers;
  for (int i = 0; i < 200; ++i) numbers.push_back(Place("order " + std::to_string(i)));

  const MailerRound down = Round();
  const MailerRound still_waiting = Round();

  EXPECT_EQ(down.taken, 0) << "each placement queued its receipt itself";
  EXPECT_TRUE(down.unreachable);
  EXPECT_THAT(down.last_error, HasSubstr("Cannot connect"));
  EXPECT_EQ(down.sent, 0);
  EXPECT_EQ(still_waiting.sent + still_waiting.taken, 0) << "nothing is due before the delay";
  const std::vector<ReceiptDelivery> waiting = DeliveriesOf(numbers[199]);
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].state, DeliveryState::kQueued);
  EXPECT_EQ(waiting[0].attempts, 0) << "an unreachable server counts no attempt";
  EXPECT_EQ(waiting[0].next_attempt_at, clock_.Now() + std::chrono::seconds{1});
  EXPECT_THAT(waiting[0].error, HasSubstr("SMTP server unavailable"));

  sink_.Start();
  clock_.Advance(std::chrono::seconds{1});
  const MailerRound up = Round();
  clock_.Advance(std::chrono::hours{1});
  const MailerRound after = Round();

  EXPECT_EQ(up.sent, 200);
  EXPECT_EQ(after.sent, 0);
  const std::vector<ParsedMail> mails = Arrived();
  ASSERT_EQ(mails.size(), 200u);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < mails.size(); ++i) {
    ASSERT_EQ(mails[i].leaves.size(), 3u);
    EXPECT_EQ(mails[i].leaves[2].filename, "R-" + numbers[i] + ".pdf") << "in number order";
    ids.insert(mails[i].message_id);
  }
  EXPECT_EQ(ids.size(), 200u) << "none twice";
  for (const std::string& number : numbers) {
    const std::vector<ReceiptDelivery> deliveries = DeliveriesOf(number);
    ASSERT_EQ(deliveries.size(), 1u);
    EXPECT_EQ(deliveries[0].state, DeliveryState::kSent);
    EXPECT_EQ(deliveries[0].attempts, 1);
  }
}

TEST_F(ReceiptMailerTest, GivesUpAtOnceWhenTheServerRejectsTheRecipientPermanently) {
  const std::string number = Place("order", Customer("rejected@example.com", "rejected"));

  const MailerRound round = Round();
  clock_.Advance(std::chrono::hours{1});
  const MailerRound later = Round();

  EXPECT_EQ(round.failed, 1);
  EXPECT_EQ(later.sent + later.failed + later.retrying, 0);
  const std::vector<ReceiptDelivery> deliveries = DeliveriesOf(number);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].state, DeliveryState::kFailed);
  EXPECT_EQ(deliveries[0].attempts, 1);
  EXPECT_EQ(deliveries[0].server_reply, "550 5.1.1 No such user here");
  EXPECT_THAT(deliveries[0].error, HasSubstr("refused the recipient: 550 5.1.1 No such user"));
  EXPECT_FALSE(deliveries[0].next_attempt_at.has_value());
  EXPECT_TRUE(sink_.Messages().empty());
}

// Issue 12: a try composes its message (the PDF, the text, the HTML) only once the server has
// accepted its envelope, so a server that stays down costs no rendering at all.
TEST_F(ReceiptMailerTest, RendersNothingWhileTheServerIsDownAndEachReceiptOnceWhenItIsBack) {
  sink_.Stop();
  for (int i = 0; i < 3; ++i) Place("order " + std::to_string(i));

  const MailerRound down = Round();
  clock_.Advance(std::chrono::seconds{1});
  const MailerRound still_down = Round();

  EXPECT_TRUE(down.unreachable);
  EXPECT_TRUE(still_down.unreachable) << "the second round tried the server again";
  EXPECT_EQ(renderings_.calls, 0);

  sink_.Start();
  clock_.Advance(std::chrono::hours{1});
  const MailerRound up = Round();

  EXPECT_EQ(up.sent, 3);
  EXPECT_EQ(renderings_.pdfs, 3) << "one PDF per delivery";
  EXPECT_EQ(renderings_.calls, 3 * 4) << "subject, text, HTML and PDF once each";
  const std::vector<ParsedMail> mails = Arrived();
  ASSERT_EQ(mails.size(), 3u);
  EXPECT_EQ(mails[2].leaves.size(), 3u);
}

TEST_F(ReceiptMailerTest, RendersNothingForARecipientTheServerRefusesOrDefers) {
  const std::string rejected = Place("rejected", Customer("rejected@example.com", "rejected"));
  const std::string busy = Place("busy", Customer("busy@example.com", "busy"));

  const MailerRound round = Round();

  EXPECT_EQ(round.failed, 1);
  EXPECT_EQ(round.retrying, 1);
  EXPECT_EQ(renderings_.calls, 0);
  EXPECT_EQ(DeliveriesOf(rejected).at(0).server_reply, "550 5.1.1 No such user here");
  EXPECT_EQ(DeliveriesOf(busy).at(0).attempts, 1);
  EXPECT_TRUE(sink_.Messages().empty());
}

// What a message that cannot be composed ends in is the same as before issue 12: given up,
// no attempt counted, nothing sent; the next receipt of the round still goes out.
TEST_F(ReceiptMailerTest, GivesUpOnAReceiptThatCannotBeComposedAndSendsTheNext) {
  const std::string broken = Place("broken");
  const std::string next = Place("next");
  renderings_.failing_pdfs = 1;

  const MailerRound round = Round();

  EXPECT_EQ(round.failed, 1);
  EXPECT_EQ(round.sent, 1);
  const ReceiptDelivery given_up = DeliveriesOf(broken).at(0);
  EXPECT_EQ(given_up.state, DeliveryState::kFailed);
  EXPECT_EQ(given_up.attempts, 0);
  EXPECT_EQ(given_up.error, "cannot compose the receipt: cairo cannot draw the page.");
  EXPECT_FALSE(given_up.next_attempt_at.has_value());
  const std::vector<ParsedMail> mails = Arrived();
  ASSERT_EQ(mails.size(), 1u) << "the server kept nothing of the broken one";
  EXPECT_EQ(mails[0].leaves.at(2).filename, "R-" + next + ".pdf");
  EXPECT_EQ(DeliveriesOf(next).at(0).state, DeliveryState::kSent);
}

// A database that is down while a message is composed fails the round, as before issue 12;
// the receipt goes out in a later round.
TEST_F(ReceiptMailerTest, ARoundFailsWhenTheDocumentsCannotBeReadAndSendsLater) {
  const std::string number = Place("order");
  DocumentsDown down;
  ReceiptMailer mailer(
      *deliveries_, down, renderings_, *transport_, clock_,
      ReceiptMailSettings{.from = "ricevute@cartoleria.example", .retry = kPolicy});

  auto failed = mailer.DeliverDue();

  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(Arrived().empty());
  EXPECT_NE(DeliveriesOf(number).at(0).state, DeliveryState::kSent);
  clock_.Advance(std::chrono::hours{1});
  EXPECT_EQ(Round().sent, 1);
  EXPECT_EQ(Arrived().size(), 1u);
}

TEST_F(ReceiptMailerTest, RetriesADeferredRecipientWithGrowingDelaysAndGivesUpAtTheCap) {
  const std::string number = Place("order", Customer("busy@example.com", "busy"));

  const MailerRound first = Round();
  const ReceiptDelivery after_first = DeliveriesOf(number)[0];
  clock_.Advance(std::chrono::seconds{1});
  const Timestamp second_at = clock_.Now();
  const MailerRound second = Round();
  const ReceiptDelivery after_second = DeliveriesOf(number)[0];
  clock_.Advance(std::chrono::seconds{1});
  const MailerRound early = Round();
  clock_.Advance(std::chrono::seconds{1});
  const MailerRound third = Round();

  EXPECT_EQ(first.retrying, 1);
  EXPECT_EQ(after_first.state, DeliveryState::kQueued);
  EXPECT_EQ(after_first.attempts, 1);
  EXPECT_EQ(after_first.server_reply, "451 4.2.1 Mailbox busy, try again later");
  EXPECT_EQ(second.retrying, 1);
  EXPECT_EQ(after_second.next_attempt_at, second_at + std::chrono::seconds{2})
      << "the second delay is twice the first";
  EXPECT_EQ(early.retrying + early.failed, 0);
  EXPECT_EQ(third.failed, 1);
  const ReceiptDelivery given_up = DeliveriesOf(number)[0];
  EXPECT_EQ(given_up.state, DeliveryState::kFailed);
  EXPECT_EQ(given_up.attempts, 3);
  EXPECT_THAT(given_up.error, HasSubstr("gave up after 3 attempts"));
  EXPECT_THAT(given_up.error, HasSubstr("451 4.2.1 Mailbox busy"));
  EXPECT_TRUE(sink_.Messages().empty());
}

TEST_F(ReceiptMailerTest, SendsAfterATemporaryRejection) {
  const std::string number = Place("order", Customer("defer@example.com", "defer"));

  const MailerRound first = Round();
  clock_.Advance(std::chrono::seconds{1});
  const MailerRound second = Round();

  EXPECT_EQ(first.retrying, 1);
  EXPECT_EQ(second.sent, 1);
  const ReceiptDelivery delivery = DeliveriesOf(number)[0];
  EXPECT_EQ(delivery.state, DeliveryState::kSent);
  EXPECT_EQ(delivery.attempts, 2);
  EXPECT_THAT(delivery.server_reply, StartsWith("250 OK"));
  EXPECT_EQ(delivery.error, "");
  ASSERT_EQ(sink_.Messages().size(), 1u);
  EXPECT_EQ(Arrived()[0].to, "defer@example.com");
}

TEST_F(ReceiptMailerTest, RecordsThatTheCustomerHasNoAddressAndSendsNothing) {
  const std::string without = Place("without", Customer("", "without"));

  // Recorded by the placement itself: the round has nothing left to do.
  const MailerRound round = Round();

  EXPECT_EQ(round.taken, 0);
  EXPECT_EQ(round.failed, 0);
  const std::vector<ReceiptDelivery> deliveries = DeliveriesOf(without);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].state, DeliveryState::kFailed);
  EXPECT_EQ(deliveries[0].attempts, 0);
  EXPECT_EQ(deliveries[0].error, "the customer has no e-mail address");
  EXPECT_TRUE(sink_.Messages().empty());
}

TEST_F(ReceiptMailerTest, ResendsTheSameDocumentToACorrectedAddress) {
  const std::string number = Place("order", Customer("rejected@example.com", "typo"));
  Round();
  CountingSignal signal;
  ResendReceipt resend(*deliveries_, *documents_, signal, clock_);

  auto refused = resend.Run(OrderNumber{number}, "anna@example.com\r\nBcc: all@example.com",
                            "clerk1", Key("bad"), nullptr);
  auto requested = resend.Run(OrderNumber{number}, "anna.corretta@example.com", "clerk1",
                              Key("resend", "corrected"), nullptr);
  auto replayed = resend.Run(OrderNumber{number}, "anna.corretta@example.com", "clerk1",
                             Key("resend", "corrected"), nullptr);
  const MailerRound round = Round();

  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(refused.error().fields.at(0).path, "to");
  ASSERT_TRUE(requested.has_value()) << requested.error().message;
  EXPECT_FALSE(requested->second);
  EXPECT_EQ(requested->first.requested_by, "clerk1");
  ASSERT_TRUE(replayed.has_value());
  EXPECT_TRUE(replayed->second);
  EXPECT_EQ(replayed->first.id, requested->first.id);
  EXPECT_EQ(signal.count, 2);
  EXPECT_EQ(round.sent, 1);
  const std::vector<ParsedMail> mails = Arrived();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "anna.corretta@example.com");
  const Document receipt = documents_->Find("R-" + number).value();
  EXPECT_EQ(mails[0].leaves.at(2).bytes, render::ReceiptPdf(receipt).value());
  const std::vector<ReceiptDelivery> deliveries = DeliveriesOf(number);
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].state, DeliveryState::kFailed);
  EXPECT_EQ(deliveries[1].state, DeliveryState::kSent);
  EXPECT_EQ(deliveries[1].document_number, deliveries[0].document_number);
}

TEST_F(ReceiptMailerTest, RefusesAResendWhenTheCustomerHasNoAddressAndNoneIsGiven) {
  const std::string number = Place("order", Customer("", "without"));
  CountingSignal signal;
  ResendReceipt resend(*deliveries_, *documents_, signal, clock_);

  auto refused = resend.Run(OrderNumber{number}, "", "clerk1", Key("resend"), nullptr);
  auto missing = resend.Run(OrderNumber{"2026-999999"}, "", "clerk1", Key("other"), nullptr);

  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(refused.error().fields.at(0).path, "to");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(signal.count, 0);
}

// Finding 12: cancelling an order left its receipt e-mail queued, so the customer still got it.
TEST_F(ReceiptMailerTest, SendsNothingForAnOrderCancelledBeforeTheMailerTookItsReceipt) {
  const std::string number = Place("order");
  Cancel(number);

  const MailerRound round = Round();

  // The placement queued the receipt, and the cancellation withdrew it in its transaction.
  EXPECT_EQ(round.taken, 0);
  EXPECT_EQ(round.withdrawn, 0);
  EXPECT_EQ(round.sent, 0);
  EXPECT_TRUE(Arrived().empty());
  const std::vector<ReceiptDelivery> deliveries = DeliveriesOf(number);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].state, DeliveryState::kWithdrawn);
  EXPECT_EQ(deliveries[0].error, "the order was cancelled: the customer called");
  EXPECT_FALSE(deliveries[0].next_attempt_at.has_value());
}

TEST_F(ReceiptMailerTest, WithdrawsAQueuedReceiptInTheCancellationsTransaction) {
  sink_.Stop();
  const std::string number = Place("order");
  ASSERT_TRUE(Round().unreachable);
  ASSERT_EQ(DeliveriesOf(number).at(0).state, DeliveryState::kQueued);

  Cancel(number);
  const std::vector<ReceiptDelivery> after_cancel = DeliveriesOf(number);
  sink_.Start();
  clock_.Advance(std::chrono::hours{1});
  const MailerRound round = Round();

  ASSERT_EQ(after_cancel.size(), 1u);
  EXPECT_EQ(after_cancel[0].state, DeliveryState::kWithdrawn);
  EXPECT_EQ(after_cancel[0].error, "the order was cancelled: the customer called");
  EXPECT_EQ(round.sent, 0);
  EXPECT_TRUE(Arrived().empty());
  EXPECT_EQ(DeliveriesOf(number), after_cancel) << "no cancellation notice: nothing went out";
}

TEST_F(ReceiptMailerTest, LooksAtTheOrderAgainWhenItTakesADeliveryToSend) {
  sink_.Stop();
  const std::string number = Place("order");
  ASSERT_TRUE(Round().unreachable);
  sink_.Start();
  clock_.Advance(std::chrono::hours{1});
  CancelledAfterDue racing(*deliveries_, [&] { Cancel(number); });

  const MailerRound round = RoundOver(racing, *transport_);

  EXPECT_EQ(round.sent, 0);
  EXPECT_TRUE(Arrived().empty());
  const std::vector<ReceiptDelivery> deliveries = DeliveriesOf(number);
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].state, DeliveryState::kWithdrawn);
}

TEST_F(ReceiptMailerTest, TellsTheCustomerWhenTheReceiptHadGoneOutBeforeTheCancellation) {
  const std::string number = Place("order");
  ASSERT_EQ(Round().sent, 1);

  Cancel(number);
  Cancel(number);  // Again: changes nothing, queues no second notice.
  const MailerRound round = Round();

  EXPECT_EQ(round.sent, 1);
  const std::vector<ParsedMail> mails = Arrived();
  ASSERT_EQ(mails.size(), 2u);
  const Document receipt = documents_->Find("R-" + number).value();
  const ParsedMail& notice = mails[1];
  EXPECT_EQ(notice.to, "mario.rossi@example.com");
  EXPECT_EQ(notice.subject, render::CancellationSubject(receipt));
  EXPECT_EQ(notice.subject, "Ordine " + number + " annullato \u2013 ricevuta R-" + number);
  ASSERT_EQ(notice.leaves.size(), 2u) << "text and HTML, no attachment";
  EXPECT_EQ(WithoutCr(notice.leaves[0].bytes), render::CancellationText(receipt, 80));
  EXPECT_THAT(notice.leaves[0].bytes, HasSubstr("R-" + number));
  EXPECT_THAT(notice.leaves[0].bytes, ::testing::Not(HasSubstr("the customer called")));
  EXPECT_EQ(WithoutCr(notice.leaves[1].bytes), render::CancellationHtml(receipt));
  const std::vector<ReceiptDelivery> deliveries = DeliveriesOf(number);
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[0].kind, DeliveryKind::kReceipt);
  EXPECT_EQ(deliveries[0].state, DeliveryState::kSent);
  EXPECT_EQ(deliveries[1].kind, DeliveryKind::kCancellation);
  EXPECT_EQ(deliveries[1].state, DeliveryState::kSent);
  EXPECT_EQ(deliveries[1].requested_by, "cancellation");
  EXPECT_EQ(deliveries[1].document_number, "R-" + number);
}

TEST_F(ReceiptMailerTest, RecordsAsSentAndFollowsUpAReceiptTheServerAcceptedDuringTheCancellation) {
  const std::string number = Place("order");
  CancelledWhileSending racing(*transport_, [&] { Cancel(number); });

  const MailerRound sending = RoundOver(*deliveries_, racing);
  const std::vector<ReceiptDelivery> after = DeliveriesOf(number);
  const MailerRound next = Round();

  EXPECT_EQ(sending.sent, 1);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].state, DeliveryState::kSent) << "the customer has it: not withdrawn";
  EXPECT_EQ(after[1].kind, DeliveryKind::kCancellation);
  EXPECT_EQ(after[1].state, DeliveryState::kQueued);
  EXPECT_EQ(next.sent, 1);
  const std::vector<ParsedMail> mails = Arrived();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[1].subject, "Ordine " + number + " annullato \u2013 ricevuta R-" + number);
}

TEST_F(ReceiptMailerTest, RefusesToResendTheReceiptOfACancelledOrder) {
  const std::string number = Place("order");
  Cancel(number);
  CountingSignal signal;
  ResendReceipt resend(*deliveries_, *documents_, signal, clock_);

  auto refused = resend.Run(OrderNumber{number}, "", "clerk1", Key("resend"), nullptr);

  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().fields.at(0).path, "state");
  EXPECT_EQ(signal.count, 0);
}

TEST_F(ReceiptMailerTest, LosesNothingAcrossARestart) {
  sink_.Stop();
  const std::string first = Place("first");
  Round();
  const std::string second = Place("second");  // Its event is still in the outbox.
  Close();
  stores_.Reopen();
  Open();
  sink_.Start();
  clock_.Advance(std::chrono::seconds{1});

  const MailerRound round = Round();

  EXPECT_EQ(round.sent, 2);
  const std::vector<ParsedMail> mails = Arrived();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].leaves.at(2).filename, "R-" + first + ".pdf");
  EXPECT_EQ(mails[1].leaves.at(2).filename, "R-" + second + ".pdf");
}

TEST_F(ReceiptMailerTest, TheWorkerThreadSendsWhenWokenAndStopsCleanly) {
  OutboxWorker worker([this] { (void)mailer_->DeliverDue(); });
  worker.Start();

  Place("order");
  worker.Notify();
  const bool arrived = sink_.WaitForMessages(1);
  worker.Stop();

  EXPECT_TRUE(arrived);
  EXPECT_EQ(sink_.Messages().size(), 1u);
}

TEST(RetryDelayTest, GrowsByTheFactorUpToTheCap) {
  const RetryPolicy policy{.first_delay = std::chrono::seconds{30},
                           .factor = 3,
                           .cap = std::chrono::minutes{10},
                           .max_attempts = 5};

  EXPECT_EQ(RetryDelay(policy, 1), std::chrono::seconds{30});
  EXPECT_EQ(RetryDelay(policy, 2), std::chrono::seconds{90});
  EXPECT_EQ(RetryDelay(policy, 3), std::chrono::seconds{270});
  EXPECT_EQ(RetryDelay(policy, 4), std::chrono::minutes{10});
  EXPECT_EQ(RetryDelay(policy, 1000), std::chrono::minutes{10});
}

}  // namespace
}  // namespace commesso

int main(int argc, char** argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);  // Once, before any thread (pitfall 9).
  ::testing::InitGoogleMock(&argc, argv);
  const int result = RUN_ALL_TESTS();
  curl_global_cleanup();
  return result;
}
