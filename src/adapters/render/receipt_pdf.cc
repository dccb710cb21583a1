// The PDF rendering: an A4 page (or several) drawn with cairo, text set by pango.
//
// The drawing helpers are pdf_canvas.h's. The page is written top to bottom by a cursor: each
// block asks for its height first, and when it does not fit above the footer the page ends
// and a new one starts, with the document's title and number at the top and, inside the line
// table, the table's header again.
//
// Rendering is deterministic: the metadata dates are the document's date of issue, not the
// time of rendering, so the same document always gives the same bytes.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>

#include "adapters/render/pdf_canvas.h"
#include "adapters/render/receipt_layout.h"
#include "adapters/render/receipt_render.h"

namespace commesso::render {
namespace {

// A receipt's pages: the running head is its title and number, the footer its number and
// the page's.
class Pdf final : public PdfCanvas {
 public:
  Pdf(cairo_surface_t* surface, const ReceiptLayout& layout)
      : PdfCanvas(surface, layout.title + " " + layout.number), receipt_(layout) {}

  void Footer() override {
    const std::string text =
        receipt_.number + " \u2013 " + receipt_.page + " " + std::to_string(page());
    Draw(text, kMargin, kFooterTop, kContentWidth, kMuted, Align::kRight);
  }

 private:
  const ReceiptLayout& receipt_;
};

// Labels on the left of `width`, values on its right, one row each, starting at `x`.
double LabeledRows(Pdf& pdf, const std::vector<Labeled>& rows, double x, double y, double width,
                   Style value_style = kBody) {
  double top = y;
  for (const Labeled& row : rows) {
    const double label = pdf.Draw(row.label, x, top, width * 0.5, kMuted);
    const double value =
        pdf.Draw(row.value, x + width * 0.4, top, width * 0.6, value_style, Align::kRight);
    top += std::max(label, value) + 2.0;
  }
  return top - y;
}

void Header(Pdf& pdf, const ReceiptLayout& layout) {
  const double half = kContentWidth / 2;
  double left = pdf.y();
  for (std::size_t i = 0; i < layout.seller.size(); ++i) {
    const Style style = i == 0 ? Style{.size = 13.0, .weight = Weight::kBold} : kMuted;
    left += pdf.Draw(layout.seller[i], kMargin, left, half - kGap, style) + 1.0;
  }
  const double x = kMargin + half;
  double right = pdf.y();
  right += pdf.Draw(layout.title, x, right, half, {.size = 18.0, .weight = Weight::kBold},
                    Align::kRight);
  right += pdf.Draw(layout.number, x, right, half, {.size = 12.0, .weight = Weight::kBold},
                    Align::kRight);
  right += 6.0;
  right += LabeledRows(pdf, layout.references, x + half * 0.3, right, half * 0.7);
  pdf.Advance(std::max(left, right) - pdf.y() + kSection);
  pdf.HorizontalRule(pdf.y() - kSection / 2);
}

void Parties(Pdf& pdf, const ReceiptLayout& layout) {
  std::vector<const Block*> blocks{&layout.customer, &layout.billing};
  if (layout.delivery) blocks.push_back(&*layout.delivery);
  const double width = (kContentWidth - 2 * kGap) / 3;
  double tallest = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const double x = kMargin + static_cast<double>(i) * (width + kGap);
    double y = pdf.y();
    y += pdf.Draw(blocks[i]->heading, x, y, width, kHeading) + 2.0;
    for (const std::string& line : blocks[i]->lines) y += pdf.Draw(line, x, y, width, kBody);
    tallest = std::max(tallest, y - pdf.y());
  }
  pdf.Advance(tallest + kSection);
}

// The x positions and widths of the line table's columns.
struct LineColumns {
  double quantity_x = kMargin, quantity = 58;
  double item_x = 0, item = 0;
  double price_x = 0, price = 78;
  double rate_x = 0, rate = 52;
  double amount_x = 0, amount = 84;
};

LineColumns ColumnsOfLines() {
  LineColumns columns;
  columns.item =
      kContentWidth - columns.quantity - columns.price - columns.rate - columns.amount - 4 * kGap;
  columns.item_x = columns.quantity_x + columns.quantity + kGap;
  columns.price_x = columns.item_x + columns.item + kGap;
  columns.rate_x = columns.price_x + columns.price + kGap;
  columns.amount_x = columns.rate_x + columns.rate + kGap;
  return columns;
}

void LineHeader(Pdf& pdf, const ReceiptLayout& layout, const LineColumns& columns) {
  const LineHeadings& headings = layout.headings;
  const double y = pdf.y();
  double height = pdf.Draw(headings.quantity, columns.quantity_x, y, columns.quantity, kHeading);
  height = std::max(height, pdf.Draw(headings.item, columns.item_x, y, columns.item, kHeading));
  height = std::max(height, pdf.Draw(headings.unit_price, columns.price_x, y, columns.price,
                                     kHeading, Align::kRight));
  height = std::max(
      height, pdf.Draw(headings.rate, columns.rate_x, y, columns.rate, kHeading, Align::kRight));
  height = std::max(height, pdf.Draw(headings.amount, columns.amount_x, y, columns.amount, kHeading,
                                     Align::kRight));
  pdf.Advance(height + 3.0);
  pdf.HorizontalRule(pdf.y(), 1.0, kInk);
  pdf.Advance(4.0);
}

void Lines(Pdf& pdf, const ReceiptLayout& layout) {
  const LineColumns columns = ColumnsOfLines();
  pdf.Fit(40.0);
  LineHeader(pdf, layout, columns);
  for (const LayoutLine& line : layout.lines) {
    const std::string sku = layout.headings.sku + " " + line.sku;
    const double appointment =
        line.appointment.empty() ? 0.0 : pdf.Measure(line.appointment, columns.item, kMuted);
    const double height = std::max(pdf.Measure(line.name, columns.item, kBody) +
                                       pdf.Measure(sku, columns.item, kMuted) + appointment,
                                   pdf.Measure(line.quantity, columns.quantity, kBody));
    if (pdf.Fit(height + 6.0)) LineHeader(pdf, layout, columns);
    const double y = pdf.y();
    pdf.Draw(line.quantity, columns.quantity_x, y, columns.quantity, kBody);
    const double name = pdf.Draw(line.name, columns.item_x, y, columns.item, kBody);
    const double under = pdf.Draw(sku, columns.item_x, y + name, columns.item, kMuted);
    if (!line.appointment.empty()) {
      pdf.Draw(line.appointment, columns.item_x, y + name + under, columns.item, kMuted);
    }
    pdf.Draw(line.unit_price, columns.price_x, y, columns.price, kBody, Align::kRight);
    pdf.Draw(line.rate, columns.rate_x, y, columns.rate, kBody, Align::kRight);
    pdf.Draw(line.amount, columns.amount_x, y, columns.amount, kBody, Align::kRight);
    pdf.Advance(height + 3.0);
    pdf.HorizontalRule(pdf.y());
    pdf.Advance(3.0);
  }
  if (layout.shipping) {
    const double height = pdf.Measure(layout.shipping->label, columns.item, kBody);
    if (pdf.Fit(height + 6.0)) LineHeader(pdf, layout, columns);
    const double y = pdf.y();
    pdf.Draw(layout.shipping->label, columns.item_x, y, columns.item, kBody);
    pdf.Draw(layout.shipping->value, columns.amount_x - 60.0, y, columns.amount + 60.0, kBody,
             Align::kRight);
    pdf.Advance(height + 3.0);
    pdf.HorizontalRule(pdf.y());
  }
  pdf.Advance(kSection);
}

void Totals(Pdf& pdf, const ReceiptLayout& layout) {
  const double width = kContentWidth * 0.45;
  const double x = kMargin + kContentWidth - width;
  pdf.Fit(static_cast<double>(layout.totals.size()) * 14.0 + 40.0);
  for (std::size_t i = 0; i < layout.totals.size(); ++i) {
    const Labeled& total = layout.totals[i];
    if (i + 1 < layout.totals.size()) {
      pdf.Advance(LabeledRows(pdf, {total}, x, pdf.y(), width));
      continue;
    }
    pdf.Advance(3.0);
    pdf.Rule(x, pdf.y(), width, 1.0, kInk);
    pdf.Advance(4.0);
    const Style grand{.size = 13.0, .weight = Weight::kBold};
    const double label = pdf.Draw(total.label, x, pdf.y(), width * 0.5, grand);
    const double value =
        pdf.Draw(total.value, x + width * 0.3, pdf.y(), width * 0.7, grand, Align::kRight);
    pdf.Advance(std::max(label, value) + 2.0);
  }
  if (!layout.price_mode.empty()) {
    pdf.Advance(pdf.Draw(layout.price_mode, x, pdf.y(), width, kMuted, Align::kRight));
  }
  pdf.Advance(kSection);
}

void Taxes(Pdf& pdf, const ReceiptLayout& layout) {
  if (layout.taxes.empty()) return;
  const double width = kContentWidth * 0.6;
  const double column = (width - 2 * kGap) / 3;
  pdf.Fit(40.0 + 14.0 * static_cast<double>(layout.taxes.size()));
  pdf.Advance(pdf.Draw(layout.tax_heading, kMargin, pdf.y(), width, kHeading) + 4.0);
  auto row = [&](const LayoutTaxRow& cells, Style style) {
    pdf.Fit(14.0);
    const double y = pdf.y();
    double height = pdf.Draw(cells.tax, kMargin, y, column, style);
    height = std::max(
        height, pdf.Draw(cells.base, kMargin + column + kGap, y, column, style, Align::kRight));
    height = std::max(height, pdf.Draw(cells.amount, kMargin + 2 * (column + kGap), y, column,
                                       style, Align::kRight));
    pdf.Advance(height + 3.0);
  };
  row(layout.tax_headings, kHeading);
  for (const LayoutTaxRow& cells : layout.taxes) row(cells, kBody);
  pdf.Advance(kSection);
}

void Closing(Pdf& pdf, const ReceiptLayout& layout) {
  const double width = kContentWidth * 0.6;
  pdf.Fit(14.0 * static_cast<double>(layout.payment.size()) + 10.0);
  pdf.Advance(LabeledRows(pdf, layout.payment, kMargin, pdf.y(), width) + kSection);
  if (!layout.exemption.empty()) {
    const double height = pdf.Measure(layout.exemption, kContentWidth, kBold);
    pdf.Fit(height);
    pdf.Advance(pdf.Draw(layout.exemption, kMargin, pdf.y(), kContentWidth, kBold) + kSection);
  }
  if (layout.notes) {
    pdf.Fit(30.0);
    pdf.Advance(pdf.Draw(layout.notes->heading, kMargin, pdf.y(), kContentWidth, kHeading) + 2.0);
    for (const std::string& line : layout.notes->lines) {
      const double height = pdf.Measure(line, kContentWidth, kBody);
      pdf.Fit(height);
      pdf.Advance(pdf.Draw(line, kMargin, pdf.y(), kContentWidth, kBody) + 2.0);
    }
    pdf.Advance(kSection);
  }
  pdf.Fit(14.0);
  pdf.Draw(layout.closing, kMargin, pdf.y(), kContentWidth, kMuted, Align::kCenter);
}

}  // namespace

