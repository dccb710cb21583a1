#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/document.h"

// What a receipt or invoice says, once, as text already formatted for the document's locale.
// The text, HTML and PDF renderings only arrange these strings, so the three always state
// the same numbers: every amount here came from json::FormatMoney and from the order's
// pricing, never from arithmetic of the renderers.
namespace commesso::render {

// A label and its value: "Data" "05/03/2026", "Resto" "2,50 €".
struct Labeled {
  std::string label;
  std::string value;
  friend bool operator==(const Labeled&, const Labeled&) = default;
};

// A heading and the lines under it (a party or an address).
struct Block {
  std::string heading;
  std::vector<std::string> lines{};
  friend bool operator==(const Block&, const Block&) = default;
};

// One order line.
struct LayoutLine {
  std::string quantity;  // "3 pz": the quantity and its unit.
  std::string name;      // In the document's language.
  std::string sku;
  std::string unit_price;  // In the order's price mode.
  std::string amount;
  std::string rate;  // "22%", the sum of the line's tax rates; "esente" when exempt.
  // Printed under the line: "Appuntamento il 3 dicembre 2026 tra le 9:00 e le 12:00"; empty
  // unless the line is a service with an appointment.
  std::string appointment{};
  friend bool operator==(const LayoutLine&, const LayoutLine&) = default;
};

// One row of the tax summary: per component and rate.
struct LayoutTaxRow {
  std::string tax;  // "IVA 22%".
  std::string base;
  std::string amount;
  friend bool operator==(const LayoutTaxRow&, const LayoutTaxRow&) = default;
};

// The column headings of the line table.
struct LineHeadings {
  std::string quantity, item, sku, unit_price, rate, amount;
  friend bool operator==(const LineHeadings&, const LineHeadings&) = default;
};

// The whole document, top to bottom.
struct ReceiptLayout {
  std::string language;  // "it" or "en".
  std::string title;     // "Ricevuta", "Invoice".
  std::string number;    // "R-2026-000001".
  std::string subject;   // The e-mail subject: "Ricevuta R-2026-000001 – ordine 2026-000123".
  std::string page;      // "pagina", "page": continuation pages say "R-… – pagina 2".
  std::vector<std::string> seller{};  // Name first, then address, tax id, e-mail, phone.
  // Date of issue, order number, order date, and the promised dispatch day when there is one.
  std::vector<Labeled> references{};
  Block customer{};
  Block billing{};
  std::optional<Block> delivery{};  // Absent when nothing is shipped or collected.
  LineHeadings headings{};
  std::vector<LayoutLine> lines{};
  std::optional<Labeled> shipping{};  // The method's name and its charge, or "gratuita".
  std::vector<Labeled> totals{};      // Items, shipping, net, tax, grand total (the last).
  std::string price_mode;             // "Prezzi IVA inclusa", "Prices excluding VAT".
  std::string tax_heading;            // "Riepilogo imposte".
  LayoutTaxRow tax_headings{};        // The column headings of the tax summary.
  std::vector<LayoutTaxRow> taxes{};  // Empty when no tax applies.
  std::string exemption;              // Empty unless the customer is tax-exempt.
  // "Pagamento" with the type (and card), then reference, tendered and change, status.
  std::vector<Labeled> payment{};
  std::optional<Block> notes{};  // The order's notes, one line per paragraph.
  std::string closing;           // "Grazie per l'acquisto."
  friend bool operator==(const ReceiptLayout&, const ReceiptLayout&) = default;
};

// Builds the layout of `document` in its own language (Document::locale).
ReceiptLayout LayoutOf(const Document& document);

}  // namespace commesso::render
