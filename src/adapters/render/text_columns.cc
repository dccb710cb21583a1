#include "adapters/render/text_columns.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.h"

namespace commesso::render {

int Width(std::string_view text) { return static_cast<int>(CharacterCount(text)); }

std::string Spaces(int count) {
  return std::string(static_cast<std::size_t>(std::max(count, 0)), ' ');
}

std::string PadRight(std::string_view text, int width) {
  return std::string(text) + Spaces(width - Width(text));
}

std::string PadLeft(std::string_view text, int width) {
  return Spaces(width - Width(text)) + std::string(text);
}

std::vector<std::string> Split(std::string_view word, int width) {
  std::vector<std::string> pieces{std::string()};
  int used = 0;
  for (std::size_t i = 0; i < word.size();) {
    std::size_t length = 1;
    while (i + length < word.size() &&
           (static_cast<unsigned char>(word[i + length]) & 0xC0U) == 0x80U) {
      ++length;
    }
    if (used == width) {
      pieces.emplace_back();
      used = 0;
    }
    pieces.back() += word.substr(i, length);
    ++used;
    i += length;
  }
  return pieces;
}

std::vector<std::string> Wrap(std::string_view text, int width) {
  std::vector<std::string> lines{std::string()};
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    for (const std::string& piece : Split(word, width)) {
      std::string& line = lines.back();
      if (line.empty()) {
        line = piece;
      } else if (Width(line) + 1 + Width(piece) <= width) {
        line += " " + piece;
      } else {
        lines.push_back(piece);
      }
    }
  }
  return lines;
}

int LongestWord(std::string_view text) {
  int longest = 0;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    longest = std::max(longest, Width(text.substr(start, end - start)));
    start = end + 1;
  }
  return longest;
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

void Sheet::Line(std::string_view line) {
  std::string trimmed(line);
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
  text_ += trimmed;
  text_ += '\n';
}

void Sheet::Rule(char c) { Line(std::string(static_cast<std::size_t>(columns_), c)); }

void Sheet::Centered(std::string_view text) {
  for (const std::string& line : Wrap(text, columns_)) {
    Line(Spaces((columns_ - Width(line)) / 2) + line);
  }
}

void Sheet::Wrapped(std::string_view text, std::string_view indent) {
  for (const std::string& line : Wrap(text, columns_ - Width(indent))) {
    Line(std::string(indent) + line);
  }
}

void Sheet::Pair(std::string_view left, std::string_view right, std::string_view indent) {
  const int room = columns_ - Width(indent) - Width(right) - 1;
  if (room < LongestWord(left)) {
    Wrapped(left, indent);
    Line(PadLeft(right, columns_));
    return;
  }
  std::vector<std::string> lines = Wrap(left, room);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) Line(std::string(indent) + lines[i]);
  const std::string last = std::string(indent) + lines.back();
  Line(last + PadLeft(right, columns_ - Width(last)));
}

}  // namespace commesso::render
