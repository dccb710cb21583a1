#include "adapters/render/pdf_canvas.h"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

namespace commesso::render {
namespace {

constexpr const char* kFontFamily = "DejaVu Sans";

struct FontDeleter {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<PdfSurface> NewPdfSurface(std::string& bytes) {
  PdfSurface surface(cairo_pdf_surface_create_for_stream(&Append, &bytes, kPageWidth, kPageHeight));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal,
                std::string("the PDF surface could not be created: ") +
                    cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return surface;
}

Result<void> FinishPdf(cairo_surface_t* surface) {
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal, std::string("the PDF could not be written: ") +
                                          cairo_status_to_string(cairo_surface_status(surface)));
  }
  return {};
}

std::string IsoSeconds(Timestamp instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(instant - day)};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

PdfCanvas::PdfCanvas(cairo_surface_t* surface, std::string running_head)
    : fonts_(pango_cairo_font_map_new()),
      context_(cairo_create(surface)),
      pango_(pango_font_map_create_context(fonts_.get())),
      running_head_(std::move(running_head)) {
  PangoContext* pango = pango_.get();
  pango_cairo_update_context(context_.get(), pango);
  // Points on the page are the unit of the surface: 72 per inch.
  pango_cairo_context_set_resolution(pango, 72.0);
  std::unique_ptr<cairo_font_options_t, decltype(&cairo_font_options_destroy)> options(
      cairo_font_options_create(), &cairo_font_options_destroy);
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(pango, options.get());
  text_.reset(pango_layout_new(pango));
}

PdfCanvas::~PdfCanvas() = default;

double PdfCanvas::Measure(std::string_view text, double width, Style style) {
  Prepare(text, width, style, Align::kLeft);
  int height = 0;
  pango_layout_get_size(text_.get(), nullptr, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

double PdfCanvas::Draw(std::string_view text, double x, double y, double width, Style style,
                       Align align) {
  Prepare(text, width, style, align);
  cairo_t* context = context_.get();
  cairo_set_source_rgb(context, style.grey.level, style.grey.level, style.grey.level);
  cairo_move_to(context, x, y);
  pango_cairo_show_layout(context, text_.get());
  int height = 0;
  pango_layout_get_size(text_.get(), nullptr, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

void PdfCanvas::Rule(double x, double y, double length, double thickness, Grey grey) {
  cairo_t* context = context_.get();
  cairo_set_source_rgb(context, grey.level, grey.level, grey.level);
  cairo_set_line_width(context, thickness);
  cairo_move_to(context, x, y);
  cairo_line_to(context, x + length, y);
  cairo_stroke(context);
}

void PdfCanvas::HorizontalRule(double y, double thickness, Grey grey) {
  Rule(kMargin, y, kContentWidth, thickness, grey);
}

void PdfCanvas::Box(double x, double y, double side) {
  cairo_t* context = context_.get();
  cairo_set_source_rgb(context, kInk.level, kInk.level, kInk.level);
  cairo_set_line_width(context, 0.8);
  cairo_rectangle(context, x, y, side, side);
  cairo_stroke(context);
}

bool PdfCanvas::Fit(double height) {
  if (y_ + height <= kFooterTop - kSection) return false;
  NewPage();
  return true;
}

void PdfCanvas::NewPage() {
  Footer();
  cairo_show_page(context_.get());
  ++page_;
  y_ = kMargin;
  y_ += Draw(running_head_, kMargin, y_, kContentWidth, kBold);
  y_ += kSection;
}

Result<void> PdfCanvas::Status() const {
  const cairo_status_t status = cairo_status(context_.get());
  if (status != CAIRO_STATUS_SUCCESS) {
    return Fail(ErrorCode::kInternal,
                std::string("the PDF could not be drawn: ") + cairo_status_to_string(status));
  }
  return {};
}

void PdfCanvas::Prepare(std::string_view text, double width, Style style, Align align) {
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

}  // namespace commesso::render

// Fontconfig 2.14 loses a few hundred bytes, once, while parsing its configuration (pango
// loads it on a thread of its own), and LeakSanitizer reports them at the exit of every
// sanitized binary that rendered a PDF. Not ours to fix, so the report is suppressed here,
// where fontconfig enters the program; builds without LeakSanitizer never call this.
extern "C" const char* __lsan_default_suppressions() {  // NOLINT(bugprone-reserved-identifier)
  return "leak:libfontconfig.so\n";
}
