// A closed-loop load generator for the order intake: N clients, each on its own keep-alive
// connection, send requests back to back for a fixed time, and we report what the server
// sustained and what it cost.
//
// Closed loop means each client sends its next request only when the previous answer arrived,
// so the offered load adapts to the server and latency is the full round trip a client sees.
// Orders are what a web shop would send: a random demo customer and 1..10 distinct random
// active items with quantities 1..5, paid on account, made to fit a shipping method that
// serves the customer's country (bench/order_plan.h: the first listed method that takes the
// parcel, else units of the heaviest goods come off). Items, customers and shipping methods
// come from the API itself before the first level, so the generator needs no knowledge of the
// demo data; it also restocks every stock-tracked good through the items API, so that the
// demo business accepts what it is sent. Every placement carries a fresh Idempotency-Key; a
// 422 is counted as refused, anything else not 2xx as an error, and neither counts as an order.
//
// Levels: placements only at each --clients count, then a mixed load at each --mixed-clients
// count (40% quotes, 30% placements, 20% catalog searches, 10% reads of recent orders). Each
// level opens its connections, runs a short warm-up whose answers are discarded (its placed
// orders are counted in the run's total), then measures for a fixed time. The server's CPU
// time (utime + stime from /proc/<pid>/stat) is read at the start and end of the measured
// window and divided by the orders (or answers) counted; its CPU over 2 s of idleness before
// the first level shows what it burns doing nothing. Every 100 ms of a level its thread count
// (Threads: in /proc/<pid>/status) and, with --db, the size of its write-ahead log (<db>-wal)
// are sampled, and so is its resident memory (VmRSS); its peak RSS since start (VmHWM) is read
// after each level. After the last level the
// generator waits (at most --settle-seconds) until the server's background work is done, so
// the counters it logs at stop cover every order placed. Randomness is seeded, every loop ends at a
// deadline or a fixed count, and every socket has a timeout.
//
// Subcommands (loopback only):
//   free-port                          prints a TCP port that was free a moment ago
//   wait --port P [--path /healthz] [--seconds 60]
//                                      exits 0 once GET path answers 200
//   run --port P --api-key K --server-pid PID [--db FILE] [--clients 1,16,64]
//       [--mixed-clients 64 (0: none)] [--seconds 10] [--warmup-seconds 1] [--seed 42]
//       [--settle-seconds 300]

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <set>
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
#include "order_plan.h"

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
  std::string location;  // The Location header, empty when absent.
  bool close = false;    // The server will close the connection after this response.
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
        } else if (SameName(name, "location")) {
          response.location = std::string(value);
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

// Every entry of a paged listing at `path` (which has a query already when it pages),
// following next_cursor for at most `max_pages` pages.
std::vector<Json> FetchAll(HttpConnection& connection, const std::string& path,
                           const std::string& api_key, int max_pages = 1000) {
  std::vector<Json> entries;
  std::string cursor;
  for (int page_number = 0; page_number < max_pages; ++page_number) {
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

// Units every stock-tracked good is restocked to before the first level. A full run places
// some 10^5 orders of 1..10 lines out of about 200 items, a few 10^4 units of any one item,
// so no line runs short.
constexpr std::int64_t kRestockUnits = 1'000'000;

// What the load is made of, fetched from the server before the first level.
struct LoadData {
  OrderCatalog catalog;
  std::vector<std::string> sku_json;    // catalog.items[i].sku as a JSON string literal.
  std::vector<std::string> sku_terms;   // Catalog searches: SKU prefixes, percent-encoded,
  std::vector<std::string> word_terms;  // and prefixes of name words, percent-encoded.
  std::vector<std::string> orders;      // Order numbers to read, newest first.
};

// The lower-case first `length` bytes of `word`, or nothing when the word is shorter or not
// plain ASCII letters and digits up to there (a search term must not cut a UTF-8 character).
std::optional<std::string> AsciiPrefix(std::string_view word, std::size_t length) {
  if (word.size() < length) return std::nullopt;
  std::string prefix;
  for (const char c : word.substr(0, length)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || std::isalnum(byte) == 0) return std::nullopt;
    prefix += static_cast<char>(std::tolower(byte));
  }
  return prefix;
}

// The search terms of one item: its SKU's first 3, 5 and 8 characters, and the first 3 and
// 5 letters of each word of its names, as a clerk types them.
void AddSearchTerms(const Json& item, std::set<std::string>& sku_terms,
                    std::set<std::string>& word_terms) {
  const std::string sku = item["sku"].get<std::string>();
  for (const std::size_t length : {3, 5, 8}) {
    sku_terms.insert(PercentEncoded(sku.substr(0, std::min(length, sku.size()))));
  }
  const auto names = item.find("name");
  if (names == item.end() || !names->is_object()) return;
  for (const auto& [language, name] : names->items()) {
    if (!name.is_string()) continue;
    std::istringstream words(name.get<std::string>());
    for (std::string word; words >> word;) {
      for (const std::size_t length : {3, 5}) {
        if (const auto prefix = AsciiPrefix(word, length)) word_terms.insert(*prefix);
      }
    }
  }
}

// The country the orders of `customer` ship to: its default shipping address's, else its
// first address's; empty when it has none.
std::string ShippingCountry(const Json& customer) {
  const auto addresses = customer.find("addresses");
  if (addresses == customer.end() || !addresses->is_array()) return "";
  const auto country_of = [](const Json& entry) -> std::string {
    if (!entry.is_object() || !entry.contains("address") || !entry["address"].is_object()) {
      return "";
    }
    return entry["address"].value("country", "");
  };
  for (const Json& entry : *addresses) {
    if (entry.is_object() && entry.value("default_shipping", false)) return country_of(entry);
  }
  return addresses->empty() ? "" : country_of(addresses->front());
}

// A shipping method as GET /api/v1/shipping-methods lists it, weighed for the planner.
PlanMethod MethodOf(const Json& method) {
  PlanMethod plan{.code = method.value("code", ""), .zones = {}};
  const auto zones = method.find("zones");
  if (zones == method.end() || !zones->is_array()) return plan;
  for (const Json& zone : *zones) {
    if (!zone.is_object()) continue;
    PlanZone planned;
    if (zone.contains("countries") && zone["countries"].is_array()) {
      for (const Json& country : zone["countries"]) {
        if (country.is_string()) planned.countries.push_back(country.get<std::string>());
      }
    }
    if (zone.contains("brackets") && zone["brackets"].is_array()) {
      for (const Json& bracket : zone["brackets"]) {
        if (bracket.is_object() && bracket.contains("max_grams") &&
            bracket["max_grams"].is_number_integer()) {
          planned.max_grams = std::max(planned.max_grams, bracket["max_grams"].get<std::int64_t>());
        }
      }
    }
    plan.zones.push_back(std::move(planned));
  }
  return plan;
}

// Raises every active stock-tracked good below kRestockUnits to it, through the API the
// product already has: PUT /api/v1/items/{sku} with the item as listed and the new stock
// (the demo key holds items:write). Returns how many were restocked; a refusal is reported
// and the run goes on (its orders may then be refused, which the figures show).
int Restock(HttpConnection& connection, const std::string& api_key,
            const std::vector<Json>& items) {
  int restocked = 0;
  int refused = 0;
  std::string first_refusal;
  for (const Json& item : items) {
    if (!item.is_object() || !item.value("active", true) || !item.value("track_stock", false) ||
        item.value("kind", "good") != "good" ||
        item.value("stock_on_hand", std::int64_t{0}) >= kRestockUnits) {
      continue;
    }
    Json body = item;
    body["stock_on_hand"] = kRestockUnits;
    const std::string target = "/api/v1/items/" + PercentEncoded(item["sku"].get<std::string>());
    const auto response = connection.Send(
        connection.Request("PUT", target, {"Authorization: Bearer " + api_key}, body.dump()));
    if (response && response->status == 200) {
      ++restocked;
      continue;
    }
    ++refused;
    if (first_refusal.empty()) {
      first_refusal = "PUT " + target + ": " +
                      (response ? std::to_string(response->status) + " " + response->body
                                : std::string("no response"));
    }
  }
  std::printf("http load: restocked %d stock-tracked goods to %lld units (PUT /api/v1/items/{sku})",
              restocked, static_cast<long long>(kRestockUnits));
  if (refused > 0) std::printf("; %d refused, first: %s", refused, first_refusal.c_str());
  std::printf("\n");
  return restocked;
}

LoadData FetchLoadData(std::uint16_t port, const std::string& api_key) {
  HttpConnection connection(port);
  LoadData data;
  const std::vector<Json> items = FetchAll(connection, "/api/v1/items?q=&limit=100", api_key);
  Restock(connection, api_key, items);
  std::set<std::string> sku_terms;
  std::set<std::string> word_terms;
  for (const Json& item : items) {
    if (!item.is_object() || !item.contains("sku") || !item["sku"].is_string()) continue;
    if (!item.value("active", true)) continue;
    const std::int64_t grams =
        item.contains("weight_grams") && item["weight_grams"].is_number_integer()
            ? item["weight_grams"].get<std::int64_t>()
            : 0;
    data.catalog.items.push_back({.sku = item["sku"].get<std::string>(), .weight_grams = grams});
    data.sku_json.push_back(item["sku"].dump());
    AddSearchTerms(item, sku_terms, word_terms);
  }
  data.sku_terms.assign(sku_terms.begin(), sku_terms.end());
  data.word_terms.assign(word_terms.begin(), word_terms.end());
  for (const Json& customer : FetchAll(connection, "/api/v1/customers?limit=100", api_key)) {
    if (!customer.is_object() || !customer.contains("id") || !customer["id"].is_number_integer()) {
      continue;
    }
    std::string country = ShippingCountry(customer);
    if (country.empty()) continue;  // Nowhere to ship to: not a web-shop customer.
    data.catalog.customers.push_back(
        {.id = customer["id"].get<std::int64_t>(), .country = std::move(country)});
  }
  for (const Json& method : FetchAll(connection, "/api/v1/shipping-methods", api_key)) {
    if (method.is_object()) data.catalog.methods.push_back(MethodOf(method));
  }
  std::mt19937_64 probe(1);
  if (data.catalog.items.empty() || data.catalog.customers.empty() ||
      !RandomOrder(data.catalog, probe)) {
    Die("the server listed " + std::to_string(data.catalog.items.size()) + " active items, " +
        std::to_string(data.catalog.customers.size()) + " customers with an address and " +
        std::to_string(data.catalog.methods.size()) + " shipping methods; no order fits them");
  }
  return data;
}

// The newest order numbers (one page), for the mixed load's reads.
std::vector<std::string> FetchOrderNumbers(std::uint16_t port, const std::string& api_key) {
  HttpConnection connection(port);
  std::vector<std::string> numbers;
  for (const Json& order : FetchAll(connection, "/api/v1/orders?limit=100", api_key, 1)) {
    if (order.is_object() && order.contains("number") && order["number"].is_string()) {
      numbers.push_back(order["number"].get<std::string>());
    }
  }
  return numbers;
}

// The JSON body of `order`, as a web shop sends it: paid on account, shipped by the method
// the planner chose, to the customer's default shipping address.
std::string OrderBody(const LoadData& data, const PlannedOrder& order) {
  std::string body = R"({"channel":"api","customer_id":)" +
                     std::to_string(data.catalog.customers[order.customer].id) + R"(,"lines":[)";
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    if (i > 0) body += ',';
    body += R"({"sku":)" + data.sku_json[order.lines[i].item] + R"(,"quantity":)" +
            std::to_string(order.lines[i].quantity) + "}";
  }
  body += R"(],"shipping_method":)" + Json(data.catalog.methods[order.method].code).dump() +
          R"(,"payment":{"type":"on_account"}})";
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

// The number after `field` (such as "VmHWM:" in kB, or "Threads:") in /proc/<pid>/status.
std::int64_t StatusField(int pid, std::string_view field) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(file, line);) {
    if (line.starts_with(field)) return std::stoll(line.substr(field.size()));
  }
  Die("no " + std::string(field) + " in /proc/" + std::to_string(pid) + "/status");
}

