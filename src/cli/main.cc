// The commesso binary: parses the command line (CLI11), sets up logging, runs one subcommand
// and turns its outcome into an exit code. docs/cli.md is the user's guide.

#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/exit_code.h"

namespace commesso {
namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 ok, 2 usage, 65 invalid input, 66 not found, 67 rejected by a business "
    "rule,\n69 conflict, 70 internal error, 75 temporarily unavailable (retry).";

void AddCommonOptions(CLI::App& command, CommonOptions& options) {
  command.add_option("--config", options.config_path,
                     "Configuration file (commesso.toml); default $COMMESSO_CONFIG, else the "
                     "built-in demo business (config/demo.toml)");
  command.add_option("--db", options.database,
                     "SQLite database file; default server.database from the configuration "
                     "(var/commesso.db)");
}

void AddDraftFile(CLI::App& command, DraftFileOptions& options) {
  AddCommonOptions(command, options.common);
  command.add_option("--file", options.file, "Order draft in the API's JSON form")->required();
}

// Runs the chosen subcommand; failures are reported on stderr and become the exit code.
int Run(const Result<void>& outcome) {
  if (outcome) return kExitOk;
  ReportFailure(outcome.error());
  return ExitCodeOf(outcome.error().code);
}

int Main(int argc, char** argv) {
  CLI::App app{
      "commesso: the order desk. Takes orders from the clerk console, the JSON API and "
      "the command line, prices them and stores them durably."};
  app.require_subcommand(1);
  app.set_version_flag("--version", COMMESSO_VERSION);
  app.footer(kExitCodes);

  ServeOptions serve;
  CLI::App* serve_command = app.add_subcommand(
      "serve",
      "Serve the JSON API (/api/v1) until SIGINT or SIGTERM. Prints the URL, the database, the "
      "API key (a random one unless server.api_key is set) and an example curl command. "
      "Creates the database and its directory when missing.");
  AddCommonOptions(*serve_command, serve.common);
  serve_command->add_option("--listen", serve.listen,
                            "host:port to listen on; default server.listen (127.0.0.1:8080); "
                            "port 0 picks a free one");
  serve_command->add_flag("--seed-demo,--demo", serve.seed_demo,
                          "Seed the demo catalog and customers first when the catalog is empty");
  serve_command->footer(kExitCodes);

  CommonOptions migrate;
  CLI::App* migrate_command = app.add_subcommand(
      "migrate", "Create the database or bring its schema up to date, and print its version.");
  AddCommonOptions(*migrate_command, migrate);
  migrate_command->footer(kExitCodes);

  CommonOptions seed;
  CLI::App* seed_command = app.add_subcommand(
      "seed-demo",
      "Fill an empty database with the demo business's 209 items and 50 customers. Does "
      "nothing when the catalog already has items. Needs the demo configuration's currency "
      "and tax categories (the default).");
  AddCommonOptions(*seed_command, seed);
  seed_command->footer(kExitCodes);

  DraftFileOptions quote;
  CLI::App* quote_command = app.add_subcommand(
      "quote",
      "Validate and price an order draft without storing anything; print the priced order as "
      "JSON. Problems are printed on stderr as problem JSON plus one line per field.");
  AddDraftFile(*quote_command, quote);
  quote_command->footer(kExitCodes);

  DraftFileOptions place;
  CLI::App* place_command = app.add_subcommand(
      "place",
      "Validate, price and durably place an order draft; print the order as JSON. Without "
      "--idempotency-key the key is derived from a hash of the file's content, so running the "
      "same file twice places one order (the second run prints the first order).");
  AddDraftFile(*place_command, place);
  place_command->add_option("--idempotency-key", place.idempotency_key,
                            "Key that makes retries safe (1..255 printable ASCII characters); "
                            "default: cli-<hash of the file>");
  place_command->footer(kExitCodes);

  CLI::App* version_command = app.add_subcommand("version", "Print the version.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }

  spdlog::set_default_logger(spdlog::stderr_color_mt("commesso"));
  // One-shot commands keep stderr for their answer; the server logs what it does.
  spdlog::set_level(*serve_command ? spdlog::level::info : spdlog::level::warn);

  if (*version_command) {
    fmt::print("commesso {}\n", COMMESSO_VERSION);
    return kExitOk;
  }
  if (*serve_command) return Run(Serve(serve));
  if (*migrate_command) return Run(Migrate(migrate));
  if (*seed_command) return Run(SeedDemoData(seed));
  if (*quote_command) return Run(QuoteFile(quote));
  return Run(PlaceFile(place));
}

}  // namespace
}  // namespace commesso

int main(int argc, char** argv) {
  try {
    return commesso::Main(argc, argv);
  } catch (const std::exception& bug) {
    // An InvariantError is a bug, and so is anything else thrown this far: report it like any
    // internal error, with a reference the log also shows.
    commesso::ReportFailure(commesso::Error{commesso::ErrorCode::kInternal, bug.what()});
    return commesso::ExitCodeOf(commesso::ErrorCode::kInternal);
  }
}
