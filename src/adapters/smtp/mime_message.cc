#include "adapters/smtp/mime_message.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include <gmime/gmime.h>

#include "core/mail_address.h"

namespace commesso::smtp {
namespace {

// Owns a GObject reference.
struct Unref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using Owned = std::unique_ptr<T, Unref>;

void InitializeGmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

bool IsTokenCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$&^_.+-").find(c) != std::string_view::npos;
}

// "application/pdf": two tokens around one slash.
bool IsContentType(std::string_view type) {
  const std::size_t slash = type.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == type.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    if (i != slash && !IsTokenCharacter(type[i])) return false;
  }
  return true;
}

// A Message-ID is an address-shaped dot-atom pair; MailAddressProblem checks exactly that.
std::optional<std::string> MessageIdProblem(std::string_view id) {
  if (id.empty()) return "is required";
  return MailAddressProblem(id);
}

// A leaf part holding `bytes` with `encoding`.
Owned<GMimePart> Leaf(const char* type, const char* subtype, const std::string& bytes,
                      GMimeContentEncoding encoding) {
  Owned<GMimePart> part(g_mime_part_new_with_type(type, subtype));
  Owned<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  Owned<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part.get(), content.get());
  g_mime_part_set_content_encoding(part.get(), encoding);
  return part;
}

Owned<GMimePart> TextLeaf(const char* subtype, const std::string& text) {
  Owned<GMimePart> part = Leaf("text", subtype, text, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(part.get()), "charset", "utf-8");
  return part;
}

}  // namespace

std::vector<FieldError> HeaderProblems(const MailMessage& message) {
  std::vector<FieldError> problems;
  const auto address = [&](const char* field, const std::string& value) {
    if (auto problem = MailAddressProblem(value)) problems.push_back({field, *problem});
  };
  const auto text = [&](const std::string& field, const std::string& value) {
    if (auto problem = HeaderTextProblem(value)) problems.push_back({field, *problem});
  };
  address("from", message.from);
  if (!message.reply_to.empty()) address("reply_to", message.reply_to);
  address("to", message.to);
  text("from_name", message.from_name);
  text("subject", message.subject);
  if (auto problem = MessageIdProblem(message.message_id)) {
    problems.push_back({"message_id", *problem});
  }
  for (std::size_t i = 0; i < message.attachments.size(); ++i) {
    const MailAttachment& attachment = message.attachments[i];
    const std::string path = "attachments[" + std::to_string(i) + "]";
    text(path + ".filename", attachment.filename);
    if (attachment.filename.empty()) problems.push_back({path + ".filename", "is required"});
    if (!IsContentType(attachment.content_type)) {
      problems.push_back({path + ".content_type", "must be a media type like application/pdf"});
    }
  }
  return problems;
}

Result<std::string> MimeText(const MailMessage& message) {
  std::vector<FieldError> problems = HeaderProblems(message);
  if (!problems.empty()) {
    return Fail(
        {ErrorCode::kInvalidInput, "The e-mail cannot be sent as it is.", std::move(problems)});
  }
  InitializeGmime();

  Owned<GMimeMessage> mime(g_mime_message_new(TRUE));
  g_mime_message_add_mailbox(mime.get(), GMIME_ADDRESS_TYPE_FROM,
                             message.from_name.empty() ? nullptr : message.from_name.c_str(),
                             message.from.c_str());
  if (!message.reply_to.empty()) {
    g_mime_message_add_mailbox(mime.get(), GMIME_ADDRESS_TYPE_REPLY_TO, nullptr,
                               message.reply_to.c_str());
  }
  g_mime_message_add_mailbox(mime.get(), GMIME_ADDRESS_TYPE_TO, nullptr, message.to.c_str());
  g_mime_message_set_subject(mime.get(), message.subject.c_str(), "utf-8");
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(message.date.time_since_epoch()).count();
  GDateTime* date = g_date_time_new_from_unix_utc(seconds);
  g_mime_message_set_date(mime.get(), date);
  g_date_time_unref(date);
  g_mime_message_set_message_id(mime.get(), message.message_id.c_str());

  Owned<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
  Owned<GMimePart> text = TextLeaf("plain", message.text);
  Owned<GMimePart> html = TextLeaf("html", message.html);
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(text.get()));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));

  Owned<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
  g_mime_multipart_add(mixed.get(), GMIME_OBJECT(alternative.get()));
  for (const MailAttachment& attachment : message.attachments) {
    const std::size_t slash = attachment.content_type.find('/');
    const std::string type = attachment.content_type.substr(0, slash);
    const std::string subtype = attachment.content_type.substr(slash + 1);
    Owned<GMimePart> part =
        Leaf(type.c_str(), subtype.c_str(), attachment.bytes, GMIME_CONTENT_ENCODING_BASE64);
    g_mime_object_set_disposition(GMIME_OBJECT(part.get()), GMIME_DISPOSITION_ATTACHMENT);
    g_mime_part_set_filename(part.get(), attachment.filename.c_str());
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(part.get()));
  }
  g_mime_message_set_mime_part(mime.get(), GMIME_OBJECT(mixed.get()));

  // GMime writes bare LF by default; SMTP wants CRLF everywhere (DEPENDENCIES.md pitfall 7).
  GMimeFormatOptions* options = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  char* serialized = g_mime_object_to_string(GMIME_OBJECT(mime.get()), options);
  g_mime_format_options_free(options);
  std::string result(serialized);
  g_free(serialized);
  return result;
}

}  // namespace commesso::smtp
