#pragma once

#include <cstddef>
#include <string_view>

namespace commesso {

// The number of characters (code points) of UTF-8 `text`: the bytes that do not continue a
// multi-byte sequence. Malformed input is counted byte by byte, never rejected.
std::size_t CharacterCount(std::string_view text);

// Whether `text` is well-formed UTF-8 (RFC 3629): no stray or missing continuation bytes, no
// overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
bool IsValidUtf8(std::string_view text);

}  // namespace commesso
