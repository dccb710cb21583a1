#pragma once

#include <string>

namespace commesso::sqlite {

// The words of `text` as an FTS5 query in which every word must start a word of the row:
// "penna blu" gives "penna"* AND "blu"*. Words are split at ASCII punctuation and spaces and
// at common Unicode punctuation (’ « » – … and the like, which the tokenizer also drops); the
// result is empty when `text` has no word.
std::string PrefixQuery(const std::string& text);

}  // namespace commesso::sqlite
