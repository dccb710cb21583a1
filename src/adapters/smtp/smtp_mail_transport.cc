// Sending one message with libcurl's SMTP client, and reading what went wrong.
//
// libcurl runs the whole conversation (EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA) in
// curl_easy_perform and reports a single CURLcode; the server's words are visible only
// through the debug callback. So the callback keeps two things: the verb of the last command
// we sent (never its arguments, which for AUTH hold the password) and the server's last reply
// line. A failure then reads as: which command the server answered, with which reply. A 4xx
// or 5xx after MAIL, RCPT or DATA is about this message ("from", "to", "message"); anything
// earlier, or no reply at all, is about the server.
//
// libcurl asks the read callback for the message only once the server answered DATA with
// 354, so SendWhenAccepted composes it there, at the first read; a message that cannot be
// made aborts the upload before any of its bytes, and the server drops the transaction.

#include "adapters/smtp/smtp_mail_transport.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>
#include <optional>
#include <utility>

#include <curl/curl.h>

#include "adapters/smtp/mime_message.h"
#include "core/mail_address.h"

namespace commesso::smtp {
namespace {

// What the debug callback saw during one perform.
struct Conversation {
  std::string last_command;  // "MAIL", "RCPT", "DATA", "AUTH", …
  std::string last_reply;    // The server's last line, without CRLF.
  // The first 4xx or 5xx reply and the command it answered (libcurl may send QUIT after it).
  std::string failed_command;
  std::string failed_reply;
  int failed_code = 0;
};

// The code of a reply line ("550 5.1.1 …" gives 550), or 0.
int ReplyCode(std::string_view line) {
  if (line.size() < 3) return 0;
  int code = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    if (line[i] < '0' || line[i] > '9') return 0;
    code = code * 10 + (line[i] - '0');
  }
  return code;
}

int OnDebug(CURL* /*handle*/, curl_infotype type, char* data, std::size_t size, void* user) {
  auto& conversation = *static_cast<Conversation*>(user);
  std::string_view text(data, size);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (type == CURLINFO_HEADER_IN) {
    // A multi-line reply arrives as one block: keep its last line.
    const std::size_t newline = text.rfind('\n');
    conversation.last_reply =
        std::string(newline == std::string_view::npos ? text : text.substr(newline + 1));
    const int code = ReplyCode(conversation.last_reply);
    if (code >= 400 && conversation.failed_code == 0) {
      conversation.failed_code = code;
      conversation.failed_reply = conversation.last_reply;
      conversation.failed_command = conversation.last_command;
    }
  } else if (type == CURLINFO_HEADER_OUT) {
    std::string verb(text.substr(0, text.find(' ')));
    std::transform(verb.begin(), verb.end(), verb.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    conversation.last_command = verb.substr(0, 16);
  }
  return 0;
}

// Feeds the message to libcurl, making it at the first read: libcurl reads only once the
// server has answered DATA with 354 (smtp.c starts the transfer in its DATA reply's state).
struct Upload {
  const std::function<Result<std::string>()>* make = nullptr;
  std::optional<Result<std::string>> text{};  // Made at the first read.
  std::exception_ptr thrown{};                // What `make` threw; thrown again after perform.
  std::size_t offset = 0;
};

std::size_t OnRead(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto& upload = *static_cast<Upload*>(user);
  if (!upload.text) {
    // No exception may cross libcurl's C frames: kept, and thrown again after perform.
    try {
      upload.text = (*upload.make)();
    } catch (...) {
      upload.thrown = std::current_exception();
      return CURL_READFUNC_ABORT;
    }
  }
  if (!*upload.text) return CURL_READFUNC_ABORT;  // Nothing sent: the server drops the data.
  const std::string& text = **upload.text;
  const std::size_t room = size * count;
  const std::size_t left = text.size() - upload.offset;
  const std::size_t chunk = std::min(room, left);
  std::memcpy(buffer, text.data() + upload.offset, chunk);
  upload.offset += chunk;
  return chunk;
}

// The envelope's addresses, as HeaderProblems would name them.
std::vector<FieldError> EnvelopeProblems(const MailEnvelope& envelope) {
  std::vector<FieldError> problems;
  if (auto problem = MailAddressProblem(envelope.from)) problems.push_back({"from", *problem});
  if (auto problem = MailAddressProblem(envelope.to)) problems.push_back({"to", *problem});
  return problems;
}

// The field a reply to `command` judged, or "" when it is not about the message.
std::string FieldOf(const std::string& command) {
  if (command == "MAIL") return "from";
  if (command == "RCPT") return "to";
  if (command == "DATA") return "message";
  return "";
}

Error Failure(CURLcode code, const Conversation& conversation, const char* detail,
              const SmtpOptions& options) {
  const std::string server = options.host + ":" + std::to_string(options.port);
  const int reply_code = conversation.failed_code;
  const std::string reply = reply_code != 0 ? conversation.failed_reply : conversation.last_reply;
  const std::string field = FieldOf(conversation.failed_command);
  if (reply_code >= 400 && reply_code < 600 && !field.empty()) {
    const bool permanent = reply_code >= 500;
    std::string message = "The SMTP server " + server + (permanent ? " refused" : " deferred") +
                          " the " +
                          (field == "to"     ? std::string("recipient")
                           : field == "from" ? std::string("sender")
                                             : std::string("message")) +
                          ": " + reply + ".";
    return Error{.code = permanent ? ErrorCode::kRejected : ErrorCode::kUnavailable,
                 .message = std::move(message),
                 .fields = {{field, reply}}};
  }
  std::string why = std::string(curl_easy_strerror(code));
  if (detail != nullptr && detail[0] != '\0') why += " (" + std::string(detail) + ")";
  if (!reply.empty()) why += "; last reply: " + reply;
  switch (code) {
    case CURLE_LOGIN_DENIED:
      return Error{ErrorCode::kRejected, "The SMTP server " + server + " refused the login of " +
                                             options.username + ": " + why + "."};
    case CURLE_USE_SSL_FAILED:
      return Error{ErrorCode::kRejected, "The SMTP server " + server +
                                             " does not offer STARTTLS, which tls = \"starttls\" "
                                             "requires: " +
                                             why + "."};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return Error{ErrorCode::kRejected, "The certificate of the SMTP server " + server +
                                             " does not verify: " + why + "."};
    case CURLE_SSL_CONNECT_ERROR:
      return Error{ErrorCode::kUnavailable,
                   "TLS with the SMTP server " + server + " failed: " + why + "."};
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return Error{ErrorCode::kUnavailable,
                   "Cannot connect to the SMTP server " + server + ": " + why + "."};
    case CURLE_OPERATION_TIMEDOUT:
      return Error{ErrorCode::kUnavailable,
                   "The SMTP server " + server + " did not answer in time: " + why + "."};
    default:
      break;
  }
  // A 5xx before MAIL (EHLO, AUTH: "530 Authentication required") is about us, not the
  // message, and retrying will not help; everything else may pass.
  const bool refused = reply_code >= 500 && reply_code < 600;
  return Error{refused ? ErrorCode::kRejected : ErrorCode::kUnavailable,
               "The conversation with the SMTP server " + server + " failed: " + why + "."};
}

}  // namespace

SmtpMailTransport::SmtpMailTransport(SmtpOptions options)
    : options_(std::move(options)), handle_(curl_easy_init()) {}

SmtpMailTransport::~SmtpMailTransport() {
  if (handle_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(handle_));
}

std::string SmtpMailTransport::Url() const {
  const bool ipv6 = options_.host.find(':') != std::string::npos;
  const std::string host = ipv6 ? "[" + options_.host + "]" : options_.host;
  return std::string(options_.tls == Tls::kImplicit ? "smtps://" : "smtp://") + host + ":" +
         std::to_string(options_.port);
}

Result<std::string> SmtpMailTransport::Send(const MailMessage& message) {
  // Made before connecting: a message that cannot be sent costs no conversation.
  auto text = MimeText(message);
  if (!text) return Fail(text.error());
  const auto size = static_cast<std::int64_t>(text->size());
  return Transfer(
      MailEnvelope{.from = message.from, .to = message.to},
      [&text]() -> Result<std::string> { return std::move(text); }, size);
}

Result<std::string> SmtpMailTransport::SendWhenAccepted(const MailEnvelope& envelope,
                                                        const MailComposer& compose) {
  std::vector<FieldError> problems = EnvelopeProblems(envelope);
  if (!problems.empty()) {
    return Fail(
        {ErrorCode::kInvalidInput, "The e-mail cannot be sent as it is.", std::move(problems)});
  }
  const auto text = [&]() -> Result<std::string> {
    auto message = compose();
    if (!message) {
      const Error& error = message.error();
      return Fail(Error{
          .code = error.code, .message = error.message, .fields = {{"compose", error.message}}});
    }
    std::vector<FieldError> strays;
    if (message->from != envelope.from) {
      strays.push_back({"from", "is not the envelope's sender " + envelope.from});
    }
    if (message->to != envelope.to) {
      strays.push_back({"to", "is not the envelope's recipient " + envelope.to});
    }
    if (!strays.empty()) {
      return Fail(
          {ErrorCode::kInvalidInput, "The e-mail cannot be sent as it is.", std::move(strays)});
    }
    return MimeText(*message);
  };
  return Transfer(envelope, text, -1);  // The size is not known before MAIL FROM.
}

Result<std::string> SmtpMailTransport::Transfer(const MailEnvelope& envelope,
                                                const std::function<Result<std::string>()>& text,
                                                std::int64_t size) {
  std::lock_guard lock(mutex_);
  if (handle_ == nullptr) handle_ = curl_easy_init();
  if (handle_ == nullptr) return Fail(ErrorCode::kInternal, "libcurl cannot make a handle.");
  CURL* curl = static_cast<CURL*>(handle_);
  curl_easy_reset(curl);  // Keeps the open connection for reuse.

  Conversation conversation;
  Upload upload{.make = &text};
  char detail[CURL_ERROR_SIZE] = {};
  const std::string from = "<" + envelope.from + ">";
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + envelope.to + ">").c_str());
  const long use_ssl = options_.tls == Tls::kNone ? static_cast<long>(CURLUSESSL_NONE)
                       : options_.tls == Tls::kStartTls && !options_.starttls_required
                           ? static_cast<long>(CURLUSESSL_TRY)
                           : static_cast<long>(CURLUSESSL_ALL);

  curl_easy_setopt(curl, CURLOPT_URL, Url().c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, use_ssl);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout_seconds));
  if (!options_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &OnRead);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  // Optional for SMTP: it only adds SIZE= to MAIL FROM when the server offers SIZE.
  if (size >= 0) curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  // Into OnDebug only, never to stderr.
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, &OnDebug);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &conversation);

  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  // The buffers above die with this call: no option may point at them afterwards.
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, nullptr);
  curl_easy_setopt(curl, CURLOPT_READDATA, nullptr);
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
  if (code != CURLE_OK) {
    // After a failure start the next message on a new connection, in a known state.
    curl_easy_cleanup(curl);
    handle_ = nullptr;
    if (upload.thrown) std::rethrow_exception(upload.thrown);
    // The message failed after DATA, not the server: the upload was aborted.
    if (upload.text && !*upload.text) return Fail(upload.text->error());
    return Fail(Failure(code, conversation, detail, options_));
  }
  return conversation.last_reply;
}

}  // namespace commesso::smtp
