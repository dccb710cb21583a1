#pragma once

#include <string>
#include <vector>

#include "app/ports/clock.h"
#include "app/ports/delivery_store.h"
#include "app/ports/document_store.h"
#include "app/ports/mail_transport.h"
#include "app/ports/receipt_renderings.h"
#include "core/receipt_delivery.h"
#include "core/result.h"

namespace commesso {

// Who receipts come from ([mail] in the configuration). The From display name is the
// document's seller.
struct ReceiptMailSettings {
  std::string from{};      // Checked by MailAddressProblem when the configuration is read.
  std::string reply_to{};  // Empty: no Reply-To.
  RetryPolicy retry{};
  int text_columns = 80;  // The width of the plain-text body.
};

// What one round of the mailer did.
struct MailerRound {
  int taken = 0;             // receipt.due events turned into deliveries.
  int sent = 0;              // Deliveries the server accepted.
  int retrying = 0;          // Deliveries that failed and wait for another try.
  int failed = 0;            // Deliveries given up (or refused for want of an address).
  int withdrawn = 0;         // Receipts of orders cancelled before they went out.
  bool unreachable = false;  // The SMTP server could not be reached; the round stopped.
  std::string last_error{};  // Why, when unreachable.
};

// Sends the receipts of placed orders by e-mail, at least once each. A round
// (DeliverDue) first turns the outbox's `receipt.due` events not yet taken (placements queue
// their receipt's delivery themselves: these are left from before) into deliveries addressed
// to the customer's e-mail of the order's snapshot (or records at once that there is no
// usable address), then tries every queued delivery that is due, oldest first, so receipts go out
// in the order of their numbers.
//
// Each try hands the delivery's envelope to the transport, which asks for the message only
// once the server has accepted it (MailTransport::SendWhenAccepted): only then is the
// document rendered again (the same document gives the same bytes) into a message with the
// subject, the 80-column text, the HTML and the PDF attached as "<number>.pdf". A server that
// is down or refuses the recipient costs no rendering (decision 0026). Then:
// - accepted: `sent` with the server's reply; the delivery is never tried again;
// - the server answered 4xx: tried again after RetryDelay(policy, attempts), and given up as
//   `failed` after policy.max_attempts answered tries;
// - the server answered 5xx, or the message itself is unusable (it cannot be composed:
//   "cannot compose the receipt: …"): `failed` at once, with the reason (a clerk may send it
//   to a corrected address); composing that fails because a store is down fails the round;
// - the server is unreachable (down, TLS or login trouble): not the message's fault, so no
//   attempt is counted; every due delivery waits, the wait growing by the same policy while
//   the server stays unreachable, and the round ends. Receipts queued during that wait (new
//   placements queue theirs due at once) wait too: no round tries, renders or writes
//   anything before the wait is over.
// A round claims each batch of due deliveries (DeliveryStore::Claim) in one transaction that
// looks at their orders again: the receipt of an order cancelled meanwhile is withdrawn, not
// sent. The batch's outcomes are stored together in one transaction after its tries (also
// when the server turns out unreachable or a store fails part-way). A
// cancellation notice (kind kCancellation) is the notice's subject, text and HTML, without
// attachment (docs/receipts.md, "Cancelled orders").
// A crash between the server's acceptance and the batch's stored outcomes sends those receipts
// again after the restart, with the same Message-ID: at least once, never lost.
//
// Borrows everything it is given. One caller at a time (the mailer's worker thread).
class ReceiptMailer {
 public:
  ReceiptMailer(DeliveryStore& deliveries, const DocumentStore& documents,
                const ReceiptRenderings& renderings, MailTransport& transport, const Clock& clock,
                ReceiptMailSettings settings);

  // One round. Fails only when the stores fail (kUnavailable when the database is down);
  // what the SMTP server did is in the deliveries and the round.
  Result<MailerRound> DeliverDue();

 private:
  Result<void> TakeEvents(MailerRound& round);
  // Tries one claimed, queued delivery and appends its outcome to `outcomes` (stored with the
  // batch's); false when the server was unreachable and the round must stop.
  Result<bool> Attempt(ReceiptDelivery delivery, MailerRound& round,
                       std::vector<ReceiptDelivery>& outcomes);
  Result<MailMessage> Compose(const ReceiptDelivery& delivery);

  DeliveryStore& deliveries_;
  const DocumentStore& documents_;
  const ReceiptRenderings& renderings_;
  MailTransport& transport_;
  const Clock& clock_;
  const ReceiptMailSettings settings_;
  int unreachable_rounds_ = 0;  // In a row; sets how long deliveries wait for the server.
  Timestamp server_back_at_{};  // No delivery is tried before, after the server was down.
  std::string server_error_{};  // Why it was down.
};

// Why a receipt cannot be e-mailed to `email` (none, or not an address SMTP takes), or nothing.
std::optional<std::string> ReceiptRefusal(const std::string& email);

// The Message-ID of a delivery: stable over its tries, unique per delivery.
// "R-2026-000001.7.1764324000000@shop.example" (document, delivery id, request time in ms,
// the sender's domain).
std::string DeliveryMessageId(const ReceiptDelivery& delivery, const std::string& from);

}  // namespace commesso
