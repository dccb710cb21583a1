#include "core/mail_address.h"

#include <string>

#include <gtest/gtest.h>

namespace commesso {
namespace {

TEST(MailAddressTest, AcceptsPlainAddresses) {
  for (const char* address :
       {"mario.rossi@example.com", "a@b.it", "o'neil+receipts@mail.example.co.uk",
        "x_y-z@xn--caff-dma.it", "1234@example.com", "!#$%&'*+/=?^_`{|}~-@example.com"}) {
    EXPECT_EQ(MailAddressProblem(address), std::nullopt) << address;
  }
}

struct Refused {
  std::string address;
  std::string problem;
};

// Header injection first: a CR or LF would end the header and start another.
TEST(MailAddressTest, RefusesLineBreaksAndEverythingAServerCouldReadDifferently) {
  const Refused cases[] = {
      {"mario@example.com\r\nBcc: all@example.com", "must not contain a line break"},
      {"mario@example.com\n", "must not contain a line break"},
      {"mario@example.com\rX", "must not contain a line break"},
      {std::string("mario@exa\0mple.com", 18), "must not contain control characters"},
      {"mario@example.com\t", "must not contain control characters"},
      {"Mario <mario@example.com>", "must not contain spaces"},
      {"mario@example.com, boss@example.com", "must not contain spaces"},
      {"mario,boss@example.com", "has a character that is not allowed before the @"},
      {"\"mario\"@example.com", "has a character that is not allowed before the @"},
      {"mario(comment)@example.com", "has a character that is not allowed before the @"},
      {"mariò@example.com", "must be plain ASCII"},
      {"mario@caffè.it", "must be plain ASCII"},
      {"", "is empty"},
      {"mario", "needs an @"},
      {"@example.com", "has nothing before the @"},
      {"mario@", "has no domain after the @"},
      {"a@b@example.com", "has more than one @"},
      {".mario@example.com", "has a dot at the start or end"},
      {"ma..rio@example.com", "two dots in a row"},
      {"mario@localhost", "needs a domain with a dot"},
      {"mario@example..com", "has an empty part in the domain"},
      {"mario@example.com.", "has an empty part in the domain"},
      {"mario@-example.com", "starting or ending with a hyphen"},
      {"mario@exa_mple.com", "not allowed in the domain"},
      {"mario@[127.0.0.1]", "not allowed in the domain"},
      {"mario@127.0.0.1", "not an IP address"},
      {std::string(65, 'a') + "@example.com", "more than 64 characters before the @"},
      {"a@" + std::string(64, 'b') + ".com", "longer than 63 characters"},
      {"a@" + std::string(60, 'b') + "." + std::string(60, 'c') + "." + std::string(60, 'd') + "." +
           std::string(60, 'e') + ".example.com",
       "more than 254 characters"},
  };
  for (const Refused& test : cases) {
    const std::optional<std::string> problem = MailAddressProblem(test.address);
    ASSERT_TRUE(problem.has_value()) << test.address;
    EXPECT_NE(problem->find(test.problem), std::string::npos) << test.address << ": " << *problem;
  }
}

TEST(HeaderTextTest, AcceptsUtf8TextAndRefusesControlCharacters) {
  EXPECT_EQ(HeaderTextProblem("Ricevuta R-2026-000001 – ordine 2026-000001 · 12,50 €"),
            std::nullopt);
  EXPECT_EQ(HeaderTextProblem(""), std::nullopt);
  EXPECT_EQ(HeaderTextProblem("Ricevuta\r\nBcc: all@example.com"), "must not contain a line break");
  EXPECT_EQ(HeaderTextProblem("a\nb"), "must not contain a line break");
  EXPECT_EQ(HeaderTextProblem("a\tb"), "must not contain control characters");
  EXPECT_EQ(HeaderTextProblem("a\xc2\x85"
                              "b"),
            "must not contain control characters");  // NEL.
  EXPECT_EQ(HeaderTextProblem("caff\xe8"), "is not valid UTF-8");
  EXPECT_EQ(HeaderTextProblem("\xc0\xaf"), "is not valid UTF-8");  // Overlong "/".
  EXPECT_EQ(HeaderTextProblem(std::string(999, 'a')), "has more than 998 bytes");
}

TEST(MailAddressTest, GivesTheDomain) {
  EXPECT_EQ(MailDomain("ricevute@cartoleria.example"), "cartoleria.example");
}

}  // namespace
}  // namespace commesso
