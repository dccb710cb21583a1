// Fuzz target: the MIME builder (src/adapters/smtp/mime_message.*) on fuzzed fields. The input
// is the message's fields separated by NUL bytes: from, from_name, reply_to, to, subject,
// text, html, message_id, then filename, content_type and bytes of each attachment (four at
// most). A message HeaderProblems accepts must come out as one well-formed header block that
// holds only the headers the builder writes, each once (nothing smuggled in by a field), and
// GMime must read it back with the same recipient, sender and attachments.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <gmime/gmime.h>

#include "adapters/smtp/mime_message.h"
#include "fuzz/fuzz_check.h"

namespace commesso::fuzz {
namespace {

MailMessage MessageOf(Fields& fields) {
  MailMessage message;
  for (std::string* field : {&message.from, &message.from_name, &message.reply_to, &message.to,
                             &message.subject, &message.text, &message.html, &message.message_id}) {
    *field = std::string(fields.Next());
  }
  for (int i = 0; i < 4 && !fields.empty(); ++i) {
    MailAttachment attachment;
    attachment.filename = std::string(fields.Next());
    attachment.content_type = std::string(fields.Next());
    attachment.bytes = std::string(fields.Next());
    message.attachments.push_back(std::move(attachment));
  }
  message.date = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / 11 / 28}};
  return message;
}

// The header block: CRLF-terminated lines up to the first empty one, continuation lines
// starting with a space or tab; only the headers the builder writes, each once.
void CheckHeaderBlock(std::string_view text, bool reply_to) {
  const std::size_t end = text.find("\r\n\r\n");
  Check(end != std::string_view::npos, "the headers end with an empty line");
  const std::string_view block = text.substr(0, end + 2);
  constexpr std::array<std::string_view, 8> kNames = {
      "Date", "From", "Reply-To", "To", "Subject", "Message-Id", "MIME-Version", "Content-Type"};
  std::array<int, kNames.size()> seen{};
  std::size_t at = 0;
  while (at < block.size()) {
    const std::size_t eol = block.find("\r\n", at);
    const std::string_view line = block.substr(at, eol - at);
    at = eol + 2;
    Check(line.find('\r') == std::string_view::npos && line.find('\n') == std::string_view::npos,
          "no bare CR or LF in a header line");
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      Check(at > line.size() + 2, "a continuation line follows a header");
      continue;
    }
    const std::string_view name = line.substr(0, line.find(':'));
    bool known = false;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      if (g_ascii_strncasecmp(name.data(), kNames[i].data(), name.size()) == 0 &&
          name.size() == kNames[i].size()) {
        ++seen[i];
        known = true;
      }
    }
    Check(known, "only the builder's headers in the header block");
  }
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    const int expected = kNames[i] == "Reply-To" && !reply_to ? 0 : 1;
    Check(seen[i] == expected, "each header once (Reply-To when set)");
  }
}

template <typename T>
struct Unref {
  void operator()(T* object) const { g_object_unref(object); }
};

std::string AddressAt(InternetAddressList* list) {
  if (list == nullptr || internet_address_list_length(list) != 1) return "<not one address>";
  InternetAddress* address = internet_address_list_get_address(list, 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX(address)) return "<a group>";
  return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
}

void CheckReadsBack(const std::string& text, const MailMessage& message) {
  std::unique_ptr<GMimeStream, Unref<GMimeStream>> stream(
      g_mime_stream_mem_new_with_buffer(text.data(), text.size()));
  std::unique_ptr<GMimeParser, Unref<GMimeParser>> parser(
      g_mime_parser_new_with_stream(stream.get()));
  std::unique_ptr<GMimeMessage, Unref<GMimeMessage>> parsed(
      g_mime_parser_construct_message(parser.get(), nullptr));
  Check(parsed != nullptr, "GMime reads the message back");
  Check(AddressAt(g_mime_message_get_to(parsed.get())) == message.to, "the same recipient");
  Check(AddressAt(g_mime_message_get_from(parsed.get())) == message.from, "the same sender");

  int leaves = 0;
  std::size_t attachment = 0;
  GMimePartIter* parts = g_mime_part_iter_new(g_mime_message_get_mime_part(parsed.get()));
  do {
    GMimeObject* part = g_mime_part_iter_get_current(parts);
    if (part == nullptr || !GMIME_IS_PART(part)) continue;
    ++leaves;
    if (leaves > 2 && attachment < message.attachments.size()) {
      const char* filename = g_mime_part_get_filename(GMIME_PART(part));
      Check(filename != nullptr && message.attachments[attachment].filename == filename,
            "each attachment keeps its file name");
      ++attachment;
    }
  } while (g_mime_part_iter_next(parts));
  g_mime_part_iter_free(parts);
  Check(leaves == 2 + static_cast<int>(message.attachments.size()),
        "text, HTML and each attachment, nothing more");
}

}  // namespace
}  // namespace commesso::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace commesso;
  fuzz::Fields fields(data, size);
  const MailMessage message = fuzz::MessageOf(fields);
  Result<std::string> text = smtp::MimeText(message);
  if (!text) {
    fuzz::Check(!text.error().fields.empty(), "a refused message names its fields");
    return 0;
  }
  fuzz::CheckHeaderBlock(*text, !message.reply_to.empty());
  fuzz::CheckReadsBack(*text, message);
  return 0;
}
