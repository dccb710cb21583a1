#pragma once

#include <string>
#include <string_view>

// The two uses of libsodium in the HTTP adapter: request fingerprints for idempotency and a
// constant-time API key check.
namespace commesso::http {

// The hex BLAKE2b-256 digest (crypto_generichash) of method, path and body, each
// length-prefixed so that no two different requests share their input.
std::string RequestFingerprint(std::string_view method, std::string_view path,
                               std::string_view body);

// Checks `Authorization: Bearer <key>` headers against the configured key. Both sides are
// hashed first and compared with sodium_memcmp, so neither the key's bytes nor its length
// leak through timing. Thread-safe (immutable).
class BearerToken {
 public:
  explicit BearerToken(std::string_view key);

  // Whether `authorization` is "Bearer <key>" (the scheme in any case) with the right key.
  bool Accepts(std::string_view authorization) const;

 private:
  std::string digest_;  // BLAKE2b-256 of the key.
};

// 16 random hex digits, for the reference of a 500 that the log also records.
std::string RandomReference();

// 32 random hex digits (128 bits), for keys no one may guess or repeat by chance, such as a
// draft's placement key.
std::string RandomKey();

}  // namespace commesso::http
