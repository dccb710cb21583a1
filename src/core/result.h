#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace commesso {

enum class ErrorCode {
  kInvalidInput,  // The input is wrong; `fields` says where.
  kNotFound,      // A referenced customer, order or product does not exist.
  kConflict,      // The data changed meanwhile, or a request with the same key is in flight.
  kRejected,      // A business rule says no: out of stock, card declined.
  kUnavailable,   // A dependency (database, SMTP server) is down; retrying may work.
  kInternal,      // A bug. Logged in full; the user sees a reference number.
};

// The stable lower-case name of `code` ("invalid_input"), used in logs and problem types.
const char* ErrorCodeName(ErrorCode code);

struct FieldError {
  std::string path;     // "lines[2].quantity"
  std::string problem;  // "must be 1..9999"
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;               // One sentence for a person.
  std::vector<FieldError> fields{};  // Every input problem at once, for kInvalidInput.
};

// tl::expected (the C++23 std::expected, for C++20) that the compiler will not let you ignore.
template <typename T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
 public:
  using tl::expected<T, Error>::expected;
};

tl::unexpected<Error> Fail(ErrorCode code, std::string message);
tl::unexpected<Error> Fail(Error error);

}  // namespace commesso
