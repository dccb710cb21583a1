// Fuzz target: the TOML configuration reader (src/adapters/config) on any text. It must answer
// a Result with every problem (never throw, crash or hang), and each problem names a key.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/config/config.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace commesso;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<config::Config> config = config::Parse(text, "fuzz.toml");
  if (!config) {
    fuzz::Check(config.error().code == ErrorCode::kInvalidInput, "a bad file is kInvalidInput");
    fuzz::Check(!config.error().fields.empty(), "a bad file lists its problems");
  }
  return 0;
}
