#include "adapters/smtp/smtp_mail_transport.h"

#include <chrono>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include <curl/curl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/smtp/mime_message.h"
#include "support/parsed_mail.h"
#include "support/smtp_sink.h"
#include "support/temp_dir.h"

namespace commesso::smtp {
namespace {

using commesso::testing::ParseMail;
using commesso::testing::SmtpSink;
using commesso::testing::WithoutCr;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// A PDF-like attachment with every byte value, so a transfer-encoding slip shows.
std::string BinaryBytes() {
  std::string bytes = "%PDF-1.4\n";
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  return bytes + "\r\n\n\r.\r\n";  // CR, LF and an SMTP end-of-data lookalike inside.
}

MailMessage Receipt(const std::string& to = "anna@cliente.example") {
  return MailMessage{
      .from = "ricevute@cartoleria.example",
      .from_name = "Cartoleria Rossi S.r.l.",
      .reply_to = "ordini@cartoleria.example",
      .to = to,
      .subject = "Ricevuta R-2026-000001 – ordine 2026-000001",
      .text = "Grazie, Anna.\nTotale: 1.234,50 €\n.\nUna riga con un punto sopra.\n",
      .html =
          "<!doctype html><html><body><p>Totale: 1.234,50&nbsp;&euro; – perché</p></body>"
          "</html>",
      .attachments = {{.filename = "R-2026-000001.pdf",
                       .content_type = "application/pdf",
                       .bytes = BinaryBytes()}},
      .message_id = "R-2026-000001.1.1764324000000@cartoleria.example",
      .date = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}} +
              std::chrono::hours{10}};
}

// `raw` with each MIME boundary (GMime draws them at random: "=-fsJN+QznePzjFBVH/rZv") as "=-".
std::string WithoutBoundaries(const std::string& raw) {
  return std::regex_replace(raw, std::regex("=-[A-Za-z0-9+/]{20}"), "=-");
}

MailEnvelope EnvelopeOf(const MailMessage& message) {
  return MailEnvelope{.from = message.from, .to = message.to};
}

class SmtpMailTransportTest : public ::testing::Test {
 protected:
  void SetUp() override { sink_.Start(); }

  SmtpMailTransport Transport(Tls tls = Tls::kNone, bool required = true) {
    return SmtpMailTransport(SmtpOptions{.host = "127.0.0.1",
                                         .port = sink_.port(),
                                         .tls = tls,
                                         .starttls_required = required,
                                         .timeout_seconds = 10});
  }

  commesso::testing::TempDir dir_;
  SmtpSink sink_{dir_.path() / "mail"};
};

TEST_F(SmtpMailTransportTest, SendsTextHtmlAndTheAttachmentAsOneMimeMessage) {
  SmtpMailTransport transport = Transport();

  auto reply = transport.Send(Receipt());

  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_THAT(*reply, StartsWith("250 OK queued as 000001"));
  ASSERT_EQ(sink_.Messages().size(), 1u);
  const std::string raw = SmtpSink::Read(sink_.Messages()[0]);
  EXPECT_EQ(raw.find("\n"), raw.find("\r\n") + 1) << "lines end in CRLF";
  for (std::size_t at = raw.find('\n'); at != std::string::npos; at = raw.find('\n', at + 1)) {
    ASSERT_EQ(raw[at - 1], '\r') << "a bare LF at byte " << at;
  }
  const auto mail = ParseMail(raw);
  ASSERT_TRUE(mail.parsed);
  EXPECT_EQ(mail.from, "ricevute@cartoleria.example");
  EXPECT_EQ(mail.from_name, "Cartoleria Rossi S.r.l.");
  EXPECT_EQ(mail.reply_to, "ordini@cartoleria.example");
  EXPECT_EQ(mail.to, "anna@cliente.example");
  EXPECT_EQ(mail.subject, "Ricevuta R-2026-000001 – ordine 2026-000001");
  EXPECT_THAT(mail.raw_subject, HasSubstr("=?UTF-8?B?")) << "RFC 2047 encoded: it is not ASCII";
  EXPECT_EQ(mail.message_id, "R-2026-000001.1.1764324000000@cartoleria.example");
  EXPECT_THAT(mail.date, HasSubstr("28 Nov 2026 10:00:00"));
  EXPECT_EQ(mail.top_type, "multipart/mixed");
  EXPECT_EQ(mail.alternative_type, "multipart/alternative");
  ASSERT_EQ(mail.leaves.size(), 3u);
  EXPECT_EQ(mail.leaves[0].content_type, "text/plain");
  EXPECT_EQ(mail.leaves[0].charset, "utf-8");
  EXPECT_EQ(WithoutCr(mail.leaves[0].bytes), Receipt().text);
  EXPECT_EQ(mail.leaves[1].content_type, "text/html");
  EXPECT_EQ(mail.leaves[1].charset, "utf-8");
  EXPECT_EQ(WithoutCr(mail.leaves[1].bytes), Receipt().html);
  EXPECT_EQ(mail.leaves[2].content_type, "application/pdf");
  EXPECT_EQ(mail.leaves[2].disposition, "attachment");
  EXPECT_EQ(mail.leaves[2].filename, "R-2026-000001.pdf");
  EXPECT_EQ(mail.leaves[2].bytes, BinaryBytes());
}

