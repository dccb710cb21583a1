#pragma once

#include <string>
#include <vector>

#include "app/ports/mail_transport.h"
#include "core/result.h"

namespace commesso::smtp {

// Every problem that keeps `message` out of a header, one FieldError per field ("from",
// "reply_to", "to", "from_name", "subject", "message_id", "attachments[0].filename", …):
// addresses must pass MailAddressProblem, texts HeaderTextProblem; the Message-ID must be
// dot-atoms around one @. Empty when the message may be built.
std::vector<FieldError> HeaderProblems(const MailMessage& message);

// The message as MIME (GMime 3) with CRLF line endings, ready for SMTP DATA:
// multipart/mixed of a multipart/alternative (text/plain then text/html, both UTF-8
// quoted-printable) and each attachment (base64, Content-Disposition: attachment with its
// file name); headers Date, From, Reply-To (when set), To, Subject (RFC 2047 encoded when
// not ASCII), Message-ID and MIME-Version. kInvalidInput with HeaderProblems first.
// Thread-safe (GMime is initialized once).
Result<std::string> MimeText(const MailMessage& message);

}  // namespace commesso::smtp
