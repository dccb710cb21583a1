#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/business.h"
#include "core/money.h"
#include "core/result.h"
#include "core/tax.h"

// The configuration file `commesso.toml`: who the business is, how it prices, and how the
// server runs. docs/configuration.md documents every key.
namespace commesso::config {

// How `commesso serve` runs. The CLI's flags override these.
struct ServerSettings {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free port.
  std::string database = "var/commesso.db";
  // The built clerk console, served at "/" (a relative path is from the working directory;
  // `make run` starts in the repository, where `make` builds web/dist). Empty: no console.
  std::string web_root = "web/dist";
  // Where browsers reach the server ("https://orders.example.com"), behind a TLS proxy if any;
  // empty: the listen address over plain http. An https origin makes the session cookie Secure.
  std::string public_origin;
  // IP addresses of the proxies in front whose X-Forwarded-For names the client; empty: none.
  std::vector<std::string> trusted_proxies;
  int worker_threads = 8;
  int io_threads = 2;
  std::size_t body_limit = 1 << 20;  // Bytes of one request body.
};

// Which card processor the CardPayments port talks to ([payments]).
struct PaymentSettings {
  std::string processor = "test";        // The only one so far: TestCardProcessor.
  std::string test_card_brand = "visa";  // The card the test processor simulates.
  std::string test_card_last4 = "4242";
};

// Sign-in, sessions and password hashing ([security]; docs/security.md).
struct SecuritySettings {
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  // Failed sign-ins in a row for one user name from one address that cost no wait; each
  // further one makes that name and address wait, 1 s doubling up to login_lockout_seconds.
  int login_max_failures = 5;
  int login_lockout_seconds = 300;  // The longest wait.
  // argon2id cost of new password hashes; the default is libsodium's INTERACTIVE limits.
  std::uint64_t password_passes = 2;
  std::size_t password_memory_kib = 64 * 1024;
};

// Requests per second per API key and per client address ([limits]; docs/security.md, "Rate
// limits"). A rate of 0 limits nothing.
struct LimitSettings {
  int key_requests_per_second = 50;
  int key_burst = 100;
  int address_requests_per_second = 20;
  int address_burst = 100;
  bool exempt_loopback = true;  // Loopback peers are not limited per address.
};

// How many rows of each kind the server keeps in memory ([cache]; docs/decisions/0027); 0 keeps
// none of that kind.
struct CacheSettings {
  std::int64_t items = 10'000;
  std::int64_t customers = 5'000;
  std::int64_t api_keys = 1'000;
};

// Sending receipts by e-mail ([mail]; docs/configuration.md). Without the section no mail is
// sent: receipts wait in the outbox until one is configured.
struct MailSettings {
  bool enabled = false;  // The [mail] section is present.
  std::string host = "127.0.0.1";
  int port = 25;
  std::string tls = "starttls";   // "none", "starttls" or "implicit".
  bool starttls_required = true;  // With "starttls": never fall back to plain text.
  std::string username;           // Empty: no login.
  std::string password;           // Never logged.
  std::string from;               // Required; a strict address (core/mail_address.h).
  std::string reply_to;           // Optional.
  int timeout_seconds = 30;
  int retry_first_delay_seconds = 30;
  int retry_factor = 2;
  int retry_cap_seconds = 3600;
  int retry_max_attempts = 8;
};

// Sending events to webhook subscriptions ([webhooks]; docs/webhooks.md). The section is
// optional: webhooks are sent whenever subscriptions exist, with these defaults.
struct WebhookSettings {
  int connect_timeout_seconds = 10;
  int timeout_seconds = 30;  // For the whole request.
  int retry_first_delay_seconds = 10;
  int retry_factor = 2;
  int retry_cap_seconds = 3600;
  int retry_max_attempts = 10;
  bool allow_http_loopback = false;  // Loopback endpoints, over http:// too (tests, the demo).
};

struct Config {
  Business business{};
  MailSettings mail{};
  WebhookSettings webhooks{};
  ServerSettings server{};
  PaymentSettings payments{};
  SecuritySettings security{};
  LimitSettings limits{};
  CacheSettings cache{};
};

// Parses `text` (named `source` in messages). kInvalidInput with one FieldError per problem:
// path = TOML key path ("tax.jurisdictions[1].components[0].rates.standard"), problem ends
// with "(source:line:column)" where the position is known. A TOML syntax error is one
// FieldError with an empty path. The time zone's existence is not checked here (the CLI
// checks it when it creates the clock).
Result<Config> Parse(std::string_view text, std::string_view source);

// Reads and parses the file at `path`. kNotFound when it cannot be read; kInvalidInput as Parse.
Result<Config> Load(const std::string& path);

// What `commesso serve` uses with no file: config/demo.toml (compiled in), the demo
// business's rules.
Config Defaults();

// A percentage written as text, "22%", "8.875%", "0.1%", parsed exactly (no floating point)
// to parts per million. kInvalidInput (message only) when it is not a number of 0..100 with
// at most 4 decimals followed by "%".
Result<TaxRate> ParseRate(std::string_view text);

// A non-negative amount written as decimal text, "6.90" or "6.9", parsed exactly to minor
// units of `currency`. kInvalidInput (message only) when it is not plain digits, has more
// decimals than the currency has minor digits, or exceeds 10^13 minor units.
Result<Money> ParseMoney(std::string_view text, Currency currency);

// Where the server listens: "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0".
struct ListenAddress {
  std::string host;
  int port = 0;
};

// Splits "host:port" (port 0..65535). kInvalidInput (message only) otherwise.
Result<ListenAddress> ParseListen(std::string_view text);

}  // namespace commesso::config
