// The commesso binary run as a user runs it: a child process per command, with its own
// database in a temporary directory, its stdout and stderr captured and its exit code checked.

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/temp_dir.h"

extern char** environ;

namespace commesso {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kBinary = COMMESSO_BINARY;

// A file of the source tree, by its path from the repository root.
std::string SourceFile(const std::string& relative) {
  return std::string(COMMESSO_SOURCE_DIR) + "/" + relative;
}

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadAll(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The environment without COMMESSO_CONFIG (the tests choose the configuration), plus `extra`.
std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::vector<std::string> variables;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    if (!std::string(*variable).starts_with("COMMESSO_CONFIG=")) variables.emplace_back(*variable);
  }
  variables.insert(variables.end(), extra.begin(), extra.end());
  return variables;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (std::string& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

class CliTest : public ::testing::Test {
 protected:
  // Runs the binary with `arguments` to completion.
  Outcome Run(std::vector<std::string> arguments, const std::vector<std::string>& environment = {},
              const std::string& input = "") {
    const std::string out = directory_.File("stdout");
    const std::string err = directory_.File("stderr");
    const std::string in = WriteFile("stdin", input);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    arguments.insert(arguments.begin(), kBinary);
    std::vector<char*> argv = Pointers(arguments);
    std::vector<std::string> variables = Environment(environment);
    std::vector<char*> envp = Pointers(variables);

    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, kBinary, &files, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    Outcome outcome;
    if (spawned != 0) {
      ADD_FAILURE() << "cannot run " << kBinary << ": " << std::strerror(spawned);
      return outcome;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    outcome.out = ReadAll(out);
    outcome.err = ReadAll(err);
    return outcome;
  }

  // A file in the temporary directory with `text`.
  std::string WriteFile(const std::string& name, const std::string& text) {
    std::ofstream(directory_.File(name)) << text;
    return directory_.File(name);
  }

  std::string Database() const { return directory_.File("var/commesso.db"); }

  testing::TempDir directory_;
};

// The first line of stderr: the problem JSON.
nlohmann::json ProblemOf(const Outcome& outcome) {
  return nlohmann::json::parse(outcome.err.substr(0, outcome.err.find('\n')));
}

TEST_F(CliTest, PrintsItsVersion) {
  const Outcome outcome = Run({"version"});

  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.out, "commesso 0.1.0\n");
}

TEST_F(CliTest, UsageErrorsExitWithTwoAndHelpWithZero) {
  EXPECT_EQ(Run({}).exit_code, 2);
  EXPECT_EQ(Run({"quote"}).exit_code, 2);  // --file is required.
  EXPECT_EQ(Run({"serve", "--no-such-option"}).exit_code, 2);
  EXPECT_EQ(Run({"frobnicate"}).exit_code, 2);

  const Outcome help = Run({"place", "--help"});

  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("--idempotency-key"));
  EXPECT_THAT(help.out, HasSubstr("same file twice places one order"));
}

TEST_F(CliTest, MigrateCreatesTheDatabaseAndItsDirectory) {
  const Outcome outcome = Run({"migrate", "--db", Database()});

  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, HasSubstr("schema version"));
  EXPECT_TRUE(std::filesystem::exists(Database()));
}

TEST_F(CliTest, SeedsOnceThenQuotesAndPlacesTheDemoDraft) {
  const Outcome seeded = Run({"seed-demo", "--db", Database()});
  const Outcome reseeded = Run({"seed-demo", "--db", Database()});
  const Outcome quote =
      Run({"quote", "--db", Database(), "--file", SourceFile("config/demo-draft.json")});

  EXPECT_EQ(seeded.exit_code, 0) << seeded.err;
  EXPECT_THAT(seeded.out, HasSubstr("customers"));
  EXPECT_EQ(reseeded.exit_code, 0) << reseeded.err;
  EXPECT_THAT(seeded.out, HasSubstr("7 demo users and the demo API key, 3 demo complaints"));
  EXPECT_THAT(reseeded.out,
              HasSubstr("no items or customers seeded; 0 demo users, 0 demo complaints"));
  ASSERT_EQ(quote.exit_code, 0) << quote.err;
  // 10 reams at 4.20 and 2 bindings at 2.50 = 47.00; 25 kg by standard courier 16.90;
  // IVA 22% of 63.90 = 14.058, rounded once per document: 14.06; due 77.96.
  const nlohmann::json priced = nlohmann::json::parse(quote.out);
  EXPECT_EQ(priced["totals"]["amount_due"]["minor"], 7796);
  EXPECT_EQ(priced["totals"]["amount_due"]["currency"], "EUR");
}

