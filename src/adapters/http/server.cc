// The HTTP transport on Boost.Beast: the only file besides beast_compile.cc that includes
// Beast or Asio.
//
// An acceptor on its own strand hands each connection to a Session, which lives on a strand
// of its own and reads one request at a time (HTTP/1.1 keep-alive, no pipelining). Reading
// happens on the io threads; handling does not: use cases block until the store's group
// commit is durable, so the parsed request is posted to a worker pool, and the finished
// response is posted back to the session's strand to be written. Each posted job holds a
// work guard on the io_context, so the io threads keep running while a job is in a worker.
//
// Beast has no default timeouts and writes no error responses: every read and write gets a
// 30 s deadline, and a body over the limit (413), headers over the limit (431), a request
// that does not parse (400) or one whose Transfer-Encoding is not exactly "chunked" (400)
// get a problem response followed by a lingering close: the server stops sending, then reads
// and discards what the client is still sending (up to 64 MiB or 5 s), so the client reads
// the response instead of a connection reset.
//
// The headers are read first and the body only when they pass. Beast reads a request whose
// Transfer-Encoding it does not take for chunked ("xchunked", "gzip", "chunked, identity")
// as having no body, so what follows the headers would otherwise be parsed as the next
// request (request smuggling; RFC 9112 §6.1 asks for 400 and a close).
//
// The client's address is the TCP peer's, unless the peer is a trusted proxy: then it is the
// last address of X-Forwarded-For that is not a trusted proxy (ServerOptions::trusted_proxies).
//
// Stop closes the acceptor, marks every session as draining (an idle one closes at once, a
// busy one answers with `Connection: close`), and joins the io threads, which return once
// the last session is gone and no job is in a worker.

#include "adapters/http/server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "adapters/http/api.h"
#include "adapters/http/problem.h"
#include "adapters/http/static_files.h"

namespace commesso::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kIoTimeout{30};
constexpr std::chrono::seconds kLingerTimeout{5};
constexpr std::size_t kLingerLimit = 64 << 20;
constexpr std::uint32_t kHeaderLimit = 16 << 10;

std::string ToString(beast::string_view text) { return std::string(text.data(), text.size()); }

// What is wrong with the request's Transfer-Encoding (all its fields together), or nothing
// when it has none or exactly "chunked", in any case, with optional whitespace around it, and
// Beast reads the body as chunked. Any other coding, a list of codings ("gzip, chunked" too:
// no coding but chunked is supported) or a parameter is refused.
std::optional<std::string> TransferEncodingProblem(
    const bhttp::request_parser<bhttp::string_body>& parser) {
  const auto [first, last] = parser.get().equal_range(bhttp::field::transfer_encoding);
  if (first == last) return std::nullopt;
  std::string codings;
  for (auto field = first; field != last; ++field) {
    if (field != first) codings += ',';
    codings += ToString(field->value());
  }
  beast::string_view coding = codings;
  while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) {
    coding.remove_prefix(1);
  }
  while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) {
    coding.remove_suffix(1);
  }
  if (parser.chunked() && beast::iequals(coding, "chunked")) return std::nullopt;
  return "must be chunked, the only transfer coding the server reads";
}

// Who sent `message` from `peer`: `peer` itself, or when it is one of the `trusted` proxies,
// the last address of X-Forwarded-For (all its fields together) that is not a trusted proxy
// too. An entry that is not an address ends the walk at the proxy that wrote it.
asio::ip::address ClientAddress(const asio::ip::address& peer,
                                const bhttp::request<bhttp::string_body>& message,
                                const std::vector<asio::ip::address>& trusted) {
  const auto is_trusted = [&](const asio::ip::address& address) {
    return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
  };
  if (!is_trusted(peer)) return peer;
  std::string forwarded;
  const auto [first, last] = message.equal_range("X-Forwarded-For");
  for (auto field = first; field != last; ++field) forwarded += ToString(field->value()) + ",";
  asio::ip::address client = peer;
  std::string_view rest = forwarded;
  while (is_trusted(client) && !rest.empty()) {
    rest.remove_suffix(1);  // The comma after the last entry.
    const std::size_t comma = rest.rfind(',');
    std::string entry(rest.substr(comma == std::string_view::npos ? 0 : comma + 1));
    rest = rest.substr(0, comma == std::string_view::npos ? 0 : comma + 1);
    std::erase_if(entry, [](char c) { return c == ' ' || c == '\t'; });
    beast::error_code invalid;
    const asio::ip::address address = asio::ip::make_address(entry, invalid);
    if (invalid) break;
    client = address;
  }
  return client;
}

}  // namespace

