#pragma once

#include "core/result.h"

namespace commesso {

// Process exit codes of the commesso binary (docs/cli.md), after sysexits.h where one fits.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;  // Wrong command line; CLI11 printed why.

// The exit code for a failure of `code`, the one place that decides it: kInvalidInput 65,
// kNotFound 66, kRejected 67, kConflict 69, kInternal 70, kUnavailable 75.
int ExitCodeOf(ErrorCode code);

}  // namespace commesso
