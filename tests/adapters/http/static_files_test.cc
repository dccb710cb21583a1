#include "adapters/http/static_files.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace commesso::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 random(
        std::hash<std::string>{}(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    base_ = fs::temp_directory_path() / ("commesso-static-" + std::to_string(random()));
    fs::remove_all(base_);
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html><title>console</title>");
    Write(root_ / "assets" / "index-1a2b3c.js", "console.log(1)");
    Write(root_ / "assets" / "index-1a2b3c.css", "body{}");
    Write(root_ / "favicon.svg", "<svg/>");
    Write(base_ / "secret.txt", "outside the root");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& file, const std::string& content) {
    std::ofstream(file, std::ios::binary) << content;
  }

  HttpResponse Get(const std::string& target, const std::string& method = "GET") const {
    return StaticFiles(root_).Serve(
        HttpRequest{.method = method, .target = target, .headers = {}, .body = ""});
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesHashedAssetsImmutableWithTheirContentType) {
  const HttpResponse js = Get("/assets/index-1a2b3c.js");
  const HttpResponse css = Get("/assets/index-1a2b3c.css?v=1");

  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("Content-Type"), "text/css; charset=utf-8");
}

TEST_F(StaticFilesTest, ServesIndexAtTheRootWithoutCaching) {
  const HttpResponse index = Get("/");

  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>console</title>");
  EXPECT_EQ(index.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, FallsBackToIndexForConsoleRoutes) {
  const HttpResponse route = Get("/orders/2026-000001?tab=history");

  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "<!doctype html><title>console</title>");
  EXPECT_EQ(route.Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, AnswersAProblemForAMissingAsset) {
  const HttpResponse missing = Get("/assets/index-000000.js");

  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Header("Content-Type"), "application/problem+json");
}

TEST_F(StaticFilesTest, NeverLeavesTheRoot) {
  // Each would reach base_/secret.txt if resolved naively; none may.
  for (const std::string target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
        "/assets/%2E%2E/%2E%2E/secret.txt", "/assets/..%2f..%2fsecret.txt",
        "/assets/..%5c..%5csecret.txt", "/assets/x%00.js"}) {
    const HttpResponse response = Get(target);

    EXPECT_NE(response.body, "outside the root") << target;
    if (target.starts_with("/assets/")) {
      EXPECT_EQ(response.status, 404) << target;
    }
  }
}

TEST_F(StaticFilesTest, RefusesASymbolicLinkOutOfTheRoot) {
  fs::create_symlink(base_ / "secret.txt", root_ / "assets" / "leak.js");
  fs::create_directory_symlink(base_, root_ / "assets" / "up");

  EXPECT_EQ(Get("/assets/leak.js").status, 404);
  EXPECT_EQ(Get("/assets/up/secret.txt").status, 404);
}

TEST_F(StaticFilesTest, SendsTheSecurityHeadersOnEveryAnswer) {
  for (const std::string target : {"/", "/assets/index-1a2b3c.js", "/assets/missing.js"}) {
    const HttpResponse response = Get(target);

    const std::string_view policy = response.Header("Content-Security-Policy");
    EXPECT_NE(policy.find("script-src 'self'"), std::string_view::npos) << target;
    EXPECT_EQ(policy.find("unsafe-inline"), std::string_view::npos) << target;
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string_view::npos) << target;
    EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_EQ(response.Header("X-Frame-Options"), "DENY") << target;
    EXPECT_EQ(response.Header("Referrer-Policy"), "no-referrer") << target;
  }
}

TEST_F(StaticFilesTest, AllowsOnlyGetAndHead) {
  const HttpResponse head = Get("/favicon.svg", "HEAD");
  const HttpResponse post = Get("/", "POST");

  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("Allow"), "GET, HEAD");
}

TEST_F(StaticFilesTest, SaysTheConsoleIsNotBuiltWhenTheRootIsEmpty) {
  const HttpResponse response =
      StaticFiles(base_ / "nothing")
          .Serve(HttpRequest{.method = "GET", .target = "/", .headers = {}, .body = ""});

  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("make build"), std::string::npos);
}

TEST_F(StaticFilesTest, LeavesTheApiAndHealthToTheApi) {
  EXPECT_FALSE(StaticFiles::Serves("/api/v1/items"));
  EXPECT_FALSE(StaticFiles::Serves("/api"));
  EXPECT_FALSE(StaticFiles::Serves("/healthz"));
  EXPECT_TRUE(StaticFiles::Serves("/"));
  EXPECT_TRUE(StaticFiles::Serves("/apiary"));
  EXPECT_TRUE(StaticFiles::Serves("/assets/index.js"));
}

}  // namespace
}  // namespace commesso::http