TEST_F(CliTest, PlacingTheSameFileTwicePlacesOneOrder) {
  ASSERT_EQ(Run({"seed-demo", "--db", Database()}).exit_code, 0);

  const Outcome first =
      Run({"place", "--db", Database(), "--file", SourceFile("config/demo-draft.json")});
  const Outcome again =
      Run({"place", "--db", Database(), "--file", SourceFile("config/demo-draft.json")});
  const Outcome keyed =
      Run({"place", "--db", Database(), "--file", SourceFile("config/demo-draft.json"),
           "--idempotency-key", "order-42"});

  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(again.exit_code, 0) << again.err;
  ASSERT_EQ(keyed.exit_code, 0) << keyed.err;
  const std::string number = nlohmann::json::parse(first.out)["number"];
  EXPECT_EQ(nlohmann::json::parse(again.out)["number"], number);
  EXPECT_THAT(again.err, HasSubstr("had already been placed"));
  EXPECT_NE(nlohmann::json::parse(keyed.out)["number"], number);
  EXPECT_THAT(first.err, HasSubstr("placed order " + number));
}

TEST_F(CliTest, ProblemsExitWithTheCodeOfTheirKind) {
  ASSERT_EQ(Run({"seed-demo", "--db", Database()}).exit_code, 0);
  const std::string unknown_sku =
      WriteFile("unknown.json", R"({"customer_id": 1, "lines": [{"sku": "NOPE", "quantity": 1}]})");
  const std::string short_stock =
      WriteFile("short.json",
                R"({"customer_id": 1, "lines": [{"sku": "TONER-HP26X", "quantity": 5}],
          "shipping_method": "standard"})");

  const Outcome invalid = Run({"quote", "--db", Database(), "--file", unknown_sku});
  const Outcome missing = Run({"quote", "--db", Database(), "--file", directory_.File("none")});
  const Outcome rejected = Run({"place", "--db", Database(), "--file", short_stock});

  EXPECT_EQ(invalid.exit_code, 65);
  const nlohmann::json problem = ProblemOf(invalid);
  EXPECT_EQ(problem["type"], "urn:commesso:problem:invalid_input");
  EXPECT_EQ(problem["errors"][0]["path"], "lines[0].sku");
  EXPECT_THAT(invalid.err, HasSubstr("\n  lines[0].sku: "));
  EXPECT_EQ(missing.exit_code, 66);
  EXPECT_EQ(ProblemOf(missing)["type"], "urn:commesso:problem:not_found");
  EXPECT_EQ(rejected.exit_code, 67) << rejected.err;
  EXPECT_EQ(ProblemOf(rejected)["errors"][0]["path"], "lines[0].quantity");
}

TEST_F(CliTest, ReadsTheConfigurationFromTheFlagOrTheEnvironment) {
  std::string text = ReadAll(SourceFile("config/demo.toml"));
  text.replace(text.find("Europe/Rome"), 11, "Europe/Atlantis");
  const std::string bad_zone = WriteFile("zone.toml", text);

  const Outcome from_flag = Run({"migrate", "--db", Database(), "--config", bad_zone});
  const Outcome from_environment =
      Run({"migrate", "--db", Database()}, {"COMMESSO_CONFIG=" + directory_.File("none.toml")});
  const Outcome us =
      Run({"migrate", "--db", Database(), "--config", SourceFile("config/us-example.toml")});

  EXPECT_EQ(from_flag.exit_code, 65);
  EXPECT_EQ(ProblemOf(from_flag)["errors"][0]["path"], "business.time_zone");
  EXPECT_EQ(from_environment.exit_code, 66);
  EXPECT_THAT(from_environment.err, HasSubstr("none.toml"));
  EXPECT_EQ(us.exit_code, 0) << us.err;
}

TEST_F(CliTest, RefusesAnUnknownDepartmentZoneAtStart) {
  std::string text = ReadAll(SourceFile("config/demo.toml"));
  const std::string freight = "code = \"freight\"\nname = { it = \"Ufficio";
  ASSERT_NE(text.find(freight), std::string::npos);
  text.insert(text.find(freight), "time_zone = \"America/Atlantis\"\n");
  const std::string bad_zone = WriteFile("department-zone.toml", text);

  const Outcome outcome = Run({"migrate", "--db", Database(), "--config", bad_zone});

  EXPECT_EQ(outcome.exit_code, 65) << outcome.err;
  EXPECT_EQ(ProblemOf(outcome)["errors"][0]["path"], "fulfillment.departments[2].time_zone");
  EXPECT_THAT(outcome.err, HasSubstr("America/Atlantis"));
}

