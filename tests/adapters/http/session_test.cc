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

class SessionTest : public ServerTest {
 protected:
  // Fails to sign in as `username` from `from` until `failures` wrong passwords were answered
  // 401, waiting out every 429 on the fixed clock.
  void FailToSignIn(const std::string& username, const std::string& from, int failures) {
    for (int answered = 0, tries = 0; answered < failures && tries < 10 * failures; ++tries) {
      const ClientResponse response = SignIn(username, "wrong password", from).response;
      if (response.status == 429) {
        clock_.Advance(std::chrono::seconds{std::stoi(response.Header("Retry-After"))});
      } else {
        ASSERT_EQ(response.status, 401) << response.body;
        ++answered;
      }
    }
  }

  // The API key "shop" (kShopKey), scoped to orders:read.
  Result<ApiKey> AddShopKey() {
    return identities_->CreateApiKey(ApiKey{.name = "shop",
                                            .prefix = "cmso_shop",
                                            .secret_hash = credentials_.Digest(kShopKey),
                                            .scopes = {Permission::kOrdersRead},
                                            .created_at = clock_.Now()});
  }

  static constexpr const char* kShopKey = "cmso_shop_00000000000000000000000000000001";
};

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
  EXPECT_EQ(body["permissions"], (Json{"items:read", "customers:read", "customers:write",
                                       "orders:read", "orders:read_private", "orders:write",
                                       "drafts:write", "complaints:read", "complaints:write"}));
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

// Sign-in throttling (decision 0016): waits per user name and address, growing.

TEST_F(SessionTest, MakesAnAddressWaitLongerAfterEachFailureOverTheFreeOnes) {
  AddUser("chiara", Role::kClerk);

  for (int attempt = 1; attempt <= 6; ++attempt) {
    EXPECT_EQ(SignIn("chiara", "guess " + std::to_string(attempt)).response.status, 401);
  }
  const ClientResponse first_wait = SignIn("chiara", "chiara-password").response;
  clock_.Advance(std::chrono::seconds{1});
  const ClientResponse seventh = SignIn("chiara", "guess 7").response;
  const ClientResponse second_wait = SignIn("chiara", "chiara-password").response;
  clock_.Advance(std::chrono::seconds{2});
  const ClientResponse eighth = SignIn("chiara", "guess 8").response;
  clock_.Advance(std::chrono::seconds{3});
  const ClientResponse third_wait = SignIn("chiara", "chiara-password").response;
  const ClientResponse other_user = SignIn("nobody", "x").response;
  clock_.Advance(std::chrono::seconds{1});
  const ClientResponse right = SignIn("chiara", "chiara-password").response;
  const ClientResponse typo_after = SignIn("chiara", "typo").response;

  ExpectProblem(first_wait, 429, "password");  // Even with the right password.
  EXPECT_EQ(first_wait.Header("Retry-After"), "1");
  EXPECT_EQ(seventh.status, 401);
  ExpectProblem(second_wait, 429, "password");
  EXPECT_EQ(second_wait.Header("Retry-After"), "2");
  EXPECT_EQ(eighth.status, 401);
  ExpectProblem(third_wait, 429, "password");
  EXPECT_EQ(third_wait.Header("Retry-After"), "1");  // 4 s after the eighth, 3 s gone.
  EXPECT_EQ(other_user.status, 401);
  EXPECT_EQ(right.status, 200) << right.body;
  EXPECT_EQ(typo_after.status, 401);  // The success cleared the count.
}

TEST_F(SessionTest, CapsTheWaitAtTheLongestOne) {
  server_.reset();
  StartServer(1 << 20, AccessOptions{.login_max_failures = 1,
                                     .login_longest_wait = std::chrono::seconds{10}});
  AddUser("chiara", Role::kClerk);

  FailToSignIn("chiara", "127.0.0.1", 4);  // Waits 1, 2, 4.
  const ClientResponse growing = SignIn("chiara", "chiara-password").response;
  FailToSignIn("chiara", "127.0.0.1", 4);  // Waits 8, 10, 10, 10.
  const ClientResponse capped = SignIn("chiara", "chiara-password").response;

  ExpectProblem(growing, 429, "password");
  EXPECT_EQ(growing.Header("Retry-After"), "4");
  ExpectProblem(capped, 429, "password");
  EXPECT_EQ(capped.Header("Retry-After"), "10");
}

// A stranger who knows a user name used to lock its user out for everyone with five wrong
// passwords.
TEST_F(SessionTest, AStrangersFailuresDoNotKeepTheUserOutFromAnotherAddress) {
  AddUser("chiara", Role::kClerk);
  FailToSignIn("chiara", "127.0.0.2", 12);

  const ClientResponse stranger = SignIn("chiara", "chiara-password", "127.0.0.2").response;
  const ClientResponse user = SignIn("chiara", "chiara-password", "127.0.0.1").response;

  ExpectProblem(stranger, 429, "password");
  EXPECT_EQ(stranger.Header("Retry-After"), "64");  // 1 s, doubled for each failure over 6.
  EXPECT_EQ(user.status, 200) << user.body;
}

