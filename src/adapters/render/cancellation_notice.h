#pragma once

#include <string>

#include "core/document.h"

// The e-mail that tells a customer who had the receipt of an order that the order was
// cancelled (docs/receipts.md, "Cancelled orders"), in the receipt's own locale. Pure functions
// of the receipt: the same receipt gives the same notice. No prices, no attachment: the notice
// says what happened and whom to ask, the receipt it names says the rest.
namespace commesso::render {

// "Ordine 2026-000123 annullato – ricevuta R-2026-000001" /
// "Order 2026-000123 cancelled – receipt R-2026-000001".
std::string CancellationSubject(const Document& receipt);

// Plain text, every line at most `columns` wide (32..120), lines ending in "\n".
std::string CancellationText(const Document& receipt, int columns);

// A complete HTML page with inline styles only, every value escaped.
std::string CancellationHtml(const Document& receipt);

}  // namespace commesso::render
