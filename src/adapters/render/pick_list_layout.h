#pragma once

#include <string>
#include <vector>

#include "adapters/render/pick_list_render.h"
#include "adapters/render/receipt_layout.h"

// What a pick list says, once, as text already formatted in the view's language. The text,
// HTML and PDF renderings only arrange these strings, so the three always state the same
// SKUs and quantities; the counts of the footer are computed here and nowhere else.
namespace commesso::render {

// One need under a SKU: which order line wants how many.
struct PickNeedLayout {
  std::string order;     // "2026-000123".
  std::string task;      // The task's id: "17".
  std::string line;      // The line's position in the order: "2".
  std::string quantity;  // "3".
  friend bool operator==(const PickNeedLayout&, const PickNeedLayout&) = default;
};

// One SKU to take from the shelves, with the needs it serves.
struct PickRowLayout {
  std::string location;  // "A-03-2"; empty when not known.
  std::string sku;
  std::string name;   // In the view's language.
  std::string unit;   // "pz", "boxes": the unit's word for the total.
  std::string total;  // "12".
  std::vector<PickNeedLayout> needs{};
  friend bool operator==(const PickRowLayout&, const PickRowLayout&) = default;
};

// The column headings.
struct PickHeadings {
  std::string location;                     // A SKU's row, first column.
  std::string sku, item, unit, total;       // A SKU's row.
  std::string order, task, line, quantity;  // A need's row.
  std::string picked;                       // The tick box.
  std::string task_short, line_short;       // "inc.", "r.": before the values on narrow paper.
  friend bool operator==(const PickHeadings&, const PickHeadings&) = default;
};

// The whole list, top to bottom.
struct PickListLayout {
  std::string language;    // "it" or "en".
  std::string title;       // "Lista di prelievo".
  std::string department;  // The department's name as given.
  std::string heading;     // "Lista di prelievo – Magazzino": the page title, PDF metadata.
  // "Reparto" with the department's name, "Generata il" with the local time and zone.
  std::vector<Labeled> references{};
  PickHeadings headings{};
  // Whether any row has a location: only then do the renderings give locations a column.
  bool locations = false;
  std::vector<PickRowLayout> rows{};
  std::string nothing;             // "Niente da prelevare": shown instead of an empty table.
  std::vector<Labeled> summary{};  // The number of SKUs, of orders, the total units.
  std::string page, of;            // "pagina", "di".
  friend bool operator==(const PickListLayout&, const PickListLayout&) = default;
};

// Builds the layout of `view` in its language.
PickListLayout LayoutOf(const PickListView& view);

}  // namespace commesso::render