std::int64_t OwnCpuMicros() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1'000'000 + usage.ru_utime.tv_usec +
         usage.ru_stime.tv_usec;
}

// What the server looked like during a level, sampled every 100 ms from its start (warm-up
// included) to its end.
struct ServerSamples {
  std::int64_t threads_max = 0;    // Threads: in /proc/<pid>/status.
  std::int64_t rss_max_kb = 0;     // VmRSS: in /proc/<pid>/status.
  std::int64_t wal_max_bytes = 0;  // The size of <db>-wal.
  std::int64_t wal_end_bytes = 0;  // ... after the level's last answer.
};

class ServerWatch {
 public:
  ServerWatch(int pid, std::string database) : pid_(pid), database_(std::move(database)) {}

  int pid() const { return pid_; }
  bool knows_wal() const { return !database_.empty(); }

  // One sample into `samples`; returns the WAL's size now (0 without one).
  std::int64_t Sample(ServerSamples& samples) const {
    samples.threads_max = std::max(samples.threads_max, StatusField(pid_, "Threads:"));
    samples.rss_max_kb = std::max(samples.rss_max_kb, StatusField(pid_, "VmRSS:"));
    std::int64_t wal_bytes = 0;
    if (knows_wal()) {
      std::error_code error;
      const auto size = std::filesystem::file_size(database_ + "-wal", error);
      if (!error) wal_bytes = static_cast<std::int64_t>(size);
    }
    samples.wal_max_bytes = std::max(samples.wal_max_bytes, wal_bytes);
    return wal_bytes;
  }

