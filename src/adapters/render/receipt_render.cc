#include "adapters/render/receipt_render.h"

#include "adapters/render/receipt_layout.h"

// ReceiptText, ReceiptHtml and ReceiptPdf live in receipt_text.cc, receipt_html.cc and
// receipt_pdf.cc; all of them arrange the one ReceiptLayout of the document.
namespace commesso::render {

std::string ReceiptSubject(const Document& document) { return LayoutOf(document).subject; }

}  // namespace commesso::render
