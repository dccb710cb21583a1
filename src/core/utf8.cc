#include "core/utf8.h"

namespace commesso {

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (const char byte : text) {
    // Continuation bytes are 10xxxxxx.
    if ((static_cast<unsigned char>(byte) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80U) {
      ++at;
      continue;
    }
    // The sequence length, and the range of the second byte, which is where overlong forms,
    // surrogates and values above U+10FFFF show (RFC 3629, section 4).
    std::size_t length = 0;
    unsigned low = 0x80U;
    unsigned high = 0xBFU;
    if (lead >= 0xC2U && lead <= 0xDFU) {
      length = 2;
    } else if (lead >= 0xE0U && lead <= 0xEFU) {
      length = 3;
      if (lead == 0xE0U) low = 0xA0U;
      if (lead == 0xEDU) high = 0x9FU;
    } else if (lead >= 0xF0U && lead <= 0xF4U) {
      length = 4;
      if (lead == 0xF0U) low = 0x90U;
      if (lead == 0xF4U) high = 0x8FU;
    } else {
      return false;
    }
    if (text.size() - at < length) return false;
    for (std::size_t i = 1; i < length; ++i) {
      const auto byte = static_cast<unsigned char>(text[at + i]);
      const unsigned min = i == 1 ? low : 0x80U;
      const unsigned max = i == 1 ? high : 0xBFU;
      if (byte < min || byte > max) return false;
    }
    at += length;
  }
  return true;
}

}  // namespace commesso