  // Samples every 100 ms until `until`.
  void SampleUntil(SteadyClock::time_point until, ServerSamples& samples) const {
    for (;;) {
      Sample(samples);
      const auto now = SteadyClock::now();
      if (now >= until) return;
      std::this_thread::sleep_until(std::min(now + std::chrono::milliseconds(100), until));
    }
  }

 private:
  int pid_;
  std::string database_;  // Empty when not given: no WAL figures.
};

// What a client sends. The mix gives each a share of the requests in percent.
enum class Operation { kQuote, kPlace, kSearch, kRead };
constexpr std::size_t kOperations = 4;
constexpr std::array<const char*, kOperations> kOperationNames{"quote", "place", "search", "read"};
using Mix = std::array<int, kOperations>;
constexpr Mix kPlacementsOnly{0, 100, 0, 0};
// What a shop's API sees besides placements: quotes before checkout, catalog searches,
// order status reads.
constexpr Mix kMixed{40, 30, 20, 10};

// What one client saw of one kind of request in the measured window.
struct OperationTally {
  std::vector<std::int64_t> latencies;  // Of 2xx answers, in ns.
  std::int64_t refused = 0;             // 422 answers.
  std::int64_t errors = 0;              // Other non-2xx answers and broken connections.
};

// What one client thread saw.
struct ClientTally {
  std::array<OperationTally, kOperations> operations;
  std::int64_t reconnects = 0;
  std::int64_t placed_all = 0;                         // Orders placed, the warm-up's included.
  std::map<std::string, std::int64_t> refusal_fields;  // "<operation> <first field>" of each 422.
  std::map<std::string, std::int64_t> methods;         // Measured placements by shipping method.
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
  std::string label;  // "c64", "mixed64": in the Idempotency-Keys and the figures' names.
  int clients = 1;
  Mix mix = kPlacementsOnly;
  std::uint64_t seed = 42;
  SteadyClock::time_point measure_from{};
  SteadyClock::time_point deadline{};
};

