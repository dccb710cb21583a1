#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/http/http_message.h"
#include "core/result.h"

// RFC 9457 problem details: every error the API returns is one of these, as
// `application/problem+json` with type, title, status, detail and the field errors.
namespace commesso::http {

// The HTTP status of an outcome, the one place that decides it: kInvalidInput 422,
// kNotFound 404, kConflict 409, kRejected 422, kUnavailable 503, kInternal 500.
int StatusOf(ErrorCode code);

// A problem response. `type` is a short slug ("invalid_input") that becomes the problem type
// URI "urn:commesso:problem:invalid_input"; `errors` become [{"path": …, "problem": …}].
HttpResponse ProblemResponse(int status, std::string_view type, std::string_view title,
                             std::string_view detail, const std::vector<FieldError>& errors = {});

// The same with extension members (RFC 9457 §3.2) added beside the standard ones, such as
// "current_revision" on a stale save or "reason" on a declined card. Names must not be
// those of the standard members.
HttpResponse ProblemResponse(int status, std::string_view type, std::string_view title,
                             std::string_view detail, const std::vector<FieldError>& errors,
                             const nlohmann::json& extensions);

// The problem for a use-case or store failure, by StatusOf. A kInternal error is answered
// without its message (which may show internals); the caller logs it with `reference`.
HttpResponse ProblemResponse(const Error& error, std::string_view reference = "");

}  // namespace commesso::http
