// Fuzz target: the HTTP request path. The input is the bytes a client sends on a connection:
// Beast's request parser reads one request from them, with the server's limits, and the
// request goes where the server sends it: Api::Handle over a real SQLite database holding the
// demo business (config/demo.toml, its catalog, customers, users and API key), or the
// console's static files. Nothing may crash, hang or leak; no answer is a 500 (user input
// never reaches an invariant, and the database is healthy here); and no answer carries a file
// from outside the console's directory.

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <signal.h>
#include <unistd.h>

#include "adapters/clock/date_zone_rules.h"
#include "adapters/config/config.h"
#include "adapters/http/api.h"
#include "adapters/http/static_files.h"
#include "adapters/sodium/sodium_credentials.h"
#include "adapters/sqlite/database.h"
#include "cli/demo_access.h"
#include "cli/demo_data.h"
#include "cli/wiring.h"
#include "fuzz/fuzz_check.h"
#include "support/fixed_clock.h"

namespace commesso::fuzz {
namespace {

namespace bhttp = boost::beast::http;

// What a console file outside the web root holds: no answer may ever contain it.
constexpr std::string_view kOutsideSecret = "fuzz-secret-outside-the-web-root";

std::filesystem::path& RunDirectory();

// A directory for the run: in memory when /dev/shm exists, so SQLite's fsyncs cost nothing.
std::filesystem::path FreshDirectory() {
  const std::filesystem::path base = std::filesystem::exists("/dev/shm")
                                         ? std::filesystem::path("/dev/shm")
                                         : std::filesystem::temp_directory_path();
  // What runs that crashed left behind (libFuzzer's fork mode crashes on purpose).
  const std::string prefix = "commesso-fuzz-http-";
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(base, ignored)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::filesystem::remove_all(entry.path(), ignored);
    }
  }
  const std::filesystem::path directory = base / (prefix + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory / "web" / "assets");
  RunDirectory() = directory;
  std::atexit([] {
    std::error_code not_removed;
    std::filesystem::remove_all(RunDirectory(), not_removed);
  });
  return directory;
}

void Write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Everything the API serves from, built once per process (libFuzzer runs many inputs in one):
// the binary's own wiring of the built-in demo business, on a fixed clock and with the
// cheapest password hashing (the seeded users sign in), its background workers not started.
// Never destroyed: the process ends with the database's threads still running.
class Desk {
 public:
  Desk()
      : directory_(FreshDirectory()),
        wiring_(Config(directory_), std::make_unique<testing::FixedClock>(),
                Zones(config::Defaults().business), OpenDatabase(directory_ / "commesso.db")),
        api_(wiring_.services(), http::AccessOptions{}),
        console_(directory_ / "web") {
    Write(directory_ / "web" / "index.html", "<!doctype html><title>console</title>");
    Write(directory_ / "web" / "assets" / "app-0123abcd.js", "console.log('console');");
    Write(directory_ / "secret.txt", kOutsideSecret);
    std::filesystem::create_directory_symlink(directory_, directory_ / "web" / "assets" / "up");
    Check(SeedDemo(wiring_.catalog(), wiring_.customers(), wiring_.phones(), wiring_.business())
              .has_value(),
          "demo seeded");
    Check(SeedDemoAccess(wiring_.identities(), wiring_.credentials(), wiring_.clock()).has_value(),
          "demo access seeded");
  }

  http::HttpResponse Handle(http::HttpRequest request) {
    const std::string path = request.target.substr(0, request.target.find('?'));
    return http::StaticFiles::Serves(path) ? console_.Serve(request)
                                           : api_.Handle(std::move(request));
  }

 private:
  // The built-in demo business on the run's database, with the cheapest password hashing.
  static config::Config Config(const std::filesystem::path& directory) {
    config::Config config = config::Defaults();
    config.server.database = (directory / "commesso.db").string();
    const PasswordCost cheapest = PasswordCost::MinimumForTest();
    config.security.password_passes = cheapest.passes;
    config.security.password_memory_kib = cheapest.memory_kib;
    return config;
  }

  static std::unique_ptr<DateZoneDirectory> Zones(const Business& business) {
    std::vector<std::string> names = {business.time_zone};
    for (const Department& department : business.fulfillment.departments) {
      names.push_back(department.time_zone);
    }
    auto zones = DateZoneDirectory::Load(names);
    Check(zones.has_value(), "the demo's time zones load");
    return *std::move(zones);
  }

  static std::unique_ptr<sqlite::Database> OpenDatabase(const std::filesystem::path& path) {
    auto database = sqlite::Database::Open({.path = path.string()});
    Check(database.has_value(), "the database opens");
    return *std::move(database);
  }

  std::filesystem::path directory_;
  Wiring wiring_;
  http::Api api_;
  http::StaticFiles console_;
};

// The run's directory, removed at exit (the database's files may still be open then: Linux
// lets them go with the last descriptor).
std::filesystem::path& RunDirectory() {
  static std::filesystem::path directory;
  return directory;
}

Desk& TheDesk() {
  static Desk* desk = new Desk();  // Deliberately never destroyed (see Desk).
  return *desk;
}

std::string Text(boost::beast::string_view view) { return std::string(view.data(), view.size()); }

}  // namespace
}  // namespace commesso::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  commesso::fuzz::TheDesk();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace commesso;
  namespace bhttp = boost::beast::http;
  // As the server reads a request (src/adapters/http/server.cc): 1 MiB body, 16 KiB header.
  bhttp::request_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.body_limit(1 << 20);
  parser.header_limit(16 * 1024);
  boost::beast::error_code error;
  std::size_t used = 0;
  while (!error && !parser.is_done() && used < size) {
    const std::size_t taken = parser.put(boost::asio::buffer(data + used, size - used), error);
    if (error == bhttp::error::need_more) error = {};
    if (taken == 0) break;
    used += taken;
  }
  // A request's end is in its headers (Content-Length, chunked), never the connection's end:
  // one that is not complete here never reaches the API.
  if (error || !parser.is_done()) return 0;

  bhttp::request<bhttp::string_body> message = parser.release();
  http::HttpRequest request{.method = fuzz::Text(message.method_string()),
                            .target = fuzz::Text(message.target()),
                            .body = std::move(message.body()),
                            .peer = "127.0.0.1"};
  for (const auto& field : message) {
    request.headers.emplace_back(fuzz::Text(field.name_string()), fuzz::Text(field.value()));
  }
  const std::string line = request.method + " " + request.target;
  const http::HttpResponse response = fuzz::TheDesk().Handle(std::move(request));
  // COMMESSO_FUZZ_TRACE=1: each request's answer, to see what a corpus reaches.
  static const bool trace = std::getenv("COMMESSO_FUZZ_TRACE") != nullptr;
  if (trace) std::fprintf(stderr, "%d %s\n", response.status, line.c_str());
  fuzz::Check(response.status >= 200 && response.status <= 599, "a real HTTP status");
  fuzz::Check(response.status != 500, "no internal error (the log above has its reference)");
  fuzz::Check(response.body.find(fuzz::kOutsideSecret) == std::string::npos,
              "no file from outside the console's directory");
  return 0;
}
