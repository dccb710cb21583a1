#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "adapters/json/object_reader.h"
#include "adapters/json/read_json.h"

// Reading a request without building a tree: simdjson's parser, behind ReadJson's rules, for
// the bodies on the intake's hot path (docs/decisions/0030). Only domain_json.cc includes it.
namespace commesso::json {

template <>
struct JsonValueTraits<simdjson::dom::element> {
  using Ref = std::optional<simdjson::dom::element>;
  using ArrayRef = std::optional<simdjson::dom::array>;
  using Object = simdjson::dom::object;

  static std::optional<Object> AsObject(const simdjson::dom::element& value) {
    if (value.type() != simdjson::dom::element_type::OBJECT) return std::nullopt;
    return value.get_object().value_unsafe();
  }
  template <typename F>
  static void ForEachMember(const Object& object, F&& f) {
    for (simdjson::dom::key_value_pair member : object) {
      if (!f(member.key, Ref(member.value))) return;
    }
  }
  static bool IsNull(const Ref& ref) { return ref->is_null(); }
  static bool IsString(const Ref& ref) {
    return ref->type() == simdjson::dom::element_type::STRING;
  }
  static bool IsInteger(const Ref& ref) {
    return ref->type() == simdjson::dom::element_type::INT64 ||
           ref->type() == simdjson::dom::element_type::UINT64;
  }
  static bool IsBoolean(const Ref& ref) { return ref->type() == simdjson::dom::element_type::BOOL; }
  static ArrayRef AsArray(const Ref& ref) {
    if (ref->type() != simdjson::dom::element_type::ARRAY) return std::nullopt;
    return ref->get_array().value_unsafe();
  }
  static std::string_view StringOf(const Ref& ref) { return ref->get_string().value_unsafe(); }
  static std::optional<std::int64_t> IntegerOf(const Ref& ref) {
    if (ref->type() == simdjson::dom::element_type::INT64) return ref->get_int64().value_unsafe();
    const std::uint64_t value = ref->get_uint64().value_unsafe();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(value);
  }
  static bool BooleanOf(const Ref& ref) { return ref->get_bool().value_unsafe(); }
};

extern template class BasicObjectReader<simdjson::dom::element>;

// A text read by FastJson: simdjson's element when the fast reading was certain, or ReadJson's
// tree when it was not. Either is read by the same BasicObjectReader code.
using FastValue = std::variant<simdjson::dom::element, nlohmann::json>;

// Reads texts with ReadJson's rules and answers, in most cases without a tree.
//
// simdjson parses the text (RFC 8259, UTF-8 checked); a walk over the result then checks the
// rules ReadJson adds (nesting, names twice or too long, integers beyond int64, numbers that
// are not finite, normal doubles). Whenever the fast reading is not certain to agree with
// ReadJson — simdjson refused the text, a rule is broken, a double is zero (ReadJson tells
// `0.0` from an underflowing `1e-999`, which simdjson reads as the same zero) — or the text is
// longer than kMaxFastBytes, ReadJson reads the text, and its failure or tree is the answer.
// So every answer is ReadJson's, and the fast reading only ever saves time.
//
// An element is valid until the next Read on the same FastJson. One per thread; not
// thread-safe.
class FastJson {
 public:
  // Longer texts go to ReadJson, so a parser's buffers stay small on every thread.
  static constexpr std::size_t kMaxFastBytes = 64 * 1024;

  tl::expected<FastValue, ReadFailure> Read(std::string_view text);

 private:
  simdjson::dom::parser parser_;
  std::string padded_;  // The text, with the zeroed padding simdjson reads past the end.
  std::vector<std::string_view> names_;  // One object's member names, for the check.
};

}  // namespace commesso::json
