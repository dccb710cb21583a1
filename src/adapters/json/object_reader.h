#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace commesso::json {

enum class Presence {
  kRequired,  // Absent or null is the problem "is required".
  kOptional,  // Absent or null gives the fallback.
};

// The path of member `key` inside the value at `path`: "lines[0]" + "sku" is "lines[0].sku";
// the root's members have no prefix.
std::string MemberPath(std::string_view path, std::string_view key);
// The path of element `index` of the array at `path`: "lines[2]".
std::string ElementPath(std::string_view path, std::size_t index);

// Reads the members of one JSON object strictly, appending every problem it finds to
// `problems` with its field path, and never throws. Each getter marks its key as known;
// Finish() then reports every member nobody asked for as "unknown field" (or, for one named
// like a card number or security code, as never to be sent: card_secrets.h). A value that is
// not an object is reported once ("must be an object") and every getter returns its fallback.
// Borrows `json` and `problems`, which must outlive it. Not thread-safe (a local helper).
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& json, std::string path, std::vector<FieldError>& problems);

  // False when the value was not an object.
  bool valid() const { return object_ != nullptr; }
  const std::string& path() const { return path_; }

  std::string String(std::string_view key, Presence presence, std::string fallback = "");
  std::int64_t Integer(std::string_view key, Presence presence, std::int64_t fallback = 0);
  bool Boolean(std::string_view key, Presence presence, bool fallback = false);
  // The member itself for nested readers; null when absent or null (reported when required).
  const nlohmann::json* Member(std::string_view key, Presence presence);
  // The member as an array, or null after reporting "must be an array" (or "is required").
  const nlohmann::json* Array(std::string_view key, Presence presence);

  // Records `problem` at the member `key`.
  void Report(std::string_view key, std::string problem);

  // Reports the unknown members. Call once, after the last getter.
  void Finish();

 private:
  const nlohmann::json* Find(std::string_view key, Presence presence);

  const nlohmann::json* object_;  // Null when the value was not an object.
  std::string path_;
  std::vector<FieldError>& problems_;
  std::set<std::string, std::less<>> known_;
};

// `json` as an int64 when it is an integer that fits; nothing otherwise.
std::optional<std::int64_t> AsInt64(const nlohmann::json& json);

}  // namespace commesso::json
