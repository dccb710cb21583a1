// The plain-text rendering of a pick list: on screen or on the packing bench's printer.
//
// Every line fits `columns` display columns, counted in code points by the line helpers the
// receipt's text shares (text_columns.h; the tick box "\u2610" takes one column). Names
// wrap at spaces; numbers, order numbers and SKUs are never split unless one alone is wider
// than the line.
//
// Wide paper (the name column keeps at least kMinItemColumns and a need fits on one line)
// gets a table: location, SKU, name, unit, total, and under each SKU one row per need: tick
// box, order, task, line, quantity. Narrow paper gets the location and SKU with the total, the
// name, then one line per need with its words spelled out and the quantity on the right. The
// location column is there only when some SKU has a location.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/render/pick_list_layout.h"
#include "adapters/render/pick_list_render.h"
#include "adapters/render/text_columns.h"

namespace commesso::render {
namespace {

constexpr std::string_view kTick = "\u2610";
constexpr std::string_view kNoBreak = "\u00a0";

constexpr int kMinColumns = 32;
constexpr int kMaxColumns = 120;
constexpr int kMinItemColumns = 16;
constexpr std::string_view kGap = "  ";
constexpr std::string_view kIndent = "  ";

void Header(Sheet& sheet, const PickListLayout& layout) {
  if (!layout.department.empty()) sheet.Centered(layout.department);
  sheet.Rule('=');
  sheet.Wrapped(Upper(layout.title));
  for (const Labeled& reference : layout.references) {
    if (reference.value.empty()) continue;
    sheet.Wrapped(reference.label + ": " + reference.value, "");
  }
  sheet.Rule('-');
}

// The widths of the table's columns, from its headings and values.
struct PickWidths {
  int location = 0;  // 0 when the list has no locations.
  int sku = 0, item = 0, unit = 0, total = 0;
  int order = 0, task = 0, line = 0, quantity = 0;
  int need = 0;  // A whole need's row.
};

PickWidths WidthsOf(const PickListLayout& layout, int columns) {
  const PickHeadings& headings = layout.headings;
  PickWidths widths{.sku = Width(headings.sku),
                    .unit = Width(headings.unit),
                    .total = Width(headings.total),
                    .order = Width(headings.order),
                    .task = Width(headings.task),
                    .line = Width(headings.line),
                    .quantity = Width(headings.quantity)};
  int location = Width(headings.location);
  for (const PickRowLayout& row : layout.rows) {
    location = std::max(location, Width(row.location));
    widths.sku = std::max(widths.sku, Width(row.sku));
    widths.unit = std::max(widths.unit, Width(row.unit));
    widths.total = std::max(widths.total, Width(row.total));
    for (const PickNeedLayout& need : row.needs) {
      widths.order = std::max(widths.order, Width(need.order));
      widths.task = std::max(widths.task, Width(need.task));
      widths.line = std::max(widths.line, Width(need.line));
      widths.quantity = std::max(widths.quantity, Width(need.quantity));
    }
  }
  // A long SKU is split over lines of its column rather than squeeze the name.
  widths.sku = std::min(widths.sku, std::max(Width(headings.sku), columns / 4));
  // A long location wraps rather than squeeze the name too.
  if (layout.locations) {
    widths.location = std::min(location, std::max(Width(headings.location), columns / 6));
  }
  widths.item = columns - widths.sku - widths.unit - widths.total - 3 * Width(kGap) -
                (layout.locations ? widths.location + Width(kGap) : 0);
  widths.need = Width(kIndent) + Width(kTick) + widths.order + widths.task + widths.line +
                widths.quantity + 4 * Width(kGap);
  return widths;
}

void Table(Sheet& sheet, const PickListLayout& layout, const PickWidths& widths) {
  const std::string gap(kGap);
  const std::string indent(kIndent);
  auto row = [&](std::string_view location, std::string_view sku, std::string_view item,
                 std::string_view unit, std::string_view total) {
    const std::string first = layout.locations ? PadRight(location, widths.location) + gap : "";
    sheet.Line(first + PadRight(sku, widths.sku) + gap + PadRight(item, widths.item) + gap +
               PadRight(unit, widths.unit) + gap + PadLeft(total, widths.total));
  };
  auto need = [&](std::string_view tick, std::string_view order, std::string_view task,
                  std::string_view line, std::string_view quantity) {
    // The quantity right-aligned under the SKU's total.
    const std::string left = indent + PadRight(tick, Width(kTick)) + gap +
                             PadRight(order, widths.order) + gap + PadLeft(task, widths.task) +
                             gap + PadLeft(line, widths.line) + gap;
    sheet.Line(left + PadLeft(quantity, sheet.columns() - Width(left)));
  };
  const PickHeadings& headings = layout.headings;
  row(headings.location, headings.sku, headings.item, headings.unit, headings.total);
  need("", headings.order, headings.task, headings.line, headings.quantity);
  for (const PickRowLayout& item : layout.rows) {
    sheet.Rule('-');
    const std::vector<std::string> locations =
        layout.locations ? Wrap(item.location, widths.location) : std::vector<std::string>{""};
    const std::vector<std::string> skus = Split(item.sku, widths.sku);
    const std::vector<std::string> names = Wrap(item.name, widths.item);
    row(locations[0], skus[0], names[0], item.unit, item.total);
    const std::size_t lines = std::max({locations.size(), skus.size(), names.size()});
    for (std::size_t i = 1; i < lines; ++i) {
      row(i < locations.size() ? locations[i] : "", i < skus.size() ? skus[i] : "",
          i < names.size() ? names[i] : "", "", "");
    }
    for (const PickNeedLayout& cells : item.needs) {
      need(kTick, cells.order, cells.task, cells.line, cells.quantity);
    }
  }
}

// Joins a word and its value with a no-break space: "r. 2" never splits across lines.
std::string Glued(std::string_view word, std::string_view value) {
  return std::string(word) + std::string(kNoBreak) + std::string(value);
}

void List(Sheet& sheet, const PickListLayout& layout) {
  const PickHeadings& headings = layout.headings;
  for (std::size_t i = 0; i < layout.rows.size(); ++i) {
    const PickRowLayout& item = layout.rows[i];
    if (i > 0) sheet.Rule('-');  // The header's rule is above the first.
    // The location first: the picker walks to it, then looks for the SKU.
    const std::string where = item.location.empty() ? item.sku : item.location + " " + item.sku;
    sheet.Pair(where, item.total + std::string(kNoBreak) + item.unit);
    sheet.Wrapped(item.name);
    for (const PickNeedLayout& need : item.needs) {
      const std::string details = std::string(kTick) + std::string(kNoBreak) + need.order + " " +
                                  Glued(headings.task_short, need.task) + " " +
                                  Glued(headings.line_short, need.line);
      sheet.Pair(details, need.quantity, kIndent);
    }
  }
}

void Rows(Sheet& sheet, const PickListLayout& layout) {
  if (layout.rows.empty()) {
    sheet.Blank();
    sheet.Centered(layout.nothing);
    sheet.Blank();
    sheet.Rule('=');
    return;
  }
  const PickWidths widths = WidthsOf(layout, sheet.columns());
  if (widths.item >= kMinItemColumns && widths.need <= sheet.columns()) {
    Table(sheet, layout, widths);
  } else {
    List(sheet, layout);
  }
  sheet.Rule('=');
}

void Summary(Sheet& sheet, const PickListLayout& layout) {
  for (const Labeled& count : layout.summary) sheet.Pair(count.label, count.value);
}

}  // namespace

std::string PickListText(const PickListView& view, int columns) {
  const PickListLayout layout = LayoutOf(view);
  Sheet sheet(std::clamp(columns, kMinColumns, kMaxColumns));
  Header(sheet, layout);
  Rows(sheet, layout);
  Summary(sheet, layout);
  return std::move(sheet).text();
}

}  // namespace commesso::render
