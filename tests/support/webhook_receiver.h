#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/python_server.h"

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
    if (port == 0) port = server_.port();
    server_.Start(COMMESSO_SOURCE_DIR "/tests/support/webhook_receiver.py",
                  {"--dir", directory_.string(), "--port", std::to_string(port), "--status",
                   std::to_string(status), "--secret", secret_, "--now", std::to_string(now_)},
                  "the webhook receiver did not start");
  }

  void Stop() { server_.Stop(); }

  // What later starts verify signatures with.
  void Verifying(std::string secret, long long now) {
    secret_ = std::move(secret);
    now_ = now;
  }

  int port() const { return server_.port(); }
  std::string Url(const std::string& path = "/hooks") const {
    return "http://127.0.0.1:" + std::to_string(server_.port()) + path;
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
  PythonServer server_;
  std::string secret_;
  long long now_ = 0;
};

}  // namespace commesso::testing
