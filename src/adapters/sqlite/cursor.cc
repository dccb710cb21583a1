#include "adapters/sqlite/cursor.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <system_error>

namespace commesso::sqlite {
namespace {

constexpr int kMaxLimit = 200;
constexpr char kHexDigits[] = "0123456789abcdef";

// Parts are length-prefixed ("3:abc"), so a part may hold any byte, the separator included.
std::string Join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) {
    joined += std::to_string(part.size());
    joined += ':';
    joined += part;
  }
  return joined;
}

std::optional<int> HexValue(char digit) {
  if (digit >= '0' && digit <= '9') return digit - '0';
  if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
  return std::nullopt;
}

}  // namespace

int ClampLimit(int limit) { return std::clamp(limit, 1, kMaxLimit); }

std::string EncodeCursor(const std::vector<std::string>& parts) {
  const std::string joined = Join(parts);
  std::string hex;
  hex.reserve(joined.size() * 2);
  for (const char byte : joined) {
    const auto value = static_cast<unsigned char>(byte);
    hex += kHexDigits[value >> 4];
    hex += kHexDigits[value & 0x0f];
  }
  return hex;
}

std::optional<std::vector<std::string>> DecodeCursor(const std::string& cursor, std::size_t count) {
  if (cursor.size() % 2 != 0) return std::nullopt;
  std::string joined;
  joined.reserve(cursor.size() / 2);
  for (std::size_t i = 0; i < cursor.size(); i += 2) {
    const auto high = HexValue(cursor[i]);
    const auto low = HexValue(cursor[i + 1]);
    if (!high || !low) return std::nullopt;
    joined += static_cast<char>((*high << 4) | *low);
  }

  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at < joined.size()) {
    const std::size_t colon = joined.find(':', at);
    if (colon == std::string::npos || colon == at || colon - at > 9) return std::nullopt;
    std::size_t length = 0;
    for (std::size_t i = at; i < colon; ++i) {
      if (joined[i] < '0' || joined[i] > '9') return std::nullopt;
      length = length * 10 + static_cast<std::size_t>(joined[i] - '0');
    }
    if (length > joined.size() - colon - 1) return std::nullopt;
    parts.push_back(joined.substr(colon + 1, length));
    at = colon + 1 + length;
  }
  if (parts.size() != count) return std::nullopt;
  return parts;
}

std::optional<std::int64_t> CursorInteger(const std::string& part) {
  std::int64_t value = 0;
  const char* end = part.data() + part.size();
  const auto [stop, problem] = std::from_chars(part.data(), end, value);
  if (part.empty() || problem != std::errc{} || stop != end) return std::nullopt;
  return value;
}

std::string EncodeCursor(const TimeAndId& last) {
  return EncodeCursor({std::to_string(last.at), std::to_string(last.id)});
}

std::optional<TimeAndId> DecodeTimeAndId(const std::string& cursor) {
  auto parts = DecodeCursor(cursor, 2);
  if (!parts) return std::nullopt;
  const std::optional<std::int64_t> at = CursorInteger((*parts)[0]);
  const std::optional<std::int64_t> id = CursorInteger((*parts)[1]);
  if (!at || !id) return std::nullopt;
  return TimeAndId{.at = *at, .id = *id};
}

tl::unexpected<Error> BadCursor() {
  return Fail(Error{.code = ErrorCode::kInvalidInput,
                    .message = "The page cursor is not valid; start again from the first page.",
                    .fields = {{"cursor", "is not a cursor of this listing"}}});
}

}  // namespace commesso::sqlite
