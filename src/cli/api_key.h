#pragma once

#include <string>

#include "core/result.h"

namespace commesso {

// A fresh API key for a server started without one: 32 hex digits of 16 bytes from
// libsodium's randombytes_buf (the OS's cryptographic generator). kUnavailable when libsodium
// cannot initialize.
Result<std::string> GenerateApiKey();

}  // namespace commesso
