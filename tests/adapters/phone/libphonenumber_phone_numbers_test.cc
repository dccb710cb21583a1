#include "adapters/phone/libphonenumber_phone_numbers.h"

#include <string>

#include <gtest/gtest.h>

namespace commesso {
namespace {

struct Case {
  std::string typed;
  std::string region;
  std::string e164;  // Empty: not a phone number.
};

TEST(LibphonenumberPhoneNumbersTest, NormalizesAnyFormattingToE164) {
  const LibphonenumberPhoneNumbers phones;
  const Case cases[] = {
      {"02 1234 5678", "IT", "+390212345678"},
      {"+39 02-1234-5678", "IT", "+390212345678"},
      {"0039 02 12345678", "IT", "+390212345678"},
      {"347 123 4567", "IT", "+393471234567"},
      {"(212) 555-0100", "US", "+12125550100"},
      {"+44 20 7946 0958", "IT", "+442079460958"},
      {"not a number", "IT", ""},
      {"12", "IT", ""},
  };

  for (const Case& c : cases) {
    EXPECT_EQ(phones.ToE164(c.typed, c.region), c.e164) << c.typed;
  }
}

}  // namespace
}  // namespace commesso