TEST_F(SmtpMailTransportTest, SendsOneMessageAfterAnotherOnTheSameTransport) {
  SmtpMailTransport transport = Transport();

  for (int i = 0; i < 3; ++i) {
    auto reply = transport.Send(Receipt("cliente" + std::to_string(i) + "@example.com"));
    ASSERT_TRUE(reply.has_value()) << reply.error().message;
  }

  ASSERT_EQ(sink_.Messages().size(), 3u);
  EXPECT_EQ(ParseMail(SmtpSink::Read(sink_.Messages()[2])).to, "cliente2@example.com");
}

// Header injection: a CR or LF in any value would let its author add headers (a Bcc to
// anyone) or a body of their own. Nothing is sent; each field is named.
TEST_F(SmtpMailTransportTest, RefusesHeaderInjectionAndInvalidAddressesBeforeConnecting) {
  SmtpMailTransport transport = Transport();
  struct Case {
    const char* field;
    MailMessage message;
  };
  std::vector<Case> cases;
  MailMessage message = Receipt("anna@cliente.example\r\nBcc: everyone@elsewhere.example");
  cases.push_back({"to", message});
  message = Receipt("anna@cliente.example\nBcc: x@y.example");
  cases.push_back({"to", message});
  message = Receipt("Anna <anna@cliente.example>");
  cases.push_back({"to", message});
  message = Receipt("anna@cliente.example, boss@cliente.example");
  cases.push_back({"to", message});
  message = Receipt();
  message.subject = "Ricevuta\r\nBcc: everyone@elsewhere.example";
  cases.push_back({"subject", message});
  message = Receipt();
  message.from_name = "Rossi\nX-Spam: no";
  cases.push_back({"from_name", message});
  message = Receipt();
  message.reply_to = "a@b.example\r\nTo: c@d.example";
  cases.push_back({"reply_to", message});
  message = Receipt();
  message.from = "ricevute@cartoleria.example\r\n";
  cases.push_back({"from", message});
  message = Receipt();
  message.message_id = "x@y.example>\r\nBcc: z@w.example";
  cases.push_back({"message_id", message});
  message = Receipt();
  message.attachments[0].filename = "R.pdf\r\nContent-Type: text/html";
  cases.push_back({"attachments[0].filename", message});

  for (const Case& test : cases) {
    SCOPED_TRACE(test.field);
    auto reply = transport.Send(test.message);

    ASSERT_FALSE(reply.has_value());
    EXPECT_EQ(reply.error().code, ErrorCode::kInvalidInput);
    ASSERT_FALSE(reply.error().fields.empty());
    EXPECT_EQ(reply.error().fields[0].path, test.field);
  }
  EXPECT_TRUE(sink_.Messages().empty());
}

TEST_F(SmtpMailTransportTest, SaysTheServerIsUnreachableAndThatRetryingCanHelp) {
  sink_.Stop();
  SmtpMailTransport transport = Transport();

  auto reply = transport.Send(Receipt());

  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(reply.error().fields.empty());
  EXPECT_THAT(reply.error().message, HasSubstr("Cannot connect to the SMTP server 127.0.0.1:"));
}

TEST_F(SmtpMailTransportTest, ReportsARejectedRecipientWithTheServersReply) {
  SmtpMailTransport transport = Transport();

  auto reply = transport.Send(Receipt("rejected@cliente.example"));

  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kRejected);
  ASSERT_EQ(reply.error().fields.size(), 1u);
  EXPECT_EQ(reply.error().fields[0].path, "to");
  EXPECT_EQ(reply.error().fields[0].problem, "550 5.1.1 No such user here");
  EXPECT_THAT(reply.error().message, HasSubstr("refused the recipient"));
  EXPECT_TRUE(sink_.Messages().empty());
}

TEST_F(SmtpMailTransportTest, ReportsADeferredRecipientAsWorthRetrying) {
  SmtpMailTransport transport = Transport();

  auto deferred = transport.Send(Receipt("busy@cliente.example"));
  auto next = transport.Send(Receipt());

  ASSERT_FALSE(deferred.has_value());
  EXPECT_EQ(deferred.error().code, ErrorCode::kUnavailable);
  ASSERT_EQ(deferred.error().fields.size(), 1u);
  EXPECT_EQ(deferred.error().fields[0].path, "to");
  EXPECT_EQ(deferred.error().fields[0].problem, "451 4.2.1 Mailbox busy, try again later");
  EXPECT_TRUE(next.has_value()) << "the transport goes on after a refusal";
}

