#pragma once

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

// Sends e-mail. How a failure reads (the worker decides on it):
// - kInvalidInput, with a field per problem ("to", "subject", …): the message cannot be sent
//   as it is (an invalid address, a line break in a header); nothing was sent and retrying
//   cannot help.
// - no fields, kUnavailable: the server could not be reached or the conversation broke off
//   (connection refused, timeout, TLS handshake); retrying later can help.
// - no fields, kRejected: the server refused us, not this message (login refused, STARTTLS
//   required but not offered, a certificate that does not verify); retrying cannot help until
//   the configuration changes.
// - one field naming what the server judged ("to" for the recipient, "from" for the sender,
//   "message" for the content) whose problem is the server's reply with its code
//   ("550 5.1.1 No such user"): kUnavailable for a 4xx reply (retrying later can help),
//   kRejected for a 5xx reply (it cannot).
// Thread-safe.
class MailTransport {
 public:
  virtual ~MailTransport() = default;

  // Sends `message` and returns the server's final reply ("250 OK queued as 1A2B").
  virtual Result<std::string> Send(const MailMessage& message) = 0;
};

}  // namespace commesso
