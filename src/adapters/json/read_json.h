#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

// The one reading policy for every JSON the server reads: request bodies, stored snapshots,
// drafts read back (docs/api.md, "Reading JSON"; docs/decisions/0014). Only what passed it is
// walked or dumped, so nothing recursive over a value ever goes deeper than kMaxDepth.
namespace commesso::json {

// The most arrays and objects nested in each other, the outermost included: `{"a": [1]}` is 2.
inline constexpr std::size_t kMaxDepth = 32;
// The longest member name, in bytes: a name is echoed in problem paths.
inline constexpr std::size_t kMaxMemberNameBytes = 128;

enum class ReadFault {
  kMalformed,  // Not JSON at all: a syntax error, invalid UTF-8, nothing (HTTP 400).
  kRefused,    // JSON that breaks a rule: nesting, a duplicate member, a number (HTTP 422).
};

struct ReadFailure {
  ReadFault fault = ReadFault::kMalformed;
  // kInvalidInput with exactly one field error, which never quotes the offending value:
  //   kMalformed: path "", "invalid JSON at byte 17: syntax error while parsing value - …";
  //   kRefused:   "lines[0].quantity": "appears twice" | "is out of range";
  //               "content.a.a…" (the 33rd level): "nests deeper than 32 levels";
  //               the object's path: "has a member name longer than 128 bytes".
  Error error{};
};

// Reads `text` in one pass (nlohmann's SAX parser, which is iterative), building the value
// as it goes and stopping at the first rule broken, so a hostile text costs no more than its
// length and is never held whole as a value. On top of JSON's grammar (RFC 8259):
// - at most kMaxDepth levels of nesting;
// - no member name twice in one object;
// - member names of at most kMaxMemberNameBytes bytes;
// - an integer (no fraction or exponent) fits in int64; any other number is a finite double
//   that is 0 only when written as 0 and is not subnormal (1e-999 is refused, not read as 0).
// Integers 0..INT64_MAX read as unsigned, as nlohmann::json::parse reads them. Never throws.
tl::expected<nlohmann::json, ReadFailure> ReadJson(std::string_view text);

}  // namespace commesso::json
