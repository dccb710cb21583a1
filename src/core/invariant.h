#pragma once

#include <stdexcept>
#include <string>

namespace commesso {

// Thrown when something that validation made impossible happens anyway: a bug. Requests
// that hit one get a 500 with a reference number; the server goes on.
class InvariantError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void ThrowInvariant(const char* condition, const char* why, const char* file,
                                 int line);

}  // namespace commesso

#define COMMESSO_INVARIANT(cond, why)                                        \
  do {                                                                       \
    if (!(cond)) ::commesso::ThrowInvariant(#cond, why, __FILE__, __LINE__); \
  } while (false)
