#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "app/ports/mail_transport.h"

namespace commesso::smtp {

enum class Tls {
  kNone,      // Plain smtp:// (a local relay or a test sink).
  kStartTls,  // smtp:// upgraded with STARTTLS.
  kImplicit,  // smtps://, TLS from the first byte (usually port 465).
};

struct SmtpOptions {
  std::string host = "127.0.0.1";
  int port = 25;
  Tls tls = Tls::kStartTls;
  // With kStartTls: refuse to send when the server does not offer STARTTLS (else send in
  // the clear). Certificates are always verified against the system's CA store.
  bool starttls_required = true;
  std::string username{};    // Empty: no login.
  std::string password{};    // Never logged, never part of an error message.
  int timeout_seconds = 30;  // For connecting, and for the whole conversation.
};

// The MailTransport port over SMTP with libcurl: MIME built by MimeText (GMime), sent to one
// recipient. The connection is kept for the next message when the server allows. Failures
// are classified as the port says, from libcurl's result and the server's last reply. Send
// checks the whole message before any connection (kInvalidInput); SendWhenAccepted checks
// the envelope's addresses before, and composes and checks the message when libcurl first
// asks for the data, which it does only after the server answered DATA with 354; a message
// that fails then aborts the upload (CURL_READFUNC_ABORT), so the server drops it. The
// server's SIZE extension gets the size only from Send, which knows it before MAIL FROM.
// curl_global_init must have run (main does it). Thread-safe: sends are serialized, and a
// composer runs while its send holds the transport.
class SmtpMailTransport final : public MailTransport {
 public:
  explicit SmtpMailTransport(SmtpOptions options);
  ~SmtpMailTransport() override;
  SmtpMailTransport(const SmtpMailTransport&) = delete;
  SmtpMailTransport& operator=(const SmtpMailTransport&) = delete;

  Result<std::string> Send(const MailMessage& message) override;
  Result<std::string> SendWhenAccepted(const MailEnvelope& envelope,
                                       const MailComposer& compose) override;

  // The smtp:// or smtps:// URL it sends to.
  std::string Url() const;

 private:
  // Runs the SMTP conversation for `envelope`, with the MIME text `text` gives when libcurl
  // first asks for the data; `size` is that text's size when known before, else -1. An
  // exception from `text` is thrown again once libcurl has returned.
  Result<std::string> Transfer(const MailEnvelope& envelope,
                               const std::function<Result<std::string>()>& text, std::int64_t size);

  const SmtpOptions options_;
  std::mutex mutex_;
  void* handle_ = nullptr;  // The CURL easy handle; guarded by mutex_.
};

}  // namespace commesso::smtp
