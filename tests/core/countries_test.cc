#include "core/countries.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace commesso {
namespace {

TEST(IsCountryCodeTest, KnowsTheCountriesOfIso3166) {
  for (const char* code : {"IT", "SM", "VA", "GB", "US", "DE", "FR", "CH", "IE", "AD", "ZW"}) {
    EXPECT_TRUE(IsCountryCode(code)) << code;
  }
}

TEST(IsCountryCodeTest, RefusesCodesThatNameNoCountry) {
  // XX and ZZ are user-assigned, UK and EU reserved: none is a country of ISO 3166-1.
  for (const char* code : {"XX", "ZZ", "UK", "EU", "it", "I", "ITA", "", "*"}) {
    EXPECT_FALSE(IsCountryCode(code)) << code;
  }
}

TEST(CountryCodesTest, ListsEveryCountryOnceInOrder) {
  const auto codes = CountryCodes();

  EXPECT_GE(codes.size(), 249U);  // iso-codes 4.15 (Debian 12) lists 249.
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  EXPECT_EQ(std::adjacent_find(codes.begin(), codes.end()), codes.end());
}

}  // namespace
}  // namespace commesso
