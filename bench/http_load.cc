// A closed-loop load generator for the order intake: N clients, each on its own keep-alive
// connection, place realistic orders back to back for a fixed time, and we report what the
// server sustained and what it cost.
//
// Closed loop means each client sends its next order only when the previous answer arrived,
// so the offered load adapts to the server and latency is the full round trip a client sees.
// Orders are what a web shop would send: a random demo customer and 1..10 distinct random
// demo SKUs with quantities 1..5, paid on account, shipped standard. The SKU and customer
// lists come from the API itself before the first level, so the generator needs no knowledge
// of the demo data. Every order carries a fresh Idempotency-Key; a 422 (a stock-tracked good
// ran short, a parcel too heavy for the method) is counted as refused, anything else not 2xx
// as an error, and neither counts as an order.
//
// Each level opens its connections, runs a short warm-up whose answers are discarded, then
// measures for a fixed time. The server's CPU time (utime + stime from /proc/<pid>/stat) is
// read at the start and end of the measured window and divided by the orders counted (and,
// as a second figure, by every answer, since refusals cost CPU too); its CPU over 2 s of
// idleness before the first level shows what it burns doing nothing. Its peak RSS (VmHWM) is
// read after each level. Randomness is seeded, every loop ends at a deadline or a fixed
// count, and every socket has a timeout.
//
// Subcommands (loopback only):
//   free-port                          prints a TCP port that was free a moment ago
//   wait --port P [--path /healthz] [--seconds 60]
//                                      exits 0 once GET path answers 200
//   run --port P --api-key K --server-pid PID [--clients 1,16,64] [--seconds 10]
//       [--warmup-seconds 1] [--seed 42]

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_support.h"

