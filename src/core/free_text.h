#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace commesso {

// Whether a free-text field may span lines.
enum class TextLines {
  kOne,   // Names, address lines, references: one line.
  kMany,  // An order's notes: tab, line feed and CR LF are allowed.
};

// Why `text`, typed by a person into a free-text field, may not be stored; nothing when it may.
// The first that applies of: a card number anywhere in it (kCardNumberProblem, card_number.h),
// malformed UTF-8, a control character (C0, DEL or C1, except what `lines` allows). Problems
// never repeat the text.
std::optional<std::string> FreeTextProblem(std::string_view text, TextLines lines);

}  // namespace commesso
