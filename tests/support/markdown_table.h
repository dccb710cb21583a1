#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace commesso::testing {

// The trimmed cells of one Markdown table row: "| a | b |" gives {"a", "b"}.
inline std::vector<std::string> MarkdownCells(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line.substr(1));
  std::string cell;
  while (std::getline(stream, cell, '|')) {
    const std::size_t first = cell.find_first_not_of(' ');
    const std::size_t last = cell.find_last_not_of(' ');
    cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  return cells;
}

// The rows of the first table in the file at `path` whose header line starts with `header`:
// the header's cells first, then each body row's (the "| ---" line left out). Empty when the
// file or the table is missing.
inline std::vector<std::vector<std::string>> MarkdownTable(const std::string& path,
                                                           std::string_view header) {
  std::ifstream file(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(file, line)) {
    if (rows.empty() && !line.starts_with(header)) continue;
    if (!rows.empty() && !line.starts_with("|")) break;
    if (!line.starts_with("| ---")) rows.push_back(MarkdownCells(line));
  }
  return rows;
}

}  // namespace commesso::testing
