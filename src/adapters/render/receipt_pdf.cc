// The PDF rendering: an A4 page (or several) drawn with cairo, text set by pango.
//
// Pango lays out each piece of text in DejaVu Sans (fonts-dejavu-core: accented letters, "€",
// "•"), and cairo embeds the subset of the font it used. The page is written top to bottom
// by a cursor (Pdf::y_): each block asks for its height first, and when it does not fit
// above the footer the page ends and a new one starts, with the document's number and page
// number at the top and, inside the line table, the table's header again.
//
// Rendering is deterministic: the metadata dates are the document's date of issue, not the
// time of rendering, so the same document always gives the same bytes.
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

#include "adapters/render/receipt_layout.h"
#include "adapters/render/receipt_render.h"

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

// The drawing state of one document: the cairo context, one pango layout reused for every
// piece of text, the cursor and the page number.
class Pdf {
 public:
  Pdf(cairo_t* context, PangoFontMap* fonts, const ReceiptLayout& layout)
      : context_(context), receipt_(layout), pango_(pango_font_map_create_context(fonts)) {
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

  // A horizontal line from (x, y), `length` long and `thickness` thick.
  void Rule(double x, double y, double length, double thickness = 0.5, Grey grey = kRuleInk) {
    cairo_set_source_rgb(context_, grey.level, grey.level, grey.level);
    cairo_set_line_width(context_, thickness);
    cairo_move_to(context_, x, y);
    cairo_line_to(context_, x + length, y);
    cairo_stroke(context_);
  }

  // A rule across the printable width.
  void HorizontalRule(double y, double thickness = 0.5, Grey grey = kRuleInk) {
    Rule(kMargin, y, kContentWidth, thickness, grey);
  }

  // Starts a new page when `height` does not fit above the footer; returns whether it did.
  bool Fit(double height) {
    if (y_ + height <= kFooterTop - kSection) return false;
    NewPage();
    return true;
  }

  void Footer() {
    const std::string text =
        receipt_.number + " \u2013 " + receipt_.page + " " + std::to_string(page_);
    Draw(text, kMargin, kFooterTop, kContentWidth, kMuted, Align::kRight);
  }

  void NewPage() {
    Footer();
    cairo_show_page(context_);
    ++page_;
    y_ = kMargin;
    y_ += Draw(receipt_.title + " " + receipt_.number, kMargin, y_, kContentWidth, kBold);
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
    // Plain text, not markup: a customer's "<" or "&" is drawn as it is.
    pango_layout_set_text(text_.get(), text.data(), static_cast<int>(text.size()));
  }

  cairo_t* context_;  // Borrowed from ReceiptPdf.
  const ReceiptLayout& receipt_;
  std::unique_ptr<PangoContext, ObjectDeleter> pango_;
  std::unique_ptr<PangoLayout, ObjectDeleter> text_;
  double y_ = kMargin;
  int page_ = 1;
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
    const double height = std::max(
        pdf.Measure(line.name, columns.item, kBody) + pdf.Measure(sku, columns.item, kMuted),
        pdf.Measure(line.quantity, columns.quantity, kBody));
    if (pdf.Fit(height + 6.0)) LineHeader(pdf, layout, columns);
    const double y = pdf.y();
    pdf.Draw(line.quantity, columns.quantity_x, y, columns.quantity, kBody);
    const double name = pdf.Draw(line.name, columns.item_x, y, columns.item, kBody);
    pdf.Draw(sku, columns.item_x, y + name, columns.item, kMuted);
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
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(&Append, &bytes, kPageWidth, kPageHeight));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal,
                std::string("the PDF surface could not be created: ") +
                    cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  const std::string date = IsoSeconds(document.issued_at);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, layout.number.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, layout.subject.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR,
                                 document.seller.name.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "commesso");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());

  {
    // A font map of its own: nothing is shared with other threads rendering at the same time,
    // and everything pango loaded is released when the rendering ends.
    std::unique_ptr<PangoFontMap, ObjectDeleter> fonts(pango_cairo_font_map_new());
    std::unique_ptr<cairo_t, ContextDeleter> context(cairo_create(surface.get()));
    Pdf pdf(context.get(), fonts.get(), layout);
    Header(pdf, layout);
    Parties(pdf, layout);
    Lines(pdf, layout);
    Totals(pdf, layout);
    Taxes(pdf, layout);
    Closing(pdf, layout);
    pdf.Footer();
    if (cairo_status(context.get()) != CAIRO_STATUS_SUCCESS) {
      return Fail(ErrorCode::kInternal, std::string("the PDF could not be drawn: ") +
                                            cairo_status_to_string(cairo_status(context.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal,
                std::string("the PDF could not be written: ") +
                    cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return bytes;
}

}  // namespace commesso::render

// Fontconfig 2.14 loses a few hundred bytes, once, while parsing its configuration (pango
// loads it on a thread of its own), and LeakSanitizer reports them at the exit of every
// sanitized binary that rendered a PDF. Not ours to fix, so the report is suppressed here,
// where fontconfig enters the program; builds without LeakSanitizer never call this.
extern "C" const char* __lsan_default_suppressions() {  // NOLINT(bugprone-reserved-identifier)
  return "leak:libfontconfig.so\n";
}
