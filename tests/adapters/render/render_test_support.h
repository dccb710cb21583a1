#pragma once

#include <cstddef>
#include <cstdio>
#include <fstream>
#include <ios>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/utf8.h"
#include "support/temp_dir.h"

// What the rendering tests of receipts and pick lists share: reading a PDF back as text, and
// checking the lines of a plain-text rendering. Only for render_tests, which defines
// COMMESSO_PDFTOTEXT.
namespace commesso::testing {

// The text pdftotext (poppler-utils) reads from `pdf`, laid out as on the page.
inline std::string PdfToText(const std::string& pdf) {
  const std::string pdftotext = COMMESSO_PDFTOTEXT;
  if (pdftotext.empty()) {
    ADD_FAILURE() << "pdftotext was not found when configuring: install poppler-utils "
                     "(scripts/setup) and configure again";
    return "";
  }
  const TempDir directory;
  const std::string path = directory.File("rendering.pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  const std::string command = pdftotext + " -enc UTF-8 -layout '" + path + "' -";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
  if (!pipe) {
    ADD_FAILURE() << "cannot run " << command;
    return "";
  }
  std::string text;
  char buffer[4096];
  for (std::size_t read; (read = fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) {
    text.append(buffer, read);
  }
  return text;
}

// The pages of pdftotext's output, split at its form feeds, blank ones left out.
inline std::vector<std::string> PagesOf(const std::string& text) {
  std::vector<std::string> pages;
  std::istringstream stream(text);
  for (std::string page; std::getline(stream, page, '\f');) {
    if (page.find_first_not_of(" \n") != std::string::npos) pages.push_back(page);
  }
  return pages;
}

// The lines of `text`, without their "\n".
inline std::vector<std::string> LinesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// Expects `text` to end in "\n" and each of its lines to fit `columns` code points.
inline void ExpectWithin(const std::string& text, int columns) {
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  for (const std::string& line : LinesOf(text)) {
    EXPECT_LE(CharacterCount(line), static_cast<std::size_t>(columns))
        << "at " << columns << " columns: \"" << line << "\"";
  }
}

}  // namespace commesso::testing
