// The PDF rendering of a pick list: A4 pages drawn with cairo, text set by pango in DejaVu
// Sans, with the drawing helpers receipt_pdf.cc uses (pdf_canvas.h).
//
// The list is written top to bottom by a cursor; a SKU's row starts on a new page when it
// does not fit together with its first need, and every page after the first repeats the
// title and the column headings. Each page's footer says "pagina 2 di 5", so the pages are
// laid out twice: once to count them, once to draw them with the count (the layout never
// depends on the count, so both passes break the pages at the same places).
//
// Rendering is deterministic: the metadata dates are the list's generation time, so the same
// list always gives the same bytes.
#include <algorithm>
#include <string>
#include <utility>

#include <cairo-pdf.h>
#include <cairo.h>

#include "adapters/render/pdf_canvas.h"
#include "adapters/render/pick_list_layout.h"
#include "adapters/render/pick_list_render.h"

namespace commesso::render {
namespace {

// The x positions and widths of the columns: a SKU's row on top (its location first, when the
// list has locations), its needs indented under it.
struct Columns {
  double location_x = kMargin, location = 0;
  double sku_x = kMargin, sku = 120;
  double total = 60, total_x = kMargin + kContentWidth - 60;
  double unit = 56, unit_x = kMargin + kContentWidth - 60 - kGap - 56;
  double name_x = kMargin + 120 + kGap, name = unit_x - kGap - name_x;
  double box_x = kMargin + 14, box = 8;
  double order_x = kMargin + 30, order = 110;
  double task_x = order_x + order + kGap, task = 64;
  double line_x = task_x + task + kGap, line = 44;
};

Columns ColumnsOf(const PickListLayout& layout) {
  Columns columns;
  if (layout.locations) {  // The location's column comes out of the SKU's and the name's.
    columns.location = 64;
    columns.sku_x = kMargin + columns.location + kGap;
    columns.sku = 104;
    columns.name_x = columns.sku_x + columns.sku + kGap;
    columns.name = columns.unit_x - kGap - columns.name_x;
  }
  return columns;
}

// A pick list's pages: the running head is the list's heading, the footer the heading and
// "pagina 2 di 5".
class Pdf final : public PdfCanvas {
 public:
  Pdf(cairo_surface_t* surface, const PickListLayout& layout, int pages)
      : PdfCanvas(surface, layout.heading),
        list_(layout),
        pages_(pages),
        columns_(ColumnsOf(layout)) {}

  const Columns& columns() const { return columns_; }

  void Footer() override {
    Draw(list_.heading, kMargin, kFooterTop, kContentWidth * 0.6, kMuted);
    const std::string text =
        list_.page + " " + std::to_string(page()) + " " + list_.of + " " + std::to_string(pages_);
    Draw(text, kMargin, kFooterTop, kContentWidth, kMuted, Align::kRight);
  }

