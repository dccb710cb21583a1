#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gmime/gmime.h>

// A message as a mail client reads it, parsed back with GMime from the bytes the SMTP sink
// received: the headers decoded, the parts decoded from their transfer encodings.
namespace commesso::testing {

struct ParsedPart {
  std::string content_type{};  // "text/plain".
  std::string charset{};
  std::string filename{};
  std::string disposition{};
  std::string bytes{};  // Decoded.
};

struct ParsedMail {
  bool parsed = false;
  std::string from{};  // Bare address.
  std::string from_name{};
  std::string reply_to{};
  std::string to{};
  std::string subject{};  // Decoded from RFC 2047.
  std::string raw_subject{};
  std::string message_id{};
  std::string date{};
  std::string top_type{};            // "multipart/mixed".
  std::string alternative_type{};    // The first child's type: "multipart/alternative".
  std::vector<ParsedPart> leaves{};  // Every leaf in order: text, html, attachments.
};

inline std::string Text(const char* text) { return text == nullptr ? "" : text; }

inline std::string TypeOf(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  return Text(g_mime_content_type_get_media_type(type)) + "/" +
         Text(g_mime_content_type_get_media_subtype(type));
}

inline void CollectLeaves(GMimeObject* object, std::vector<ParsedPart>& leaves) {
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
      CollectLeaves(g_mime_multipart_get_part(multipart, i), leaves);
    }
    return;
  }
  if (!GMIME_IS_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  ParsedPart leaf{.content_type = TypeOf(object),
                  .charset = Text(g_mime_object_get_content_type_parameter(object, "charset")),
                  .filename = Text(g_mime_part_get_filename(part)),
                  .disposition = Text(g_mime_object_get_disposition(object))};
  GMimeStream* memory = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(part), memory);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory));
  leaf.bytes.assign(reinterpret_cast<const char*>(bytes->data), bytes->len);
  g_object_unref(memory);
  leaves.push_back(std::move(leaf));
}

inline void FirstMailbox(InternetAddressList* list, std::string& address, std::string* name) {
  if (list == nullptr || internet_address_list_length(list) == 0) return;
  InternetAddress* first = internet_address_list_get_address(list, 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX(first)) return;
  address = Text(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(first)));
  if (name != nullptr) *name = Text(internet_address_get_name(first));
}

inline ParsedMail ParseMail(const std::string& bytes) {
  g_mime_init();
  ParsedMail mail;
  GMimeStream* stream = g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size());
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
  g_object_unref(parser);
  g_object_unref(stream);
  if (message == nullptr) return mail;
  mail.parsed = true;
  FirstMailbox(g_mime_message_get_from(message), mail.from, &mail.from_name);
  FirstMailbox(g_mime_message_get_reply_to(message), mail.reply_to, nullptr);
  FirstMailbox(g_mime_message_get_to(message), mail.to, nullptr);
  mail.subject = Text(g_mime_message_get_subject(message));
  GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(message));
  GMimeHeader* subject = g_mime_header_list_get_header(headers, "Subject");
  if (subject != nullptr) mail.raw_subject = Text(g_mime_header_get_raw_value(subject));
  mail.message_id = Text(g_mime_message_get_message_id(message));
  mail.date = Text(g_mime_object_get_header(GMIME_OBJECT(message), "Date"));
  GMimeObject* body = g_mime_message_get_mime_part(message);
  if (body != nullptr) {
    mail.top_type = TypeOf(body);
    if (GMIME_IS_MULTIPART(body) && g_mime_multipart_get_count(GMIME_MULTIPART(body)) > 0) {
      mail.alternative_type = TypeOf(g_mime_multipart_get_part(GMIME_MULTIPART(body), 0));
    }
    CollectLeaves(body, mail.leaves);
  }
  g_object_unref(message);
  return mail;
}

// `text` with every CRLF made LF: what was sent as "\n" lines comes back as CRLF lines.
inline std::string WithoutCr(std::string text) {
  std::string result{};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    result += text[i];
  }
  return result;
}

}  // namespace commesso::testing
