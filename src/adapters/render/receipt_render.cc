// PLACEHOLDER until the renderings land: just enough for the routes and the mailer to build.
#include "adapters/render/receipt_render.h"

namespace commesso::render {

std::string ReceiptText(const Document& document, int) { return document.number + "\n"; }

std::string ReceiptHtml(const Document& document) {
  return "<!doctype html><html><body><p>" + document.number + "</p></body></html>";
}

Result<std::string> ReceiptPdf(const Document& document) {
  return "%PDF-1.4\n% " + document.number;
}

std::string ReceiptSubject(const Document& document) { return document.number; }

}  // namespace commesso::render
