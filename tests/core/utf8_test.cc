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

TEST(IsValidUtf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Niccolò, 東京, \xF0\x9F\x93\xA6"));
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point.
}

TEST(IsValidUtf8Test, RefusesMalformedText) {
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));           // Latin-1.
  EXPECT_FALSE(IsValidUtf8("\x80"));              // A stray continuation byte.
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // A truncated sequence.
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // An overlong "/".
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // Another overlong "/".
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // A surrogate, U+D800.
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // Above U+10FFFF.
}

}  // namespace
}  // namespace commesso
