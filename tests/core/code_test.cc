#include "core/code.h"

#include <cstddef>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace commesso {
namespace {

// Issue 12: a priced line carries its codes without copying strings.
TEST(CodeTest, TheSameTextIsOneSharedCopy) {
  const std::string text = "super_reduced";
  const Code from_literal = "super_reduced";
  const Code from_string = text;

  EXPECT_EQ(from_literal, from_string);
  EXPECT_EQ(&from_literal.str(), &from_string.str());
  EXPECT_NE(Code("reduced"), from_literal);
}

TEST(CodeTest, ReadsAndComparesLikeItsText) {
  const Code code = "IVA";

  EXPECT_EQ(code.str(), "IVA");
  EXPECT_EQ(code.view(), "IVA");
  EXPECT_EQ(code.size(), 3U);
  EXPECT_EQ(code, "IVA");
  EXPECT_EQ(code, std::string("IVA"));
  EXPECT_NE(code, "iva");
  const std::string& as_string = code;
  EXPECT_EQ(as_string, "IVA");
  std::ostringstream out;
  out << code;
  EXPECT_EQ(out.str(), "IVA");
}

TEST(CodeTest, AskingWhetherATextIsKnownMakesNoCode) {
  EXPECT_FALSE(Code::IsKnown("code-test-never-made"));
  EXPECT_FALSE(Code::IsKnown("code-test-never-made"));

  const Code made("code-test-made");

  EXPECT_TRUE(Code::IsKnown("code-test-made"));
  EXPECT_TRUE(Code::IsKnown(""));
}

TEST(CodeTest, TheEmptyCodeIsTheDefault) {
  EXPECT_TRUE(Code().empty());
  EXPECT_EQ(Code(), Code(""));
  EXPECT_EQ(Code().str(), "");
  EXPECT_FALSE(Code("a").empty());
}

TEST(CodeTest, OrdersByText) {
  // Made in the opposite order of the text, so an order by address would be wrong.
  const Code zeta = "zeta";
  const Code alpha = "alpha";
  std::map<Code, int> by_code{{zeta, 1}, {alpha, 2}, {Code(), 3}};

  std::vector<std::string> texts;
  texts.reserve(by_code.size());
  for (const auto& [code, value] : by_code) texts.push_back(code.str());

  EXPECT_EQ(texts, (std::vector<std::string>{"", "alpha", "zeta"}));
  EXPECT_LT(alpha, zeta);
  EXPECT_GT(Code("b"), Code("a"));
}

TEST(CodeTest, ThreadsMakingTheSameCodesAgree) {
  constexpr std::size_t kThreads = 4;
  constexpr int kCodes = 200;
  std::vector<std::vector<Code>> made(kThreads);

  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (std::vector<Code>& codes : made) {
    threads.emplace_back([&codes] {
      codes.reserve(kCodes);
      for (int i = 0; i < kCodes; ++i) codes.emplace_back("thread-test-" + std::to_string(i));
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (const std::vector<Code>& codes : made) EXPECT_EQ(codes, made[0]);
}

}  // namespace
}  // namespace commesso
