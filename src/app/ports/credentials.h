#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace commesso {

// Hashing and minting of secrets: passwords (a slow, salted hash) and tokens (a fast hash
// of a random value, which needs no salt). Thread-safe.
class Credentials {
 public:
  virtual ~Credentials() = default;

  // A PHC string of `password` with a fresh salt and the configured cost.
  virtual std::string HashPassword(std::string_view password) const = 0;

  // Whether `password` matches `hash` (constant-time); false for a malformed hash.
  virtual bool VerifyPassword(std::string_view hash, std::string_view password) const = 0;

  // Whether `hash` was made with another algorithm or cost than the configured one.
  virtual bool NeedsRehash(std::string_view hash) const = 0;

  // `bytes` random bytes from the OS's cryptographic generator, as lowercase hex.
  virtual std::string RandomHex(std::size_t bytes) const = 0;

  // The hex digest of a token, as stored in place of the token.
  virtual std::string Digest(std::string_view token) const = 0;

  // Whether `token` has the digest `digest`, compared in constant time.
  virtual bool Matches(std::string_view token, std::string_view digest) const = 0;
};

}  // namespace commesso
