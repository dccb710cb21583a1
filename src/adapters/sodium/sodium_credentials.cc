#include "adapters/sodium/sodium_credentials.h"

#include <array>
#include <vector>

#include <sodium.h>

#include "core/invariant.h"

namespace commesso {
namespace {

using Digest32 = std::array<unsigned char, crypto_generichash_BYTES>;

Digest32 Hash(std::string_view text) {
  Digest32 digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
  return digest;
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

// libsodium wants NUL-terminated strings for the PHC hash.
std::string Terminated(std::string_view text) { return std::string(text); }

}  // namespace

SodiumCredentials::SodiumCredentials(PasswordCost cost)
    : passes_(cost.passes), memory_bytes_(cost.memory_kib * 1024) {
  COMMESSO_INVARIANT(sodium_init() >= 0, "libsodium must initialize");
  COMMESSO_INVARIANT(passes_ >= crypto_pwhash_OPSLIMIT_MIN && memory_bytes_ >= 8192,
                     "the password cost is checked by the configuration");
}

std::string SodiumCredentials::HashPassword(std::string_view password) const {
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  const int failed = crypto_pwhash_str_alg(hash.data(), password.data(), password.size(), passes_,
                                           memory_bytes_, crypto_pwhash_ALG_ARGON2ID13);
  // Only running out of memory fails, which the configured cost makes a bug of the setup.
  COMMESSO_INVARIANT(failed == 0, "argon2id must have the memory its cost asks for");
  return std::string(hash.data());
}

bool SodiumCredentials::VerifyPassword(std::string_view hash, std::string_view password) const {
  const std::string terminated = Terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool SodiumCredentials::NeedsRehash(std::string_view hash) const {
  const std::string terminated = Terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), passes_, memory_bytes_) != 0;
}

std::string SodiumCredentials::RandomHex(std::size_t bytes) const {
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  return Hex(random.data(), random.size());
}

std::string SodiumCredentials::Digest(std::string_view token) const {
  const Digest32 digest = Hash(token);
  return Hex(digest.data(), digest.size());
}

bool SodiumCredentials::Matches(std::string_view token, std::string_view digest) const {
  const std::string presented = Digest(token);
  // Digests have one length, so comparing lengths first tells an attacker nothing.
  return presented.size() == digest.size() &&
         sodium_memcmp(presented.data(), digest.data(), presented.size()) == 0;
}

}  // namespace commesso
