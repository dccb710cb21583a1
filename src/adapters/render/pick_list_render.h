#pragma once

#include <string>
#include <string_view>

#include "core/fulfillment.h"
#include "core/result.h"

// The renderings of a pick list (core/fulfillment.h, PickListOf) for the warehouse: on screen,
// printed at the packing bench, or as a PDF. One row per SKU with its total and, under it, the
// orders that need it. `locale` is "it" or "en" (anything else: "it"); `department_name` is
// printed in the heading; times are printed in `zone`.
namespace commesso::render {

struct PickListView {
  const PickList& list;
  std::string_view department_name;
  std::string_view locale;
  const ZoneRules& zone;
};

// Plain text, every line at most `columns` wide (32..120), UTF-8, lines ending in "\n".
std::string PickListText(const PickListView& view, int columns);

// A complete HTML page with inline styles, every value escaped, a tick box per need.
std::string PickListHtml(const PickListView& view);

// An A4 PDF with embedded fonts. kInternal when the PDF library fails.
Result<std::string> PickListPdf(const PickListView& view);

}  // namespace commesso::render
