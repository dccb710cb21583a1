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

}  // namespace commesso