class Session;

// Everything the running server owns. Lives until the Server is destroyed; Stop() leaves it
// with no threads and no sessions.
struct Server::Network {
  Network(const ServerOptions& server_options, Services services)
      : options(server_options),
        api(services, server_options.access,
            [this](std::function<void()> task) { asio::post(io, std::move(task)); }),
        console(server_options.web_root),
        acceptor(asio::make_strand(io)),
        pool(static_cast<std::size_t>(server_options.worker_threads)) {}

  void Accept();
  void Register(const std::shared_ptr<Session>& session);
  void Unregister(Session* session);

  const ServerOptions options;
  std::vector<asio::ip::address> trusted_proxies;  // Parsed from options.
  asio::io_context io;                             // Before api, which resumes placements on it.
  Api api;
  StaticFiles console;
  tcp::acceptor acceptor;  // Used only on its strand.
  asio::thread_pool pool;
  std::vector<std::thread> io_threads;
  std::uint16_t port = 0;
  std::atomic<bool> stopping{false};

  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;  // Guarded by sessions_mutex.

  std::mutex stop_mutex;  // Held for the whole of Stop(), so a second call waits.
  std::mutex state_mutex;
  std::condition_variable state_changed;
  bool stopped = false;  // Guarded by state_mutex.
};

namespace {

HttpResponse TransportProblem(int status, std::string_view type, std::string_view title,
                              std::string_view detail, const std::vector<FieldError>& errors = {}) {
  return ProblemResponse(status, type, title, detail, errors);
}

}  // namespace

