#include "adapters/render/receipt_renderings.h"

#include "adapters/render/cancellation_notice.h"
#include "adapters/render/receipt_render.h"

namespace commesso::render {

std::string DocumentRenderings::Subject(const Document& document) const {
  return ReceiptSubject(document);
}

std::string DocumentRenderings::Text(const Document& document, int columns) const {
  return ReceiptText(document, columns);
}

std::string DocumentRenderings::Html(const Document& document) const {
  return ReceiptHtml(document);
}

Result<std::string> DocumentRenderings::Pdf(const Document& document) const {
  return ReceiptPdf(document);
}

CancellationNotice DocumentRenderings::Cancellation(const Document& receipt, int columns) const {
  return CancellationNotice{.subject = CancellationSubject(receipt),
                            .text = CancellationText(receipt, columns),
                            .html = CancellationHtml(receipt)};
}

}  // namespace commesso::render
