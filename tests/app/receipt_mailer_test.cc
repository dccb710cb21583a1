#include "app/receipt_mailer.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <curl/curl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/render/receipt_render.h"
#include "adapters/render/receipt_renderings.h"
#include "adapters/smtp/smtp_mail_transport.h"
#include "adapters/sqlite/sqlite_delivery_store.h"
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
  render::DocumentRenderings renderings_;
  std::unique_ptr<sqlite::SqliteDeliveryStore> deliveries_;
  std::unique_ptr<OrderReceipts> documents_;
  std::unique_ptr<smtp::SmtpMailTransport> transport_;
  std::unique_ptr<ReceiptMailer> mailer_;
};

TEST_F(ReceiptMailerTest, SendsTheReceiptOfAPlacedOrderEndToEnd) {
  const std::string number = Place("order");

  const MailerRound round = Round();

  EXPECT_EQ(round.taken, 1);
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

TEST_F(ReceiptMailerTest, SendsEveryReceiptOnceInNumberOrderAfterAnOutage) {
  sink_.Stop();
  std::vector<std::string> numbers;
  for (int i = 0; i < 200; ++i) numbers.push_back(Place("order " + std::to_string(i)));

  const MailerRound down = Round();
  const MailerRound still_waiting = Round();

  EXPECT_EQ(down.taken, 200);
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

  const MailerRound round = Round();

  EXPECT_EQ(round.taken, 1);
  EXPECT_EQ(round.failed, 1);
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
