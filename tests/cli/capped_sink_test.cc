#include "cli/capped_sink.h"

#include <memory>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

namespace commesso {
namespace {

class CappedSinkTest : public ::testing::Test {
 protected:
  // What `message` logs as, the pattern being the message alone.
  std::string Logged(const std::string& message, std::size_t max_bytes = kMaxLogMessageBytes) {
    std::ostringstream stream;
    auto sink = std::make_shared<CappedSink>(
        std::make_shared<spdlog::sinks::ostream_sink_st>(stream), max_bytes);
    spdlog::logger logger("test", sink);
    logger.set_pattern("%v");
    logger.info("{}", message);
    std::string line = stream.str();
    if (!line.empty() && line.back() == '\n') line.pop_back();
    return line;
  }
};

TEST_F(CappedSinkTest, PassesAMessageUpToTheCapUnchanged) {
  const std::string at_cap(kMaxLogMessageBytes, 'x');

  EXPECT_EQ(Logged("listening on 127.0.0.1:8080"), "listening on 127.0.0.1:8080");
  EXPECT_EQ(Logged(at_cap), at_cap);
}

TEST_F(CappedSinkTest, CutsALongerMessageAndSaysHowMuchWasCut) {
  const std::string line = Logged(std::string(1'000'000, '9'));

  EXPECT_EQ(line, std::string(kMaxLogMessageBytes, '9') + "\u2026 (997952 bytes cut)");
}

TEST_F(CappedSinkTest, CutsAtACharacterBoundary) {
  // "è" is two bytes: the cap falls between them, and the whole character goes.
  const std::string line = Logged("abc\u00e8def", 4);

  EXPECT_EQ(line, "abc\u2026 (5 bytes cut)");
}

TEST_F(CappedSinkTest, LeavesTheLevelFilterToTheSinkItWraps) {
  std::ostringstream stream;
  auto next = std::make_shared<spdlog::sinks::ostream_sink_st>(stream);
  next->set_level(spdlog::level::warn);
  spdlog::logger logger("test", std::make_shared<CappedSink>(next));
  logger.set_pattern("[%l] %v");

  logger.info("dropped");
  logger.warn("kept");

  EXPECT_EQ(stream.str(), "[warning] kept\n");
}

TEST(CappedStderrLoggerTest, LogsThroughACappedSink) {
  const std::shared_ptr<spdlog::logger> logger = CappedStderrLogger("commesso");

  ASSERT_EQ(logger->sinks().size(), 1u);
  EXPECT_NE(std::dynamic_pointer_cast<CappedSink>(logger->sinks()[0]), nullptr);
  EXPECT_EQ(logger->name(), "commesso");
}

}  // namespace
}  // namespace commesso
