#include "cli/commands.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include <fmt/core.h>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include "adapters/config/config.h"
#include "adapters/http/problem.h"
#include "adapters/http/request_crypto.h"
#include "adapters/http/server.h"
#include "adapters/json/domain_json.h"
#include "cli/demo_access.h"
#include "cli/demo_complaints.h"
#include "cli/demo_data.h"

namespace commesso {
namespace {

constexpr std::size_t kMaxKeyLength = 255;  // As the HTTP API's Idempotency-Key.

// The command line's JSON output: indented for people, invalid UTF-8 replaced, never thrown.
void PrintJson(const json::Json& value) {
  fmt::print("{}\n", value.dump(2, ' ', false, json::Json::error_handler_t::replace));
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(ErrorCode::kNotFound, "cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return Fail(ErrorCode::kNotFound, "cannot read " + path);
  return text.str();
}

Result<std::unique_ptr<Wiring>> OpenWiring(const CommonOptions& options) {
  auto config = LoadConfig(options);
  if (!config) return Fail(config.error());
  return Wiring::Open(*std::move(config));
}

// The draft in `text`, read as the API reads a request body.
Result<OrderDraft> DraftOf(const std::string& text, const Business& business) {
  auto parsed = json::Parse(text);
  if (!parsed) return Fail(parsed.error());
  return json::DraftFromJson(*parsed, business.rules.currency);
}

// The URL of the API for people to click: IPv6 hosts in brackets.
std::string BaseUrl(const std::string& host, std::uint16_t port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

void PrintBanner(const Wiring& wiring, const std::string& url, bool demo) {
  fmt::print("Commesso is serving {}\n", wiring.business().name);
  fmt::print("  Console:   {}/\n", url);
  fmt::print("  API:       {}/api/v1\n", url);
  fmt::print("  Database:  {}\n", wiring.config().server.database);
  if (demo) {
    fmt::print("  Demo logins (user / password, role):\n");
    for (const DemoLogin& login : DemoLogins()) {
      fmt::print("    {:<15} {:<17} {}\n", login.username, login.password, Name(login.role));
    }
    fmt::print("  Demo API key: {}\n", kDemoApiKey);
    fmt::print(
        "  Try:       curl -H 'Authorization: Bearer {}' '{}/api/v1/items?q=penna&limit=5'\n",
        kDemoApiKey, url);
  } else {
    fmt::print("  Users:     commesso user add; API keys: commesso api-key add (docs/cli.md)\n");
    fmt::print(
        "  Try:       curl -H 'Authorization: Bearer <key>' '{}/api/v1/items?q=penna&limit=5'\n",
        url);
  }
  fmt::print("  Stop with Ctrl-C (SIGINT) or SIGTERM; in-flight requests finish first.\n");
  std::fflush(stdout);
}

// The demo catalog, customers, users and API key, each only when missing.
Result<void> SeedEverything(Wiring& wiring, bool print) {
  auto seeded = SeedDemo(wiring.catalog(), wiring.customers(), wiring.phones(), wiring.business());
  if (!seeded) return Fail(seeded.error());
  auto access = SeedDemoAccess(wiring.identities(), wiring.credentials(), wiring.clock());
  if (!access) return Fail(access.error());
  auto complaints =
      SeedDemoComplaints(wiring.complaints(), wiring.clock(), wiring.business(), wiring.zones());
  if (!complaints) return Fail(complaints.error());
  const std::string& database = wiring.config().server.database;
  const std::string catalog =
      seeded->already_seeded
          ? "the catalog already has items; no items or customers seeded"
          : fmt::format("seeded {} items and {} customers", seeded->items, seeded->customers);
  const std::string people = fmt::format("{} demo users{}, {} demo complaints", access->users,
                                         access->key ? " and the demo API key" : "", *complaints);
  if (print) {
    fmt::print("{}: {}; {}\n", database, catalog, people);
  } else {
    spdlog::info("{}; {}", catalog, people);
  }
  return {};
}

}  // namespace

Result<void> Serve(const ServeOptions& options) {
  // Blocked before any thread exists, so every thread inherits the mask and only the watcher
  // below receives the signals, through sigwait. SIGUSR1 is how main() wakes the watcher once
  // the server has stopped.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto config = LoadConfig(options.common);
  if (!config) return Fail(config.error());
  if (!options.listen.empty()) config->server.listen = options.listen;
  if (!options.web_root.empty()) {
    config->server.web_root = options.web_root;
  } else if (const char* web_root = std::getenv("COMMESSO_WEB_ROOT"); web_root != nullptr) {
    config->server.web_root = web_root;
  }
  auto listen = config::ParseListen(config->server.listen);
  if (!listen) {
    return Fail(
        {ErrorCode::kInvalidInput, listen.error().message, {{"listen", "must be host:port"}}});
  }

  auto wiring = Wiring::Open(*std::move(config));
  if (!wiring) return Fail(wiring.error());
  const config::ServerSettings& settings = (*wiring)->config().server;

  if (options.seed_demo) {
    auto seeded = SeedEverything(**wiring, false);
    if (!seeded) return Fail(seeded.error());
  }

  const http::ServerOptions server_options{.host = listen->host,
                                           .port = static_cast<std::uint16_t>(listen->port),
                                           .body_limit = settings.body_limit,
                                           .io_threads = settings.io_threads,
                                           .worker_threads = settings.worker_threads,
                                           .access = (*wiring)->access(),
                                           .web_root = settings.web_root,
                                           .trusted_proxies = settings.trusted_proxies};
  // What was written before the first request (migrations' purges, demo data), apart.
  const std::int64_t writes_before_listening = (*wiring)->database().writer_stats().jobs;
  auto server = http::Server::Start(server_options, (*wiring)->services());
  if (!server) return Fail(server.error());
  PrintBanner(**wiring, BaseUrl(listen->host, (*server)->port()), options.seed_demo);
  (*wiring)->StartMailer();  // After the server: a slow SMTP server never delays it.
  (*wiring)->StartWebhooks();
  (*wiring)->StartScheduler();

  std::atomic<bool> stopped{false};
  std::thread watcher([&signals, &stopped, &server] {
    for (;;) {
      int signal = 0;
      sigwait(&signals, &signal);
      if (stopped.load()) return;       // Woken by main() below: the server stopped already.
      if (signal == SIGUSR1) continue;  // Not ours to act on.
      spdlog::info("received {}: stopping after in-flight requests",
                   signal == SIGINT ? "SIGINT" : "SIGTERM");
      (*server)->Stop();
      return;
    }
  });
  (*server)->Wait();
  stopped.store(true);
  pthread_kill(watcher.native_handle(), SIGUSR1);
  watcher.join();
  (*wiring)->StopScheduler();
  (*wiring)->StopMailer();
  (*wiring)->StopWebhooks();
  const sqlite::WriterStats writes = (*wiring)->database().writer_stats();
  spdlog::info(
      "stopped after {} writes in {} commits; {} pages written to the log, {} checkpoints ({} "
      "restarted the log, {} waited for readers); {} writes before listening",
      writes.jobs, writes.commits, writes.log.frames, writes.log.checkpoints, writes.log.restarts,
      writes.log.waits, writes_before_listening);
  return {};
}

Result<void> Migrate(const CommonOptions& options) {
  auto wiring = OpenWiring(options);
  if (!wiring) return Fail(wiring.error());
  fmt::print("{}: schema version {}\n", (*wiring)->config().server.database,
             (*wiring)->database().schema_version());
  return {};
}

Result<void> SeedDemoData(const CommonOptions& options) {
  auto wiring = OpenWiring(options);
  if (!wiring) return Fail(wiring.error());
  return SeedEverything(**wiring, true);
}

Result<void> QuoteFile(const DraftFileOptions& options) {
  auto text = ReadFile(options.file);
  if (!text) return Fail(text.error());
  auto wiring = OpenWiring(options.common);
  if (!wiring) return Fail(wiring.error());
  auto draft = DraftOf(*text, (*wiring)->business());
  if (!draft) return Fail(draft.error());

  auto priced = (*wiring)->quote().Run(*draft);
  if (!priced) return Fail(priced.error());
  PrintJson(json::ToPublicJson(*priced));
  return {};
}

Result<void> PlaceFile(const DraftFileOptions& options) {
  auto text = ReadFile(options.file);
  if (!text) return Fail(text.error());
  // The fingerprint the HTTP API gives the same body posted to /api/v1/orders.
  const std::string fingerprint = http::RequestFingerprint("POST", "/api/v1/orders", *text);
  std::string key = options.idempotency_key;
  if (key.empty()) key = "cli-" + fingerprint.substr(0, 32);
  if (key.size() > kMaxKeyLength ||
      std::any_of(key.begin(), key.end(), [](char c) { return c < 0x20 || c > 0x7e; })) {
    return Fail({ErrorCode::kInvalidInput,
                 "the idempotency key is not valid",
                 {{"--idempotency-key", "must be 1..255 printable ASCII characters"}}});
  }

  auto wiring = OpenWiring(options.common);
  if (!wiring) return Fail(wiring.error());
  auto draft = DraftOf(*text, (*wiring)->business());
  if (!draft) return Fail(draft.error());
  draft->placed_by = "cli";

  // The command line's keys are its own, apart from every API caller's (decision 0017).
  auto placed = (*wiring)->place().Run(
      *draft, IdempotencyKey{.value = key, .fingerprint = fingerprint, .principal = "cli:place"});
  if (!placed) return Fail(placed.error());
  PrintJson(json::ToPublicJson(placed->order));
  const Order& order = placed->order;
  if (placed->replayed) {
    fmt::print(stderr, "order {} had already been placed with key {}: nothing new was placed\n",
               order.number.value, key);
  } else {
    fmt::print(stderr, "placed order {} (key {}), amount due {}\n", order.number.value, key,
               DebugString(order.priced.totals.amount_due));
  }
  return {};
}

void ReportFailure(const Error& error) {
  std::string reference;
  if (error.code == ErrorCode::kInternal) {
    reference = http::RandomReference();
    spdlog::error("internal error {}: {}", reference, error.message);
  }
  fmt::print(stderr, "{}\n", http::ProblemResponse(error, reference).body);
  fmt::print(
      stderr, "commesso: {} ({})\n",
      error.code == ErrorCode::kInternal ? "internal error, reference " + reference : error.message,
      ErrorCodeName(error.code));
  for (const FieldError& field : error.fields) {
    fmt::print(stderr, "  {}: {}\n", field.path.empty() ? "(input)" : field.path, field.problem);
  }
}

}  // namespace commesso