namespace commesso::bench {
namespace {

using Json = nlohmann::json;

// Every read and write gives up after this long, so a stuck server cannot hang the run.
constexpr int kSocketTimeoutSeconds = 10;
// A response larger than this is treated as a broken connection.
constexpr std::size_t kMaxResponseBytes = std::size_t{64} * 1024 * 1024;

// A socket descriptor, closed on destruction.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() { Close(); }
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&& other) noexcept {
    if (this != &other) {
      Close();
      fd_ = other.fd_;
      other.fd_ = -1;
    }
    return *this;
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  int fd() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

sockaddr_in Loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

struct Response {
  int status = 0;
  std::string body;
  bool close = false;  // The server will close the connection after this response.
};

// Case-insensitive ASCII comparison of a header name.
bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// One HTTP/1.1 keep-alive connection to 127.0.0.1:port, used by one thread. Send returns
// nothing when the connection broke or timed out; the caller reconnects.
class HttpConnection {
 public:
  explicit HttpConnection(std::uint16_t port) : port_(port) {}

  bool Connect() {
    socket_ = Socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!socket_.open()) return false;
    const int one = 1;
    ::setsockopt(socket_.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval timeout{};
    timeout.tv_sec = kSocketTimeoutSeconds;
    ::setsockopt(socket_.fd(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(socket_.fd(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    const sockaddr_in address = Loopback(port_);
    if (::connect(socket_.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      socket_.Close();
      return false;
    }
    buffer_.clear();
    return true;
  }

  bool connected() const { return socket_.open(); }

  // Sends `request` (a complete HTTP/1.1 message) and reads the whole response.
  std::optional<Response> Send(const std::string& request) {
    if (!socket_.open() && !Connect()) return std::nullopt;
    if (!WriteAll(request)) return Broken();
    auto response = ReadResponse();
    if (!response) return Broken();
    if (response->close) socket_.Close();
    return response;
  }

  std::string Request(const std::string& method, const std::string& target,
                      const std::vector<std::string>& headers, const std::string& body) const {
    std::string request;
    request.reserve(256 + body.size());
    request +=
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) + "\r\n";
    for (const std::string& header : headers) request += header + "\r\n";
    if (!body.empty() || method == "POST") {
      request +=
          "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\n";
    }
    request += "\r\n";
    request += body;
    return request;
  }

 private:
  std::optional<Response> Broken() {
    socket_.Close();
    return std::nullopt;
  }

  bool WriteAll(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      const ssize_t n = ::send(socket_.fd(), data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Appends what the socket has to buffer_; false on close, error or timeout.
  bool ReadMore() {
    char chunk[16 * 1024];
    for (;;) {
      const ssize_t n = ::recv(socket_.fd(), chunk, sizeof chunk, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return buffer_.size() <= kMaxResponseBytes;
    }
  }

  std::optional<Response> ReadResponse() {
    std::size_t header_end = std::string::npos;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!ReadMore()) return std::nullopt;
    }
    Response response;
    const std::string_view head(buffer_.data(), header_end);
    // "HTTP/1.1 201 Created"
    if (head.size() < 12 || !head.starts_with("HTTP/1.")) return std::nullopt;
    response.status = std::atoi(std::string(head.substr(9, 3)).c_str());
    response.close = head.starts_with("HTTP/1.0");

    std::optional<std::size_t> content_length;
    bool chunked = false;
    std::size_t line_start = head.find("\r\n");
    while (line_start != std::string_view::npos && line_start < head.size()) {
      line_start += 2;
      std::size_t line_end = head.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = head.size();
      const std::string_view line = head.substr(line_start, line_end - line_start);
      const std::size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        const std::string_view name = line.substr(0, colon);
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (SameName(name, "content-length")) {
          content_length =
              static_cast<std::size_t>(std::strtoull(std::string(value).c_str(), nullptr, 10));
        } else if (SameName(name, "transfer-encoding")) {
          chunked = value.find("chunked") != std::string_view::npos;
        } else if (SameName(name, "connection")) {
          response.close = SameName(value, "close");
        }
      }
      line_start = line_end;
    }
    buffer_.erase(0, header_end + 4);

    if (chunked) {
      if (!ReadChunked(response.body)) return std::nullopt;
    } else {
      const std::size_t length = content_length.value_or(0);
      if (length > kMaxResponseBytes) return std::nullopt;
      while (buffer_.size() < length) {
        if (!ReadMore()) return std::nullopt;
      }
      response.body = buffer_.substr(0, length);
      buffer_.erase(0, length);
    }
    return response;
  }

  bool ReadChunked(std::string& body) {
    for (;;) {
      std::size_t line_end = 0;
      while ((line_end = buffer_.find("\r\n")) == std::string::npos) {
        if (!ReadMore()) return false;
      }
      const std::size_t size = std::strtoull(buffer_.substr(0, line_end).c_str(), nullptr, 16);
      if (size > kMaxResponseBytes) return false;
      buffer_.erase(0, line_end + 2);
      while (buffer_.size() < size + 2) {
        if (!ReadMore()) return false;
      }
      body.append(buffer_, 0, size);
      buffer_.erase(0, size + 2);
      if (size == 0) return true;  // No trailers expected from our server.
    }
  }

  std::uint16_t port_;
  Socket socket_;
  std::string buffer_;  // Bytes read past the last complete response.
};

// A port the kernel considered free when asked; the server binds it a moment later.
int FreePort() {
  Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address = Loopback(0);
  socklen_t size = sizeof address;
  if (!socket.open() ||
      ::bind(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(socket.fd(), reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    Die(std::string("free-port: ") + std::strerror(errno));
  }
  std::printf("%u\n", static_cast<unsigned>(ntohs(address.sin_port)));
  return 0;
}

std::uint16_t PortFlag(const Flags& flags) {
  const std::int64_t port = flags.Int("port", 0);
  if (port <= 0 || port > 65535) Die("--port 1..65535 is required");
  return static_cast<std::uint16_t>(port);
}

// Polls GET path every 100 ms until it answers 200, for at most `seconds`.
int Wait(const Flags& flags) {
  const std::uint16_t port = PortFlag(flags);
  const std::string path = flags.Text("path", "/healthz");
  const std::int64_t attempts = flags.Int("seconds", 60) * 10;
  for (std::int64_t attempt = 0; attempt < attempts; ++attempt) {
    HttpConnection connection(port);
    if (connection.Connect()) {
      const auto response = connection.Send(connection.Request("GET", path, {}, ""));
      if (response && response->status == 200) return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::fprintf(stderr, "bench: GET %s on port %u did not answer 200\n", path.c_str(),
               static_cast<unsigned>(port));
  return 1;
}

std::string PercentEncoded(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 15];
    }
  }
  return encoded;
}

// The entries of a listing page, whatever the API calls the array.
const Json* EntriesOf(const Json& page) {
  if (page.is_array()) return &page;
  for (const char* name : {"entries", "items", "customers", "data", "results"}) {
    if (page.contains(name) && page[name].is_array()) return &page[name];
  }
  return nullptr;
}

// Every entry of a paged listing at `path` (which has a query already), following
// next_cursor for at most 1000 pages.
std::vector<Json> FetchAll(HttpConnection& connection, const std::string& path,
                           const std::string& api_key) {
  std::vector<Json> entries;
  std::string cursor;
  for (int page_number = 0; page_number < 1000; ++page_number) {
    const std::string target = path + (cursor.empty() ? "" : "&cursor=" + PercentEncoded(cursor));
    const auto response = connection.Send(
        connection.Request("GET", target, {"Authorization: Bearer " + api_key}, ""));
    if (!response) Die("GET " + target + ": no response");
    if (response->status != 200) {
      Die("GET " + target + ": status " + std::to_string(response->status) + " " + response->body);
    }
    const Json page = Json::parse(response->body, nullptr, false);
    const Json* list = page.is_discarded() ? nullptr : EntriesOf(page);
    if (list == nullptr) Die("GET " + target + ": no list in " + response->body.substr(0, 200));
    for (const Json& entry : *list) entries.push_back(entry);
    const auto next = page.is_object() ? page.find("next_cursor") : page.end();
    if (next == page.end() || !next->is_string() || next->get<std::string>().empty()) break;
    cursor = next->get<std::string>();
  }
  return entries;
}

// What orders are made of, fetched from the server before the first level.
struct DemoData {
  std::vector<std::string> skus;        // JSON string literals, quotes included.
  std::vector<std::int64_t> customers;  // Customer ids.
};

DemoData FetchDemoData(std::uint16_t port, const std::string& api_key) {
  HttpConnection connection(port);
  DemoData data;
  for (const Json& item : FetchAll(connection, "/api/v1/items?q=&limit=100", api_key)) {
    if (!item.is_object() || !item.contains("sku") || !item["sku"].is_string()) continue;
    if (item.contains("active") && item["active"] == false) continue;
    data.skus.push_back(item["sku"].dump());
  }
  for (const Json& customer : FetchAll(connection, "/api/v1/customers?limit=100", api_key)) {
    if (customer.is_object() && customer.contains("id") && customer["id"].is_number_integer()) {
      data.customers.push_back(customer["id"].get<std::int64_t>());
    }
  }
  if (data.skus.empty() || data.customers.empty()) {
    Die("the server listed " + std::to_string(data.skus.size()) + " active items and " +
        std::to_string(data.customers.size()) + " customers; both must be non-empty");
  }
  return data;
}

// A random realistic order body: 1..10 distinct SKUs (fewer if the catalog is smaller),
// quantities 1..5, a random customer.
std::string RandomOrder(const DemoData& data, std::mt19937_64& random) {
  std::uniform_int_distribution<std::size_t> pick_customer(0, data.customers.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_sku(0, data.skus.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_count(
      1, std::min<std::size_t>(10, data.skus.size()));
  std::uniform_int_distribution<int> pick_quantity(1, 5);

  std::vector<std::size_t> chosen;
  const std::size_t count = pick_count(random);
  // Rejection sampling ends quickly: at most 10 of at least `count` SKUs; bounded anyway.
  for (int attempt = 0; chosen.size() < count && attempt < 1000; ++attempt) {
    const std::size_t index = pick_sku(random);
    if (std::find(chosen.begin(), chosen.end(), index) == chosen.end()) chosen.push_back(index);
  }
  std::string body = R"({"channel":"api","customer_id":)" +
                     std::to_string(data.customers[pick_customer(random)]) + R"(,"lines":[)";
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    if (i > 0) body += ',';
    body += R"({"sku":)" + data.skus[chosen[i]] + R"(,"quantity":)" +
            std::to_string(pick_quantity(random)) + "}";
  }
  body += R"(],"shipping_method":"standard","payment":{"type":"on_account"}})";
  return body;
}

// utime + stime of process `pid`, in microseconds; exits when the process is gone.
std::int64_t CpuMicros(int pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  // The command name (field 2) may hold spaces; the fields after its closing ')' do not.
  const std::size_t paren = text.rfind(')');
  if (paren == std::string::npos) Die("cannot read /proc/" + std::to_string(pid) + "/stat");
  std::istringstream fields(text.substr(paren + 1));
  std::vector<std::string> tokens;
  for (std::string token; fields >> token && tokens.size() < 13;) tokens.push_back(token);
  if (tokens.size() < 13) Die("short /proc/" + std::to_string(pid) + "/stat");
  // tokens[0] is field 3 (state); utime is field 14, stime field 15, in clock ticks.
  const std::int64_t ticks = std::stoll(tokens[11]) + std::stoll(tokens[12]);
  return ticks * 1'000'000 / sysconf(_SC_CLK_TCK);
}

// The peak resident set size of `pid` (VmHWM), in kB.
std::int64_t PeakRssKb(int pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(file, line);) {
    if (line.starts_with("VmHWM:")) return std::stoll(line.substr(6));
  }
  Die("no VmHWM in /proc/" + std::to_string(pid) + "/status");
}

std::int64_t OwnCpuMicros() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000 + usage.ru_utime.tv_usec +
         usage.ru_stime.tv_usec;
}

// What one client thread saw in the measured window.
struct ClientTally {
  std::vector<std::int64_t> latencies;  // Of placed orders, in ns.
  std::int64_t refused = 0;             // 422 answers.
  std::int64_t errors = 0;              // Other non-2xx answers and broken connections.
  std::int64_t reconnects = 0;
  std::map<std::string, std::int64_t> refusal_fields;  // First field path of each 422.
  std::string first_problem;                           // The first refusal or error, for the log.
};

// The first field path of a 422 problem body with line numbers blanked ("lines[].quantity"),
// so refusals can be told apart: short stock, a parcel too heavy for the method, ….
std::string RefusedField(const std::string& body) {
  const Json problem = Json::parse(body, nullptr, false);
  if (problem.is_discarded() || !problem.is_object()) return "(not JSON)";
  const auto errors = problem.find("errors");
  if (errors == problem.end() || !errors->is_array() || errors->empty()) return "(no field)";
  const Json& first = errors->front();
  if (!first.is_object() || !first.contains("path") || !first["path"].is_string()) {
    return "(no field)";
  }
  std::string path;
  bool in_index = false;
  for (const char c : first["path"].get<std::string>()) {
    if (c == ']') in_index = false;
    if (!in_index) path += c;
    if (c == '[') in_index = true;
  }
  return path;
}

struct LevelPlan {
  std::uint16_t port = 0;
  std::string api_key;
  std::string run_id;
  int clients = 1;
  std::uint64_t seed = 42;
  SteadyClock::time_point measure_from{};
  SteadyClock::time_point deadline{};
};

// One client: places orders back to back until the deadline. Answers to requests sent before
// `measure_from` are discarded (warm-up).
void RunClient(const LevelPlan& plan, const DemoData& data, int client, ClientTally& tally) {
  std::mt19937_64 random(plan.seed * 1'000'003 + static_cast<std::uint64_t>(plan.clients) * 1009 +
                         static_cast<std::uint64_t>(client));
  HttpConnection connection(plan.port);
  const std::string authorization = "Authorization: Bearer " + plan.api_key;
  const std::string key_prefix = "Idempotency-Key: bench-" + plan.run_id + "-" +
                                 std::to_string(plan.clients) + "-" + std::to_string(client) + "-";
  tally.latencies.reserve(1 << 16);
  constexpr std::int64_t kMaxRequests = 10'000'000;
  for (std::int64_t sequence = 0; sequence < kMaxRequests; ++sequence) {
    const std::string request = connection.Request(
        "POST", "/api/v1/orders", {authorization, key_prefix + std::to_string(sequence)},
        RandomOrder(data, random));
    const bool reconnect = !connection.connected();
    const auto sent = SteadyClock::now();
    if (sent >= plan.deadline) break;
    const auto response = connection.Send(request);
    const auto answered = SteadyClock::now();
    if (sent < plan.measure_from) continue;

    if (reconnect && sequence > 0) ++tally.reconnects;
    if (response && response->status >= 200 && response->status < 300) {
      tally.latencies.push_back(NanosBetween(sent, answered));
      continue;
    }
    if (response && response->status == 422) {
      ++tally.refused;
      ++tally.refusal_fields[RefusedField(response->body)];
    } else {
      ++tally.errors;
    }
    if (tally.first_problem.empty()) {
      tally.first_problem =
          response ? std::to_string(response->status) + " " + response->body.substr(0, 300)
                   : "no response (connection broken or timed out)";
    }
    // A broken connection that will not come back must not spin: end this client.
    if (!response && !connection.Connect()) break;
  }
}

std::vector<int> ClientLevels(const std::string& text) {
  std::vector<int> levels;
  std::stringstream list(text);
  for (std::string item; std::getline(list, item, ',');) {
    const int level = std::atoi(item.c_str());
    if (level < 1 || level > 1024) Die("--clients takes numbers 1..1024, got " + item);
    levels.push_back(level);
  }
  return levels;
}

int Run(const Flags& flags) {
  LevelPlan plan;
  plan.port = PortFlag(flags);
  plan.api_key = flags.Text("api-key", "");
  const auto server_pid = static_cast<int>(flags.Int("server-pid", 0));
  if (plan.api_key.empty() || server_pid <= 0) Die("run needs --api-key and --server-pid");
  const std::int64_t seconds = flags.Int("seconds", 10);
  const std::int64_t warmup_seconds = flags.Int("warmup-seconds", 1);
  plan.seed = static_cast<std::uint64_t>(flags.Int("seed", 42));
  plan.run_id = std::to_string(::getpid());

  const DemoData data = FetchDemoData(plan.port, plan.api_key);
  std::printf(
      "http intake: %zu active SKUs and %zu customers from the API; %lld s per level "
      "after %lld s warm-up\n",
      data.skus.size(), data.customers.size(), static_cast<long long>(seconds),
      static_cast<long long>(warmup_seconds));

  // What the server burns doing nothing, so per-order figures can be read against it.
  const std::int64_t idle_before = CpuMicros(server_pid);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const double idle_per_second = static_cast<double>(CpuMicros(server_pid) - idle_before) / 2.0;
  std::printf("http intake: server CPU while idle %.0f us/s\n", idle_per_second);
  PrintResult("http_server_idle_cpu_us_per_s", idle_per_second);
  std::fflush(stdout);

  for (const int clients : ClientLevels(flags.Text("clients", "1,16,64"))) {
    plan.clients = clients;
    const auto start = SteadyClock::now();
    plan.measure_from = start + std::chrono::seconds(warmup_seconds);
    plan.deadline = plan.measure_from + std::chrono::seconds(seconds);

    std::vector<ClientTally> tallies(static_cast<std::size_t>(clients));
    std::vector<std::thread> threads;
    threads.reserve(tallies.size());
    for (int client = 0; client < clients; ++client) {
      threads.emplace_back(RunClient, std::cref(plan), std::cref(data), client,
                           std::ref(tallies[static_cast<std::size_t>(client)]));
    }
    std::this_thread::sleep_until(plan.measure_from);
    const std::int64_t server_cpu_before = CpuMicros(server_pid);
    const std::int64_t own_cpu_before = OwnCpuMicros();
    std::this_thread::sleep_until(plan.deadline);
    const std::int64_t server_cpu_after = CpuMicros(server_pid);
    const std::int64_t own_cpu_after = OwnCpuMicros();
    for (std::thread& thread : threads) thread.join();

    std::vector<std::int64_t> latencies;
    std::int64_t refused = 0;
    std::int64_t errors = 0;
    std::int64_t reconnects = 0;
    std::string first_problem;
    std::map<std::string, std::int64_t> refusal_fields;
    for (const ClientTally& tally : tallies) {
      for (const auto& [field, count] : tally.refusal_fields) refusal_fields[field] += count;
      latencies.insert(latencies.end(), tally.latencies.begin(), tally.latencies.end());
      refused += tally.refused;
      errors += tally.errors;
      reconnects += tally.reconnects;
      if (first_problem.empty()) first_problem = tally.first_problem;
    }
    const LatencySummary latency = Summarize(latencies);
    const double orders_per_second =
        static_cast<double>(latency.count) / static_cast<double>(seconds);
    const double server_cpu_per_order =
        latency.count == 0 ? 0.0
                           : static_cast<double>(server_cpu_after - server_cpu_before) /
                                 static_cast<double>(latency.count);
    // Refusals cost the server too; this divides its CPU by every answer, not only orders.
    const std::int64_t answers = latency.count + refused + errors;
    const double server_cpu_per_answer =
        answers == 0 ? 0.0
                     : static_cast<double>(server_cpu_after - server_cpu_before) /
                           static_cast<double>(answers);
    const double client_cpu_per_order = latency.count == 0
                                            ? 0.0
                                            : static_cast<double>(own_cpu_after - own_cpu_before) /
                                                  static_cast<double>(latency.count);
    const std::int64_t peak_rss_kb = PeakRssKb(server_pid);

    std::printf(
        "http intake, %d client%s: %.0f orders/s; latency ms p50 %.2f, p99 %.2f, "
        "p99.9 %.2f, max %.2f; refused (422) %lld, errors %lld, reconnects %lld\n",
        clients, clients == 1 ? "" : "s", orders_per_second, Micros(latency.p50) / 1e3,
        Micros(latency.p99) / 1e3, Micros(latency.p999) / 1e3, Micros(latency.max) / 1e3,
        static_cast<long long>(refused), static_cast<long long>(errors),
        static_cast<long long>(reconnects));
    std::printf(
        "  server CPU %.1f us/order (%.1f us per answer, refusals included), server peak RSS "
        "%lld kB; load generator CPU %.1f us/order\n",
        server_cpu_per_order, server_cpu_per_answer, static_cast<long long>(peak_rss_kb),
        client_cpu_per_order);
    if (!refusal_fields.empty()) {
      std::printf("  refusals by first field:");
      for (const auto& [field, count] : refusal_fields) {
        std::printf(" %s %lld;", field.c_str(), static_cast<long long>(count));
      }
      std::printf("\n");
    }
    if (!first_problem.empty()) {
      std::printf("  first refusal or error: %s\n", first_problem.c_str());
    }
    const std::string prefix = "http_c" + std::to_string(clients) + "_";
    PrintResult(prefix + "orders_per_s", orders_per_second);
    PrintResult(prefix + "p50_ms", Micros(latency.p50) / 1e3);
    PrintResult(prefix + "p99_ms", Micros(latency.p99) / 1e3);
    PrintResult(prefix + "p999_ms", Micros(latency.p999) / 1e3);
    PrintResult(prefix + "refused", static_cast<double>(refused));
    PrintResult(prefix + "errors", static_cast<double>(errors));
    PrintResult(prefix + "server_cpu_us_per_order", server_cpu_per_order);
    PrintResult(prefix + "server_cpu_us_per_answer", server_cpu_per_answer);
    PrintResult(prefix + "client_cpu_us_per_order", client_cpu_per_order);
    PrintResult("http_server_peak_rss_kb", static_cast<double>(peak_rss_kb));
    std::fflush(stdout);
  }
  return 0;
}

int Main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "free-port") return FreePort();
  if (command == "wait") return Wait(Flags(argc, argv, 2));
  if (command == "run") return Run(Flags(argc, argv, 2));
  Die("usage: commesso_bench_http_load free-port | wait --port P | run --port P --api-key K "
      "--server-pid PID [--clients 1,16,64] [--seconds 10]");
}

}  // namespace
}  // namespace commesso::bench

int main(int argc, char** argv) {
  // A library exception (std::thread, std::stoll on a mangled /proc file) ends the run.
  try {
    return commesso::bench::Main(argc, argv);
  } catch (const std::exception& error) {
    commesso::bench::Die(error.what());
  }
}
