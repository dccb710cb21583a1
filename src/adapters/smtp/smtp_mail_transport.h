#pragma once

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
// are classified as the port says, from libcurl's result and the server's last reply; the
// message is checked before any connection (kInvalidInput). curl_global_init must have run
// (main does it). Thread-safe: sends are serialized.
class SmtpMailTransport final : public MailTransport {
 public:
  explicit SmtpMailTransport(SmtpOptions options);
  ~SmtpMailTransport() override;
  SmtpMailTransport(const SmtpMailTransport&) = delete;
  SmtpMailTransport& operator=(const SmtpMailTransport&) = delete;

  Result<std::string> Send(const MailMessage& message) override;

  // The smtp:// or smtps:// URL it sends to.
  std::string Url() const;

 private:
  const SmtpOptions options_;
  std::mutex mutex_;
  void* handle_ = nullptr;  // The CURL easy handle; guarded by mutex_.
};

}  // namespace commesso::smtp
