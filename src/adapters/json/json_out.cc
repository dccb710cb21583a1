#include "adapters/json/json_out.h"

#include <limits>
#include <stdexcept>

namespace commesso::json {

rapidjson::SizeType JsonOut::Size(std::string_view text) {
  if (text.size() > std::numeric_limits<rapidjson::SizeType>::max()) {
    throw std::length_error("a JSON string of more than 4 GiB");
  }
  return static_cast<rapidjson::SizeType>(text.size());
}

void JsonOut::Tree(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      BeginObject();
      for (const auto& [key, member] : value.items()) {
        Key(key);
        Tree(member);
      }
      EndObject();
      return;
    case nlohmann::json::value_t::array:
      BeginArray();
      for (const nlohmann::json& element : value) Tree(element);
      EndArray();
      return;
    case nlohmann::json::value_t::string:
      String(value.get_ref<const std::string&>());
      return;
    case nlohmann::json::value_t::boolean:
      Bool(value.get<bool>());
      return;
    case nlohmann::json::value_t::number_integer:
      Int(value.get<std::int64_t>());
      return;
    case nlohmann::json::value_t::number_unsigned:
      writer_.Uint64(value.get<std::uint64_t>());
      return;
    case nlohmann::json::value_t::number_float:
      writer_.Double(value.get<double>());
      return;
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
      Null();
      return;
  }
}

}  // namespace commesso::json
