// Writes the sample renderings shown in docs/receipts.md into the directory given as the only
// argument: receipt-42-it.txt, receipt-80-en.txt, receipt-it.html, receipt-it.pdf and
// receipt-en.pdf, all from fixture orders priced by PriceOrder.
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "adapters/render/receipt_fixtures.h"
#include "adapters/render/receipt_render.h"

namespace {

using commesso::Document;
using commesso::testing::EnglishSample;
using commesso::testing::ItalianSample;

bool Write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary);
  file << bytes;
  return static_cast<bool>(file);
}

int Samples(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: receipt_samples <directory>\n";
    return 2;
  }
  const std::filesystem::path directory = argv[1];
  std::filesystem::create_directories(directory);
  const Document italian = ItalianSample();
  const Document english = EnglishSample();
  auto italian_pdf = commesso::render::ReceiptPdf(italian);
  auto english_pdf = commesso::render::ReceiptPdf(english);
  if (!italian_pdf || !english_pdf) {
    std::cerr << "receipt_samples: the PDF could not be rendered\n";
    return 1;
  }
  const bool written =
      Write(directory / "receipt-42-it.txt", commesso::render::ReceiptText(italian, 42)) &&
      Write(directory / "receipt-80-en.txt", commesso::render::ReceiptText(english, 80)) &&
      Write(directory / "receipt-it.html", commesso::render::ReceiptHtml(italian)) &&
      Write(directory / "receipt-it.pdf", *italian_pdf) &&
      Write(directory / "receipt-en.pdf", *english_pdf);
  if (!written) {
    std::cerr << "receipt_samples: cannot write to " << directory << "\n";
    return 1;
  }
  std::cout << "receipt_samples: wrote the samples to " << directory << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Samples(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "receipt_samples: " << error.what() << "\n";
    return 1;
  }
}
