// The commesso binary: parses the command line (CLI11), sets up logging, runs one subcommand
// and turns its outcome into an exit code. docs/cli.md is the user's guide.

#include <exception>

#include <CLI/CLI.hpp>
#include <curl/curl.h>
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "cli/access_commands.h"
#include "cli/capped_sink.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/webhook_commands.h"

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

void AddPassword(CLI::App& command, PasswordSource& source) {
  auto* flag = command.add_option("--password", source.password,
                                  "The password (visible to other users of the machine: "
                                  "prefer --password-stdin)");
  command
      .add_flag("--password-stdin", source.from_stdin, "Read the password from one line of stdin")
      ->excludes(flag);
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
      "Serve the JSON API (/api/v1) until SIGINT or SIGTERM. Prints the URL, the console's URL, "
      "the database and, with --demo, the demo logins, the demo API key and an example curl "
      "command. Creates the database and its directory when missing.");
  AddCommonOptions(*serve_command, serve.common);
  serve_command->add_option("--listen", serve.listen,
                            "host:port to listen on; default server.listen (127.0.0.1:8080); "
                            "port 0 picks a free one");
  serve_command->add_option("--web-root", serve.web_root,
                            "The built console to serve at /; default $COMMESSO_WEB_ROOT, else "
                            "server.web_root (web/dist, from the working directory)");
  serve_command->add_flag("--seed-demo,--demo", serve.seed_demo,
                          "Seed the demo catalog and customers (when the catalog is empty), the "
                          "demo users and the demo API key (when missing) first");
  serve_command->footer(kExitCodes);

  CommonOptions migrate;
  CLI::App* migrate_command = app.add_subcommand(
      "migrate", "Create the database or bring its schema up to date, and print its version.");
  AddCommonOptions(*migrate_command, migrate);
  migrate_command->footer(kExitCodes);

  CommonOptions seed;
  CLI::App* seed_command = app.add_subcommand(
      "seed-demo",
      "Fill an empty database with the demo business's 209 items and 50 customers, and add the "
      "demo users (one per role) and the demo API key. Items and customers are seeded only "
      "when the catalog is empty, users and the key only when missing. Needs the demo "
      "configuration's currency and tax categories (the default).");
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

  CLI::App* user_command = app.add_subcommand("user", "Manage the people who sign in.");
  user_command->require_subcommand(1);
  UserOptions user_add;
  CLI::App* user_add_command = user_command->add_subcommand("add", "Add a user.");
  AddCommonOptions(*user_add_command, user_add.common);
  user_add_command->add_option("username", user_add.username, "a-z, 0-9, '.', '-', '_'")
      ->required();
  user_add_command
      ->add_option("--role", user_add.role,
                   "clerk, supervisor, customer_service, fulfillment or admin")
      ->required();
  user_add_command->add_option("--name", user_add.display_name,
                               "Display name (default: the user name)");
  user_add_command->add_option("--locale", user_add.locale, "Console language: it or en")
      ->capture_default_str();
  AddPassword(*user_add_command, user_add.password);
  user_add_command->footer(kExitCodes);
  UserOptions passwd;
  CLI::App* passwd_command =
      user_command->add_subcommand("passwd", "Set a user's password; their sessions end.");
  AddCommonOptions(*passwd_command, passwd.common);
  passwd_command->add_option("username", passwd.username)->required();
  AddPassword(*passwd_command, passwd.password);
  passwd_command->footer(kExitCodes);
  UserOptions disable;
  CLI::App* disable_command = user_command->add_subcommand(
      "disable", "Disable a user: they can no longer sign in and their sessions end.");
  AddCommonOptions(*disable_command, disable.common);
  disable_command->add_option("username", disable.username)->required();
  disable_command->footer(kExitCodes);

  CLI::App* key_command =
      app.add_subcommand("api-key", "Manage the API keys of web shops and partners.");
  key_command->require_subcommand(1);
  ApiKeyOptions key_add;
  CLI::App* key_add_command = key_command->add_subcommand(
      "add", "Create an API key and print it once on stdout; only its hash is stored.");
  AddCommonOptions(*key_add_command, key_add.common);
  key_add_command
      ->add_option("--name", key_add.name,
                   "Unique name; requests by the key are "
                   "recorded as key:<name>")
      ->required();
  key_add_command
      ->add_option("--scope", key_add.scopes,
                   "A permission the key holds (items:read, orders:write, ...); "
                   "repeat for more")
      ->required();
  key_add_command->footer(kExitCodes);
  ApiKeyOptions key_list;
  CLI::App* key_list_command =
      key_command->add_subcommand("list", "List the API keys (never their secrets).");
  AddCommonOptions(*key_list_command, key_list.common);
  key_list_command->footer(kExitCodes);
  ApiKeyOptions key_revoke;
  CLI::App* key_revoke_command =
      key_command->add_subcommand("revoke", "Revoke an API key: it is refused from now on.");
  AddCommonOptions(*key_revoke_command, key_revoke.common);
  key_revoke_command->add_option("id", key_revoke.id, "The key's id (api-key list)")->required();
  key_revoke_command->footer(kExitCodes);

  CLI::App* webhook_command =
      app.add_subcommand("webhook", "Manage webhook subscriptions (docs/webhooks.md).");
  webhook_command->require_subcommand(1);
  WebhookOptions webhook_add;
  CLI::App* webhook_add_command = webhook_command->add_subcommand(
      "add", "Subscribe an endpoint to events and print its signing secret once on stdout.");
  AddCommonOptions(*webhook_add_command, webhook_add.common);
  webhook_add_command->add_option("--url", webhook_add.url, "The endpoint: http:// or https://")
      ->required();
  webhook_add_command
      ->add_option("--event", webhook_add.events,
                   "An event to send (order.placed, order.shipped, ...), or * for every event; "
                   "repeat for more")
      ->required();
  webhook_add_command->footer(kExitCodes);
  WebhookOptions webhook_list;
  CLI::App* webhook_list_command = webhook_command->add_subcommand(
      "list", "List the subscriptions with their health (never their secrets).");
  AddCommonOptions(*webhook_list_command, webhook_list.common);
  webhook_list_command->footer(kExitCodes);
  WebhookOptions webhook_disable;
  CLI::App* webhook_disable_command = webhook_command->add_subcommand(
      "disable", "Disable a subscription: nothing more is sent to it.");
  AddCommonOptions(*webhook_disable_command, webhook_disable.common);
  webhook_disable_command->add_option("id", webhook_disable.id, "The subscription's id")
      ->required();
  webhook_disable_command->footer(kExitCodes);

  CLI::App* version_command = app.add_subcommand("version", "Print the version.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }

  // Every message is cut at kMaxLogMessageBytes, whatever a request put in it.
  spdlog::set_default_logger(CappedStderrLogger("commesso"));
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
  if (*user_add_command) return Run(AddUser(user_add));
  if (*passwd_command) return Run(ChangePassword(passwd));
  if (*disable_command) return Run(DisableUser(disable));
  if (*key_add_command) return Run(AddApiKey(key_add));
  if (*key_list_command) return Run(ListApiKeys(key_list));
  if (*key_revoke_command) return Run(RevokeApiKey(key_revoke));
  if (*webhook_add_command) return Run(AddWebhook(webhook_add));
  if (*webhook_list_command) return Run(ListWebhooks(webhook_list));
  if (*webhook_disable_command) return Run(DisableWebhook(webhook_disable));
  return Run(PlaceFile(place));
}

}  // namespace
}  // namespace commesso

int main(int argc, char** argv) {
  // Once, before any thread starts (DEPENDENCIES.md pitfall 9); the receipt mailer uses it.
  curl_global_init(CURL_GLOBAL_DEFAULT);
  struct CurlCleanup {
    ~CurlCleanup() { curl_global_cleanup(); }
  } curl_cleanup;
  try {
    return commesso::Main(argc, argv);
  } catch (const std::exception& bug) {
    // An InvariantError is a bug, and so is anything else thrown this far: report it like any
    // internal error, with a reference the log also shows.
    commesso::ReportFailure(commesso::Error{commesso::ErrorCode::kInternal, bug.what()});
    return commesso::ExitCodeOf(commesso::ErrorCode::kInternal);
  }
}
