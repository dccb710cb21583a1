#pragma once

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

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
    if (port == 0) port = port_;
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const std::string script = COMMESSO_SOURCE_DIR "/tests/support/smtp_sink.py";
    const std::string dir = directory_.string();
    const std::string port_text = std::to_string(port);
    // Debian's interpreter, which has python3-aiosmtpd (DEPENDENCIES.md pitfall 16).
    std::vector<char*> argv = {const_cast<char*>("/usr/bin/python3"),
                               const_cast<char*>(script.c_str()),
                               const_cast<char*>("--dir"),
                               const_cast<char*>(dir.c_str()),
                               const_cast<char*>("--port"),
                               const_cast<char*>(port_text.c_str()),
                               nullptr};
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    ASSERT_EQ(spawned, 0) << "cannot run /usr/bin/python3";
    FILE* output = fdopen(out[0], "r");
    int bound = 0;
    const bool read = std::fscanf(output, "%d", &bound) == 1;
    std::fclose(output);
    ASSERT_TRUE(read) << "the SMTP sink did not start: is python3-aiosmtpd installed?";
    port_ = bound;
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
  }

  int port() const { return port_; }

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

  static std::string Read(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  }

 private:
  std::filesystem::path directory_;
  pid_t pid_ = 0;
  int port_ = 0;
};

}  // namespace commesso::testing
