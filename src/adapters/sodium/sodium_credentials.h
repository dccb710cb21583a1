#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/ports/credentials.h"

namespace commesso {

// The cost of one password hash: argon2id passes and memory. The default is libsodium's
// INTERACTIVE limits (2 passes, 64 MiB, about 80 ms here); tests use the minimum.
struct PasswordCost {
  std::uint64_t passes = 2;
  std::size_t memory_kib = 64 * 1024;

  static PasswordCost MinimumForTest() { return {.passes = 1, .memory_kib = 8}; }
};

// Credentials on libsodium: argon2id (crypto_pwhash_str_alg) for passwords, randombytes_buf
// for tokens, BLAKE2b-256 (crypto_generichash) for token digests compared with sodium_memcmp.
// Hashing a password blocks the calling thread for its cost. Thread-safe (immutable).
class SodiumCredentials final : public Credentials {
 public:
  // kUnavailable-worthy failures (no entropy source) abort inside libsodium; nothing to report.
  explicit SodiumCredentials(PasswordCost cost);

  std::string HashPassword(std::string_view password) const override;
  bool VerifyPassword(std::string_view hash, std::string_view password) const override;
  bool NeedsRehash(std::string_view hash) const override;
  std::string RandomHex(std::size_t bytes) const override;
  std::string Digest(std::string_view token) const override;
  bool Matches(std::string_view token, std::string_view digest) const override;

 private:
  std::uint64_t passes_;
  std::size_t memory_bytes_;
};

}  // namespace commesso
