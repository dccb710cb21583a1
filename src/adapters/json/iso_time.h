#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/order.h"

// ISO 8601 text for instants and calendar days, as the JSON API writes and reads them.
namespace commesso::json {

// "2026-11-28T10:00:00Z", with ".123" before the "Z" when the milliseconds are not zero.
std::string FormatTimestamp(Timestamp instant);

// "2026-11-28T10:00:00Z", "2026-11-28T11:00:00.5+01:00": date, 'T', time with optional
// fraction (digits past milliseconds are dropped), then 'Z' or an offset. Nothing when the
// text is not such an instant or names an impossible date or time.
std::optional<Timestamp> ParseTimestamp(std::string_view text);

// "2026-11-28"; nothing when it is not a valid calendar day in that form.
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text);

// "2026-11-28".
std::string FormatDate(std::chrono::year_month_day day);

}  // namespace commesso::json
