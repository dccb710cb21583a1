#pragma once

#include <ostream>

#include "core/money.h"
#include "core/result.h"

// GoogleTest printers for core values, so a failed assertion shows "12.20 EUR" and
// "lines[0].sku: unknown SKU" rather than bytes. They live in namespace commesso for ADL.
namespace commesso {

inline void PrintTo(const Money& money, std::ostream* out) { *out << DebugString(money); }

inline void PrintTo(const FieldError& error, std::ostream* out) {
  *out << error.path << ": " << error.problem;
}

inline void PrintTo(const Exact& exact, std::ostream* out) {
  *out << DecimalString(exact) << " (exact)";
}

}  // namespace commesso
