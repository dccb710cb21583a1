#include "core/tax_ids.h"

#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace commesso {
namespace {

using ::testing::Optional;

TEST(IsPartitaIvaTest, ChecksTheCheckDigit) {
  EXPECT_TRUE(IsPartitaIva("01234567897"));
  EXPECT_TRUE(IsPartitaIva("09876543217"));
  EXPECT_FALSE(IsPartitaIva("01234567890"));
  EXPECT_FALSE(IsPartitaIva("0123456789"));
  EXPECT_FALSE(IsPartitaIva("0123456789A"));
}

TEST(IsCodiceFiscaleTest, ChecksShapeAndCheckCharacter) {
  EXPECT_TRUE(IsCodiceFiscale("RSSMRA85T10A562S"));
  EXPECT_TRUE(IsCodiceFiscale("MRTMTT25D09F205Z"));
  EXPECT_TRUE(IsCodiceFiscale("rssmra85t10a562s"));   // Case is not a check.
  EXPECT_FALSE(IsCodiceFiscale("RSSMRA85T10A562T"));  // Wrong check character.
  EXPECT_FALSE(IsCodiceFiscale("RSSMRA85Z10A562S"));  // Z is no month.
  EXPECT_FALSE(IsCodiceFiscale("RSSMRA85T10A56"));
}

TEST(IsCodiceFiscaleTest, AcceptsLettersForDigitsAsInOmocodia) {
  // RSSMRA85T10A562S with its last digit 2 replaced by N, and the check letter recomputed.
  EXPECT_TRUE(IsCodiceFiscale("RSSMRA85T10A56NH"));
  EXPECT_FALSE(IsCodiceFiscale("RSSMRA85T10A56AH"));  // A replaces no digit.
}

TEST(TaxIdProblemTest, AcceptsItalianAndForeignIdentifiers) {
  for (const char* tax_id : {"", "IT01234567897", "01234567897", "RSSMRA85T10A562S", "DE123456789",
                             "GB123456789", "CHE-123.456.789 MWST"}) {
    EXPECT_EQ(TaxIdProblem(tax_id), std::nullopt) << tax_id;
  }
}

TEST(TaxIdProblemTest, RefusesWrongItalianIdentifiers) {
  EXPECT_THAT(TaxIdProblem("IT01234567890"),
              Optional(std::string("is not a valid partita IVA: the check digit is wrong")));
  EXPECT_NE(TaxIdProblem("01234567890"), std::nullopt);
  EXPECT_THAT(
      TaxIdProblem("IT0123456789"),
      Optional(std::string("must be IT and the 11 digits of a partita IVA, like IT01234567897")));
  EXPECT_THAT(TaxIdProblem("RSSMRA85T10A562T"),
              Optional(std::string(
                  "is not a valid codice fiscale: its shape or check character is wrong")));
  EXPECT_EQ(TaxIdProblem(std::string(33, 'X')), "at most 32 characters");
}

}  // namespace
}  // namespace commesso
