#include "cli/api_key.h"

#include <array>
#include <cstddef>

#include <sodium.h>

namespace commesso {

namespace {

constexpr std::size_t kKeyBytes = 16;

}  // namespace

Result<std::string> GenerateApiKey() {
  if (sodium_init() < 0) return Fail(ErrorCode::kUnavailable, "libsodium cannot initialize");
  std::array<unsigned char, kKeyBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 2 * kKeyBytes + 1> hex{};  // sodium_bin2hex writes a terminating NUL.
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  sodium_memzero(bytes.data(), bytes.size());
  return std::string(hex.data(), 2 * kKeyBytes);
}

}  // namespace commesso
