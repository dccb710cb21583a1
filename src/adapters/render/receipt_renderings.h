#pragma once

#include <string>

#include "app/ports/receipt_renderings.h"

namespace commesso::render {

// The ReceiptRenderings port over the rendering functions of receipt_render.h and
// cancellation_notice.h. Stateless;
// thread-safe.
class DocumentRenderings final : public ReceiptRenderings {
 public:
  std::string Subject(const Document& document) const override;
  std::string Text(const Document& document, int columns) const override;
  std::string Html(const Document& document) const override;
  Result<std::string> Pdf(const Document& document) const override;
  CancellationNotice Cancellation(const Document& receipt, int columns) const override;
};

}  // namespace commesso::render
