#include "app/receipt_mailer.h"

#include <chrono>
#include <optional>
#include <utility>
#include <vector>

#include "core/mail_address.h"

namespace commesso {
namespace {

constexpr int kBatch = 50;

// The receipt among the order's documents, if one was issued.
const Document* ReceiptOf(const std::vector<Document>& documents) {
  for (const Document& document : documents) {
    if (document.kind == DocumentKind::kReceipt) return &document;
  }
  return nullptr;
}

// The reason an error gives, with the server's reply when it sent one.
std::string Reason(const Error& error) {
  std::string reason = error.message;
  for (const FieldError& field : error.fields) reason += "; " + field.path + ": " + field.problem;
  return reason;
}

}  // namespace

std::optional<std::string> ReceiptRefusal(const std::string& email) {
  if (email.empty()) return "the customer has no e-mail address";
  if (std::optional<std::string> problem = MailAddressProblem(email)) {
    return "the customer's e-mail address " + email + " cannot be used: it " + *problem;
  }
  return std::nullopt;
}

std::string DeliveryMessageId(const ReceiptDelivery& delivery, const std::string& from) {
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          delivery.requested_at.time_since_epoch())
                          .count();
  return delivery.document_number + "." + std::to_string(delivery.id.value) + "." +
         std::to_string(millis) + "@" + MailDomain(from);
}

ReceiptMailer::ReceiptMailer(DeliveryStore& deliveries, const DocumentStore& documents,
                             const ReceiptRenderings& renderings, MailTransport& transport,
                             const Clock& clock, ReceiptMailSettings settings)
    : deliveries_(deliveries),
      documents_(documents),
      renderings_(renderings),
      transport_(transport),
      clock_(clock),
      settings_(std::move(settings)) {}

Result<MailerRound> ReceiptMailer::DeliverDue() {
  MailerRound round;
  auto taken = TakeEvents(round);
  if (!taken) return Fail(taken.error());

  // While the server is known to be unreachable, receipts queued since (by placements) wait
  // with the others: nothing is claimed, rendered or written before the next try.
  if (clock_.Now() < server_back_at_) {
    round.unreachable = true;
    round.last_error = server_error_;
    return round;
  }

  // Tried deliveries leave the due set (sent, failed, or due later), so each batch is new.
  // A batch is claimed in one transaction and its outcomes are stored in one.
  while (true) {
    auto due = deliveries_.Due(clock_.Now(), kBatch);
    if (!due) return Fail(due.error());
    std::vector<DeliveryId> ids;
    ids.reserve(due->size());
    for (const ReceiptDelivery& delivery : *due) ids.push_back(delivery.id);
    auto claimed = deliveries_.Claim(ids, clock_.Now());
    if (!claimed) return Fail(claimed.error());
    std::vector<ReceiptDelivery> outcomes;
    Result<bool> reachable = true;
    for (ReceiptDelivery& delivery : *claimed) {
      if (delivery.state == DeliveryState::kWithdrawn) ++round.withdrawn;
      if (delivery.state != DeliveryState::kQueued) continue;
      reachable = Attempt(std::move(delivery), round, outcomes);
      if (!reachable || !*reachable) break;
    }
    // Stored whatever stopped the batch: a receipt the server accepted is not sent twice.
    auto stored = deliveries_.Update(outcomes);
    if (!reachable) return Fail(reachable.error());
    if (!stored) return Fail(stored.error());
    if (!*reachable) {
      auto postponed = deliveries_.PostponeAll(clock_.Now(), server_back_at_,
                                               "SMTP server unavailable: " + server_error_);
      if (!postponed) return Fail(postponed.error());
      return round;
    }
    if (due->size() < static_cast<std::size_t>(kBatch)) break;
  }
  if (round.sent > 0) unreachable_rounds_ = 0;
  return round;
}

Result<void> ReceiptMailer::TakeEvents(MailerRound& round) {
  while (true) {
    const Timestamp now = clock_.Now();
    auto events = deliveries_.PendingReceipts(now, kBatch);
    if (!events) return Fail(events.error());
    for (const DueReceipt& event : *events) {
      auto documents = documents_.ForOrder(event.order);
      const Document* receipt = documents ? ReceiptOf(*documents) : nullptr;
      if (receipt == nullptr) {
        // The receipt is issued in the placement's transaction, so this is a store that is
        // down (or a bug): try the event again later.
        const std::string why = documents ? "the order has no receipt yet"
                                          : "cannot read the receipt: " + documents.error().message;
        auto postponed =
            deliveries_.Postpone(event, now + RetryDelay(settings_.retry, event.attempts + 1), why);
        if (!postponed) return Fail(postponed.error());
        continue;
      }
      DeliveryRequest request{.order = event.order,
                              .document_number = receipt->number,
                              .to = receipt->order.customer.email,
                              .requested_by = std::string(kPlacementRequester),
                              .requested_at = now,
                              .refusal = ReceiptRefusal(receipt->order.customer.email)};
      auto delivery = deliveries_.Take(event, request);
      if (!delivery) return Fail(delivery.error());
      ++round.taken;
      if (delivery->state == DeliveryState::kWithdrawn) {
        ++round.withdrawn;
      } else if (delivery->state == DeliveryState::kFailed) {
        ++round.failed;
      }
    }
    if (events->size() < static_cast<std::size_t>(kBatch)) return {};
  }
}