TEST_F(SessionTest, MakesAnAddressThatFailsForManyNamesWait) {
  AddUser("chiara", Role::kClerk);
  for (int name = 0; name < 20; ++name) {
    ASSERT_EQ(SignIn("user" + std::to_string(name), "x", "127.0.0.2").response.status, 401);
  }

  const ClientResponse twenty_first = SignIn("user20", "x", "127.0.0.2").response;
  const ClientResponse from_there = SignIn("chiara", "chiara-password", "127.0.0.2").response;
  const ClientResponse elsewhere = SignIn("chiara", "chiara-password", "127.0.0.3").response;

  EXPECT_EQ(twenty_first.status, 401);
  ExpectProblem(from_there, 429, "password");
  EXPECT_EQ(from_there.Header("Retry-After"), "1");
  EXPECT_EQ(elsewhere.status, 200) << elsewhere.body;
}

TEST_F(SessionTest, ASpreadOutAttackMakesEachFailingAddressWaitTheLongestButNotTheUser) {
  AddUser("chiara", Role::kClerk);
  for (int address = 2; address < 27; ++address) {  // 25 addresses, 4 free failures each.
    FailToSignIn("chiara", "127.0.0." + std::to_string(address), 4);
  }

  const ClientResponse hundred_first = SignIn("chiara", "guess", "127.0.0.100").response;
  const ClientResponse again = SignIn("chiara", "chiara-password", "127.0.0.100").response;
  const ClientResponse user = SignIn("chiara", "chiara-password", "127.0.0.1").response;

  EXPECT_EQ(hundred_first.status, 401);
  ExpectProblem(again, 429, "password");
  EXPECT_EQ(again.Header("Retry-After"), "300");
  EXPECT_EQ(user.status, 200) << user.body;
}

TEST_F(SessionTest, ASupervisorLiftsTheThrottleOfAUser) {
  AddUser("chiara", Role::kClerk);
  AddUser("sergio", Role::kSupervisor);
  AddUser("marco", Role::kClerk);
  FailToSignIn("chiara", "127.0.0.1", 10);
  const ClientResponse waiting = SignIn("chiara", "chiara-password").response;
  const Login sergio = SignIn("sergio", "sergio-password", "127.0.0.3");
  const Login marco = SignIn("marco", "marco-password", "127.0.0.3");

  const ClientResponse by_clerk = CallAs(marco, "DELETE", "/api/v1/users/chiara/sign-in-throttle");
  const ClientResponse lifted = CallAs(sergio, "DELETE", "/api/v1/users/chiara/sign-in-throttle");
  const ClientResponse again = CallAs(sergio, "DELETE", "/api/v1/users/chiara/sign-in-throttle");
  const ClientResponse no_name =
      CallAs(sergio, "DELETE", "/api/v1/users/Chiara%20Clerici/sign-in-throttle");
  const ClientResponse right = SignIn("chiara", "chiara-password").response;

  ExpectProblem(waiting, 429, "password");
  EXPECT_EQ(waiting.Header("Retry-After"), "16");
  EXPECT_EQ(by_clerk.status, 403);
  EXPECT_EQ(by_clerk.Json()["permission"], "users:supervise");
  EXPECT_EQ(lifted.status, 204) << lifted.body;
  EXPECT_EQ(again.status, 204);  // Nothing left to lift: the same answer.
  ExpectProblem(no_name, 404, "name");
  EXPECT_EQ(right.status, 200) << right.body;
}

// Behind a TLS proxy every user comes from the proxy's address: without its X-Forwarded-For,
// a stranger's failures would make the user wait as well.
TEST_F(SessionTest, CountsSignInsByTheAddressATrustedProxyForwards) {
  server_.reset();
  ServerOptions options = Options();
  options.trusted_proxies = {"127.0.0.1", "127.0.0.9"};
  StartServer(options);
  AddUser("chiara", Role::kClerk);
  const auto sign_in = [&](const std::string& password, const std::string& from,
                           const std::string& forwarded_for) {
    TestClient client(server_->port(), from);
    return client.Exchange(
        RequestText("POST", "/api/v1/session",
                    {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded_for}},
                    Json{{"username", "chiara"}, {"password", password}}.dump()));
  };

  for (int attempt = 0; attempt < 8; ++attempt) {
    const ClientResponse failed = sign_in("guess", "127.0.0.1", "203.0.113.7");
    if (failed.status == 429) clock_.Advance(std::chrono::seconds{4});
  }
  const ClientResponse stranger = sign_in("chiara-password", "127.0.0.1", "203.0.113.7");
  const ClientResponse user = sign_in("chiara-password", "127.0.0.1", "198.51.100.1");
  const ClientResponse two_proxies =
      sign_in("chiara-password", "127.0.0.1", "203.0.113.7, 127.0.0.9");
  for (int attempt = 0; attempt < 6; ++attempt) {  // Not a proxy: its header is not believed.
    sign_in("guess", "127.0.0.2", "192.0.2." + std::to_string(attempt));
  }
  const ClientResponse spoofed = sign_in("chiara-password", "127.0.0.2", "198.51.100.1");

  ExpectProblem(stranger, 429, "password");
  EXPECT_EQ(user.status, 200) << user.body;
  ExpectProblem(two_proxies, 429, "password");
  ExpectProblem(spoofed, 429, "password");
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

