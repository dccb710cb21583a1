#include "adapters/sqlite/year_counter.h"

#include <string>

namespace commesso::sqlite {

std::int64_t NextInYear(Connection& connection, std::string_view counters, int business_year) {
  SQLite::Statement& next =
      connection.Prepare("INSERT INTO " + std::string(counters) +
                         " (business_year, last_number) VALUES (?, 1) "
                         "ON CONFLICT (business_year) DO UPDATE SET last_number = last_number + 1 "
                         "RETURNING last_number");
  next.bind(1, business_year);
  next.executeStep();
  const std::int64_t number = next.getColumn(0).getInt64();
  next.reset();
  return number;
}

}  // namespace commesso::sqlite
