#include "adapters/sqlite/search_text.h"

#include <gtest/gtest.h>

#include "adapters/sqlite/cursor.h"

namespace commesso::sqlite {
namespace {

TEST(PrefixQueryTest, EveryWordMustStartAWord) {
  EXPECT_EQ(PrefixQuery("penna blu"), R"("penna"* AND "blu"*)");
  EXPECT_EQ(PrefixQuery("  PEN-1 "), R"("PEN"* AND "1"*)");
  EXPECT_EQ(PrefixQuery("caffè"), R"("caffè"*)");
  EXPECT_EQ(PrefixQuery("d'Angelo"), R"("d"* AND "Angelo"*)");
}

TEST(PrefixQueryTest, PunctuationAndQuotesNeverReachTheQuery) {
  EXPECT_EQ(PrefixQuery(R"(say "x" OR y*)"), R"("say"* AND "x"* AND "OR"* AND "y"*)");
  EXPECT_EQ(PrefixQuery("l’ «penna» – 5 €…"), R"("l"* AND "penna"* AND "5"*)");
  EXPECT_EQ(PrefixQuery(" -- "), "");
  EXPECT_EQ(PrefixQuery(""), "");
}

TEST(CursorTest, CarriesAnyBytesAndRefusesWhatItDidNotMake) {
  const std::vector<std::string> parts = {"a:b", "", "3:x\n\xff"};

  const std::string cursor = EncodeCursor(parts);

  EXPECT_EQ(cursor.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(DecodeCursor(cursor, 3), parts);
  EXPECT_EQ(DecodeCursor(cursor, 2), std::nullopt);
  EXPECT_EQ(DecodeCursor("zz", 1), std::nullopt);
  EXPECT_EQ(DecodeCursor("3", 1), std::nullopt);
  EXPECT_EQ(DecodeCursor(EncodeCursor({"abc"}).substr(0, 6), 1), std::nullopt);
}

TEST(CursorTest, ClampsPageSizes) {
  EXPECT_EQ(ClampLimit(-1), 1);
  EXPECT_EQ(ClampLimit(0), 1);
  EXPECT_EQ(ClampLimit(50), 50);
  EXPECT_EQ(ClampLimit(201), 200);
}

}  // namespace
}  // namespace commesso::sqlite
