#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "server_fixture.h"

// What a hostile or careless caller types into free text, country codes, postal codes, tax ids
// and names (issues 5, 7 and 9), end to end: the answer names the field, nothing is stored,
// and a card number appears in no answer, no log line and no byte of the database.
namespace commesso::http::testing {
namespace {

using Json = nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kCardProblem = "looks like a card number; card numbers stay in the card terminal";

// The server with its log captured from the first request on.
class InputHygieneTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    auto logger = std::make_shared<spdlog::logger>(
        "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(*log_));
    logger->set_level(spdlog::level::trace);
    before_ = spdlog::default_logger();
    spdlog::set_default_logger(logger);
  }

  void TearDown() override {
    server_.reset();
    spdlog::set_default_logger(before_);
  }

  // Everything logged so far, once every request has been answered and logged.
  std::string Log() {
    server_.reset();
    return log_->str();
  }

  // Whether `text` is anywhere in the database's files (main file and write-ahead log).
  bool Stored(const std::string& text) const {
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream file(dir_.File("commesso.db") + suffix, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(file)),
                              std::istreambuf_iterator<char>());
      if (bytes.find(text) != std::string::npos) return true;
    }
    return false;
  }

  // The customers whose name matches `query`.
  std::size_t CustomersNamed(const std::string& query) {
    const ClientResponse found = Call("GET", "/api/v1/customers?q=" + query);
    EXPECT_EQ(found.status, 200) << found.body;
    return found.Json()["entries"].size();
  }

  std::string CustomerJson(const std::string& name, const std::string& extra = "") const {
    return R"({"name": ")" + name + R"(", "email": "cliente@example.com")" + extra + "}";
  }

  std::string AddressJson(const std::string& country, const std::string& postal_code) const {
    return R"(, "addresses": [{"label": "Sede", "default_billing": true, "default_shipping":)"
           R"( true, "address": {"name": "Luca Bianchi", "line1": "Via Roma 1", "postal_code": ")" +
           postal_code + R"(", "city": "Milano", "country": ")" + country + R"("}}])";
  }

 private:
  std::shared_ptr<std::ostringstream> log_ = std::make_shared<std::ostringstream>();
  std::shared_ptr<spdlog::logger> before_;
};

// Card numbers.

TEST_F(InputHygieneTest, RefusesACardNumberInOrderNotesAndStoresNothing) {
  const std::string notes = R"(, "notes": "carta 4111 1111 1111 1111 scad. 12/28")";

  const ClientResponse quoted =
      Call("POST", "/api/v1/quotes", DraftJson(R"([{"sku": "PEN-01", "quantity": 3}])", notes));
  const ClientResponse placed =
      Create("/api/v1/orders", DraftJson(R"([{"sku": "PEN-01", "quantity": 3}])", notes), "o-1");

  ExpectStatusProblem(quoted, 422);
  ExpectStatusProblem(placed, 422);
  EXPECT_THAT(PathsOf(placed), ElementsAre("notes"));
  EXPECT_EQ(placed.Json()["errors"][0]["problem"], kCardProblem);
  EXPECT_THAT(placed.body, Not(HasSubstr("4111")));
  EXPECT_EQ(CountOrders(), 0U);
  EXPECT_FALSE(Stored("4111 1111 1111 1111"));
  EXPECT_THAT(Log(), Not(HasSubstr("4111")));
}

TEST_F(InputHygieneTest, RefusesACardNumberInACustomerNameAndStoresNothing) {
  const ClientResponse created =
      Create("/api/v1/customers", CustomerJson("Luca 5555-5555-5555-4444"), "c-1");
  const ClientResponse in_address =
      Create("/api/v1/customers",
             CustomerJson("Luca Bianchi",
                          R"(, "addresses": [{"label": "Sede", "address": {"name": "Luca Bianchi",)"
                          R"( "line1": "5555555555554444", "city": "Milano", "country": "IT"}}])"),
             "c-2");

  ExpectStatusProblem(created, 422);
  EXPECT_THAT(PathsOf(created), ElementsAre("name"));
  EXPECT_EQ(created.Json()["errors"][0]["problem"], kCardProblem);
  ExpectStatusProblem(in_address, 422);
  EXPECT_THAT(PathsOf(in_address), ElementsAre("addresses[0].address.line1"));
  EXPECT_THAT(created.body + in_address.body, Not(HasSubstr("5555")));
  EXPECT_EQ(CustomersNamed("Luca"), 0U);
  EXPECT_FALSE(Stored("5555-5555-5555-4444"));
  EXPECT_FALSE(Stored("5555555555554444"));
  EXPECT_THAT(Log(), Not(HasSubstr("5555")));
}