// Origin checks (decision 0016): a browser says where a request comes from; a change made with
// the session cookie from another site is refused even with the right CSRF token.
TEST_F(SessionTest, RefusesACookieChangeFromAnotherSite) {
  AddUser("chiara", Role::kClerk);
  const Login login = SignIn("chiara", "chiara-password");
  const std::string draft = R"({"channel": "phone"})";
  const auto create = [&](const std::string& key, Headers headers) {
    headers.emplace_back("Idempotency-Key", key);
    return CallAs(login, "POST", "/api/v1/drafts", draft, headers);
  };

  const ClientResponse cross_site = create("o-1", {{"Sec-Fetch-Site", "cross-site"}});
  const ClientResponse same_site = create("o-2", {{"Sec-Fetch-Site", "same-site"}});
  const ClientResponse other_origin = create("o-3", {{"Origin", "http://evil.example"}});
  const ClientResponse other_port = create("o-4", {{"Origin", "http://localhost:8081"}});
  const ClientResponse null_origin = create("o-5", {{"Origin", "null"}});
  const ClientResponse locale = CallAs(login, "PUT", "/api/v1/session/locale",
                                       R"({"locale": "en"})", {{"Origin", "https://evil.example"}});
  const ClientResponse own =
      create("o-6", {{"Origin", "http://localhost"}, {"Sec-Fetch-Site", "same-origin"}});
  const ClientResponse own_https = create("o-7", {{"Origin", "https://localhost"}});
  const ClientResponse neither = create("o-8", {});
  const ClientResponse read =
      CallAs(login, "GET", "/api/v1/drafts", "", {{"Sec-Fetch-Site", "cross-site"}});
  const ClientResponse by_key = Call("POST", "/api/v1/drafts", draft,
                                     {{"Idempotency-Key", "o-9"},
                                      {"Origin", "http://evil.example"},
                                      {"Sec-Fetch-Site", "cross-site"}});

  ExpectProblem(cross_site, 403, "Sec-Fetch-Site");
  ExpectProblem(same_site, 403, "Sec-Fetch-Site");
  ExpectProblem(other_origin, 403, "Origin");
  ExpectProblem(other_port, 403, "Origin");
  ExpectProblem(null_origin, 403, "Origin");
  ExpectProblem(locale, 403, "Origin");
  EXPECT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(own_https.status, 201) << own_https.body;
  EXPECT_EQ(neither.status, 201) << neither.body;  // Not a browser: the CSRF token holds.
  EXPECT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(by_key.status, 201) << by_key.body;  // Browsers never send an API key by themselves.
}

TEST_F(SessionTest, TakesThePublicOriginForTheServersOwnWhenConfigured) {
  server_.reset();
  StartServer(1 << 20, AccessOptions{.public_origin = "https://orders.example.com"});
  AddUser("chiara", Role::kClerk);
  const Login login = SignIn("chiara", "chiara-password");

  const ClientResponse public_origin =
      CallAs(login, "PUT", "/api/v1/session/locale", R"({"locale": "en"})",
             {{"Origin", "HTTPS://Orders.Example.com"}});
  const ClientResponse host = CallAs(login, "PUT", "/api/v1/session/locale", R"({"locale": "en"})",
                                     {{"Origin", "http://localhost"}});

  EXPECT_EQ(public_origin.status, 200) << public_origin.body;
  ExpectProblem(host, 403, "Origin");
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
  const std::string key = kShopKey;
  const Result<ApiKey> created = AddShopKey();
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

// `commesso api-key revoke` writes the database from its own process, whose writer this
// server's cache never hears of: the change count tells it before the next request.
TEST_F(SessionTest, AKeyRevokedByAnotherProcessIsRefusedByTheNextRequest) {
  const std::string key = kShopKey;
  const Result<ApiKey> created = AddShopKey();
  ASSERT_TRUE(created.has_value());
  const Headers as_shop = {{"Authorization", "Bearer " + key}};
  const ClientResponse before = Call("GET", "/api/v1/orders", "", as_shop);
  auto command_line = sqlite::Database::Open({.path = dir_.File("commesso.db")});
  ASSERT_TRUE(command_line.has_value()) << command_line.error().message;

  ASSERT_TRUE(sqlite::SqliteIdentityStore(**command_line)
                  .RevokeApiKey(created->id, clock_.Now())
                  .has_value());
  const ClientResponse after = Call("GET", "/api/v1/orders", "", as_shop);

  EXPECT_EQ(before.status, 200) << before.body;
  ExpectProblem(after, 401, "Authorization");
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
