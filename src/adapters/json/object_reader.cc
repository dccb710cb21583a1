#include "adapters/json/object_reader.h"

#include <limits>
#include <utility>

#include "adapters/json/card_secrets.h"

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

ObjectReader::ObjectReader(const nlohmann::json& json, std::string path,
                           std::vector<FieldError>& problems)
    : object_(json.is_object() ? &json : nullptr), path_(std::move(path)), problems_(problems) {
  if (object_ == nullptr) problems_.push_back({path_, "must be an object"});
}

const nlohmann::json* ObjectReader::Find(std::string_view key, Presence presence) {
  if (object_ == nullptr) return nullptr;
  known_.emplace(key);
  auto found = object_->find(key);
  if (found == object_->end() || found->is_null()) {
    if (presence == Presence::kRequired) Report(key, "is required");
    return nullptr;
  }
  return &*found;
}

std::string ObjectReader::String(std::string_view key, Presence presence, std::string fallback) {
  const nlohmann::json* value = Find(key, presence);
  if (value == nullptr) return fallback;
  if (!value->is_string()) {
    Report(key, "must be a string");
    return fallback;
  }
  return value->get<std::string>();
}

std::int64_t ObjectReader::Integer(std::string_view key, Presence presence, std::int64_t fallback) {
  const nlohmann::json* value = Find(key, presence);
  if (value == nullptr) return fallback;
  if (!value->is_number_integer()) {
    Report(key, "must be an integer");
    return fallback;
  }
  std::optional<std::int64_t> integer = AsInt64(*value);
  if (!integer) {
    Report(key, "is out of range");
    return fallback;
  }
  return *integer;
}

bool ObjectReader::Boolean(std::string_view key, Presence presence, bool fallback) {
  const nlohmann::json* value = Find(key, presence);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) {
    Report(key, "must be true or false");
    return fallback;
  }
  return value->get<bool>();
}

const nlohmann::json* ObjectReader::Member(std::string_view key, Presence presence) {
  return Find(key, presence);
}

const nlohmann::json* ObjectReader::Array(std::string_view key, Presence presence) {
  const nlohmann::json* value = Find(key, presence);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    Report(key, "must be an array");
    return nullptr;
  }
  return value;
}

void ObjectReader::Report(std::string_view key, std::string problem) {
  problems_.push_back({MemberPath(path_, key), std::move(problem)});
}

void ObjectReader::Finish() {
  if (object_ == nullptr) return;
  for (const auto& [key, value] : object_->items()) {
    if (known_.contains(key)) continue;
    Report(key, IsCardSecretName(key, path_) ? kCardSecretProblem : "unknown field");
  }
}

}  // namespace commesso::json
