#pragma once

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace commesso::testing {

// The real HTTP endpoint of the webhook tests: tests/support/webhook_receiver.py (the
// standard library's http.server) run by Debian's python3 on a free loopback port, answering
// every POST with one status and recording each request in `directory`. Start, Stop and Start
// again on the same port simulate an outage. Stopped on destruction.
class WebhookReceiver {
 public:
  explicit WebhookReceiver(std::filesystem::path directory) : directory_(std::move(directory)) {
    std::filesystem::create_directories(directory_);
  }
  ~WebhookReceiver() { Stop(); }
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  // Starts the receiver answering `status` on `port` (0: a free one, then kept for later
  // starts) and returns once it listens. It checks signatures with `secret` as of the Unix
  // time `now` (0: its own clock).
  void Start(int status = 204, int port = 0) {
    if (port == 0) port = port_;
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const std::string script = COMMESSO_SOURCE_DIR "/tests/support/webhook_receiver.py";
    const std::string dir = directory_.string();
    const std::string port_text = std::to_string(port);
    const std::string status_text = std::to_string(status);
    const std::string now_text = std::to_string(now_);
    std::vector<char*> argv = {const_cast<char*>("/usr/bin/python3"),
                               const_cast<char*>(script.c_str()),
                               const_cast<char*>("--dir"),
                               const_cast<char*>(dir.c_str()),
                               const_cast<char*>("--port"),
                               const_cast<char*>(port_text.c_str()),
                               const_cast<char*>("--status"),
                               const_cast<char*>(status_text.c_str()),
                               const_cast<char*>("--secret"),
                               const_cast<char*>(secret_.c_str()),
                               const_cast<char*>("--now"),
                               const_cast<char*>(now_text.c_str()),
                               nullptr};
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    ASSERT_EQ(spawned, 0) << "cannot run /usr/bin/python3";
    FILE* output = fdopen(out[0], "r");
    int bound = 0;
    const bool read = std::fscanf(output, "%d", &bound) == 1;
    std::fclose(output);
    ASSERT_TRUE(read) << "the webhook receiver did not start";
    port_ = bound;
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
  }

  // What later starts verify signatures with.
  void Verifying(std::string secret, long long now) {
    secret_ = std::move(secret);
    now_ = now;
  }

  int port() const { return port_; }
  std::string Url(const std::string& path = "/hooks") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // One received request.
  struct Received {
    std::string path;
    nlohmann::json headers;
    std::string body;
    bool verified = false;  // The receiver's own check (docs/webhooks.md) accepted it.
  };

  // The requests received so far, in the order they arrived.
  std::vector<Received> Requests() const {
    std::vector<Received> requests;
    std::ifstream log(directory_ / "requests.jsonl");
    std::string line;
    while (std::getline(log, line)) {
      const nlohmann::json record = nlohmann::json::parse(line);
      requests.push_back({record.at("path").get<std::string>(), record.at("headers"),
                          record.at("body").get<std::string>(), record.at("verified").get<bool>()});
    }
    return requests;
  }

 private:
  std::filesystem::path directory_;
  pid_t pid_ = 0;
  int port_ = 0;
  std::string secret_;
  long long now_ = 0;
};

}  // namespace commesso::testing