TEST_F(SmtpMailTransportTest, RefusesToSendInTheClearWhenStartTlsIsRequired) {
  SmtpMailTransport transport = Transport(Tls::kStartTls, true);

  auto reply = transport.Send(Receipt());

  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kRejected);
  EXPECT_TRUE(reply.error().fields.empty());
  EXPECT_THAT(reply.error().message, HasSubstr("does not offer STARTTLS"));
  EXPECT_TRUE(sink_.Messages().empty());
}

TEST_F(SmtpMailTransportTest, SendsInTheClearWhenStartTlsIsOnlyOpportunistic) {
  SmtpMailTransport transport = Transport(Tls::kStartTls, false);

  auto reply = transport.Send(Receipt());

  EXPECT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(sink_.Messages().size(), 1u);
}

TEST_F(SmtpMailTransportTest, ReportsAFailedTlsHandshakeWithImplicitTls) {
  SmtpMailTransport transport = Transport(Tls::kImplicit);

  auto reply = transport.Send(Receipt());

  ASSERT_FALSE(reply.has_value());
  EXPECT_TRUE(reply.error().fields.empty());
  EXPECT_THAT(reply.error().message, HasSubstr("SMTP server 127.0.0.1:"));
  EXPECT_TRUE(sink_.Messages().empty());
  EXPECT_THAT(transport.Url(), StartsWith("smtps://127.0.0.1:"));
}

// Issue 12: the message is composed only once the server has taken the envelope and answered
// DATA with 354, when libcurl first asks for the upload's bytes.
TEST_F(SmtpMailTransportTest, ComposesTheMessageOnceTheServerAnsweredDataAndSendsItAsSendDoes) {
  SmtpMailTransport transport = Transport();
  int composed = 0;
  std::vector<std::string> seen_by_the_server;

  auto reply = transport.SendWhenAccepted(EnvelopeOf(Receipt()), [&]() -> Result<MailMessage> {
    ++composed;
    seen_by_the_server = sink_.Commands();
    return Receipt();
  });
  auto sent = transport.Send(Receipt());

  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_THAT(*reply, StartsWith("250 OK queued as 000001"));
  EXPECT_EQ(composed, 1);
  EXPECT_EQ(seen_by_the_server,
            (std::vector<std::string>{"MAIL <ricevute@cartoleria.example>",
                                      "RCPT <anna@cliente.example> 250", "DATA"}));
  ASSERT_EQ(sink_.Messages().size(), 2u);
  EXPECT_EQ(WithoutBoundaries(SmtpSink::Read(sink_.Messages()[0])),
            WithoutBoundaries(SmtpSink::Read(sink_.Messages()[1])))
      << "the same bytes as Send gives, but for GMime's random MIME boundaries";
}

TEST_F(SmtpMailTransportTest, DoesNotComposeWhenTheServerCannotBeReached) {
  sink_.Stop();
  SmtpMailTransport transport = Transport();
  int composed = 0;

  auto reply = transport.SendWhenAccepted(EnvelopeOf(Receipt()), [&]() -> Result<MailMessage> {
    ++composed;
    return Receipt();
  });

  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(reply.error().fields.empty());
  EXPECT_THAT(reply.error().message, HasSubstr("Cannot connect to the SMTP server 127.0.0.1:"));
  EXPECT_EQ(composed, 0);
}

TEST_F(SmtpMailTransportTest, DoesNotComposeWhenTheServerRefusesOrDefersTheRecipient) {
  SmtpMailTransport transport = Transport();
  int composed = 0;
  const auto compose_for = [&](std::string to) {
    return [&composed, to]() -> Result<MailMessage> {
      ++composed;
      return Receipt(to);
    };
  };

  auto refused = transport.SendWhenAccepted(EnvelopeOf(Receipt("rejected@cliente.example")),
                                            compose_for("rejected@cliente.example"));
  auto deferred = transport.SendWhenAccepted(EnvelopeOf(Receipt("busy@cliente.example")),
                                             compose_for("busy@cliente.example"));

  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kRejected);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].path, "to");
  EXPECT_EQ(refused.error().fields[0].problem, "550 5.1.1 No such user here");
  ASSERT_FALSE(deferred.has_value());
  EXPECT_EQ(deferred.error().code, ErrorCode::kUnavailable);
  ASSERT_EQ(deferred.error().fields.size(), 1u);
  EXPECT_EQ(deferred.error().fields[0].problem, "451 4.2.1 Mailbox busy, try again later");
  EXPECT_EQ(composed, 0);
  EXPECT_TRUE(sink_.Messages().empty());
}

