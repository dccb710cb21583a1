#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/json/card_secrets.h"
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

// `json` as an int64 when it is an integer that fits; nothing otherwise.
std::optional<std::int64_t> AsInt64(const nlohmann::json& json);

// What BasicObjectReader needs of a JSON value type; specialised for nlohmann::json below and
// for simdjson's parsed elements in fast_json.h. Each gives:
//   Ref          a member's value, or nothing (`if (ref)`, `*ref`);
//   ArrayRef     an array that a range-for walks, or nothing;
//   Object       an object;
//   AsObject(v)  the object, or nothing when `v` is not one;
//   ForEachMember(object, f)  f(key, Ref) for each member in turn, until f returns false;
//   IsNull, IsString, IsInteger (an integer literal of any size), IsBoolean, AsArray,
//   StringOf, IntegerOf (nothing when out of int64), BooleanOf of a Ref that holds a value.
template <typename Value>
struct JsonValueTraits;

template <>
struct JsonValueTraits<nlohmann::json> {
  using Ref = const nlohmann::json*;
  using ArrayRef = const nlohmann::json*;
  using Object = const nlohmann::json*;

  static std::optional<Object> AsObject(const nlohmann::json& value) {
    if (!value.is_object()) return std::nullopt;
    return &value;
  }
  template <typename F>
  static void ForEachMember(Object object, F&& f) {
    for (const auto& [key, value] : object->items()) {
      if (!f(std::string_view(key), &value)) return;
    }
  }
  static bool IsNull(Ref ref) { return ref->is_null(); }
  static bool IsString(Ref ref) { return ref->is_string(); }
  static bool IsInteger(Ref ref) { return ref->is_number_integer(); }
  static bool IsBoolean(Ref ref) { return ref->is_boolean(); }
  static ArrayRef AsArray(Ref ref) { return ref->is_array() ? ref : nullptr; }
  static std::string_view StringOf(Ref ref) { return ref->get_ref<const std::string&>(); }
  static std::optional<std::int64_t> IntegerOf(Ref ref) { return AsInt64(*ref); }
  static bool BooleanOf(Ref ref) { return ref->get<bool>(); }
};

// Reads the members of one JSON object strictly, appending every problem it finds to
// `problems` with its field path, and never throws. Each getter marks its member as asked
// for; Finish() then reports every member nobody asked for as "unknown field" (or, for one
// named like a card number or security code, as never to be sent: card_secrets.h), in the
// order of their names. A value that is not an object is reported once ("must be an object")
// and every getter returns its fallback. Borrows `json` and `problems`, which must outlive it.
// Not thread-safe (a local helper).
//
// `Value` is the parser's value type: nlohmann::json (ObjectReader), or simdjson's element for
// the bodies read without a tree (fast_json.h). Both read a text the same way.
template <typename Value>
class BasicObjectReader {
  using Traits = JsonValueTraits<Value>;

 public:
  using Ref = typename Traits::Ref;
  using ArrayRef = typename Traits::ArrayRef;

  BasicObjectReader(const Value& json, std::string path, std::vector<FieldError>& problems)
      : object_(Traits::AsObject(json)), path_(std::move(path)), problems_(problems) {
    if (!object_) problems_.push_back({path_, "must be an object"});
  }

  // False when the value was not an object.
  bool valid() const { return object_.has_value(); }
  const std::string& path() const { return path_; }

  std::string String(std::string_view key, Presence presence, std::string fallback = "") {
    const std::optional<std::string_view> text = Text(key, presence);
    return text ? std::string(*text) : std::move(fallback);
  }
  // The member's string as it stands in the value: nothing when absent, null or (reported)
  // not a string.
  std::optional<std::string_view> Text(std::string_view key, Presence presence) {
    const Ref value = Find(key, presence);
    if (!value) return std::nullopt;
    if (!Traits::IsString(value)) {
      Report(key, "must be a string");
      return std::nullopt;
    }
    return Traits::StringOf(value);
  }
  std::int64_t Integer(std::string_view key, Presence presence, std::int64_t fallback = 0) {
    const Ref value = Find(key, presence);
    if (!value) return fallback;
    if (!Traits::IsInteger(value)) {
      Report(key, "must be an integer");
      return fallback;
    }
    const std::optional<std::int64_t> integer = Traits::IntegerOf(value);
    if (!integer) {
      Report(key, "is out of range");
      return fallback;
    }
    return *integer;
  }
  bool Boolean(std::string_view key, Presence presence, bool fallback = false) {
    const Ref value = Find(key, presence);
    if (!value) return fallback;
    if (!Traits::IsBoolean(value)) {
      Report(key, "must be true or false");
      return fallback;
    }
    return Traits::BooleanOf(value);
  }
  // The member itself for nested readers; nothing when absent or null (reported when required).
  Ref Member(std::string_view key, Presence presence) { return Find(key, presence); }
  // The member as an array, or nothing after reporting "must be an array" (or "is required").
  ArrayRef Array(std::string_view key, Presence presence) {
    const Ref value = Find(key, presence);
    if (!value) return ArrayRef{};
    ArrayRef array = Traits::AsArray(value);
    if (!array) Report(key, "must be an array");
    return array;
  }

  // Records `problem` at the member `key`.
  void Report(std::string_view key, std::string problem) {
    problems_.push_back({MemberPath(path_, key), std::move(problem)});
  }

  // Reports the unknown members. Call once, after the last getter.
  void Finish() {
    if (!object_) return;
    std::vector<std::string_view> unknown;
    std::size_t index = 0;
    Traits::ForEachMember(*object_, [&](std::string_view key, const Ref&) {
      if (!Asked(index++)) unknown.push_back(key);
      return true;
    });
    std::sort(unknown.begin(), unknown.end());
    for (std::string_view key : unknown) {
      Report(key, IsCardSecretName(key, path_) ? kCardSecretProblem : "unknown field");
    }
  }

 private:
  // The member named `key`, marked as asked for; nothing when absent or null.
  Ref Find(std::string_view key, Presence presence) {
    if (!object_) return Ref{};
    Ref found{};
    std::size_t index = 0;
    Traits::ForEachMember(*object_, [&](std::string_view name, const Ref& value) {
      if (name != key) {
        ++index;
        return true;
      }
      found = value;
      return false;
    });
    if (found) MarkAsked(index);
    if (!found || Traits::IsNull(found)) {
      if (presence == Presence::kRequired) Report(key, "is required");
      return Ref{};
    }
    return found;
  }
  // Members are told apart by position: a text that passed ReadJson's rules has no name twice.
  void MarkAsked(std::size_t index) {
    if (index < 64) {
      asked_low_ |= std::uint64_t{1} << index;
    } else {
      asked_high_.push_back(index);
    }
  }
  bool Asked(std::size_t index) const {
    if (index < 64) return (asked_low_ >> index & 1U) != 0;
    return std::find(asked_high_.begin(), asked_high_.end(), index) != asked_high_.end();
  }

  std::optional<typename Traits::Object> object_;  // Nothing when the value was not an object.
  std::string path_;
  std::vector<FieldError>& problems_;
  std::uint64_t asked_low_ = 0;          // The members asked for among the first 64.
  std::vector<std::size_t> asked_high_;  // The others asked for.
};

extern template class BasicObjectReader<nlohmann::json>;
using ObjectReader = BasicObjectReader<nlohmann::json>;

}  // namespace commesso::json
