// The PDF rendering of a pick list: A4 pages drawn with cairo, text set by pango in DejaVu
// Sans, made as receipt_pdf.cc makes a receipt (whose drawing helpers are repeated here).
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
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include "adapters/render/pick_list_layout.h"
#include "adapters/render/pick_list_render.h"

namespace commesso::render {
namespace {

// A4 in points, and the printable area inside the margins.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 48.0;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kFooterTop = kPageHeight - kMargin;  // The footer's baseline area starts here.
constexpr double kGap = 8.0;                          // Between table columns.
constexpr double kSection = 14.0;                     // Between blocks.

constexpr const char* kFontFamily = "DejaVu Sans";
constexpr double kBodySize = 9.0;

struct Grey {
  double level = 0.0;
};
constexpr Grey kInk{0.10};
constexpr Grey kMutedInk{0.36};
constexpr Grey kRuleInk{0.75};

enum class Align { kLeft, kRight, kCenter };
enum class Weight { kNormal, kBold };

struct Style {
  double size = kBodySize;
  Weight weight = Weight::kNormal;
  Grey grey = kInk;
};
constexpr Style kBody{};
constexpr Style kBold{.weight = Weight::kBold};
constexpr Style kMuted{.size = 8.0, .grey = kMutedInk};
constexpr Style kHeading{.size = 8.0, .weight = Weight::kBold, .grey = kMutedInk};

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDeleter {
  void operator()(cairo_t* context) const { cairo_destroy(context); }
};
struct ObjectDeleter {  // Pango's contexts, layouts and font maps are GObjects.
  void operator()(void* object) const { g_object_unref(object); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// "2026-03-05T10:30:00Z", the form cairo's PDF metadata dates take.
std::string IsoSeconds(Timestamp instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(instant - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

// The drawing state of one list: the cairo context, one pango layout reused for every piece
// of text, the cursor and the page number.
class Pdf {
 public:
  Pdf(cairo_t* context, PangoFontMap* fonts, const PickListLayout& layout, int pages)
      : context_(context),
        list_(layout),
        pages_(pages),
        pango_(pango_font_map_create_context(fonts)) {
    PangoContext* pango = pango_.get();
    pango_cairo_update_context(context_, pango);
    // Points on the page are the unit of the surface: 72 per inch.
    pango_cairo_context_set_resolution(pango, 72.0);
    std::unique_ptr<cairo_font_options_t, decltype(&cairo_font_options_destroy)> options(
        cairo_font_options_create(), &cairo_font_options_destroy);
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango, options.get());
    text_.reset(pango_layout_new(pango));
  }

  double y() const { return y_; }
  int page() const { return page_; }
  void Advance(double height) { y_ += height; }

  // The height `text` takes in `width` points.
  double Measure(std::string_view text, double width, Style style) {
    Prepare(text, width, style, Align::kLeft);
    int height = 0;
    pango_layout_get_size(text_.get(), nullptr, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }

  // Draws `text` with its top left at (x, y) in a box `width` wide; returns its height.
  double Draw(std::string_view text, double x, double y, double width, Style style,
              Align align = Align::kLeft) {
    Prepare(text, width, style, align);
    cairo_set_source_rgb(context_, style.grey.level, style.grey.level, style.grey.level);
    cairo_move_to(context_, x, y);
    pango_cairo_show_layout(context_, text_.get());
    int height = 0;
    pango_layout_get_size(text_.get(), nullptr, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }

  // A rule across the printable width.
  void HorizontalRule(double y, double thickness = 0.5, Grey grey = kRuleInk) {
    cairo_set_source_rgb(context_, grey.level, grey.level, grey.level);
    cairo_set_line_width(context_, thickness);
    cairo_move_to(context_, kMargin, y);
    cairo_line_to(context_, kMargin + kContentWidth, y);
    cairo_stroke(context_);
  }

  // An empty square `side` points wide with its top left at (x, y): the tick box.
  void Box(double x, double y, double side) {
    cairo_set_source_rgb(context_, kInk.level, kInk.level, kInk.level);
    cairo_set_line_width(context_, 0.8);
    cairo_rectangle(context_, x, y, side, side);
    cairo_stroke(context_);
  }

  // Starts a new page when `height` does not fit above the footer; returns whether it did.
  bool Fit(double height) {
    if (y_ + height <= kFooterTop - kSection) return false;
    NewPage();
    return true;
  }

  void Footer() {
    Draw(list_.heading, kMargin, kFooterTop, kContentWidth * 0.6, kMuted);
    const std::string page =
        list_.page + " " + std::to_string(page_) + " " + list_.of + " " + std::to_string(pages_);
    Draw(page, kMargin, kFooterTop, kContentWidth, kMuted, Align::kRight);
  }

  void NewPage() {
    Footer();
    cairo_show_page(context_);
    ++page_;
    y_ = kMargin;
    y_ += Draw(list_.heading, kMargin, y_, kContentWidth, kBold);
    y_ += kSection;
  }

 private:
  void Prepare(std::string_view text, double width, Style style, Align align) {
    std::unique_ptr<PangoFontDescription, FontDeleter> font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFontFamily);
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
    pango_font_description_set_weight(
        font.get(), style.weight == Weight::kBold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(text_.get(), font.get());
    pango_layout_set_width(text_.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(text_.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(text_.get(), align == Align::kRight    ? PANGO_ALIGN_RIGHT
                                            : align == Align::kCenter ? PANGO_ALIGN_CENTER
                                                                      : PANGO_ALIGN_LEFT);
    // Plain text, not markup: a "<" or "&" in a name is drawn as it is.
    pango_layout_set_text(text_.get(), text.data(), static_cast<int>(text.size()));
  }

  cairo_t* context_;  // Borrowed from Render.
  const PickListLayout& list_;
  int pages_;  // The count the footer states; 0 in the counting pass.
  std::unique_ptr<PangoContext, ObjectDeleter> pango_;
  std::unique_ptr<PangoLayout, ObjectDeleter> text_;
  double y_ = kMargin;
  int page_ = 1;
};

// The x positions and widths of the columns: a SKU's row on top, its needs indented under it.
struct Columns {
  double sku_x = kMargin, sku = 120;
  double total = 60, total_x = kMargin + kContentWidth - 60;
  double unit = 56, unit_x = kMargin + kContentWidth - 60 - kGap - 56;
  double name_x = kMargin + 120 + kGap, name = unit_x - kGap - name_x;
  double box_x = kMargin + 14, box = 8;
  double order_x = kMargin + 30, order = 110;
  double task_x = order_x + order + kGap, task = 64;
  double line_x = task_x + task + kGap, line = 44;
};
constexpr Columns kColumns{};

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
  const Columns& c = kColumns;
  double y = pdf.y();
  double height = pdf.Draw(headings.sku, c.sku_x, y, c.sku, kHeading);
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
  const Columns& c = kColumns;
  return std::max({pdf.Measure(row.sku, c.sku, kBold), pdf.Measure(row.name, c.name, kBold),
                   pdf.Measure(row.total, c.total, kBold)});
}

void SkuRow(Pdf& pdf, const PickRowLayout& row, double height) {
  const Columns& c = kColumns;
  const double y = pdf.y();
  pdf.Draw(row.sku, c.sku_x, y, c.sku, kBold);
  pdf.Draw(row.name, c.name_x, y, c.name, kBold);
  pdf.Draw(row.unit, c.unit_x, y, c.unit, kBody);
  pdf.Draw(row.total, c.total_x, y, c.total, kBold, Align::kRight);
  pdf.Advance(height + 2.0);
}

double NeedHeight(Pdf& pdf, const PickNeedLayout& need) {
  return std::max(pdf.Measure(need.order, kColumns.order, kBody), kColumns.box + 2.0);
}

void NeedRow(Pdf& pdf, const PickNeedLayout& need, double height) {
  const Columns& c = kColumns;
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
  // A font map of its own: nothing is shared with other threads rendering at the same time,
  // and everything pango loaded is released when the rendering ends.
  std::unique_ptr<PangoFontMap, ObjectDeleter> fonts(pango_cairo_font_map_new());
  std::unique_ptr<cairo_t, ContextDeleter> context(cairo_create(surface));
  Pdf pdf(context.get(), fonts.get(), layout, pages);
  Header(pdf, layout);
  Rows(pdf, layout);
  Summary(pdf, layout);
  pdf.Footer();
  if (cairo_status(context.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal, std::string("the PDF could not be drawn: ") +
                                          cairo_status_to_string(cairo_status(context.get())));
  }
  return pdf.page();
}

using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

Result<Surface> NewSurface(std::string& bytes) {
  Surface surface(cairo_pdf_surface_create_for_stream(&Append, &bytes, kPageWidth, kPageHeight));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal,
                std::string("the PDF surface could not be created: ") +
                    cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return surface;
}

Result<void> Finish(cairo_surface_t* surface) {
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal, std::string("the PDF could not be written: ") +
                                          cairo_status_to_string(cairo_surface_status(surface)));
  }
  return {};
}

}  // namespace

Result<std::string> PickListPdf(const PickListView& view) {
  const PickListLayout layout = LayoutOf(view);

  // The counting pass: drawn on a surface whose bytes are thrown away.
  std::string scratch;
  auto counting = NewSurface(scratch);
  if (!counting) return Fail(std::move(counting.error()));
  auto pages = Render(counting->get(), layout, 0);
  if (!pages) return Fail(std::move(pages.error()));
  if (auto finished = Finish(counting->get()); !finished) return Fail(std::move(finished.error()));

  std::string bytes;
  auto surface = NewSurface(bytes);
  if (!surface) return Fail(std::move(surface.error()));
  const std::string date = IsoSeconds(view.list.generated_at);
  cairo_surface_t* pdf = surface->get();
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, layout.heading.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "commesso");
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  auto drawn = Render(pdf, layout, *pages);
  if (!drawn) return Fail(std::move(drawn.error()));
  if (auto finished = Finish(pdf); !finished) return Fail(std::move(finished.error()));
  return bytes;
}

}  // namespace commesso::render
