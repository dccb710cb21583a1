#include "core/utf8.h"

#include <gtest/gtest.h>

namespace commesso {
namespace {

TEST(CharacterCountTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CharacterCount(""), 0U);
  EXPECT_EQ(CharacterCount("Rossi"), 5U);
  EXPECT_EQ(CharacterCount("perché"), 6U);            // é is two bytes.
  EXPECT_EQ(CharacterCount("東京"), 2U);              // Three bytes each.
  EXPECT_EQ(CharacterCount("\xF0\x9F\x93\xA6"), 1U);  // A four-byte emoji.
}

TEST(CharacterCountTest, CountsMalformedBytesWithoutFailing) {
  EXPECT_EQ(CharacterCount("\x80\x80"), 0U);
  EXPECT_EQ(CharacterCount("a\xFF"), 2U);
}

}  // namespace
}  // namespace commesso
