#include "core/invariant.h"

namespace commesso {

void ThrowInvariant(const char* condition, const char* why, const char* file, int line) {
  throw InvariantError(std::string(file) + ":" + std::to_string(line) + ": " + why + " (" +
                       condition + ")");
}

}  // namespace commesso
