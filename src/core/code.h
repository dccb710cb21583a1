#pragma once

#include <compare>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace commesso {

// A word of the business's own small vocabulary, set by configuration or the catalog: a tax
// category, a tax component, a jurisdiction, a unit, a product category, a storage location.
// Codes are interned: every Code of the same text points at one immutable copy of it, kept
// for the life of the process. So a Code copies as a pointer, compares equal as a pointer
// and needs no destructor, which is what lets every priced line and tax trace carry its
// codes without copying strings (docs/decisions/0024-interned-codes.md). Making one from
// text looks the text up in a process-wide table (a hash and a shared lock), so codes are
// made where data enters (a catalog row, the rules, a stored order), not in loops.
//
// A Code reads like the string it replaced: it converts to `const std::string&` and compares
// with strings. Order is by text. Only bounded vocabularies belong here: a text that is
// different for every order or every item (a name, a note, a SKU) would grow the table for
// ever. Thread-safe.
class Code {
 public:
  // The empty code, "".
  constexpr Code() = default;
  // Implicit: a Code stands where a string stood (`.tax_category = "standard"`).
  // NOLINTBEGIN(google-explicit-constructor)
  Code(std::string_view text);
  Code(const std::string& text) : Code(std::string_view{text}) {}
  Code(const char* text) : Code(std::string_view{text}) {}
  operator const std::string&() const { return str(); }
  // NOLINTEND(google-explicit-constructor)

  // Whether a Code of `text` has been made (without making one): for tests that check that
  // refused input leaves nothing in the table.
  static bool IsKnown(std::string_view text);

  const std::string& str() const { return text_ != nullptr ? *text_ : Empty(); }
  std::string_view view() const { return str(); }
  bool empty() const { return text_ == nullptr; }
  std::size_t size() const { return str().size(); }

  // The same text is the same pointer, so equality needs no string comparison.
  friend bool operator==(const Code& a, const Code& b) { return a.text_ == b.text_; }
  friend bool operator==(const Code& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const Code& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const Code& a, const char* b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(const Code& a, const Code& b) {
    return a.text_ == b.text_ ? std::strong_ordering::equal : a.view() <=> b.view();
  }

 private:
  static const std::string& Empty();

  const std::string* text_ = nullptr;  // Into the table; null for "".
};

// The text, for logs and test failures.
std::ostream& operator<<(std::ostream& out, const Code& code);

}  // namespace commesso
