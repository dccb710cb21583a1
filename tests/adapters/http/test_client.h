#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "adapters/http/http_message.h"

namespace commesso::http::testing {

// What the test client read back.
struct ClientResponse {
  int status = 0;  // 0 when the connection closed before a full response.
  Headers headers{};
  std::string body;

  std::string Header(std::string_view name) const {
    return std::string(HeaderValue(headers, name));
  }
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// A blocking HTTP/1.1 client on plain POSIX sockets, one connection per object, for tests:
// it sends exactly the bytes it is given, so tests can send what a real client library would
// refuse to (invalid UTF-8, oversized bodies, odd headers). Reads and writes give up after
// 60 s so a broken server fails the test instead of hanging it. It connects from `from`, any
// address of 127.0.0.0/8, so a test can play callers at several addresses. Not thread-safe.
class TestClient {
 public:
  explicit TestClient(std::uint16_t port, const std::string& from = "127.0.0.1") {
    socket_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (socket_ < 0) throw std::runtime_error("socket() failed");
    sockaddr_in source{};
    source.sin_family = AF_INET;
    if (::inet_pton(AF_INET, from.c_str(), &source.sin_addr) != 1 ||
        ::bind(socket_, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
      ::close(socket_);
      throw std::runtime_error("cannot connect from " + from);
    }
    timeval timeout{.tv_sec = 60, .tv_usec = 0};
    ::setsockopt(socket_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(socket_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    int on = 1;
    ::setsockopt(socket_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(socket_);
      throw std::runtime_error("connect() failed");
    }
  }
  ~TestClient() { ::close(socket_); }
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  // Sends `bytes`; false when the server closed the connection before taking them all.
  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(socket_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  // Reads one response (Content-Length framed, as the server always sends).
  ClientResponse Read() {
    ClientResponse response;
    std::size_t header_end = std::string::npos;
    while ((header_end = pending_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return response;
    }
    const std::string head = pending_.substr(0, header_end);
    pending_.erase(0, header_end + 4);
    std::size_t line_end = head.find("\r\n");
    const std::string status_line = head.substr(0, line_end);
    if (status_line.size() < 12) return response;
    const int status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
      const std::size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      const std::string line =
          head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::size_t value_start = colon + 1;
      while (value_start < line.size() && line[value_start] == ' ') ++value_start;
      response.headers.emplace_back(line.substr(0, colon), line.substr(value_start));
    }
    const std::string length = std::string(HeaderValue(response.headers, "Content-Length"));
    const std::size_t size = length.empty() ? 0 : std::stoul(length);
    while (pending_.size() < size) {
      if (!Fill()) return response;
    }
    response.body = pending_.substr(0, size);
    pending_.erase(0, size);
    response.status = status;
    return response;
  }

  // Whether the server closed the connection (reads end of stream).
  bool Closed() {
    if (!pending_.empty()) return false;
    return !Fill();
  }

  ClientResponse Exchange(std::string_view request) {
    Send(request);
    return Read();
  }

 private:
  bool Fill() {
    char buffer[16384];
    const ssize_t got = ::recv(socket_, buffer, sizeof buffer, 0);
    if (got <= 0) return false;
    pending_.append(buffer, static_cast<std::size_t>(got));
    return true;
  }

  int socket_ = -1;
  std::string pending_;
};

// The bytes of a request with Host and Content-Length added.
inline std::string RequestText(std::string_view method, std::string_view target,
                               const Headers& headers, std::string_view body) {
  std::string text = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
  text += "Host: localhost\r\n";
  for (const auto& [name, value] : headers) {
    text.append(name).append(": ").append(value).append("\r\n");
  }
  if (!body.empty() || method == "POST" || method == "PUT") {
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  text += "\r\n";
  text += body;
  return text;
}

}  // namespace commesso::http::testing
