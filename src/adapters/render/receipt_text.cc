// The plain-text rendering: a receipt for an e-mail body or a thermal printer.
//
// Every line fits `columns` display columns, counted in code points (the receipt's
// characters, accented letters, "€" and "•", each take one column on a monospaced printer).
// Names wrap at spaces (a word longer than a line is split); amounts are never split: each
// amount contains no ordinary space (FormatMoney puts a no-break space before "€"), and a
// label with its amount is laid out as "label … amount" with the amount right-aligned, on
// the label's last line when the label needs several.
//
// Wide paper (the line table's item column keeps at least kMinItemColumns) gets a table:
// quantity, item with its SKU below, price, rate, amount. Narrow paper gets two lines per
// order line: the name, then the SKU, quantity × price and rate with the amount on the right.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/render/receipt_layout.h"
#include "adapters/render/receipt_render.h"
#include "adapters/render/text_columns.h"

namespace commesso::render {
namespace {

constexpr int kMinColumns = 32;
constexpr int kMaxColumns = 120;
constexpr int kMinItemColumns = 20;
constexpr std::string_view kGap = "  ";
constexpr std::string_view kIndent = "  ";

void Header(Sheet& sheet, const ReceiptLayout& layout) {
  for (const std::string& line : layout.seller) sheet.Centered(line);
  sheet.Rule('=');
  sheet.Pair(Upper(layout.title), layout.number);
  for (const Labeled& reference : layout.references) sheet.Pair(reference.label, reference.value);
  sheet.Rule('-');
}

void Parties(Sheet& sheet, const ReceiptLayout& layout) {
  std::vector<const Block*> blocks{&layout.customer, &layout.billing};
  if (layout.delivery) blocks.push_back(&*layout.delivery);
  for (const Block* block : blocks) {
    if (block->lines.empty()) continue;
    sheet.Line(block->heading);
    for (const std::string& line : block->lines) sheet.Wrapped(line, kIndent);
  }
  sheet.Rule('-');
}

// The widths of the line table's columns other than the item, from its headings and values.
struct LineWidths {
  int quantity = 0, unit_price = 0, rate = 0, amount = 0, item = 0;
};

LineWidths WidthsOf(const ReceiptLayout& layout, int columns) {
  LineWidths widths{.quantity = Width(layout.headings.quantity),
                    .unit_price = Width(layout.headings.unit_price),
                    .rate = Width(layout.headings.rate),
                    .amount = Width(layout.headings.amount)};
  for (const LayoutLine& line : layout.lines) {
    widths.quantity = std::max(widths.quantity, Width(line.quantity));
    widths.unit_price = std::max(widths.unit_price, Width(line.unit_price));
    widths.rate = std::max(widths.rate, Width(line.rate));
    widths.amount = std::max(widths.amount, Width(line.amount));
  }
  widths.item =
      columns - widths.quantity - widths.unit_price - widths.rate - widths.amount - 4 * Width(kGap);
  return widths;
}

void LineTable(Sheet& sheet, const ReceiptLayout& layout, const LineWidths& widths) {
  const std::string gap(kGap);
  auto row = [&](std::string_view quantity, std::string_view item, std::string_view price,
                 std::string_view rate, std::string_view amount) {
    sheet.Line(PadRight(quantity, widths.quantity) + gap + PadRight(item, widths.item) + gap +
               PadLeft(price, widths.unit_price) + gap + PadLeft(rate, widths.rate) + gap +
               PadLeft(amount, widths.amount));
  };
  const LineHeadings& headings = layout.headings;
  row(headings.quantity, headings.item, headings.unit_price, headings.rate, headings.amount);
  sheet.Rule('-');
  for (const LayoutLine& line : layout.lines) {
    std::vector<std::string> names = Wrap(line.name, widths.item);
    row(line.quantity, names[0], line.unit_price, line.rate, line.amount);
    for (std::size_t i = 1; i < names.size(); ++i) row("", names[i], "", "", "");
    for (const std::string& sku : Wrap(headings.sku + " " + line.sku, widths.item)) {
      row("", sku, "", "", "");
    }
    if (line.appointment.empty()) continue;
    for (const std::string& part : Wrap(line.appointment, widths.item)) row("", part, "", "", "");
  }
}

void LineList(Sheet& sheet, const ReceiptLayout& layout) {
  sheet.Pair(layout.headings.item, layout.headings.amount);
  sheet.Rule('-');
  for (const LayoutLine& line : layout.lines) {
    sheet.Wrapped(line.name);
    // No-break spaces keep "3 pz × 12,50 €" on one line.
    const std::string details =
        line.sku + " " + line.quantity + "\u00a0\u00d7\u00a0" + line.unit_price + " " + line.rate;
    sheet.Pair(details, line.amount, kIndent);
    if (!line.appointment.empty()) sheet.Wrapped(line.appointment, kIndent);
  }
}

void Lines(Sheet& sheet, const ReceiptLayout& layout) {
  const LineWidths widths = WidthsOf(layout, sheet.columns());
  if (widths.item >= kMinItemColumns) {
    LineTable(sheet, layout, widths);
  } else {
    LineList(sheet, layout);
  }
  sheet.Rule('-');
  if (layout.shipping) {
    sheet.Pair(layout.shipping->label, layout.shipping->value);
    sheet.Rule('-');
  }
}

void Totals(Sheet& sheet, const ReceiptLayout& layout) {
  for (std::size_t i = 0; i < layout.totals.size(); ++i) {
    const Labeled& total = layout.totals[i];
    if (i + 1 == layout.totals.size()) {
      sheet.Rule('=');
      sheet.Pair(Upper(total.label), total.value);
    } else {
      sheet.Pair(total.label, total.value);
    }
  }
  if (!layout.price_mode.empty()) sheet.Wrapped(layout.price_mode);
  sheet.Rule('-');
}

void Taxes(Sheet& sheet, const ReceiptLayout& layout) {
  if (layout.taxes.empty()) return;
  sheet.Line(layout.tax_heading);
  int tax = Width(layout.tax_headings.tax);
  int base = Width(layout.tax_headings.base);
  int amount = Width(layout.tax_headings.amount);
  for (const LayoutTaxRow& row : layout.taxes) {
    tax = std::max(tax, Width(row.tax));
    base = std::max(base, Width(row.base));
    amount = std::max(amount, Width(row.amount));
  }
  const int first = sheet.columns() - base - amount - 2 * Width(kGap);
  if (first >= tax) {
    const std::string gap(kGap);
    auto row = [&](const LayoutTaxRow& cells) {
      sheet.Line(PadRight(cells.tax, first) + PadLeft(cells.base, base) + gap +
                 PadLeft(cells.amount, amount));
    };
    row(layout.tax_headings);
    for (const LayoutTaxRow& cells : layout.taxes) row(cells);
  } else {
    for (const LayoutTaxRow& cells : layout.taxes) {
      sheet.Line(cells.tax);
      sheet.Pair(layout.tax_headings.base, cells.base, kIndent);
      sheet.Pair(layout.tax_headings.amount, cells.amount, kIndent);
    }
  }
  sheet.Rule('-');
}

void Closing(Sheet& sheet, const ReceiptLayout& layout) {
  for (const Labeled& row : layout.payment) sheet.Pair(row.label, row.value);
  sheet.Rule('-');
  if (!layout.exemption.empty()) {
    sheet.Wrapped(layout.exemption);
    sheet.Rule('-');
  }
  if (layout.notes) {
    sheet.Line(layout.notes->heading);
    for (const std::string& paragraph : layout.notes->lines) sheet.Wrapped(paragraph, kIndent);
    sheet.Rule('-');
  }
  sheet.Centered(layout.closing);
}

}  // namespace

std::string ReceiptText(const Document& document, int columns) {
  const ReceiptLayout layout = LayoutOf(document);
  Sheet sheet(std::clamp(columns, kMinColumns, kMaxColumns));
  Header(sheet, layout);
  Parties(sheet, layout);
  Lines(sheet, layout);
  Totals(sheet, layout);
  Taxes(sheet, layout);
  Closing(sheet, layout);
  return std::move(sheet).text();
}

}  // namespace commesso::render
