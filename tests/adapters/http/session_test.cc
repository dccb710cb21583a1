// Signing in, sessions, CSRF, throttling and API keys over the live server (docs/security.md).

#include <chrono>
#include <memory>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "server_fixture.h"

namespace commesso::http::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

using SessionTest = ServerTest;

void ExpectProblem(const ClientResponse& response, int status, const std::string& path) {
  EXPECT_EQ(response.status, status) << response.body;
  EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
  const Json body = response.Json();
  ASSERT_TRUE(body.contains("errors")) << response.body;
  ASSERT_FALSE(body["errors"].empty()) << response.body;
  EXPECT_EQ(body["errors"][0]["path"], path) << response.body;
}

TEST_F(SessionTest, SignsInAndReadsTheSession) {
  AddUser("chiara", Role::kClerk);

  const Login login = SignIn("chiara", "chiara-password");
  const ClientResponse session = CallAs(login, "GET", "/api/v1/session");
  const ClientResponse items = CallAs(login, "GET", "/api/v1/items/PEN-01");
  const ClientResponse order =
      CallAs(login, "POST", "/api/v1/orders", DraftJson(), {{"Idempotency-Key", "by-cookie"}});

  ASSERT_EQ(login.response.status, 200) << login.response.body;
  const Json body = login.response.Json();
  EXPECT_EQ(body["user"], (Json{{"username", "chiara"},
                                {"display_name", "User chiara"},
                                {"role", "clerk"},
                                {"locale", "it"}}));
  EXPECT_EQ(body["permissions"],
            (Json{"items:read", "customers:read", "customers:write", "orders:read",
                  "orders:read_private", "orders:write", "drafts:write"}));
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(login.cookie.size(), std::string("commesso_session=").size() + 64);
  EXPECT_THAT(login.cookie, ::testing::StartsWith("commesso_session="));
  ASSERT_EQ(session.status, 200) << session.body;
  EXPECT_EQ(session.Json(), body);
  EXPECT_EQ(items.status, 200);
  ASSERT_EQ(order.status, 201) << order.body;
  EXPECT_EQ(order.Json()["placed_by"], "chiara");
}

TEST_F(SessionTest, SetsAnHttpOnlySameSiteStrictCookieSecureOnlyForAnHttpsOrigin) {
  AddUser("chiara", Role::kClerk);

  const std::string plain = SignIn("chiara", "chiara-password").response.Header("Set-Cookie");
  server_.reset();
  StartServer(1 << 20, AccessOptions{.secure_cookies = true});
  const std::string secure = SignIn("chiara", "chiara-password").response.Header("Set-Cookie");

  EXPECT_THAT(plain, HasSubstr("; Path=/; HttpOnly; SameSite=Strict"));
  EXPECT_THAT(plain, Not(HasSubstr("Secure")));
  EXPECT_THAT(plain, Not(HasSubstr("Max-Age")));
  EXPECT_THAT(secure, HasSubstr("; Path=/; HttpOnly; SameSite=Strict; Secure"));
}

TEST_F(SessionTest, RefusesAWrongPasswordAnUnknownOrDisabledUser) {
  AddUser("chiara", Role::kClerk);
  AddUser("gone", Role::kClerk);
  auto gone = identities_->FindUser("gone");
  ASSERT_TRUE(gone.has_value());
  gone->disabled = true;
  ASSERT_TRUE(identities_->UpdateUser(*gone).has_value());

  const ClientResponse wrong = SignIn("chiara", "chiara-passwort").response;
  const ClientResponse unknown = SignIn("nobody", "chiara-password").response;
  const ClientResponse disabled = SignIn("gone", "gone-password").response;

  for (const ClientResponse* response : {&wrong, &unknown, &disabled}) {
    ExpectProblem(*response, 401, "password");
    EXPECT_EQ(response->Header("Set-Cookie"), "");
    EXPECT_EQ(response->body, wrong.body);  // The same answer, whatever the reason.
  }
}

