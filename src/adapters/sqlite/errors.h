#pragma once

#include <SQLiteCpp/Exception.h>

#include "core/result.h"

namespace commesso::sqlite {

// The Result error for a SQLite failure: kUnavailable when the database is busy, full, damaged
// or cannot be opened (the message says what to do), kConflict for a unique key that already
// exists, kInternal for the rest (a bug: the message carries SQLite's own text for the log).
Error ErrorFrom(const SQLite::Exception& exception);

// Runs `work` (which returns Result<T>) and turns a SQLite exception it throws into its Result,
// so no SQLite exception leaves the adapter.
template <typename T, typename Work>
Result<T> Guarded(Work&& work) {
  try {
    return work();
  } catch (const SQLite::Exception& exception) {
    return Fail(ErrorFrom(exception));
  }
}

}  // namespace commesso::sqlite
