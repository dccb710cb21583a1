#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/order.h"
#include "core/result.h"

namespace commesso {

struct MailAttachment {
  std::string filename{};      // "R-2026-000001.pdf".
  std::string content_type{};  // "application/pdf".
  std::string bytes{};
  friend bool operator==(const MailAttachment&, const MailAttachment&) = default;
};

// One e-mail: a plain-text body with an HTML alternative, and attachments. Addresses are bare
// (`name@example.com`); `from_name` is the sender's display name, may be empty.
struct MailMessage {
  std::string from{};
  std::string from_name{};
  std::string reply_to{};  // Empty: no Reply-To header.
  std::string to{};
  std::string subject{};  // UTF-8; encoded (RFC 2047) when it is not ASCII.
  std::string text{};     // UTF-8, lines ending in "\n".
  std::string html{};     // UTF-8.
  std::vector<MailAttachment> attachments{};
  std::string message_id{};  // Without the angle brackets: "R-2026-000001.7.1764324000000@x.it".
  Timestamp date{};          // The Date header.
  friend bool operator==(const MailMessage&, const MailMessage&) = default;
};

// Who a message goes from and to: what the server must accept before the message is needed.
struct MailEnvelope {
  std::string from{};
  std::string to{};
};

// Makes the message to send, for SendWhenAccepted: its `from` and `to` are the envelope's.
using MailComposer = std::function<Result<MailMessage>()>;

// Sends e-mail. How a failure reads (the worker decides on it):
// - kInvalidInput, with a field per problem ("to", "subject", …): the message cannot be sent
//   as it is (an invalid address, a line break in a header, a composed message that is not
//   for its envelope); no message was delivered and retrying cannot help.
// - no fields, kUnavailable: the server could not be reached or the conversation broke off
//   (connection refused, timeout, TLS handshake); retrying later can help.
// - no fields, kRejected: the server refused us, not this message (login refused, STARTTLS
//   required but not offered, a certificate that does not verify); retrying cannot help until
//   the configuration changes.
// - one field naming what the server judged ("to" for the recipient, "from" for the sender,
//   "message" for the content) whose problem is the server's reply with its code
//   ("550 5.1.1 No such user"): kUnavailable for a 4xx reply (retrying later can help),
//   kRejected for a 5xx reply (it cannot).
// - one field "compose" (SendWhenAccepted only): the composer failed, so the message is at
//   fault, not the server; the code and message are the composer's error's, the field's
//   problem is its message. The server had accepted the envelope, but the transfer was
//   abandoned before the end of the data, so no message was delivered.
// Thread-safe.
class MailTransport {
 public:
  virtual ~MailTransport() = default;

  // Sends `message` and returns the server's final reply ("250 OK queued as 1A2B").
  virtual Result<std::string> Send(const MailMessage& message) {
    return SendWhenAccepted(MailEnvelope{.from = message.from, .to = message.to},
                            [&message]() -> Result<MailMessage> { return message; });
  }

  // Sends the message `compose` makes, calling it only once the server has accepted the
  // envelope and is ready for the data (after the connection, TLS, the login, MAIL FROM, RCPT
  // TO and DATA succeeded), and at most once: a server that is down or refuses the sender or
  // the recipient costs no composing. `compose` runs on the calling thread, within this call;
  // it must not use this transport. Returns the server's final reply.
  virtual Result<std::string> SendWhenAccepted(const MailEnvelope& envelope,
                                               const MailComposer& compose) = 0;
};

}  // namespace commesso