TEST_F(SessionTest, RefusesAMalformedSignIn) {
  TestClient client(server_->port());
  const ClientResponse plain = client.Exchange(
      RequestText("POST", "/api/v1/session", {{"Content-Type", "text/plain"}}, "{}"));
  const ClientResponse broken = Call("POST", "/api/v1/session", "{", {{"Authorization", "none"}});
  const ClientResponse invalid = Call("POST", "/api/v1/session", R"({"username": 1, "extra": 2})",
                                      {{"Authorization", "none"}});

  EXPECT_EQ(plain.status, 415);
  EXPECT_EQ(broken.status, 400);
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  EXPECT_EQ(invalid.Json()["errors"].size(), 3u);  // username, password, extra.
}

TEST_F(SessionTest, ThrottlesRepeatedFailuresUntilTheLockoutEnds) {
  AddUser("chiara", Role::kClerk);

  for (int attempt = 1; attempt <= 5; ++attempt) {
    EXPECT_EQ(SignIn("chiara", "guess " + std::to_string(attempt)).response.status, 401);
  }
  const ClientResponse locked = SignIn("chiara", "chiara-password").response;
  clock_.Advance(std::chrono::seconds{299});
  const ClientResponse still = SignIn("chiara", "chiara-password").response;
  const ClientResponse other_user = SignIn("nobody", "x").response;
  clock_.Advance(std::chrono::seconds{1});
  const ClientResponse again = SignIn("chiara", "chiara-password").response;

  ExpectProblem(locked, 429, "password");
  EXPECT_EQ(locked.Header("Retry-After"), "300");
  ExpectProblem(still, 429, "password");
  EXPECT_EQ(still.Header("Retry-After"), "1");
  EXPECT_EQ(other_user.status, 401);
  EXPECT_EQ(again.status, 200) << again.body;
}

TEST_F(SessionTest, EndsASessionAfterTheIdleLimit) {
  AddUser("chiara", Role::kClerk);
  const Login login = SignIn("chiara", "chiara-password");

  clock_.Advance(std::chrono::minutes{29});
  const int after_29 = CallAs(login, "GET", "/api/v1/session").status;
  clock_.Advance(std::chrono::minutes{29});
  const int after_58 = CallAs(login, "GET", "/api/v1/session").status;
  clock_.Advance(std::chrono::minutes{30});
  const ClientResponse idle = CallAs(login, "GET", "/api/v1/items");

  EXPECT_EQ(after_29, 200);
  EXPECT_EQ(after_58, 200);  // Each use restarts the idle time.
  ExpectProblem(idle, 401, "Authorization");
  EXPECT_EQ(idle.Header("WWW-Authenticate"), "Bearer");
}

TEST_F(SessionTest, EndsASessionAfterTheAbsoluteLimitHoweverBusy) {
  AddUser("chiara", Role::kClerk);
  const Login login = SignIn("chiara", "chiara-password");

  int last_good = 0;
  for (int minutes = 20; minutes < 12 * 60; minutes += 20) {
    clock_.Advance(std::chrono::minutes{20});
    if (CallAs(login, "GET", "/api/v1/session").status != 200) break;
    last_good = minutes;
  }
  clock_.Advance(std::chrono::minutes{20});
  const ClientResponse expired = CallAs(login, "GET", "/api/v1/session");

  EXPECT_EQ(last_good, 12 * 60 - 20);
  ExpectProblem(expired, 401, "Authorization");
}

TEST_F(SessionTest, ASignInDeletesTheSessionsThatEndedUnused) {
  AddUser("chiara", Role::kClerk);
  AddUser("marco", Role::kClerk);
  const auto stored = [&](const Login& login) {
    const std::string token = login.cookie.substr(login.cookie.find('=') + 1);
    return identities_->FindSession(credentials_.Digest(token)).has_value();
  };
  const Login left = SignIn("chiara", "chiara-password");  // The browser closed, no sign-out.
  clock_.Advance(std::chrono::minutes{29});
  const Login early = SignIn("marco", "marco-password");
  const bool kept_while_alive = stored(left);
  clock_.Advance(std::chrono::minutes{1});

  const Login next = SignIn("marco", "marco-password");

  EXPECT_TRUE(kept_while_alive);
  EXPECT_FALSE(stored(left));
  EXPECT_TRUE(stored(early));
  EXPECT_TRUE(stored(next));
}

