#include "adapters/json/object_reader.h"

#include <limits>

namespace commesso::json {

std::string MemberPath(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string joined(path);
  joined += '.';
  joined += key;
  return joined;
}

std::string ElementPath(std::string_view path, std::size_t index) {
  std::string joined(path);
  joined += '[';
  joined += std::to_string(index);
  joined += ']';
  return joined;
}

std::optional<std::int64_t> AsInt64(const nlohmann::json& json) {
  if (json.is_number_unsigned()) {
    const auto value = json.get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(value);
  }
  if (json.is_number_integer()) return json.get<std::int64_t>();
  return std::nullopt;
}

template class BasicObjectReader<nlohmann::json>;

}  // namespace commesso::json
