#include "adapters/json/nfc_text.h"

#include <string>

#include <gtest/gtest.h>

namespace commesso::json {
namespace {

TEST(ToNfcTest, ComposesWhatWasTypedDecomposed) {
  EXPECT_EQ(ToNfc("Niccolo\xCC\x80"), "Niccol\xC3\xB2");  // o + U+0300 -> ò.
  EXPECT_EQ(ToNfc("Citta\xCC\x80 di Castello"), "Citt\xC3\xA0 di Castello");
  EXPECT_EQ(ToNfc("Mu\xCC\x88ller"), "M\xC3\xBCller");  // u + U+0308 -> ü.
}

TEST(ToNfcTest, LeavesComposedAsciiAndMalformedTextAsItIs) {
  EXPECT_EQ(ToNfc("Niccol\xC3\xB2"), "Niccol\xC3\xB2");
  EXPECT_EQ(ToNfc("Via Roma 1"), "Via Roma 1");
  EXPECT_EQ(ToNfc(""), "");
  EXPECT_EQ(ToNfc("caf\xE9"), "caf\xE9");  // Latin-1: validation refuses it.
}

}  // namespace
}  // namespace commesso::json
