#pragma once

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace commesso {

// An immutable text that every copy shares: copying one takes a reference (an atomic
// increment) instead of copying the characters. For texts that are copied far more often than
// they are made, such as a catalog item's names, which every order line that snapshots the item
// copies (docs/decisions/0024-interned-codes.md). Unlike a Code it is not interned: two
// SharedTexts made from the same text are two copies, and the last copy frees its text.
//
// It reads like the std::string it replaced: it converts to `const std::string&` and
// compares by text. Thread-safe as std::shared_ptr is: copies may be used and dropped on
// different threads.
class SharedText {
 public:
  // The empty text, "".
  SharedText() = default;
  // Implicit: a SharedText stands where a string stood (`.it = "Vite"`).
  // NOLINTBEGIN(google-explicit-constructor)
  SharedText(std::string text);
  SharedText(const char* text) : SharedText(std::string{text}) {}
  operator const std::string&() const { return str(); }
  // NOLINTEND(google-explicit-constructor)
  explicit SharedText(std::string_view text) : SharedText(std::string{text}) {}

  const std::string& str() const { return text_ != nullptr ? *text_ : Empty(); }
  std::string_view view() const { return str(); }
  bool empty() const { return text_ == nullptr; }
  std::size_t size() const { return str().size(); }

  friend bool operator==(const SharedText& a, const SharedText& b) {
    return a.text_ == b.text_ || a.str() == b.str();
  }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const SharedText& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const SharedText& a, const char* b) { return a.view() == b; }

 private:
  static const std::string& Empty();

  // Shared by every copy of this text, and never changed: null for "".
  std::shared_ptr<const std::string> text_;
};

// The text, for logs and test failures.
std::ostream& operator<<(std::ostream& out, const SharedText& text);

}  // namespace commesso