// One connection. Every member is used only on the connection's strand, except `network_`
// (thread-safe parts) and what a worker job gets by value.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Network& network)
      : stream_(std::move(socket)), network_(network) {}

  ~Session() { network_.Unregister(this); }

  void Start() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Called by Stop() (posted to the strand): finish the current request, then close.
  void Drain() {
    draining_ = true;
    if (!busy_) Close();
  }

  asio::any_io_executor executor() { return stream_.get_executor(); }

 private:
  void Read() {
    if (draining_ || network_.stopping.load()) return Close();
    parser_.emplace();
    parser_->body_limit(network_.options.body_limit);
    parser_->header_limit(kHeaderLimit);
    // One deadline for the headers and the body together.
    stream_.expires_after(kIoTimeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code error, std::size_t) {
    started_ = std::chrono::steady_clock::now();
    if (error) return Refuse(error);
    if (std::optional<std::string> problem = TransferEncodingProblem(*parser_)) {
      return Reject(TransportProblem(400, "transfer_encoding", "Bad request",
                                     "The request's Transfer-Encoding cannot be read: send the "
                                     "body with Content-Length or as chunked alone.",
                                     {{"Transfer-Encoding", *problem}}));
    }
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  // Answers a read that failed, or closes when there is no one to answer.
  void Refuse(beast::error_code error) {
    if (error == bhttp::error::end_of_stream || error == asio::error::operation_aborted ||
        error == beast::error::timeout || error == bhttp::error::partial_message) {
      return Close();
    }
    if (error == bhttp::error::body_limit) {
      return Reject(TransportProblem(
          413, "payload_too_large", "Payload too large",
          "The body is larger than " + std::to_string(network_.options.body_limit) + " bytes."));
    }
    if (error == bhttp::error::header_limit) {
      return Reject(TransportProblem(431, "headers_too_large", "Request header fields too large",
                                     "The request line and headers exceed 16 KiB."));
    }
    if (error.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
      return Reject(TransportProblem(400, "bad_request", "Bad request",
                                     "The request is not valid HTTP/1.1: " + error.message()));
    }
    Close();
  }

  void OnRead(beast::error_code error, std::size_t) {
    if (error) return Refuse(error);

    bhttp::request<bhttp::string_body> message = parser_->release();
    method_ = ToString(message.method_string());
    const std::string target = ToString(message.target());
    path_ = target.substr(0, target.find('?'));
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    beast::error_code no_peer;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(no_peer);
    const std::string client =
        no_peer ? "" : ClientAddress(peer.address(), message, network_.trusted_proxies).to_string();
    HttpRequest request{
        .method = method_, .target = target, .body = std::move(message.body()), .peer = client};
    for (const auto& field : message) {
      request.headers.emplace_back(ToString(field.name_string()), ToString(field.value()));
    }

    busy_ = true;
    const bool console = StaticFiles::Serves(path_);
    // The answer is written on this session's strand, from whichever thread it comes: the
    // worker, or for a placement the io thread that resumes it after the commit. Until then the
    // guard keeps the io threads running.
    auto work = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
        network_.io.get_executor());
    Api::Responder respond = [self = shared_from_this(), work](HttpResponse response) {
      asio::post(self->executor(), [self, response = std::move(response), work]() mutable {
        self->Write(std::move(response), Then::kContinue);
      });
    };
    asio::post(network_.pool, [self = shared_from_this(), request = std::move(request), console,
                               respond = std::move(respond)]() mutable {
      if (console) return respond(self->network_.console.Serve(request));
      self->network_.api.Handle(std::move(request), std::move(respond));
    });
  }

  enum class Then {
    kContinue,  // Keep the connection for the next request, if the client wants it.
    kLinger,    // The request was refused unread: stop sending, drain what comes, close.
  };

  void Reject(HttpResponse response) {
    keep_alive_ = false;
    version_ = 11;
    if (parser_) {
      // Whatever of the request line was parsed, for the log line (empty when none was).
      const auto& header = parser_->get();
      method_ = ToString(header.method_string());
      const std::string target = ToString(header.target());
      path_ = target.substr(0, target.find('?'));
    }
    busy_ = true;
    Write(std::move(response), Then::kLinger);
  }

  void Write(HttpResponse response, Then then) {
    keep_alive_ = keep_alive_ && !draining_ && !network_.stopping.load();
    response_ = {};
    response_.version(version_);
    response_.result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers) response_.set(name, value);
    response_.body() = std::move(response.body);
    response_.keep_alive(keep_alive_);
    response_.prepare_payload();
    // A 204 has no body and, by RFC 9110, no Content-Length either.
    if (response.status == 204) response_.erase(bhttp::field::content_length);
    // HEAD: the GET's headers, Content-Length included, without the body.
    if (method_ == "HEAD") response_.body().clear();
    stream_.expires_after(kIoTimeout);
    bhttp::async_write(stream_, response_,
                       [self = shared_from_this(), then](beast::error_code error, std::size_t) {
                         self->OnWrite(error, then);
                       });
  }

  void OnWrite(beast::error_code error, Then then) {
    busy_ = false;
    const auto elapsed = std::chrono::steady_clock::now() - started_;
    spdlog::info("{} {} {} {}ms", method_.empty() ? "-" : method_, path_.empty() ? "-" : path_,
                 response_.result_int(),
                 std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
    method_.clear();
    path_.clear();
    if (error) return Close();
    if (then == Then::kLinger) return Linger();
    if (!keep_alive_) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      return Close();
    }
    Read();
  }

  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTimeout);
    Discard();
  }

  void Discard() {
    stream_.async_read_some(
        asio::buffer(scratch_),
        [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
          self->lingered_ += bytes;
          if (error || self->lingered_ >= kLingerLimit) return self->Close();
          self->Discard();
        });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  Server::Network& network_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;  // Kept alive while it is written.
  std::array<char, 16 << 10> scratch_{};          // What a lingering close discards.
  std::size_t lingered_ = 0;
  bool busy_ = false;      // A request is being handled or its response written.
  bool draining_ = false;  // Stop() asked this session to finish.
  bool keep_alive_ = true;
  unsigned version_ = 11;
  std::string method_;  // Of the request being answered, for the log line.
  std::string path_;
  std::chrono::steady_clock::time_point started_{};
};

void Server::Network::Accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
    if (error == asio::error::operation_aborted || !acceptor.is_open()) return;
    if (!error) {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto session = std::make_shared<Session>(std::move(socket), *this);
      Register(session);
      session->Start();
    } else {
      spdlog::warn("accept failed: {}", error.message());
    }
    Accept();
  });
}

