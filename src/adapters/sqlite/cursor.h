#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace commesso::sqlite {

// The page size actually used for a requested `limit`: 1..200.
int ClampLimit(int limit);

// An opaque, URL-safe cursor (lower-case hex) carrying `parts`, each any bytes; and its inverse,
// nothing when `cursor` is not one of ours or does not carry `count` parts.
std::string EncodeCursor(const std::vector<std::string>& parts);
std::optional<std::vector<std::string>> DecodeCursor(const std::string& cursor, std::size_t count);

// A cursor part holding a whole number, as std::to_string wrote it; nothing otherwise.
std::optional<std::int64_t> CursorInteger(const std::string& part);

// Where a newest-first listing stopped: the time (milliseconds) and id of its last row.
struct TimeAndId {
  std::int64_t at = 0;
  std::int64_t id = 0;
};
std::string EncodeCursor(const TimeAndId& last);
std::optional<TimeAndId> DecodeTimeAndId(const std::string& cursor);

// kInvalidInput on field "cursor", for a cursor DecodeCursor refused.
tl::unexpected<Error> BadCursor();

}  // namespace commesso::sqlite
