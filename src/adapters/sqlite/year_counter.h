#pragma once

#include <cstdint>
#include <string_view>

#include "adapters/sqlite/connection.h"

namespace commesso::sqlite {

// The next number of `business_year` in the series that the table `counters` keeps (its
// columns business_year and last_number: order_counters, complaint_counters), taken in the
// caller's transaction: 1 for the year's first. A series has no gap, since a transaction that
// is rolled back gives its number back. `counters` is one of ours, never a caller's text.
// Throws SQLite::Exception.
std::int64_t NextInYear(Connection& connection, std::string_view counters, int business_year);

}  // namespace commesso::sqlite