// The server had accepted the envelope: the upload is abandoned before the end of the data,
// so it keeps nothing, and the failure is the message's, not the server's.
TEST_F(SmtpMailTransportTest, SendsNothingWhenComposingFailsAndGoesOnWithTheNextMessage) {
  SmtpMailTransport transport = Transport();

  auto failed = transport.SendWhenAccepted(EnvelopeOf(Receipt()), []() -> Result<MailMessage> {
    return Fail(ErrorCode::kInternal, "The PDF cannot be made.");
  });
  auto next = transport.Send(Receipt("cliente2@example.com"));

  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
  EXPECT_EQ(failed.error().message, "The PDF cannot be made.");
  ASSERT_EQ(failed.error().fields.size(), 1u);
  EXPECT_EQ(failed.error().fields[0].path, "compose");
  EXPECT_EQ(failed.error().fields[0].problem, "The PDF cannot be made.");
  EXPECT_EQ(sink_.Commands().back(), "DATA") << "it failed after the server answered DATA";
  ASSERT_TRUE(next.has_value()) << next.error().message;
  ASSERT_EQ(sink_.Messages().size(), 1u) << "only the next message arrived";
  EXPECT_EQ(ParseMail(SmtpSink::Read(sink_.Messages()[0])).to, "cliente2@example.com");
}

// No exception may cross libcurl: one from the composer is kept and thrown again after it.
TEST_F(SmtpMailTransportTest, ThrowsWhatTheComposerThrewAfterLibcurlAndSendsNothing) {
  SmtpMailTransport transport = Transport();

  EXPECT_THROW((void)transport.SendWhenAccepted(
                   EnvelopeOf(Receipt()),
                   []() -> Result<MailMessage> { throw std::length_error("too long"); }),
               std::length_error);
  auto next = transport.Send(Receipt("cliente2@example.com"));

  ASSERT_TRUE(next.has_value()) << next.error().message;
  ASSERT_EQ(sink_.Messages().size(), 1u);
  EXPECT_EQ(ParseMail(SmtpSink::Read(sink_.Messages()[0])).to, "cliente2@example.com");
}

// A composed message whose headers cannot be written, or that is not for the envelope, is
// refused like Send refuses it, after DATA: nothing arrives.
TEST_F(SmtpMailTransportTest, RefusesAComposedMessageWithAHeaderProblemOrAnotherEnvelope) {
  SmtpMailTransport transport = Transport();

  auto injected = transport.SendWhenAccepted(EnvelopeOf(Receipt()), []() -> Result<MailMessage> {
    MailMessage message = Receipt();
    message.subject = "Ricevuta\r\nBcc: everyone@elsewhere.example";
    return message;
  });
  auto elsewhere = transport.SendWhenAccepted(EnvelopeOf(Receipt()), []() -> Result<MailMessage> {
    return Receipt("someone.else@cliente.example");
  });

  ASSERT_FALSE(injected.has_value());
  EXPECT_EQ(injected.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(injected.error().fields.size(), 1u);
  EXPECT_EQ(injected.error().fields[0].path, "subject");
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(elsewhere.error().fields.size(), 1u);
  EXPECT_EQ(elsewhere.error().fields[0].path, "to");
  EXPECT_TRUE(sink_.Messages().empty());
}

TEST_F(SmtpMailTransportTest, RefusesAnEnvelopeWithAnInvalidAddressBeforeConnecting) {
  sink_.Stop();  // Were it to connect, the failure would be kUnavailable.
  SmtpMailTransport transport = Transport();
  int composed = 0;

  auto reply = transport.SendWhenAccepted(
      MailEnvelope{.from = "ricevute@cartoleria.example",
                   .to = "anna@cliente.example\r\nBcc: everyone@elsewhere.example"},
      [&]() -> Result<MailMessage> {
        ++composed;
        return Receipt();
      });

  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(reply.error().fields.size(), 1u);
  EXPECT_EQ(reply.error().fields[0].path, "to");
  EXPECT_EQ(composed, 0);
}

TEST(MimeMessageTest, RefusesEveryHeaderProblemAtOnce) {
  MailMessage message = Receipt("not an address");
  message.subject = "a\nb";

  auto text = MimeText(message);

  ASSERT_FALSE(text.has_value());
  ASSERT_EQ(text.error().fields.size(), 2u);
  EXPECT_EQ(text.error().fields[0].path, "to");
  EXPECT_EQ(text.error().fields[1].path, "subject");
}

}  // namespace
}  // namespace commesso::smtp

int main(int argc, char** argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);  // Once, before any thread (pitfall 9).
  ::testing::InitGoogleMock(&argc, argv);
  const int result = RUN_ALL_TESTS();
  curl_global_cleanup();
  return result;
}
