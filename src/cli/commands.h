#pragma once

#include <string>

#include "cli/wiring.h"
#include "core/result.h"

// The subcommands of the binary. Each writes its result to stdout and logs to stderr, and
// returns the failure for main() to report and turn into an exit code.
namespace commesso {

struct ServeOptions {
  CommonOptions common{};
  std::string listen;      // --listen host:port; empty: server.listen from the configuration.
  bool seed_demo = false;  // --seed-demo: seed the demo data, users and API key when missing.
  // --web-root (else $COMMESSO_WEB_ROOT, else server.web_root): the built console.
  std::string web_root;
};

struct DraftFileOptions {
  CommonOptions common{};
  std::string file;             // --file: an order draft in the API's JSON form.
  std::string idempotency_key;  // place --idempotency-key; empty: derived from the file.
};

// Serves the JSON API until SIGINT or SIGTERM, then drains in-flight requests and returns.
// Prints the URL, the console's URL, the database and, with --demo, the demo logins, the demo
// API key and an example curl command with it. Must be called before any other thread starts: it
// blocks the two signals in the calling thread so that every thread started later inherits the
// mask.
Result<void> Serve(const ServeOptions& options);

// Opens the database, which applies pending migrations, and prints its schema version.
Result<void> Migrate(const CommonOptions& options);

// Seeds the demo catalog and customers (SeedDemo), the demo users and API key
// (SeedDemoAccess), and prints what it wrote.
Result<void> SeedDemoData(const CommonOptions& options);

// Validates and prices the draft in options.file and prints the priced order's JSON.
Result<void> QuoteFile(const DraftFileOptions& options);

// Places the draft in options.file and prints the order's JSON. Without an idempotency key
// the key is "cli-" and the start of the file's request fingerprint, so placing the same
// file twice returns the first order instead of placing another.
Result<void> PlaceFile(const DraftFileOptions& options);

// The problem JSON the HTTP API would answer for `error` (one line) followed by a line for
// a person and one per field error, on stderr. kInternal details go to the log instead.
void ReportFailure(const Error& error);

}  // namespace commesso