TEST_F(InputHygieneTest, RefusesACardNumberAnywhereInDraftContent) {
  const ClientResponse created =
      Create("/api/v1/drafts",
             R"({"channel": "phone", "content": {"customer": {"name": "Mario Rossi"},)"
             R"( "lines": [{"sku": "PEN-01", "memo": "card 6011 1111 1111 1117"}]}})",
             "d-1");
  ASSERT_EQ(Create("/api/v1/drafts", R"({"channel": "phone"})", "d-2").status, 201);
  const ClientResponse saved =
      Call("PUT", "/api/v1/drafts/1",
           R"({"revision": 1, "content": {"notes": "x", "payment": {"tendered": 6011111111111117,)"
           R"( "reference": "6011-1111-1111-1117"}}})");

  ExpectStatusProblem(created, 422);
  EXPECT_THAT(PathsOf(created), ElementsAre("content.lines[0].memo"));
  EXPECT_EQ(created.Json()["errors"][0]["problem"], kCardProblem);
  ExpectStatusProblem(saved, 422);
  EXPECT_THAT(PathsOf(saved), ElementsAre("content.payment.reference", "content.payment.tendered"));
  EXPECT_EQ(Call("GET", "/api/v1/drafts/1").Json()["content"], Json::object());
  EXPECT_FALSE(Stored("6011 1111 1111 1117"));
  EXPECT_FALSE(Stored("6011111111111117"));
  EXPECT_THAT(Log(), Not(HasSubstr("6011")));
}

TEST_F(InputHygieneTest, RefusesACardNumberInFulfillmentAndPaymentText) {
  const ClientResponse placed = Create("/api/v1/orders", DraftJson(), "o-1");
  ASSERT_EQ(placed.status, 201) << placed.body;
  const std::string number = placed.Json()["number"];

  const ClientResponse hold = Call("POST", "/api/v1/orders/" + number + "/holds",
                                   R"({"kind": "manual", "reason": "card 4111111111111111"})");
  const ClientResponse authorization =
      Create("/api/v1/card-payments",
             R"({"amount": {"minor": 5417}, "reference": "4111 1111 1111 1111"})", "p-1");

  ExpectStatusProblem(hold, 422);
  EXPECT_THAT(PathsOf(hold), ElementsAre("reason"));
  ExpectStatusProblem(authorization, 422);
  EXPECT_THAT(PathsOf(authorization), ElementsAre("reference"));
  EXPECT_FALSE(Stored("4111111111111111"));
  EXPECT_FALSE(Stored("4111 1111 1111 1111"));
}

TEST_F(InputHygieneTest, AcceptsAPhoneNumberAndAnEanInText) {
  const ClientResponse created =
      Create("/api/v1/customers",
             CustomerJson("Luca Bianchi",
                          R"(, "phone": "+49 151 2345 6789", "company": "EAN 4006381333924")"),
             "c-1");

  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json()["phone_e164"], "+4915123456789");
}

// Countries.

TEST_F(InputHygieneTest, RefusesCountryCodesOfNoCountry) {
  const ClientResponse quoted = Call(
      "POST", "/api/v1/quotes",
      DraftJson(
          R"([{"sku": "PEN-01", "quantity": 3}])",
          R"(, "shipping_address": {"name": "X", "line1": "Y", "city": "Z", "country": "XX"})"));
  const ClientResponse created =
      Create("/api/v1/customers", CustomerJson("Luca Bianchi", AddressJson("ZZ", "20121")), "c-1");

  ExpectStatusProblem(quoted, 422);
  EXPECT_THAT(PathsOf(quoted), ElementsAre("shipping_address.country"));
  EXPECT_EQ(quoted.Json()["errors"][0]["problem"], "is not an ISO 3166-1 country code (like IT)");
  ExpectStatusProblem(created, 422);
  EXPECT_THAT(PathsOf(created), ElementsAre("addresses[0].address.country"));
}

// Postal codes, tax ids, control characters, normalization.

