#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Request targets split by hand: Boost 1.74 has no Boost.URL (docs/decisions/0001).
namespace commesso::http {

enum class PlusMeans {
  kPlus,   // In a path, '+' is itself.
  kSpace,  // In a query (application/x-www-form-urlencoded), '+' is a space.
};

// `text` with every "%XX" replaced by its byte; nothing when a '%' is not followed by two
// hex digits. The result may be any bytes, not necessarily UTF-8.
std::optional<std::string> PercentDecode(std::string_view text, PlusMeans plus);

// An origin-form request target, split and decoded.
struct Target {
  std::string path;                   // As received, not decoded: "/api/v1/items/PEN%2D1".
  std::vector<std::string> segments;  // Decoded path segments: {"api", "v1", "items", "PEN-1"}.
  std::vector<std::pair<std::string, std::string>> query;  // Decoded, in order.

  // The first value of the query parameter `name`; nothing when it is absent.
  std::optional<std::string> Param(std::string_view name) const;
};

// `target` split at '?' into segments and parameters ("a=1&b&c=x%20y": a=1, b="", c="x y";
// empty pieces are skipped). Nothing when it does not start with '/' or has a bad escape.
std::optional<Target> ParseTarget(std::string_view target);

}  // namespace commesso::http
