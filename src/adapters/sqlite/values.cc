#include "adapters/sqlite/values.h"

#include <chrono>
#include <optional>

#include "core/invariant.h"

namespace commesso::sqlite {

std::int64_t MillisOf(Timestamp instant) { return instant.time_since_epoch().count(); }

Timestamp TimestampOf(std::int64_t millis) { return Timestamp{std::chrono::milliseconds{millis}}; }

std::int64_t NowMillis() {
  return MillisOf(
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
}

Currency CurrencyOf(const std::string& code) {
  const std::optional<Currency> currency = Currency::FromCode(code);
  COMMESSO_INVARIANT(currency.has_value(), "only known currencies are stored");
  return *currency;
}

}  // namespace commesso::sqlite