 private:
  const PickListLayout& list_;
  int pages_;  // The count the footer states; 0 in the counting pass.
  Columns columns_;
};

void Header(Pdf& pdf, const PickListLayout& layout) {
  const double half = kContentWidth / 2;
  double left = pdf.y();
  left +=
      pdf.Draw(layout.title, kMargin, left, half - kGap, {.size = 18.0, .weight = Weight::kBold});
  if (!layout.department.empty()) {
    left += pdf.Draw(layout.department, kMargin, left, half - kGap,
                     {.size = 13.0, .weight = Weight::kBold});
  }
  const double x = kMargin + half;
  double right = pdf.y() + 4.0;
  for (const Labeled& reference : layout.references) {
    const double label = pdf.Draw(reference.label, x, right, half * 0.35, kMuted);
    const double value =
        pdf.Draw(reference.value, x + half * 0.35, right, half * 0.65, kBody, Align::kRight);
    right += std::max(label, value) + 2.0;
  }
  pdf.Advance(std::max(left, right) - pdf.y() + kSection);
  pdf.HorizontalRule(pdf.y() - kSection / 2);
}

void ColumnHeadings(Pdf& pdf, const PickListLayout& layout) {
  const PickHeadings& headings = layout.headings;
  const Columns& c = pdf.columns();
  double y = pdf.y();
  double height = pdf.Draw(headings.sku, c.sku_x, y, c.sku, kHeading);
  if (layout.locations) {
    height = std::max(height, pdf.Draw(headings.location, c.location_x, y, c.location, kHeading));
  }
  height = std::max(height, pdf.Draw(headings.item, c.name_x, y, c.name, kHeading));
  height = std::max(height, pdf.Draw(headings.unit, c.unit_x, y, c.unit, kHeading));
  height =
      std::max(height, pdf.Draw(headings.total, c.total_x, y, c.total, kHeading, Align::kRight));
  y += height + 1.0;
  height = pdf.Draw(headings.order, c.order_x, y, c.order, kHeading);
  height = std::max(height, pdf.Draw(headings.task, c.task_x, y, c.task, kHeading, Align::kRight));
  height = std::max(height, pdf.Draw(headings.line, c.line_x, y, c.line, kHeading, Align::kRight));
  height =
      std::max(height, pdf.Draw(headings.quantity, c.total_x, y, c.total, kHeading, Align::kRight));
  pdf.Advance(y + height + 3.0 - pdf.y());
  pdf.HorizontalRule(pdf.y(), 1.0, kInk);
  pdf.Advance(4.0);
}

double SkuHeight(Pdf& pdf, const PickRowLayout& row) {
  const Columns& c = pdf.columns();
  const double location = c.location > 0 ? pdf.Measure(row.location, c.location, kBold) : 0.0;
  return std::max({location, pdf.Measure(row.sku, c.sku, kBold),
                   pdf.Measure(row.name, c.name, kBold), pdf.Measure(row.total, c.total, kBold)});
}

void SkuRow(Pdf& pdf, const PickRowLayout& row, double height) {
  const Columns& c = pdf.columns();
  const double y = pdf.y();
  if (c.location > 0) pdf.Draw(row.location, c.location_x, y, c.location, kBold);
  pdf.Draw(row.sku, c.sku_x, y, c.sku, kBold);
  pdf.Draw(row.name, c.name_x, y, c.name, kBold);
  pdf.Draw(row.unit, c.unit_x, y, c.unit, kBody);
  pdf.Draw(row.total, c.total_x, y, c.total, kBold, Align::kRight);
  pdf.Advance(height + 2.0);
}

double NeedHeight(Pdf& pdf, const PickNeedLayout& need) {
  const Columns& c = pdf.columns();
  return std::max(pdf.Measure(need.order, c.order, kBody), c.box + 2.0);
}

void NeedRow(Pdf& pdf, const PickNeedLayout& need, double height) {
  const Columns& c = pdf.columns();
  const double y = pdf.y();
  pdf.Box(c.box_x, y + 1.5, c.box);
  pdf.Draw(need.order, c.order_x, y, c.order, kBody);
  pdf.Draw(need.task, c.task_x, y, c.task, kBody, Align::kRight);
  pdf.Draw(need.line, c.line_x, y, c.line, kBody, Align::kRight);
  pdf.Draw(need.quantity, c.total_x, y, c.total, kBody, Align::kRight);
  pdf.Advance(height + 2.0);
}

void Rows(Pdf& pdf, const PickListLayout& layout) {
  if (layout.rows.empty()) {
    pdf.Advance(24.0);
    pdf.Advance(pdf.Draw(layout.nothing, kMargin, pdf.y(), kContentWidth,
                         {.size = 14.0, .weight = Weight::kBold}, Align::kCenter) +
                24.0);
    pdf.HorizontalRule(pdf.y());
    pdf.Advance(kSection);
    return;
  }
  pdf.Fit(60.0);
  ColumnHeadings(pdf, layout);
  for (const PickRowLayout& row : layout.rows) {
    const double height = SkuHeight(pdf, row);
    const double first = row.needs.empty() ? 0.0 : NeedHeight(pdf, row.needs.front()) + 2.0;
    if (pdf.Fit(height + first + 6.0)) ColumnHeadings(pdf, layout);
    SkuRow(pdf, row, height);
    for (const PickNeedLayout& need : row.needs) {
      const double need_height = NeedHeight(pdf, need);
      // A SKU whose needs run onto the next page is named again above the rest of them.
      if (pdf.Fit(need_height + 4.0)) {
        ColumnHeadings(pdf, layout);
        SkuRow(pdf, row, height);
      }
      NeedRow(pdf, need, need_height);
    }
    pdf.Advance(1.0);
    pdf.HorizontalRule(pdf.y());
    pdf.Advance(3.0);
  }
  pdf.Advance(kSection);
}

void Summary(Pdf& pdf, const PickListLayout& layout) {
  const double width = kContentWidth * 0.4;
  const double x = kMargin + kContentWidth - width;
  pdf.Fit(14.0 * static_cast<double>(layout.summary.size()) + 10.0);
  for (const Labeled& count : layout.summary) {
    const double label = pdf.Draw(count.label, x, pdf.y(), width * 0.7, kBody);
    const double value =
        pdf.Draw(count.value, x + width * 0.5, pdf.y(), width * 0.5, kBold, Align::kRight);
    pdf.Advance(std::max(label, value) + 2.0);
  }
}

// Draws the list on `surface` with `pages` in every footer; the number of pages it took, or
// a failure of cairo.
Result<int> Render(cairo_surface_t* surface, const PickListLayout& layout, int pages) {
  Pdf pdf(surface, layout, pages);
  Header(pdf, layout);
  Rows(pdf, layout);
  Summary(pdf, layout);
  pdf.Footer();
  if (auto drawn = pdf.Status(); !drawn) return Fail(std::move(drawn.error()));
  return pdf.page();
}

}  // namespace

Result<std::string> PickListPdf(const PickListView& view) {
  const PickListLayout layout = LayoutOf(view);

  // The counting pass: drawn on a surface whose bytes are thrown away.
  std::string scratch;
  auto counting = NewPdfSurface(scratch);
  if (!counting) return Fail(std::move(counting.error()));
  auto pages = Render(counting->get(), layout, 0);
  if (!pages) return Fail(std::move(pages.error()));
  if (auto finished = FinishPdf(counting->get()); !finished) {
    return Fail(std::move(finished.error()));
  }

  std::string bytes;
  auto surface = NewPdfSurface(bytes);
  if (!surface) return Fail(std::move(surface.error()));
  const std::string date = IsoSeconds(view.list.generated_at);
  cairo_surface_t* pdf = surface->get();
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, layout.heading.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "commesso");
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  auto drawn = Render(pdf, layout, *pages);
  if (!drawn) return Fail(std::move(drawn.error()));
  if (auto finished = FinishPdf(pdf); !finished) return Fail(std::move(finished.error()));
  return bytes;
}

}  // namespace commesso::render
