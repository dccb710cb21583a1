#pragma once

#include <string>
#include <string_view>

// libsodium in the HTTP adapter: request fingerprints for idempotency and random references
// and keys. Credentials (passwords, session tokens, API keys) go through the Credentials port.
namespace commesso::http {

// The hex BLAKE2b-256 digest (crypto_generichash) of method, path and body, each
// length-prefixed so that no two different requests share their input.
std::string RequestFingerprint(std::string_view method, std::string_view path,
                               std::string_view body);

// 16 random hex digits, for the reference of a 500 that the log also records.
std::string RandomReference();

// 32 random hex digits (128 bits), for keys no one may guess or repeat by chance, such as a
// draft's placement key.
std::string RandomKey();

}  // namespace commesso::http