// One client: sends requests of the plan's mix back to back until the deadline. Answers to
// requests sent before `measure_from` are discarded (warm-up), but placed orders are counted.
// A read takes a random one of the client's last orders, else of `data.orders`; a client
// with neither places an order instead.
void RunClient(const LevelPlan& plan, const LoadData& data, int client, ClientTally& tally) {
  std::mt19937_64 random(plan.seed * 1'000'003 + static_cast<std::uint64_t>(plan.clients) * 1009 +
                         static_cast<std::uint64_t>(client) +
                         (plan.mix == kPlacementsOnly ? 0 : 7'919));
  std::uniform_int_distribution<int> pick_percent(0, 99);
  std::uniform_int_distribution<std::size_t> pick_sku_term(0, data.sku_terms.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_word_term(
      0, std::max<std::size_t>(data.word_terms.size(), 1) - 1);
  HttpConnection connection(plan.port);
  const std::string authorization = "Authorization: Bearer " + plan.api_key;
  const std::string key_prefix = "Idempotency-Key: bench-" + plan.run_id + "-" + plan.label + "-" +
                                 std::to_string(client) + "-";
  std::vector<std::string> recent;  // This client's last orders, at most kRecent.
  constexpr std::size_t kRecent = 256;
  for (OperationTally& operation : tally.operations) operation.latencies.reserve(1 << 14);
  constexpr std::int64_t kMaxRequests = 10'000'000;
  for (std::int64_t sequence = 0; sequence < kMaxRequests; ++sequence) {
    // The operation whose share of 0..99 the drawn number falls in.
    auto operation = Operation::kPlace;
    int drawn = pick_percent(random);
    for (std::size_t i = 0; i < kOperations; ++i) {
      drawn -= plan.mix[i];
      if (drawn < 0) {
        operation = static_cast<Operation>(i);
        break;
      }
    }
    if (operation == Operation::kRead && recent.empty() && data.orders.empty()) {
      operation = Operation::kPlace;
    }
    std::string request;
    std::string method_code;
    if (operation == Operation::kQuote || operation == Operation::kPlace) {
      const auto order = RandomOrder(data.catalog, random);
      if (!order) Die("no order fits the catalog");  // FetchLoadData drew one already.
      method_code = data.catalog.methods[order->method].code;
      request = operation == Operation::kQuote
                    ? connection.Request("POST", "/api/v1/quotes", {authorization},
                                         OrderBody(data, *order))
                    : connection.Request("POST", "/api/v1/orders",
                                         {authorization, key_prefix + std::to_string(sequence)},
                                         OrderBody(data, *order));
    } else if (operation == Operation::kSearch) {
      const bool by_sku = data.word_terms.empty() || pick_percent(random) < 50;
      const std::string& term =
          by_sku ? data.sku_terms[pick_sku_term(random)] : data.word_terms[pick_word_term(random)];
      request = connection.Request("GET", "/api/v1/items?limit=20&q=" + term, {authorization}, "");
    } else {
      const std::vector<std::string>& pool = recent.empty() ? data.orders : recent;
      std::uniform_int_distribution<std::size_t> pick_order(0, pool.size() - 1);
      request = connection.Request("GET", "/api/v1/orders/" + pool[pick_order(random)],
                                   {authorization}, "");
    }
    const bool reconnect = !connection.connected();
    const auto sent = SteadyClock::now();
    if (sent >= plan.deadline) break;
    const auto response = connection.Send(request);
    const auto answered = SteadyClock::now();
    const bool ok = response && response->status >= 200 && response->status < 300;
    if (ok && operation == Operation::kPlace) {
      ++tally.placed_all;
      const std::size_t slash = response->location.rfind('/');
      if (slash != std::string::npos) {
        std::string number = response->location.substr(slash + 1);
        if (recent.size() < kRecent) {
          recent.push_back(std::move(number));
        } else {
          recent[static_cast<std::size_t>(sequence) % kRecent] = std::move(number);
        }
      }
    }
    if (sent < plan.measure_from) continue;

    OperationTally& counted = tally.operations[static_cast<std::size_t>(operation)];
    if (reconnect && sequence > 0) ++tally.reconnects;
    if (ok) {
      counted.latencies.push_back(NanosBetween(sent, answered));
      if (operation == Operation::kPlace) ++tally.methods[method_code];
      continue;
    }
    const char* name = kOperationNames[static_cast<std::size_t>(operation)];
    if (response && response->status == 422) {
      ++counted.refused;
      ++tally.refusal_fields[std::string(name) + " " + RefusedField(response->body)];
    } else {
      ++counted.errors;
    }
    if (tally.first_problem.empty()) {
      tally.first_problem =
          std::string(name) + ": " +
          (response ? std::to_string(response->status) + " " + response->body.substr(0, 300)
                    : "no response (connection broken or timed out)");
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
    if (level < 1 || level > 1024) Die("client counts are 1..1024, got " + item);
    levels.push_back(level);
  }
  return levels;
}

// A level's figures, every client's tallies merged.
struct LevelOutcome {
  std::array<OperationTally, kOperations> operations;
  std::int64_t reconnects = 0;
  std::int64_t placed_all = 0;
  std::map<std::string, std::int64_t> refusal_fields;
  std::map<std::string, std::int64_t> methods;
  std::string first_problem;
  std::int64_t server_cpu_micros = 0;  // In the measured window.
  std::int64_t own_cpu_micros = 0;
  ServerSamples samples;
  std::int64_t peak_rss_kb = 0;  // After the level.
};

LevelOutcome RunLevel(LevelPlan plan, const LoadData& data, const ServerWatch& watch,
                      std::int64_t warmup_seconds, std::int64_t seconds) {
  const auto start = SteadyClock::now();
  plan.measure_from = start + std::chrono::seconds(warmup_seconds);
  plan.deadline = plan.measure_from + std::chrono::seconds(seconds);

  std::vector<ClientTally> tallies(static_cast<std::size_t>(plan.clients));
  std::vector<std::thread> threads;
  threads.reserve(tallies.size());
  for (int client = 0; client < plan.clients; ++client) {
    threads.emplace_back(RunClient, std::cref(plan), std::cref(data), client,
                         std::ref(tallies[static_cast<std::size_t>(client)]));
  }
  LevelOutcome outcome;
  watch.SampleUntil(plan.measure_from, outcome.samples);
  const std::int64_t server_cpu_before = CpuMicros(watch.pid());
  const std::int64_t own_cpu_before = OwnCpuMicros();
  watch.SampleUntil(plan.deadline, outcome.samples);
  outcome.server_cpu_micros = CpuMicros(watch.pid()) - server_cpu_before;
  outcome.own_cpu_micros = OwnCpuMicros() - own_cpu_before;
  for (std::thread& thread : threads) thread.join();
  outcome.samples.wal_end_bytes = watch.Sample(outcome.samples);
  outcome.peak_rss_kb = StatusField(watch.pid(), "VmHWM:");

  for (ClientTally& tally : tallies) {
    for (std::size_t i = 0; i < kOperations; ++i) {
      OperationTally& merged = outcome.operations[i];
      const OperationTally& client = tally.operations[i];
      merged.latencies.insert(merged.latencies.end(), client.latencies.begin(),
                              client.latencies.end());
      merged.refused += client.refused;
      merged.errors += client.errors;
    }
    for (const auto& [field, count] : tally.refusal_fields) outcome.refusal_fields[field] += count;
    for (const auto& [method, count] : tally.methods) outcome.methods[method] += count;
    outcome.reconnects += tally.reconnects;
    outcome.placed_all += tally.placed_all;
    if (outcome.first_problem.empty()) outcome.first_problem = tally.first_problem;
  }
  return outcome;
}

double PerCount(std::int64_t total, std::int64_t count) {
  return count == 0 ? 0.0 : static_cast<double>(total) / static_cast<double>(count);
}

double Millis(std::int64_t nanos) { return static_cast<double>(nanos) / 1e6; }
double Megabytes(std::int64_t bytes) { return static_cast<double>(bytes) / 1e6; }

// The lines every level prints after its own: refusals, methods, the server's state.
void PrintLevelDetails(const LevelOutcome& outcome, const ServerWatch& watch,
                       const std::string& prefix) {
  std::printf("  server threads at most %lld", static_cast<long long>(outcome.samples.threads_max));
  if (watch.knows_wal()) {
    std::printf("; WAL file at most %.1f MB, %.1f MB at the end",
                Megabytes(outcome.samples.wal_max_bytes), Megabytes(outcome.samples.wal_end_bytes));
  }
  std::printf("; server RSS at most %lld kB (sampled), peak RSS %lld kB (VmHWM, since start)\n",
              static_cast<long long>(outcome.samples.rss_max_kb),
              static_cast<long long>(outcome.peak_rss_kb));
  if (!outcome.methods.empty()) {
    std::printf("  orders by shipping method:");
    for (const auto& [method, count] : outcome.methods) {
      std::printf(" %s %lld;", method.c_str(), static_cast<long long>(count));
    }
    std::printf("\n");
  }
  if (!outcome.refusal_fields.empty()) {
    std::printf("  refusals by first field:");
    for (const auto& [field, count] : outcome.refusal_fields) {
      std::printf(" %s %lld;", field.c_str(), static_cast<long long>(count));
    }
    std::printf("\n");
  }
  if (!outcome.first_problem.empty()) {
    std::printf("  first refusal or error: %s\n", outcome.first_problem.c_str());
  }
  PrintResult(prefix + "threads_max", static_cast<double>(outcome.samples.threads_max));
  if (watch.knows_wal()) {
    PrintResult(prefix + "wal_max_mb", Megabytes(outcome.samples.wal_max_bytes));
    PrintResult(prefix + "wal_end_mb", Megabytes(outcome.samples.wal_end_bytes));
  }
  PrintResult("http_server_peak_rss_kb", static_cast<double>(outcome.peak_rss_kb));
  // The largest over the levels so far: the last one printed is the run's.
  static std::int64_t levels_rss_max_kb = 0;
  levels_rss_max_kb = std::max(levels_rss_max_kb, outcome.samples.rss_max_kb);
  PrintResult("http_server_rss_max_kb", static_cast<double>(levels_rss_max_kb));
}

// Figures of a placements-only level: http_c<N>_….
void ReportPlacements(LevelOutcome& outcome, const ServerWatch& watch, int clients,
                      std::int64_t seconds) {
  OperationTally& place = outcome.operations[static_cast<std::size_t>(Operation::kPlace)];
  const LatencySummary latency = Summarize(place.latencies);
  const double orders_per_second =
      static_cast<double>(latency.count) / static_cast<double>(seconds);
  // Refusals cost the server too; the second figure divides its CPU by every answer.
  const std::int64_t answers = latency.count + place.refused + place.errors;
  std::printf(
      "http load, %d client%s placing orders: %.0f orders/s; latency ms p50 %.2f, p99 %.2f, "
      "p99.9 %.2f, max %.2f; refused (422) %lld, errors %lld, reconnects %lld\n",
      clients, clients == 1 ? "" : "s", orders_per_second, Millis(latency.p50), Millis(latency.p99),
      Millis(latency.p999), Millis(latency.max), static_cast<long long>(place.refused),
      static_cast<long long>(place.errors), static_cast<long long>(outcome.reconnects));
  std::printf(
      "  server CPU %.1f us/order (%.1f us per answer, refusals included); load generator CPU "
      "%.1f us/order\n",
      PerCount(outcome.server_cpu_micros, latency.count),
      PerCount(outcome.server_cpu_micros, answers),
      PerCount(outcome.own_cpu_micros, latency.count));
  const std::string prefix = "http_c" + std::to_string(clients) + "_";
  PrintLevelDetails(outcome, watch, prefix);
  PrintResult(prefix + "orders_per_s", orders_per_second);
  PrintResult(prefix + "p50_ms", Millis(latency.p50));
  PrintResult(prefix + "p99_ms", Millis(latency.p99));
  PrintResult(prefix + "p999_ms", Millis(latency.p999));
  PrintResult(prefix + "refused", static_cast<double>(place.refused));
  PrintResult(prefix + "errors", static_cast<double>(place.errors));
  PrintResult(prefix + "server_cpu_us_per_order",
              PerCount(outcome.server_cpu_micros, latency.count));
  PrintResult(prefix + "server_cpu_us_per_answer", PerCount(outcome.server_cpu_micros, answers));
  PrintResult(prefix + "client_cpu_us_per_order", PerCount(outcome.own_cpu_micros, latency.count));
}

// Figures of a mixed level: http_mixed_c<N>_…, for all requests and for each kind.
void ReportMixed(LevelOutcome& outcome, const ServerWatch& watch, int clients,
                 std::int64_t seconds) {
  std::vector<std::int64_t> all;
  std::int64_t refused = 0;
  std::int64_t errors = 0;
  for (const OperationTally& operation : outcome.operations) {
    all.insert(all.end(), operation.latencies.begin(), operation.latencies.end());
    refused += operation.refused;
    errors += operation.errors;
  }
  const LatencySummary total = Summarize(all);
  const auto placed = static_cast<std::int64_t>(
      outcome.operations[static_cast<std::size_t>(Operation::kPlace)].latencies.size());
  const std::int64_t answers = total.count + refused + errors;
  const double requests_per_second =
      static_cast<double>(total.count) / static_cast<double>(seconds);
  const double orders_per_second = static_cast<double>(placed) / static_cast<double>(seconds);
  const std::string prefix = "http_mixed_c" + std::to_string(clients) + "_";
  std::printf(
      "http load, %d client%s, mixed (%d%% quotes, %d%% placements, %d%% searches, %d%% order "
      "reads): %.0f requests/s, %.0f orders/s; latency ms p50 %.2f, p99 %.2f, p99.9 %.2f; "
      "refused (422) %lld, errors %lld, reconnects %lld\n",
      clients, clients == 1 ? "" : "s", kMixed[0], kMixed[1], kMixed[2], kMixed[3],
      requests_per_second, orders_per_second, Millis(total.p50), Millis(total.p99),
      Millis(total.p999), static_cast<long long>(refused), static_cast<long long>(errors),
      static_cast<long long>(outcome.reconnects));
  for (std::size_t i = 0; i < kOperations; ++i) {
    OperationTally& operation = outcome.operations[i];
    const LatencySummary latency = Summarize(operation.latencies);
    const std::string name = kOperationNames[i];
    std::printf(
        "  %-6s %6lld answered, %5.0f/s; latency ms p50 %.2f, p99 %.2f; refused %lld, "
        "errors %lld\n",
        name.c_str(), static_cast<long long>(latency.count),
        static_cast<double>(latency.count) / static_cast<double>(seconds), Millis(latency.p50),
        Millis(latency.p99), static_cast<long long>(operation.refused),
        static_cast<long long>(operation.errors));
    PrintResult(prefix + name + "_per_s",
                static_cast<double>(latency.count) / static_cast<double>(seconds));
    PrintResult(prefix + name + "_p50_ms", Millis(latency.p50));
    PrintResult(prefix + name + "_p99_ms", Millis(latency.p99));
  }
  std::printf("  server CPU %.1f us per answer; load generator CPU %.1f us per answer\n",
              PerCount(outcome.server_cpu_micros, answers),
              PerCount(outcome.own_cpu_micros, answers));
  PrintLevelDetails(outcome, watch, prefix);
  PrintResult(prefix + "requests_per_s", requests_per_second);
  PrintResult(prefix + "orders_per_s", orders_per_second);
  PrintResult(prefix + "p50_ms", Millis(total.p50));
  PrintResult(prefix + "p99_ms", Millis(total.p99));
  PrintResult(prefix + "p999_ms", Millis(total.p999));
  PrintResult(prefix + "refused", static_cast<double>(refused));
  PrintResult(prefix + "errors", static_cast<double>(errors));
  PrintResult(prefix + "server_cpu_us_per_answer", PerCount(outcome.server_cpu_micros, answers));
}

// Waits until the server has used under 5% of a core (beyond its idle use) for a whole
// 1.5 s, at most `limit`: the background work the orders left (planning, receipts, webhooks,
// each woken at least once a second) is then done, and the counters the server logs at stop
// cover it. Returns the seconds waited, or nothing when it never went quiet.
std::optional<double> WaitUntilQuiet(int pid, double idle_micros_per_second,
                                     std::chrono::seconds limit) {
  constexpr auto kWindow = std::chrono::milliseconds(1500);
  const double quiet_micros = (0.05 * 1e6 + idle_micros_per_second) * 1.5;
  const auto start = SteadyClock::now();
  while (SteadyClock::now() - start < limit) {
    const std::int64_t before = CpuMicros(pid);
    std::this_thread::sleep_for(kWindow);
    if (static_cast<double>(CpuMicros(pid) - before) <= quiet_micros) {
      return static_cast<double>(NanosBetween(start, SteadyClock::now())) / 1e9;
    }
  }
  return std::nullopt;
}

int Run(const Flags& flags) {
  LevelPlan plan;
  plan.port = PortFlag(flags);
  plan.api_key = flags.Text("api-key", "");
  const auto server_pid = static_cast<int>(flags.Int("server-pid", 0));
  if (plan.api_key.empty() || server_pid <= 0) Die("run needs --api-key and --server-pid");
  const std::int64_t seconds = flags.Int("seconds", 10);
  const std::int64_t warmup_seconds = flags.Int("warmup-seconds", 1);
  const std::string mixed_levels = flags.Text("mixed-clients", "64");
  plan.seed = static_cast<std::uint64_t>(flags.Int("seed", 42));
  plan.run_id = std::to_string(::getpid());
  const ServerWatch watch(server_pid, flags.Text("db", ""));

  LoadData data = FetchLoadData(plan.port, plan.api_key);
  std::printf(
      "http load: %zu active items, %zu customers, %zu shipping methods from the API; %lld s "
      "per level after %lld s warm-up\n",
      data.catalog.items.size(), data.catalog.customers.size(), data.catalog.methods.size(),
      static_cast<long long>(seconds), static_cast<long long>(warmup_seconds));

  // What the server burns doing nothing, so per-order figures can be read against it.
  const std::int64_t idle_before = CpuMicros(server_pid);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const double idle_per_second = static_cast<double>(CpuMicros(server_pid) - idle_before) / 2.0;
  std::printf("http load: server CPU while idle %.0f us/s\n", idle_per_second);
  PrintResult("http_server_idle_cpu_us_per_s", idle_per_second);
  std::fflush(stdout);

  std::int64_t placed_all = 0;
  for (const int clients : ClientLevels(flags.Text("clients", "1,16,64"))) {
    plan.clients = clients;
    plan.mix = kPlacementsOnly;
    plan.label = "c" + std::to_string(clients);
    LevelOutcome outcome = RunLevel(plan, data, watch, warmup_seconds, seconds);
    placed_all += outcome.placed_all;
    ReportPlacements(outcome, watch, clients, seconds);
    std::fflush(stdout);
  }
  if (mixed_levels != "0" && !mixed_levels.empty()) {
    data.orders = FetchOrderNumbers(plan.port, plan.api_key);
    for (const int clients : ClientLevels(mixed_levels)) {
      plan.clients = clients;
      plan.mix = kMixed;
      plan.label = "mixed" + std::to_string(clients);
      LevelOutcome outcome = RunLevel(plan, data, watch, warmup_seconds, seconds);
      placed_all += outcome.placed_all;
      ReportMixed(outcome, watch, clients, seconds);
      std::fflush(stdout);
    }
  }

  std::printf("http load: %lld orders placed in the whole run, warm-ups included\n",
              static_cast<long long>(placed_all));
  PrintResult("http_placed_orders", static_cast<double>(placed_all));
  const std::int64_t settle_limit = flags.Int("settle-seconds", 300);
  const auto quiet =
      WaitUntilQuiet(server_pid, idle_per_second, std::chrono::seconds(settle_limit));
  if (quiet) {
    std::printf("http load: the server's background work was done %.1f s after the last level\n",
                *quiet);
    PrintResult("http_settle_s", *quiet);
  } else {
    std::printf(
        "http load: the server was still busy %lld s after the last level; its counters at stop "
        "miss the rest of its background work\n",
        static_cast<long long>(settle_limit));
  }
  return 0;
}

int Main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "free-port") return FreePort();
  if (command == "wait") return Wait(Flags(argc, argv, 2));
  if (command == "run") return Run(Flags(argc, argv, 2));
  Die("usage: commesso_bench_http_load free-port | wait --port P | run --port P --api-key K "
      "--server-pid PID [--db FILE] [--clients 1,16,64] [--mixed-clients 64] [--seconds 10]");
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