TEST_F(SessionTest, SignsOutAndForgetsTheSession) {
  AddUser("chiara", Role::kClerk);
  const Login login = SignIn("chiara", "chiara-password");

  const ClientResponse out = CallAs(login, "DELETE", "/api/v1/session");
  const ClientResponse read = CallAs(login, "GET", "/api/v1/session");
  const ClientResponse again = CallAs(login, "DELETE", "/api/v1/session");

  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_THAT(out.Header("Set-Cookie"), HasSubstr("commesso_session=; Path=/; Max-Age=0"));
  ExpectProblem(read, 401, "Authorization");
  ExpectProblem(again, 401, "Authorization");
}

TEST_F(SessionTest, RefusesAChangeWithoutTheRightCsrfToken) {
  AddUser("chiara", Role::kClerk);
  const Login login = SignIn("chiara", "chiara-password");
  const std::string draft = R"({"channel": "phone"})";
  const std::string cookie_only = "-";  // CallAs sends this instead of the token.

  const ClientResponse missing = CallAs(Login{.cookie = login.cookie}, "POST", "/api/v1/drafts",
                                        draft, {{"Idempotency-Key", "csrf-1"}});
  const ClientResponse wrong = CallAs(login, "POST", "/api/v1/drafts", draft,
                                      {{"Idempotency-Key", "csrf-2"}, {"X-CSRF-Token", "nope"}});
  const ClientResponse wrong_locale = CallAs(login, "PUT", "/api/v1/session/locale",
                                             R"({"locale": "en"})", {{"X-CSRF-Token", "nope"}});
  const ClientResponse wrong_out =
      CallAs(login, "DELETE", "/api/v1/session", "", {{"X-CSRF-Token", cookie_only}});
  const ClientResponse read = CallAs(Login{.cookie = login.cookie}, "GET", "/api/v1/drafts");
  const ClientResponse right =
      CallAs(login, "POST", "/api/v1/drafts", draft, {{"Idempotency-Key", "csrf-3"}});
  const ClientResponse by_key = Create("/api/v1/drafts", draft, "csrf-4");

  ExpectProblem(missing, 403, "X-CSRF-Token");
  ExpectProblem(wrong, 403, "X-CSRF-Token");
  ExpectProblem(wrong_locale, 403, "X-CSRF-Token");
  ExpectProblem(wrong_out, 403, "X-CSRF-Token");
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(right.status, 201) << right.body;
  EXPECT_EQ(by_key.status, 201) << by_key.body;  // An API key needs no CSRF token.
  EXPECT_EQ(CallAs(login, "GET", "/api/v1/session").status, 200);
}

TEST_F(SessionTest, StoresTheLocaleOnTheUser) {
  AddUser("chiara", Role::kClerk);
  const Login login = SignIn("chiara", "chiara-password");

  const ClientResponse english =
      CallAs(login, "PUT", "/api/v1/session/locale", R"({"locale": "en"})");
  const ClientResponse german =
      CallAs(login, "PUT", "/api/v1/session/locale", R"({"locale": "de"})");
  const ClientResponse anonymous =
      Call("PUT", "/api/v1/session/locale", R"({"locale": "it"})", {{"Cookie", "x=1"}});
  const ClientResponse by_key = Call("PUT", "/api/v1/session/locale", R"({"locale": "it"})");
  const Login later = SignIn("chiara", "chiara-password");

  ASSERT_EQ(english.status, 200) << english.body;
  EXPECT_EQ(english.Json()["user"]["locale"], "en");
  EXPECT_EQ(english.Json()["csrf_token"], login.csrf_token);
  ExpectProblem(german, 422, "locale");
  ExpectProblem(anonymous, 401, "Authorization");
  ExpectProblem(by_key, 401, "Authorization");  // The session routes need a session.
  EXPECT_EQ(later.response.Json()["user"]["locale"], "en");
}

