#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <spdlog/logger.h>
#include <spdlog/sinks/sink.h>

namespace commesso {

// The most bytes of a log message (the text after the time, logger and level) that reach the
// log. A request can make a message long (a path, a library's error quoting its input); cut, it
// stays readable and the log cannot be flooded one line at a time.
inline constexpr std::size_t kMaxLogMessageBytes = 2048;

// A sink that passes every record on to `next` with its message cut to kMaxLogMessageBytes
// (at a UTF-8 character boundary), followed by "… (N bytes cut)". Shorter messages pass
// unchanged. Thread-safe when `next` is (the _mt sinks): it keeps no state of its own.
class CappedSink final : public spdlog::sinks::sink {
 public:
  // `next` is shared with spdlog's own sink list, which hands sinks around as shared_ptr.
  explicit CappedSink(std::shared_ptr<spdlog::sinks::sink> next,
                      std::size_t max_bytes = kMaxLogMessageBytes);

  void log(const spdlog::details::log_msg& message) override;
  void flush() override;
  void set_pattern(const std::string& pattern) override;
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override;

 private:
  std::shared_ptr<spdlog::sinks::sink> next_;
  std::size_t max_bytes_;
};

// The logger the binary logs with: `name`, to standard error in colour, through a CappedSink.
std::shared_ptr<spdlog::logger> CappedStderrLogger(const std::string& name);

}  // namespace commesso