void Server::Network::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(sessions_mutex);
  sessions.emplace(session.get(), session);
}

void Server::Network::Unregister(Session* session) {
  std::lock_guard lock(sessions_mutex);
  sessions.erase(session);
}

Result<std::unique_ptr<Server>> Server::Start(const ServerOptions& options, Services services) {
  std::vector<FieldError> problems;
  if (options.io_threads < 1) problems.push_back({"io_threads", "must be at least 1"});
  if (options.worker_threads < 1) problems.push_back({"worker_threads", "must be at least 1"});
  if (options.body_limit < 1) problems.push_back({"body_limit", "must be at least 1"});
  if (options.access.login_max_failures < 1) {
    problems.push_back({"access", "login_max_failures must be at least 1"});
  }
  for (const auto& [name, rate] : {std::pair{"per_key", options.access.limits.per_key},
                                   std::pair{"per_address", options.access.limits.per_address}}) {
    if (rate.per_second < 0 || (rate.per_second > 0 && rate.burst < 1)) {
      problems.push_back({"access", std::string("limits.") + name +
                                        " needs a rate of 0 or more and a burst of at least 1"});
    }
  }
  std::vector<asio::ip::address> trusted_proxies;
  for (const std::string& proxy : options.trusted_proxies) {
    beast::error_code invalid;
    trusted_proxies.push_back(asio::ip::make_address(proxy, invalid));
    if (invalid) problems.push_back({"trusted_proxies", proxy + " is not an IP address"});
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the server options are invalid", std::move(problems)});
  }

  auto network = std::make_unique<Network>(options, services);
  network->trusted_proxies = std::move(trusted_proxies);
  const std::string where = options.host + ":" + std::to_string(options.port);
  beast::error_code error;
  tcp::resolver resolver(network->io);
  const auto endpoints =
      resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive, error);
  if (error || endpoints.empty()) {
    return Fail(ErrorCode::kUnavailable, "cannot resolve " + where + ": " + error.message());
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  tcp::acceptor& acceptor = network->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Fail(ErrorCode::kUnavailable, "cannot listen on " + where + ": " + error.message());
  }
  network->port = acceptor.local_endpoint(error).port();

  network->Accept();
  for (int i = 0; i < options.io_threads; ++i) {
    network->io_threads.emplace_back([&io = network->io] { io.run(); });
  }
  spdlog::info("listening on {}:{}", options.host, network->port);
  return std::make_unique<Server>(std::move(network));
}

Server::Server(std::unique_ptr<Network> network) : network_(std::move(network)) {}

Server::~Server() { Stop(); }

std::uint16_t Server::port() const { return network_->port; }

void Server::Stop() {
  std::lock_guard stop_lock(network_->stop_mutex);
  {
    std::lock_guard lock(network_->state_mutex);
    if (network_->stopped) return;
  }
  network_->stopping.store(true);
  asio::post(network_->acceptor.get_executor(), [network = network_.get()] {
    beast::error_code ignored;
    network->acceptor.close(ignored);
  });
  // A session registered after this snapshot saw `stopping` and closes by itself. The
  // sessions are told outside the lock: dropping the last reference to one unregisters it.
  std::vector<std::shared_ptr<Session>> sessions;
  {
    std::lock_guard lock(network_->sessions_mutex);
    for (auto& [pointer, weak] : network_->sessions) {
      if (std::shared_ptr<Session> session = weak.lock()) sessions.push_back(std::move(session));
    }
  }
  for (std::shared_ptr<Session>& session : sessions) {
    asio::post(session->executor(), [session] { session->Drain(); });
  }
  sessions.clear();
  for (std::thread& thread : network_->io_threads) thread.join();
  network_->io_threads.clear();
  network_->pool.join();
  {
    std::lock_guard lock(network_->state_mutex);
    network_->stopped = true;
  }
  network_->state_changed.notify_all();
  spdlog::info("stopped listening on port {}", network_->port);
}

void Server::Wait() {
  std::unique_lock lock(network_->state_mutex);
  network_->state_changed.wait(lock, [this] { return network_->stopped; });
}

}  // namespace commesso::http
