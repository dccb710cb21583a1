#include "adapters/json/read_json.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "adapters/json/object_reader.h"

namespace commesso::json {
namespace {

using Json = nlohmann::json;

// nlohmann's out_of_range.406: a number too large for a double ("number overflow parsing …").
constexpr int kNumberOverflow = 406;

constexpr const char* kOutOfRange = "is out of range";

// Whether a number's text has neither fraction nor exponent: "-12", not "1.0" or "1e2".
bool IsIntegerText(std::string_view text) {
  return text.find_first_of(".eE") == std::string_view::npos;
}

// Whether a number's text has a digit other than 0 before its exponent: it does not mean 0.
bool MeansNonZero(std::string_view text) {
  for (char c : text) {
    if (c == 'e' || c == 'E') return false;
    if (c >= '1' && c <= '9') return true;
  }
  return false;
}

// The reason in a parse error's what(), without its prefix and without the echo of the input
// (it may be invalid UTF-8, a megabyte, or a secret): "[json.exception.parse_error.101] parse
// error at line 1, column 2: syntax error while parsing value - invalid literal; last read: 'x'"
// gives "syntax error while parsing value - invalid literal".
std::string ReasonOf(std::string reason) {
  const std::size_t column = reason.find("column ");
  const std::size_t colon = reason.find(": ", column == std::string::npos ? 0 : column);
  if (colon != std::string::npos) reason = reason.substr(colon + 2);
  const std::size_t echo = reason.find("; last read");
  if (echo != std::string::npos) reason.erase(echo);
  return reason;
}

ReadFailure Malformed(std::size_t byte, std::string reason) {
  return ReadFailure{
      .fault = ReadFault::kMalformed,
      .error = {ErrorCode::kInvalidInput,
                "the body is not valid JSON",
                {{"", "invalid JSON at byte " + std::to_string(byte) + ": " + std::move(reason)}}}};
}

// Builds the value from the parser's events, checking each against the rules, and stops at the
// first one broken. Not thread-safe (one per text).
class StrictReader final : public Json::json_sax_t {
 public:
  bool null() override { return Add(nullptr); }
  bool boolean(bool value) override { return Add(value); }
  bool number_integer(number_integer_t value) override { return Add(value); }

  bool number_unsigned(number_unsigned_t value) override {
    if (value > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) {
      return Refuse(NextPath(), kOutOfRange);
    }
    return Add(value);
  }

  bool number_float(number_float_t value, const string_t& text) override {
    // An integer beyond 64 bits, which the parser fell back to reading as a double.
    if (IsIntegerText(text)) return Refuse(NextPath(), kOutOfRange);
    // Underflow: 1e-999 would be read as 0, 4.9e-324 with most of its digits gone.
    if (std::fpclassify(value) == FP_SUBNORMAL || (value == 0 && MeansNonZero(text))) {
      return Refuse(NextPath(), kOutOfRange);
    }
    return Add(value);
  }

  bool string(string_t& value) override { return Add(std::move(value)); }

  // Only binary formats (CBOR, …) have binary values; JSON text never does.
  bool binary(binary_t& /*value*/) override {
    failure_ = Malformed(0, "binary values are not JSON");
    return false;
  }

  bool start_object(std::size_t /*elements*/) override { return Open(Json::object()); }
  bool start_array(std::size_t /*elements*/) override { return Open(Json::array()); }

  bool key(string_t& name) override {
    if (name.size() > kMaxMemberNameBytes) {
      return Refuse(PathOf(open_.size() - 1), "has a member name longer than " +
                                                  std::to_string(kMaxMemberNameBytes) + " bytes");
    }
    Level& level = open_.back();
    level.key = std::move(name);
    if (level.value->contains(level.key)) return Refuse(NextPath(), "appears twice");
    return true;
  }

  bool end_object() override { return Close(); }
  bool end_array() override { return Close(); }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const Json::exception& error) override {
    if (error.id == kNumberOverflow) return Refuse(NextPath(), kOutOfRange);
    failure_ = Malformed(position, ReasonOf(error.what()));
    return false;
  }

  Json& root() { return root_; }
  ReadFailure& failure() { return failure_; }

 private:
  // An array or object being read.
  struct Level {
    Json* value = nullptr;  // Points into root_; stays valid while the level is open.
    std::string key{};      // An object's member being read.
  };

  // Puts `value` where the text has it: the root, the next element, or the current member.
  Json* Place(Json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Level& level = open_.back();
    if (level.value->is_array()) {
      level.value->push_back(std::move(value));
      return &level.value->back();
    }
    return &*level.value->emplace(level.key, std::move(value)).first;
  }

  bool Add(Json value) {
    Place(std::move(value));
    return true;
  }

  bool Open(Json container) {
    if (open_.size() == kMaxDepth) {
      return Refuse(NextPath(), "nests deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    open_.push_back({.value = Place(std::move(container))});
    return true;
  }

  bool Close() {
    open_.pop_back();
    return true;
  }

  // The path of the value the first `levels` open levels lead to; with every level, that of the
  // value about to be read. Built only for a refusal: at most kMaxDepth steps.
  std::string PathOf(std::size_t levels) const {
    std::string path;
    for (std::size_t i = 0; i < levels; ++i) {
      const Level& level = open_[i];
      if (level.value->is_object()) {
        path = MemberPath(path, level.key);
      } else {
        // An outer level's element being read is its last; the innermost's next is new.
        const std::size_t size = level.value->size();
        path = ElementPath(path, i + 1 == open_.size() ? size : size - 1);
      }
    }
    return path;
  }

  std::string NextPath() const { return PathOf(open_.size()); }

  bool Refuse(std::string path, std::string problem) {
    failure_ = ReadFailure{.fault = ReadFault::kRefused,
                           .error = {ErrorCode::kInvalidInput,
                                     "the body breaks a rule for reading JSON",
                                     {{std::move(path), std::move(problem)}}}};
    return false;
  }

  Json root_;
  std::vector<Level> open_;  // Outermost first; at most kMaxDepth.
  ReadFailure failure_ = Malformed(0, "unreadable");
};

}  // namespace

tl::expected<Json, ReadFailure> ReadJson(std::string_view text) {
  StrictReader reader;
  if (!Json::sax_parse(text, &reader)) return tl::unexpected(std::move(reader.failure()));
  return std::move(reader.root());
}

}  // namespace commesso::json
