#pragma once

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/python_server.h"

namespace commesso::testing {

// The real SMTP server of the mail tests: tests/support/smtp_sink.py (aiosmtpd) run by
// Debian's python3, on a free loopback port, writing what it accepts into `directory`.
// Start, Stop and Start again on the same port simulate an outage. Stopped on destruction.
class SmtpSink {
 public:
  explicit SmtpSink(std::filesystem::path directory) : directory_(std::move(directory)) {
    std::filesystem::create_directories(directory_);
  }
  ~SmtpSink() { Stop(); }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  // Starts the server on `port` (0: a free one, then kept for later starts) and returns once
  // it listens.
  void Start(int port = 0) {
    if (port == 0) port = server_.port();
    server_.Start(COMMESSO_SOURCE_DIR "/tests/support/smtp_sink.py",
                  {"--dir", directory_.string(), "--port", std::to_string(port)},
                  "the SMTP sink did not start: is python3-aiosmtpd installed?");
  }

  void Stop() { server_.Stop(); }

  int port() const { return server_.port(); }

  // The messages received so far, oldest first.
  std::vector<std::filesystem::path> Messages() const {
    std::vector<std::filesystem::path> messages;
    for (const auto& entry : std::filesystem::directory_iterator(directory_)) {
      if (entry.path().extension() == ".eml") messages.push_back(entry.path());
    }
    std::sort(messages.begin(), messages.end());
    return messages;
  }

  // Waits (up to `limit`) until `count` messages arrived; for tests of the worker thread,
  // which sends on its own time.
  bool WaitForMessages(std::size_t count,
                       std::chrono::milliseconds limit = std::chrono::seconds{20}) const {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (Messages().size() < count) {
      if (std::chrono::steady_clock::now() > end) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    return true;
  }

  // The envelope commands received so far, one per entry ("MAIL <from>", "RCPT <to> 250",
  // "DATA"), in order; "DATA" is recorded before the server answers it.
  std::vector<std::string> Commands() const {
    std::vector<std::string> commands;
    std::ifstream log(directory_ / "commands.log");
    for (std::string line; std::getline(log, line);) commands.push_back(line);
    return commands;
  }

  static std::string Read(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  }

 private:
  std::filesystem::path directory_;
  PythonServer server_;
};

}  // namespace commesso::testing
