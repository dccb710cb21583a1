#pragma once

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

// kInvalidInput on field "cursor", for a cursor DecodeCursor refused.
tl::unexpected<Error> BadCursor();

}  // namespace commesso::sqlite