TEST_F(CliTest, AddsUsersChangesTheirPasswordsAndDisablesThem) {
  const Outcome added = Run({"user", "add", "chiara", "--role", "clerk", "--name", "Chiara Clerici",
                             "--password-stdin", "--db", Database()},
                            {}, "s3cret password\n");
  const Outcome taken =
      Run({"user", "add", "chiara", "--role", "clerk", "--password", "x", "--db", Database()});
  const Outcome invalid =
      Run({"user", "add", "Chiara!", "--role", "boss", "--password", "x", "--db", Database()});
  const Outcome no_password =
      Run({"user", "add", "sergio", "--role", "supervisor", "--db", Database()});
  const Outcome both = Run({"user", "add", "sergio", "--role", "supervisor", "--password", "x",
                            "--password-stdin", "--db", Database()});
  const Outcome changed =
      Run({"user", "passwd", "chiara", "--password", "new password", "--db", Database()});
  const Outcome unknown = Run({"user", "passwd", "nobody", "--password", "x", "--db", Database()});
  const Outcome disabled = Run({"user", "disable", "chiara", "--db", Database()});

  EXPECT_EQ(added.exit_code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("added user chiara (clerk, it)"));
  EXPECT_EQ(taken.exit_code, 69);
  EXPECT_EQ(ProblemOf(taken)["errors"][0]["path"], "username");
  EXPECT_EQ(invalid.exit_code, 65);
  EXPECT_EQ(ProblemOf(invalid)["errors"].size(), 2u);  // --role and username.
  EXPECT_EQ(no_password.exit_code, 65);
  EXPECT_EQ(both.exit_code, 2);  // The flags exclude each other.
  EXPECT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_EQ(unknown.exit_code, 66);
  EXPECT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_THAT(disabled.out, HasSubstr("disabled user chiara"));
  for (const Outcome* outcome : {&added, &changed}) {
    EXPECT_EQ(outcome->out.find("s3cret"), std::string::npos);
    EXPECT_EQ(outcome->err.find("s3cret"), std::string::npos);
  }
}

TEST_F(CliTest, CreatesListsAndRevokesApiKeys) {
  const Outcome added = Run({"api-key", "add", "--name", "shop", "--scope", "orders:read",
                             "--scope", "orders:write", "--db", Database()});
  const Outcome bad_scope =
      Run({"api-key", "add", "--name", "x", "--scope", "orders:delete", "--db", Database()});
  const Outcome revoked = Run({"api-key", "revoke", "1", "--db", Database()});
  const Outcome missing = Run({"api-key", "revoke", "42", "--db", Database()});
  const Outcome listed = Run({"api-key", "list", "--db", Database()});

  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string key = added.out.substr(0, added.out.find('\n'));
  EXPECT_THAT(key, StartsWith("cmso_"));
  EXPECT_EQ(key.size(), 5u + 8 + 1 + 32);
  EXPECT_THAT(added.err, HasSubstr("shown only now"));
  EXPECT_EQ(bad_scope.exit_code, 65);
  EXPECT_EQ(ProblemOf(bad_scope)["errors"][0]["path"], "--scope[0]");
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(missing.exit_code, 66);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr(key.substr(0, 13)));  // The prefix.
  EXPECT_THAT(listed.out, HasSubstr("orders:read orders:write"));
  EXPECT_EQ(listed.out.find(key), std::string::npos);
  EXPECT_EQ(listed.out.find(key.substr(14)), std::string::npos);  // Never the secret.
}

TEST_F(CliTest, SubscribesListsAndDisablesWebhooks) {
  const Outcome added = Run({"webhook", "add", "--url", "https://erp.example/hooks", "--event",
                             "order.placed", "--event", "order.shipped", "--db", Database()});
  const Outcome bad =
      Run({"webhook", "add", "--url", "ftp://x", "--event", "receipt.due", "--db", Database()});
  const Outcome disabled = Run({"webhook", "disable", "1", "--db", Database()});
  const Outcome missing = Run({"webhook", "disable", "42", "--db", Database()});
  const Outcome listed = Run({"webhook", "list", "--db", Database()});

  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string secret = added.out.substr(0, added.out.find('\n'));
  EXPECT_THAT(secret, StartsWith("whsec_"));
  EXPECT_EQ(secret.size(), 6u + 64);
  EXPECT_THAT(added.err, HasSubstr("shown only now"));
  EXPECT_EQ(bad.exit_code, 65);
  EXPECT_EQ(ProblemOf(bad)["errors"].size(), 2u);
  EXPECT_EQ(disabled.exit_code, 0) << disabled.err;
  EXPECT_EQ(missing.exit_code, 66);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("disabled"));
  EXPECT_THAT(listed.out, HasSubstr("https://erp.example/hooks [order.placed order.shipped]"));
  EXPECT_EQ(listed.out.find(secret.substr(6)), std::string::npos);  // Never the secret.
}