TEST_F(InputHygieneTest, RefusesAnItalianPostalCodeOfLetters) {
  const ClientResponse created =
      Create("/api/v1/customers", CustomerJson("Luca Bianchi", AddressJson("IT", "ABCDE")), "c-1");

  ExpectStatusProblem(created, 422);
  EXPECT_THAT(PathsOf(created), ElementsAre("addresses[0].address.postal_code"));
  EXPECT_EQ(created.Json()["errors"][0]["problem"], "is not a postal code of IT (like 20121)");
}

TEST_F(InputHygieneTest, RefusesTaxIdsWithAWrongCheckCharacter) {
  const ClientResponse vat = Create(
      "/api/v1/customers", CustomerJson("Luca Bianchi", R"(, "tax_id": "IT01234567890")"), "c-1");
  const ClientResponse fiscal_code =
      Create("/api/v1/customers", CustomerJson("Luca Bianchi", R"(, "tax_id": "BNCLCU80A01F205A")"),
             "c-2");
  const ClientResponse right = Create(
      "/api/v1/customers", CustomerJson("Luca Bianchi", R"(, "tax_id": "IT01234567897")"), "c-3");

  ExpectStatusProblem(vat, 422);
  EXPECT_THAT(PathsOf(vat), ElementsAre("tax_id"));
  ExpectStatusProblem(fiscal_code, 422);
  EXPECT_THAT(PathsOf(fiscal_code), ElementsAre("tax_id"));
  EXPECT_EQ(right.status, 201) << right.body;
}

TEST_F(InputHygieneTest, RefusesControlCharactersInNames) {
  const ClientResponse nul =
      Create("/api/v1/customers", CustomerJson(R"(Luca\u0000Bianchi)"), "c-1");
  const ClientResponse c1 =
      Create("/api/v1/customers", CustomerJson(R"(Luca\u009bBianchi)"), "c-2");
  const ClientResponse line_break =
      Create("/api/v1/customers", CustomerJson(R"(Luca\nBianchi)"), "c-3");

  for (const ClientResponse& refused : {nul, c1, line_break}) {
    ExpectStatusProblem(refused, 422);
    EXPECT_THAT(PathsOf(refused), ElementsAre("name"));
  }
  EXPECT_EQ(nul.Json()["errors"][0]["problem"],
            "must not contain control characters or line breaks");
  EXPECT_EQ(CustomersNamed("Luca"), 0U);
}

TEST_F(InputHygieneTest, RefusesAPhoneThatIsNoPhoneNumber) {
  const ClientResponse short_phone =
      Create("/api/v1/customers", CustomerJson("Luca Bianchi", R"(, "phone": "12")"), "c-1");
  const ClientResponse long_phone =
      Create("/api/v1/customers",
             CustomerJson("Luca Bianchi", R"(, "phone": "+39 02 1234 5678 9012 3456")"), "c-2");

  ExpectStatusProblem(short_phone, 422);
  EXPECT_THAT(PathsOf(short_phone), ElementsAre("phone"));
  ExpectStatusProblem(long_phone, 422);
  EXPECT_THAT(PathsOf(long_phone), ElementsAre("phone"));
}

TEST_F(InputHygieneTest, StoresNamesAndAddressesInNfc) {
  // "Niccolò" and "Città" typed with combining grave accents (NFD).
  const std::string nfd_name = "Niccolo\xCC\x80 Bianchi";
  const std::string nfc_name = "Niccol\xC3\xB2 Bianchi";
  const ClientResponse created =
      Create("/api/v1/customers",
             CustomerJson(nfd_name,
                          R"(, "addresses": [{"label": "Sede", "address": {"name": ")" + nfd_name +
                              R"(", "line1": "Via Roma 1", "city": "Citta\u0300 di Castello",)"
                              R"( "postal_code": "06012", "country": "IT"}}])"),
             "c-1");
  ASSERT_EQ(created.status, 201) << created.body;

  const Json fetched = Call("GET", created.Header("Location")).Json();
  EXPECT_EQ(fetched["name"], nfc_name);
  EXPECT_EQ(fetched["addresses"][0]["address"]["name"], nfc_name);
  EXPECT_EQ(fetched["addresses"][0]["address"]["city"], "Citt\xC3\xA0 di Castello");
  EXPECT_FALSE(Stored("Niccolo\xCC\x80"));
}

}  // namespace
}  // namespace commesso::http::testing
