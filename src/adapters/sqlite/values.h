#pragma once

#include <cstdint>
#include <string>

#include "core/money.h"
#include "core/order.h"

namespace commesso::sqlite {

// Instants are stored as integer milliseconds since the Unix epoch, UTC (`*_at` columns).
std::int64_t MillisOf(Timestamp instant);
Timestamp TimestampOf(std::int64_t millis);

// The system time in milliseconds, for bookkeeping columns only (created_at, updated_at, the
// age of idempotency keys); business instants such as placed_at come from the use case's Clock.
std::int64_t NowMillis();

// The currency stored as `code`; an unknown code can only come from a bug (invariant).
Currency CurrencyOf(const std::string& code);

}  // namespace commesso::sqlite
