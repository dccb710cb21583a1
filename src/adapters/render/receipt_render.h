#pragma once

#include <string>

#include "core/document.h"
#include "core/result.h"

// The renderings of a receipt or invoice, in the document's own locale (Document::locale).
// Each is a pure function of the document: rendering it again gives the same bytes, so a
// re-sent receipt is the same receipt. All of them state the same numbers as the order's
// pricing trace (lines, tax summary per rate, shipping, totals, payment, change).
namespace commesso::render {

// Plain text for an e-mail body or a thermal printer: every line at most `columns` wide
// (42 or 80; anything from 32 to 120 works), UTF-8, lines ending in "\n".
std::string ReceiptText(const Document& document, int columns);

// A complete HTML page for an e-mail's HTML part and the console's receipt view: inline
// styles only (e-mail clients drop <style> and external CSS), every value escaped.
std::string ReceiptHtml(const Document& document);

// An A4 PDF with embedded fonts that cover accented letters and the euro sign.
// kInternal when the PDF library fails.
Result<std::string> ReceiptPdf(const Document& document);

// The e-mail subject: "Ricevuta R-2026-000001 – ordine 2026-000123" / "Receipt …, order …".
std::string ReceiptSubject(const Document& document);

}  // namespace commesso::render
