#pragma once

#include <string>

#include "core/document.h"
#include "core/result.h"

namespace commesso {

// The e-mail that tells a customer who had a receipt that its order was cancelled.
struct CancellationNotice {
  std::string subject;
  std::string text;  // Plain text, every line at most the columns asked for.
  std::string html;
  friend bool operator==(const CancellationNotice&, const CancellationNotice&) = default;
};

// The renderings of a document that an e-mail carries, in the document's own locale. Each is
// a pure function of the document, so a re-sent receipt is the same receipt. Thread-safe.
class ReceiptRenderings {
 public:
  virtual ~ReceiptRenderings() = default;

  virtual std::string Subject(const Document& document) const = 0;
  // Plain text, every line at most `columns` wide.
  virtual std::string Text(const Document& document, int columns) const = 0;
  virtual std::string Html(const Document& document) const = 0;
  // kInternal when the PDF cannot be made.
  virtual Result<std::string> Pdf(const Document& document) const = 0;
  // The notice that the order of `receipt` was cancelled (docs/receipts.md, "Cancelled
  // orders"), in the receipt's locale; its text at most `columns` wide.
  virtual CancellationNotice Cancellation(const Document& receipt, int columns) const = 0;
};

}  // namespace commesso