// `request` on a fresh connection; the whole response.
std::string HttpExchange(int port, const std::string& request) {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(socket_fd);
    return "cannot connect";
  }
  if (write(socket_fd, request.data(), request.size()) < 0) ADD_FAILURE() << "write failed";
  std::string response;
  char buffer[4096];
  for (ssize_t got = 0; (got = read(socket_fd, buffer, sizeof(buffer))) > 0;) {
    response.append(buffer, static_cast<std::size_t>(got));
  }
  close(socket_fd);
  return response;
}

std::string HttpGet(int port, const std::string& target, const std::string& api_key) {
  return HttpExchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                "Authorization: Bearer " + api_key +
                                "\r\nConnection: close\r\n\r\n");
}

std::string SignIn(int port, const std::string& username, const std::string& password) {
  const std::string body = nlohmann::json{{"username", username}, {"password", password}}.dump();
  return HttpExchange(port,
                      "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
}

TEST_F(CliTest, ServesUntilSigtermThenExitsCleanly) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_adddup2(&files, pipe_fds[1], 1);
  posix_spawn_file_actions_addclose(&files, pipe_fds[0]);
  const std::string log = directory_.File("serve.log");
  posix_spawn_file_actions_addopen(&files, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> arguments = {kBinary,    "serve",       "--db",       Database(),
                                        "--listen", "127.0.0.1:0", "--seed-demo"};
  std::vector<char*> argv = Pointers(arguments);
  std::vector<std::string> variables = Environment({});
  std::vector<char*> envp = Pointers(variables);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, kBinary, &files, nullptr, argv.data(), envp.data()), 0);
  posix_spawn_file_actions_destroy(&files);
  close(pipe_fds[1]);

  // The banner ends with the line on stopping; reads block until the server printed it.
  std::string banner;
  char buffer[1024];
  while (banner.find("Stop with") == std::string::npos) {
    const ssize_t got = read(pipe_fds[0], buffer, sizeof(buffer));
    if (got <= 0) break;
    banner.append(buffer, static_cast<std::size_t>(got));
  }
  close(pipe_fds[0]);
  const std::size_t port_at = banner.find("http://127.0.0.1:");
  const std::size_t key_at = banner.find("Demo API key: ");
  ASSERT_NE(port_at, std::string::npos) << banner << ReadAll(log);
  ASSERT_NE(key_at, std::string::npos) << banner;
  const int port = std::stoi(banner.substr(port_at + 17));
  const std::string api_key = banner.substr(key_at + 14, banner.find('\n', key_at) - key_at - 14);

  const std::string health = HttpGet(port, "/healthz", api_key);
  const std::string items = HttpGet(port, "/api/v1/items?q=PEN-SFERA", api_key);
  const std::string refused = HttpGet(port, "/api/v1/items?q=PEN-SFERA", "wrong-key");
  const std::string clerk = SignIn(port, "clerk", "clerk-demo");
  const std::string admin = SignIn(port, "admin", "admin-demo");
  const std::string long_path = HttpGet(port, "/api/v1/" + std::string(10'000, 'x'), api_key);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);

  EXPECT_THAT(health, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(items, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(items, HasSubstr("PEN-SFERA-BL"));
  EXPECT_THAT(refused, StartsWith("HTTP/1.1 401"));
  EXPECT_THAT(clerk, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(clerk, HasSubstr("Set-Cookie: commesso_session="));
  EXPECT_THAT(clerk, HasSubstr("\"display_name\":\"Chiara Clerici\""));
  EXPECT_THAT(admin, HasSubstr("\"api_keys:admin\""));
  EXPECT_EQ(api_key, "cmso_demo_0123456789abcdef0123456789abcdef");
  EXPECT_THAT(banner, HasSubstr("Console:   http://127.0.0.1:" + std::to_string(port) + "/\n"));
  EXPECT_THAT(banner, HasSubstr("clerk           clerk-demo        clerk"));
  EXPECT_THAT(banner, HasSubstr("admin           admin-demo        admin"));
  EXPECT_THAT(banner, HasSubstr("Database:  " + Database()));
  EXPECT_THAT(banner, HasSubstr("curl -H 'Authorization: Bearer " + api_key + "'"));
  ASSERT_TRUE(WIFEXITED(status)) << ReadAll(log);
  EXPECT_EQ(WEXITSTATUS(status), 0) << ReadAll(log);
  EXPECT_THAT(ReadAll(log), HasSubstr("received SIGTERM"));
  // The log's lines are capped (src/cli/capped_sink.h): the 10 KB path is cut.
  EXPECT_THAT(long_path, StartsWith("HTTP/1.1 404"));
  EXPECT_THAT(ReadAll(log), HasSubstr(" bytes cut)"));
  std::istringstream lines(ReadAll(log));
  for (std::string line; std::getline(lines, line);) EXPECT_LT(line.size(), 2'300u);
}

}  // namespace
}  // namespace commesso
