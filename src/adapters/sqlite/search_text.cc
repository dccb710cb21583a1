#include "adapters/sqlite/search_text.h"

#include <cstddef>
#include <vector>

namespace commesso::sqlite {
namespace {

bool IsAsciiWordByte(unsigned char byte) {
  return (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
         (byte >= 'A' && byte <= 'Z');
}

// The length of the separator starting at `text[at]`, or 0 when a word character starts
// there. Non-ASCII characters belong to words, except Latin-1 punctuation and symbols
// (U+00A0..U+00BF, « » ° and the no-break space), general punctuation (U+2000..U+206F, ’ “ –
// …) and currency signs (U+20A0..U+20CF, €).
std::size_t SeparatorLength(const std::string& text, std::size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) return IsAsciiWordByte(byte) ? 0 : 1;
  const auto next = [&](std::size_t offset) {
    return at + offset < text.size() ? static_cast<unsigned char>(text[at + offset]) : 0;
  };
  if (byte == 0xC2 && next(1) >= 0xA0 && next(1) <= 0xBF) return 2;
  if (byte == 0xE2 && (next(1) == 0x80 || next(1) == 0x81)) return 3;
  if (byte == 0xE2 && next(1) == 0x82 && next(2) >= 0xA0) return 3;
  return 0;
}

}  // namespace

std::string PrefixQuery(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t separator = SeparatorLength(text, at);
    if (separator == 0) {
      word += text[at];
      ++at;
      continue;
    }
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
    at += separator;
  }
  if (!word.empty()) words.push_back(std::move(word));

  std::string query;
  for (const std::string& each : words) {
    if (!query.empty()) query += " AND ";
    // Words hold no '"' (a separator), so quoting needs no escaping.
    query += '"' + each + "\"*";
  }
  return query;
}

}  // namespace commesso::sqlite