Result<MailMessage> ReceiptMailer::Compose(const ReceiptDelivery& delivery) {
  auto document = documents_.Find(delivery.document_number);
  if (!document) return Fail(document.error());
  std::string from_name = document->seller.name;
  if (HeaderTextProblem(from_name)) from_name.clear();  // The address alone, then.
  MailMessage message{.from = settings_.from,
                      .from_name = std::move(from_name),
                      .reply_to = settings_.reply_to,
                      .to = delivery.to,
                      .subject = "",
                      .text = "",
                      .html = "",
                      .attachments = {},
                      .message_id = delivery.message_id,
                      .date = clock_.Now()};
  if (delivery.kind == DeliveryKind::kCancellation) {
    CancellationNotice notice = renderings_.Cancellation(*document, settings_.text_columns);
    message.subject = std::move(notice.subject);
    message.text = std::move(notice.text);
    message.html = std::move(notice.html);
    return message;
  }
  auto pdf = renderings_.Pdf(*document);
  if (!pdf) return Fail(pdf.error());
  message.subject = renderings_.Subject(*document);
  message.text = renderings_.Text(*document, settings_.text_columns);
  message.html = renderings_.Html(*document);
  message.attachments = {MailAttachment{.filename = document->number + ".pdf",
                                        .content_type = "application/pdf",
                                        .bytes = *std::move(pdf)}};
  return message;
}

Result<bool> ReceiptMailer::Attempt(ReceiptDelivery delivery, MailerRound& round,
                                    std::vector<ReceiptDelivery>& outcomes) {
  if (delivery.message_id.empty()) {
    delivery.message_id = DeliveryMessageId(delivery, settings_.from);
  }
  const auto give_up = [&](std::string reason) {
    delivery.state = DeliveryState::kFailed;
    delivery.next_attempt_at.reset();
    delivery.error = std::move(reason);
    delivery.updated_at = clock_.Now();
    ++round.failed;
    outcomes.push_back(delivery);
  };

  if (std::optional<std::string> problem = MailAddressProblem(delivery.to)) {
    give_up("the address " + delivery.to + " cannot be used: it " + *problem);
    return true;
  }
  // Composed (rendered) only once the server has taken the envelope (decision 0026); its
  // failure is kept here, so it reads as before whatever the transport makes of it.
  std::optional<Error> compose_error;
  auto reply = transport_.SendWhenAccepted(MailEnvelope{.from = settings_.from, .to = delivery.to},
                                           [&]() -> Result<MailMessage> {
                                             auto message = Compose(delivery);
                                             if (!message) compose_error = message.error();
                                             return message;
                                           });
  if (compose_error && compose_error->code == ErrorCode::kUnavailable) {
    return Fail(*compose_error);
  }
  if (compose_error) {
    give_up("cannot compose the receipt: " + compose_error->message);
    return true;
  }
  const Timestamp now = clock_.Now();
  delivery.updated_at = now;
  if (reply) {
    delivery.state = DeliveryState::kSent;
    ++delivery.attempts;
    delivery.next_attempt_at.reset();
    delivery.server_reply = *reply;
    delivery.error.clear();
    delivery.sent_at = now;
    ++round.sent;
    unreachable_rounds_ = 0;
    outcomes.push_back(std::move(delivery));
    return true;
  }

  const Error& error = reply.error();
  const std::string reason = Reason(error);
  if (error.code != ErrorCode::kInvalidInput && error.fields.empty()) {
    // Not about this message: the server is unreachable for every delivery alike. The caller
    // postpones every due delivery until server_back_at_.
    ++unreachable_rounds_;
    server_back_at_ = now + RetryDelay(settings_.retry, unreachable_rounds_);
    server_error_ = reason;
    round.unreachable = true;
    round.last_error = reason;
    return false;
  }
  if (error.code != ErrorCode::kInvalidInput) {
    ++delivery.attempts;
    if (!error.fields.empty()) delivery.server_reply = error.fields.front().problem;
  }
  const bool transient = error.code == ErrorCode::kUnavailable;
  if (!transient || delivery.attempts >= settings_.retry.max_attempts) {
    give_up(transient
                ? "gave up after " + std::to_string(delivery.attempts) + " attempts: " + reason
                : reason);
    return true;
  }
  delivery.error = reason;
  delivery.next_attempt_at = now + RetryDelay(settings_.retry, delivery.attempts);
  ++round.retrying;
  outcomes.push_back(std::move(delivery));
  return true;
}

}  // namespace commesso