TEST_F(SessionTest, DisablingOrANewPasswordEndsTheUsersSessions) {
  AddUser("chiara", Role::kClerk);
  AddUser("sergio", Role::kSupervisor);
  const Login chiara = SignIn("chiara", "chiara-password");
  const Login sergio = SignIn("sergio", "sergio-password");

  auto user = identities_->FindUser("chiara");
  ASSERT_TRUE(user.has_value());
  user->disabled = true;
  ASSERT_TRUE(identities_->UpdateUser(*user).has_value());
  user = identities_->FindUser("sergio");
  ASSERT_TRUE(user.has_value());
  user->password_hash = credentials_.HashPassword("new");
  ASSERT_TRUE(identities_->UpdateUser(*user).has_value());

  EXPECT_EQ(CallAs(chiara, "GET", "/api/v1/session").status, 401);
  EXPECT_EQ(CallAs(sergio, "GET", "/api/v1/session").status, 401);
  EXPECT_EQ(SignIn("sergio", "new").response.status, 200);
}

TEST_F(SessionTest, StoresOnlyAnArgon2idHashOfThePassword) {
  AddUser("chiara", Role::kClerk);

  auto user = identities_->FindUser("chiara");

  ASSERT_TRUE(user.has_value());
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$")) << user->password_hash;
  EXPECT_EQ(user->password_hash.find("chiara-password"), std::string::npos);
}

// API keys.

TEST_F(SessionTest, AScopedKeyReachesOnlyItsScopesAndARevokedOneNothing) {
  const std::string key = "cmso_shop_00000000000000000000000000000001";
  auto created = identities_->CreateApiKey(ApiKey{.name = "shop",
                                                  .prefix = "cmso_shop",
                                                  .secret_hash = credentials_.Digest(key),
                                                  .scopes = {Permission::kOrdersRead},
                                                  .created_at = clock_.Now()});
  ASSERT_TRUE(created.has_value());
  const Headers as_shop = {{"Authorization", "Bearer " + key}};

  const ClientResponse orders = Call("GET", "/api/v1/orders", "", as_shop);
  const ClientResponse items = Call("GET", "/api/v1/items", "", as_shop);
  const ClientResponse lowercase =
      Call("GET", "/api/v1/orders", "", {{"Authorization", "bearer " + key}});
  const ClientResponse near_miss =
      Call("GET", "/api/v1/orders", "",
           {{"Authorization", "Bearer " + key.substr(0, key.size() - 1) + "2"}});
  ASSERT_TRUE(identities_->RevokeApiKey(created->id, clock_.Now()).has_value());
  const ClientResponse revoked = Call("GET", "/api/v1/orders", "", as_shop);

  EXPECT_EQ(orders.status, 200) << orders.body;
  EXPECT_EQ(items.status, 403);
  EXPECT_EQ(items.Json()["permission"], "items:read");
  EXPECT_THAT(items.Json()["detail"].get<std::string>(), HasSubstr("key:shop"));
  EXPECT_EQ(lowercase.status, 200);
  ExpectProblem(near_miss, 401, "Authorization");
  ExpectProblem(revoked, 401, "Authorization");
}

// Logs.

TEST_F(SessionTest, NeverLogsPasswordsTokensOrKeys) {
  auto stream = std::make_shared<std::ostringstream>();
  auto logger = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(*stream));
  logger->set_level(spdlog::level::trace);
  const std::shared_ptr<spdlog::logger> before = spdlog::default_logger();
  spdlog::set_default_logger(logger);
  AddUser("chiara", Role::kClerk);

  SignIn("chiara", "wrong-secret-1");
  const Login login = SignIn("chiara", "chiara-password");
  CallAs(login, "POST", "/api/v1/drafts", R"({"channel": "phone"})", {{"Idempotency-Key", "log"}});
  Call("GET", "/api/v1/items");
  CallAs(login, "DELETE", "/api/v1/session");
  server_.reset();  // Every log line of the requests is written.
  spdlog::set_default_logger(before);

  const std::string log = stream->str();
  EXPECT_THAT(log, HasSubstr("user chiara signed in"));
  EXPECT_THAT(log, HasSubstr("POST /api/v1/session 200"));
  const std::string token = login.cookie.substr(login.cookie.find('=') + 1);
  for (const std::string& secret :
       {std::string("wrong-secret-1"), std::string("chiara-password"), token, login.csrf_token,
        std::string(kApiKey), std::string(kApiKey).substr(10)}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
}

}  // namespace
}  // namespace commesso::http::testing
