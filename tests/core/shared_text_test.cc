#include "core/shared_text.h"

#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace commesso {
namespace {

// Issue 12: an order line's snapshot of an item shares the item's names.
TEST(SharedTextTest, CopiesShareOneText) {
  const SharedText name = "Risma di carta A4 80 g, 500 fogli";

  const SharedText copy = name;  // NOLINT(performance-unnecessary-copy-initialization)

  EXPECT_EQ(&copy.str(), &name.str());
  EXPECT_EQ(copy, name);
}

TEST(SharedTextTest, ComparesByText) {
  const SharedText made_once = "Vite";
  const SharedText made_again = std::string("Vite");

  EXPECT_EQ(made_once, made_again);
  EXPECT_NE(&made_once.str(), &made_again.str());
  EXPECT_EQ(made_once, "Vite");
  EXPECT_EQ(made_once, std::string("Vite"));
  EXPECT_NE(made_once, SharedText("Dado"));
}

TEST(SharedTextTest, ReadsLikeItsText) {
  const SharedText text = "Dado M6";

  const std::string& as_string = text;
  std::ostringstream out;
  out << text;

  EXPECT_EQ(as_string, "Dado M6");
  EXPECT_EQ(text.view(), "Dado M6");
  EXPECT_EQ(text.size(), 7U);
  EXPECT_EQ(out.str(), "Dado M6");
}

TEST(SharedTextTest, TheEmptyTextIsTheDefault) {
  EXPECT_TRUE(SharedText().empty());
  EXPECT_EQ(SharedText(), SharedText(""));
  EXPECT_EQ(SharedText().str(), "");
  EXPECT_FALSE(SharedText("a").empty());
}

}  // namespace
}  // namespace commesso
