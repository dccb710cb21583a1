#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The line helpers of the plain-text renderings (receipt_text.cc, pick_list_text.cc).
//
// Widths are display columns counted in code points: on a monospaced printer the renderings'
// characters (accented letters, "€", "•", the tick box "☐") each take one column. Text wraps
// at spaces; a word longer than a line is split between code points, never inside one.
namespace commesso::render {

// The columns `text` takes.
int Width(std::string_view text);

// `count` spaces; none when `count` is not positive.
std::string Spaces(int count);

// `text` padded with spaces to `width` columns, on the right or on the left.
std::string PadRight(std::string_view text, int width);
std::string PadLeft(std::string_view text, int width);

// `word` cut into pieces of at most `width` code points; never empty.
std::vector<std::string> Split(std::string_view word, int width);

// `text` wrapped at spaces into lines of at most `width` columns; never empty.
std::vector<std::string> Wrap(std::string_view text, int width);

// The width of the widest word of `text`: wrapping narrower than that would split it.
int LongestWord(std::string_view text);

// `text` with the ASCII letters in upper case.
std::string Upper(std::string_view text);

// Lines of at most `columns` columns, each ending in "\n" and without trailing spaces.
class Sheet {
 public:
  explicit Sheet(int columns) : columns_(columns) {}

  int columns() const { return columns_; }
  std::string text() && { return std::move(text_); }

  void Line(std::string_view line);
  void Blank() { Line(""); }
  // A line of `c` across the sheet.
  void Rule(char c);
  // `text` wrapped, each line centred.
  void Centered(std::string_view text);
  // `text` wrapped, each line after `indent`.
  void Wrapped(std::string_view text, std::string_view indent = "");

  // `left` on the left (wrapped after `indent` when long), `right` right-aligned on the
  // last line of `left`; or `right` alone on the next line when beside it a word of `left`
  // would have to be split (an amount in the details of a line).
  void Pair(std::string_view left, std::string_view right, std::string_view indent = "");

 private:
  int columns_ = 0;
  std::string text_;
};

}  // namespace commesso::render
