#include "core/document.h"

#include <string>

namespace commesso {

std::string DocumentNumber(std::string_view series, int year, std::int64_t sequence) {
  std::string digits = std::to_string(sequence);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return std::string(series) + "-" + std::to_string(year) + "-" + digits;
}

std::string DocumentLocale(std::string_view customer_locale) {
  return customer_locale.starts_with("it") ? "it" : "en";
}

const char* Name(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kReceipt:
      return "receipt";
    case DocumentKind::kInvoice:
      return "invoice";
  }
  return "receipt";
}

std::optional<DocumentKind> ParseDocumentKind(std::string_view name) {
  if (name == "receipt") return DocumentKind::kReceipt;
  if (name == "invoice") return DocumentKind::kInvoice;
  return std::nullopt;
}

}  // namespace commesso
