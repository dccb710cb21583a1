#include "adapters/http/request_crypto.h"

#include <array>
#include <cstdint>

#include <sodium.h>

namespace commesso::http {
namespace {

using Digest = std::array<unsigned char, crypto_generichash_BYTES>;

void Absorb(crypto_generichash_state& state, std::string_view part) {
  const std::uint64_t size = part.size();
  std::array<unsigned char, 8> prefix{};
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    prefix[i] = static_cast<unsigned char>(size >> (8 * i));
  }
  crypto_generichash_update(&state, prefix.data(), prefix.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                            part.size());
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

void InitializeSodium() {
  // Thread-safe and idempotent; -1 only when no entropy source exists, which randombytes
  // would then report by aborting: nothing sensible to do here but go on.
  static const int initialized = sodium_init();
  (void)initialized;
}

}  // namespace

std::string RequestFingerprint(std::string_view method, std::string_view path,
                               std::string_view body) {
  InitializeSodium();
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  Absorb(state, method);
  Absorb(state, path);
  Absorb(state, body);
  Digest digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  return Hex(digest.data(), digest.size());
}

std::string RandomReference() {
  InitializeSodium();
  std::array<unsigned char, 8> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return Hex(bytes.data(), bytes.size());
}

}  // namespace commesso::http

namespace commesso::http {

std::string RandomKey() {
  InitializeSodium();
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return Hex(bytes.data(), bytes.size());
}

}  // namespace commesso::http
