#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/order.h"
#include "core/result.h"

// What the PDF renderings (receipt_pdf.cc, pick_list_pdf.cc) share: A4 pages drawn with
// cairo, text set by pango in DejaVu Sans (fonts-dejavu-core: accented letters, "€", "•"),
// of which cairo embeds the subset it used.
//
// A page is written top to bottom by a cursor (PdfCanvas::y): each block asks for its height
// first, and when it does not fit above the footer the page ends and a new one starts, headed
// by the rendering's running head. Nothing here reads a clock or the environment, so the same
// drawing always gives the same bytes.
namespace commesso::render {

// A4 in points, and the printable area inside the margins.
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.890;
inline constexpr double kMargin = 48.0;
inline constexpr double kContentWidth = kPageWidth - 2 * kMargin;
inline constexpr double kFooterTop = kPageHeight - kMargin;  // The footer's area starts here.
inline constexpr double kGap = 8.0;                          // Between table columns.
inline constexpr double kSection = 14.0;                     // Between blocks.

struct Grey {
  double level = 0.0;
};
inline constexpr Grey kInk{0.10};
inline constexpr Grey kMutedInk{0.36};
inline constexpr Grey kRuleInk{0.75};

enum class Align { kLeft, kRight, kCenter };
enum class Weight { kNormal, kBold };

struct Style {
  double size = 9.0;
  Weight weight = Weight::kNormal;
  Grey grey = kInk;
};
inline constexpr Style kBody{};
inline constexpr Style kBold{.weight = Weight::kBold};
inline constexpr Style kMuted{.size = 8.0, .grey = kMutedInk};
inline constexpr Style kHeading{.size = 8.0, .weight = Weight::kBold, .grey = kMutedInk};

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
using PdfSurface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

// An A4 PDF surface that appends what it writes to `bytes`, which must outlive it; kInternal
// when cairo cannot create it.
Result<PdfSurface> NewPdfSurface(std::string& bytes);

// Finishes `surface`, writing the rest of the PDF to its bytes; kInternal when cairo fails.
Result<void> FinishPdf(cairo_surface_t* surface);

// "2026-03-05T10:30:00Z", the form cairo's PDF metadata dates take.
std::string IsoSeconds(Timestamp instant);

// The drawing state of one PDF on a surface: a cairo context, a font map of its own (nothing
// is shared with other threads rendering at the same time, and everything pango loaded is
// released with the canvas), one pango layout reused for every piece of text, the cursor and
// the page number. A rendering derives from it and draws its own footer. Not thread-safe.
class PdfCanvas {
 public:
  virtual ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  double y() const { return y_; }
  int page() const { return page_; }
  void Advance(double height) { y_ += height; }

  // The height `text` takes in `width` points.
  double Measure(std::string_view text, double width, Style style);

  // Draws `text` with its top left at (x, y) in a box `width` wide; returns its height.
  double Draw(std::string_view text, double x, double y, double width, Style style,
              Align align = Align::kLeft);

  // A horizontal line from (x, y), `length` long and `thickness` thick.
  void Rule(double x, double y, double length, double thickness = 0.5, Grey grey = kRuleInk);

  // A rule across the printable width.
  void HorizontalRule(double y, double thickness = 0.5, Grey grey = kRuleInk);

  // An empty square `side` points wide with its top left at (x, y): a tick box.
  void Box(double x, double y, double side);

  // Starts a new page when `height` does not fit above the footer; returns whether it did.
  bool Fit(double height);

  // Ends the page with its footer and starts the next under the running head.
  void NewPage();

  // Draws the current page's footer; the rendering calls it once more after the last page.
  virtual void Footer() = 0;

  // kInternal when cairo failed while drawing.
  Result<void> Status() const;

 protected:
  // Draws on `surface`; `running_head` heads every page after the first.
  PdfCanvas(cairo_surface_t* surface, std::string running_head);

 private:
  struct ObjectDeleter {  // Pango's contexts, layouts and font maps are GObjects.
    void operator()(void* object) const { g_object_unref(object); }
  };
  struct ContextDeleter {
    void operator()(cairo_t* context) const { cairo_destroy(context); }
  };

  void Prepare(std::string_view text, double width, Style style, Align align);

  // Declared in the order they are made; destroyed in reverse.
  std::unique_ptr<PangoFontMap, ObjectDeleter> fonts_;
  std::unique_ptr<cairo_t, ContextDeleter> context_;
  std::unique_ptr<PangoContext, ObjectDeleter> pango_;
  std::unique_ptr<PangoLayout, ObjectDeleter> text_;
  std::string running_head_;
  double y_ = kMargin;
  int page_ = 1;
};

}  // namespace commesso::render
