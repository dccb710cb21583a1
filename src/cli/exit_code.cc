#include "cli/exit_code.h"

namespace commesso {

int ExitCodeOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 65;  // EX_DATAERR
    case ErrorCode::kNotFound:
      return 66;  // EX_NOINPUT
    case ErrorCode::kRejected:
      return 67;
    case ErrorCode::kConflict:
      return 69;
    case ErrorCode::kInternal:
      return 70;  // EX_SOFTWARE
    case ErrorCode::kUnavailable:
      return 75;  // EX_TEMPFAIL: retrying may work.
  }
  return 70;
}

}  // namespace commesso
