#include "adapters/http/query_string.h"

namespace commesso::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, PlusMeans plus) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus == PlusMeans::kSpace) {
      decoded += ' ';
    } else if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      decoded += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      decoded += c;
    }
  }
  return decoded;
}

std::optional<std::string> Target::Param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<Target> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  Target parsed;
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  parsed.path = std::string(path);
  std::size_t start = 1;
  while (true) {
    const std::size_t slash = path.find('/', start);
    std::optional<std::string> segment =
        PercentDecode(path.substr(start, slash == std::string_view::npos ? slash : slash - start),
                      PlusMeans::kPlus);
    if (!segment) return std::nullopt;
    parsed.segments.push_back(*std::move(segment));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (question == std::string_view::npos) return parsed;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (piece.empty()) continue;
    const std::size_t equals = piece.find('=');
    std::optional<std::string> key = PercentDecode(piece.substr(0, equals), PlusMeans::kSpace);
    std::optional<std::string> value = PercentDecode(
        equals == std::string_view::npos ? "" : piece.substr(equals + 1), PlusMeans::kSpace);
    if (!key || !value) return std::nullopt;
    parsed.query.emplace_back(*std::move(key), *std::move(value));
  }
  return parsed;
}

}  // namespace commesso::http
