#include "core/card_number.h"

#include <string>

#include <gtest/gtest.h>

namespace commesso {
namespace {

TEST(LooksLikeCardNumberTest, FindsTheTestNumbersOfEveryBrand) {
  for (const char* number :
       {"4111111111111111", "5555555555554444", "2223003122003222", "378282246310005",
        "30569309025904", "36227206271667", "6011111111111117", "3530111333300000",
        "6200000000000005", "6759649826438453", "2200000000000004"}) {
    EXPECT_TRUE(LooksLikeCardNumber(number)) << number;
  }
}

TEST(LooksLikeCardNumberTest, FindsANumberInGroupsInsideText) {
  EXPECT_TRUE(LooksLikeCardNumber("paga con carta 4111 1111 1111 1111, scad. 12/28"));
  EXPECT_TRUE(LooksLikeCardNumber("4111-1111-1111-1111"));
  EXPECT_TRUE(LooksLikeCardNumber("Amex 3714 496353 98431"));
  EXPECT_TRUE(LooksLikeCardNumber("carta:4111111111111111"));
  EXPECT_TRUE(LooksLikeCardNumber("4111\u00a01111\u00a01111\u00a01111"));  // No-break spaces.
}

TEST(LooksLikeCardNumberTest, FindsANumberFollowedByMoreDigits) {
  // Expiry and security code after it: the run is 23 digits, the card the first 16 of them.
  EXPECT_TRUE(LooksLikeCardNumber("4111111111111111 12 28 123"));
  EXPECT_TRUE(LooksLikeCardNumber("ordine 2026 4111 1111 1111 1111"));
}

TEST(LooksLikeCardNumberTest, RefusesNumbersFailingLuhnOrOfNoBrand) {
  EXPECT_FALSE(LooksLikeCardNumber("4111 1111 1111 1112"));  // Luhn fails.
  EXPECT_FALSE(LooksLikeCardNumber("7000000000000005"));     // Luhn passes; no brand has 7.
  EXPECT_FALSE(LooksLikeCardNumber("1000000000000008"));
  EXPECT_FALSE(LooksLikeCardNumber("3782822463100050"));  // American Express has 15 digits.
  EXPECT_FALSE(LooksLikeCardNumber("4111 1111 1111"));    // 12 digits.
}

TEST(LooksLikeCardNumberTest, LeavesBarcodesPhonesAndBankCodesAlone) {
  // An EAN-13 of a German brand that passes Luhn too, like a legacy 13-digit Visa number
  // (docs/decisions/0015-input-hygiene.md).
  EXPECT_FALSE(LooksLikeCardNumber("Staedtler EAN 4006381333924"));
  EXPECT_FALSE(LooksLikeCardNumber("4222222222222"));
  // International phone numbers, which a card never starts like.
  EXPECT_FALSE(LooksLikeCardNumber("+39 02 1234 5678"));
  EXPECT_FALSE(LooksLikeCardNumber("+4915123456789011"));
  // An IBAN in groups of four: its digits after the check letter hold a Luhn-valid 16-digit
  // window that starts like Maestro.
  EXPECT_FALSE(LooksLikeCardNumber("IBAN IT60 X030 6948 5069 5069 9205 755"));
  // A processor's token.
  EXPECT_FALSE(LooksLikeCardNumber("tok_test_4111111111111111"));
  // Order numbers, dates, quantities.
  EXPECT_FALSE(LooksLikeCardNumber("ordini 2026-000123 2026-000124 del 2026-11-28"));
  EXPECT_FALSE(LooksLikeCardNumber(""));
  EXPECT_FALSE(LooksLikeCardNumber("Via Roma 1, 20121 Milano"));
}

TEST(LooksLikeCardNumberTest, NeedsSingleSeparators) {
  EXPECT_FALSE(LooksLikeCardNumber("4111  1111  1111  1111"));
  EXPECT_FALSE(LooksLikeCardNumber("4111 - 1111 - 1111 - 1111"));
  EXPECT_FALSE(LooksLikeCardNumber("4111/1111/1111/1111"));
}

}  // namespace
}  // namespace commesso