Result<std::string> ReceiptPdf(const Document& document) {
  const ReceiptLayout layout = LayoutOf(document);
  std::string bytes;
  auto surface = NewPdfSurface(bytes);
  if (!surface) return Fail(std::move(surface.error()));
  const std::string date = IsoSeconds(document.issued_at);
  cairo_surface_t* pdf_surface = surface->get();
  cairo_pdf_surface_set_metadata(pdf_surface, CAIRO_PDF_METADATA_TITLE, layout.number.c_str());
  cairo_pdf_surface_set_metadata(pdf_surface, CAIRO_PDF_METADATA_SUBJECT, layout.subject.c_str());
  cairo_pdf_surface_set_metadata(pdf_surface, CAIRO_PDF_METADATA_AUTHOR,
                                 document.seller.name.c_str());
  cairo_pdf_surface_set_metadata(pdf_surface, CAIRO_PDF_METADATA_CREATOR, "commesso");
  cairo_pdf_surface_set_metadata(pdf_surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(pdf_surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  {
    Pdf pdf(pdf_surface, layout);
    Header(pdf, layout);
    Parties(pdf, layout);
    Lines(pdf, layout);
    Totals(pdf, layout);
    Taxes(pdf, layout);
    Closing(pdf, layout);
    pdf.Footer();
    if (auto drawn = pdf.Status(); !drawn) return Fail(std::move(drawn.error()));
  }
  if (auto finished = FinishPdf(pdf_surface); !finished) return Fail(std::move(finished.error()));
  return bytes;
}

}  // namespace commesso::render
