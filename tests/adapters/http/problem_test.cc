#include "adapters/http/problem.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace commesso::http {
namespace {

TEST(StatusOfTest, MapsEveryErrorCode) {
  EXPECT_EQ(StatusOf(ErrorCode::kInvalidInput), 422);
  EXPECT_EQ(StatusOf(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusOf(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusOf(ErrorCode::kRejected), 422);
  EXPECT_EQ(StatusOf(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusOf(ErrorCode::kInternal), 500);
}

TEST(ProblemResponseTest, WritesRfc9457WithFieldErrors) {
  const HttpResponse response = ProblemResponse(Error{ErrorCode::kInvalidInput,
                                                      "the order has errors",
                                                      {{"lines[0].quantity", "must be 1..9999"}}});

  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(response.body),
            nlohmann::json::parse(R"({"type": "urn:commesso:problem:invalid_input",
                "title": "The request has invalid fields", "status": 422,
                "detail": "the order has errors",
                "errors": [{"path": "lines[0].quantity", "problem": "must be 1..9999"}]})"));
}

TEST(ProblemResponseTest, HidesTheMessageOfAnInternalError) {
  const HttpResponse response =
      ProblemResponse(Error{ErrorCode::kInternal, "sqlite: disk I/O error at page 7"}, "ab12");

  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("sqlite"), std::string::npos);
  EXPECT_NE(response.body.find("ab12"), std::string::npos);
}

TEST(ProblemResponseTest, AsksToRetryWhenUnavailable) {
  const HttpResponse response = ProblemResponse(Error{ErrorCode::kUnavailable, "database is down"});

  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.Header("Retry-After"), "1");
}

}  // namespace
}  // namespace commesso::http
