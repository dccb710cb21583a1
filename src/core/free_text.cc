#include "core/free_text.h"

#include "core/card_number.h"
#include "core/utf8.h"

namespace commesso {
namespace {

// Whether `text` has a C0 control, DEL or a C1 control (U+0080..U+009F, which UTF-8 writes as
// C2 80..C2 9F), other than the line structure kMany allows.
bool HasControlCharacter(std::string_view text, TextLines lines) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (lines == TextLines::kMany) {
      if (byte == '\t' || byte == '\n') continue;
      if (byte == '\r' && at + 1 < text.size() && text[at + 1] == '\n') continue;
    }
    if (byte < 0x20U || byte == 0x7FU) return true;
    if (byte == 0xC2U && at + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[at + 1]);
      if (next >= 0x80U && next <= 0x9FU) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> FreeTextProblem(std::string_view text, TextLines lines) {
  if (LooksLikeCardNumber(text)) return kCardNumberProblem;
  if (!IsValidUtf8(text)) return "must be valid UTF-8";
  if (HasControlCharacter(text, lines)) {
    return lines == TextLines::kMany
               ? "must not contain control characters other than tab and line breaks"
               : "must not contain control characters or line breaks";
  }
  return std::nullopt;
}

}  // namespace commesso
