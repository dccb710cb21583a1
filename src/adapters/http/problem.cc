#include "adapters/http/problem.h"

#include <nlohmann/json.hpp>

#include "adapters/json/domain_json.h"
#include "core/invariant.h"

namespace commesso::http {
namespace {

const char* TitleOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return "The request has invalid fields";
    case ErrorCode::kNotFound:
      return "Not found";
    case ErrorCode::kConflict:
      return "Conflict";
    case ErrorCode::kRejected:
      return "Refused by a business rule";
    case ErrorCode::kUnavailable:
      return "Temporarily unavailable";
    case ErrorCode::kInternal:
      return "Internal error";
  }
  return "Internal error";
}

}  // namespace

int StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kRejected:
      return 422;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse ProblemResponse(int status, std::string_view type, std::string_view title,
                             std::string_view detail, const std::vector<FieldError>& errors) {
  return ProblemResponse(status, type, title, detail, errors, nlohmann::json::object());
}

HttpResponse ProblemResponse(int status, std::string_view type, std::string_view title,
                             std::string_view detail, const std::vector<FieldError>& errors,
                             const nlohmann::json& extensions) {
  nlohmann::json fields = nlohmann::json::array();
  for (const FieldError& error : errors) {
    fields.push_back({{"path", error.path}, {"problem", error.problem}});
  }
  nlohmann::json body{{"type", "urn:commesso:problem:" + std::string(type)},
                      {"title", title},
                      {"status", status},
                      {"detail", detail},
                      {"errors", std::move(fields)}};
  for (const auto& [name, value] : extensions.items()) {
    COMMESSO_INVARIANT(!body.contains(name), "a problem extension must not replace a member");
    body[name] = value;
  }
  return HttpResponse{.status = status,
                      .headers = {{"Content-Type", "application/problem+json"}},
                      .body = json::Dump(body)};
}

HttpResponse ProblemResponse(const Error& error, std::string_view reference) {
  const int status = StatusOf(error.code);
  if (error.code == ErrorCode::kInternal) {
    return ProblemResponse(status, ErrorCodeName(error.code), TitleOf(error.code),
                           "Something went wrong on our side; quote reference " +
                               std::string(reference) + " when reporting it.");
  }
  HttpResponse response = ProblemResponse(status, ErrorCodeName(error.code), TitleOf(error.code),
                                          error.message, error.fields);
  if (error.code == ErrorCode::kUnavailable) response.headers.emplace_back("Retry-After", "1");
  return response;
}

}  // namespace commesso::http
