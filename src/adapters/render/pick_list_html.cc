// The HTML rendering of a pick list: one page for the console and the warehouse's browser.
//
// Made as receipt_html.cc makes a receipt, with the same page helpers (html_page.h): nested
// tables with inline styles, no scripts, style sheets or images, every value escaped where it
// is written. Each SKU is a row of the table (its location first, when the list has any) with
// its needs in a table under it, each need with an empty tick box ("\u2610") to mark by hand on
// the printed page.
#include <string>
#include <string_view>

#include "adapters/render/html_page.h"
#include "adapters/render/pick_list_layout.h"
#include "adapters/render/pick_list_render.h"

namespace commesso::render {
namespace {

using css::kHeaderCell;
using css::kMuted;
using css::kTable;

void Header(Page& page, const PickListLayout& layout) {
  page.Raw(R"(<table role="presentation" style=")").Raw(kTable).Raw(R"("><tr>)");
  page.Raw("<td style=\"vertical-align:top;padding:0 16px 16px 0\">");
  page.Element("div", "font-size:22px;font-weight:bold", layout.title);
  page.Element("div", "font-size:18px;font-weight:bold", layout.department);
  page.Raw("</td><td style=\"vertical-align:top;text-align:right;padding:0 0 16px 0\">");
  page.Raw(R"(<table role="presentation" style="margin:0 0 0 auto;border-collapse:collapse">)");
  for (const Labeled& reference : layout.references) {
    page.Raw("<tr>").Element("td", "padding:0 12px 0 0;color:#5c5c5c", reference.label);
    page.Element("td", "text-align:right", reference.value).Raw("</tr>");
  }
  page.Raw("</table></td></tr></table>");
}

void Needs(Page& page, const PickListLayout& layout, const PickRowLayout& row) {
  const PickHeadings& headings = layout.headings;
  const std::string muted = std::string(kMuted) + ";padding:2px 8px;font-weight:bold";
  const std::string muted_left = muted + ";text-align:left";
  const std::string muted_right = muted + ";text-align:right";
  const std::string cell = "padding:2px 8px;white-space:nowrap";
  const std::string number = cell + ";text-align:right";
  page.Raw(layout.locations ? "<tr><td colspan=\"5\"" : "<tr><td colspan=\"4\"");
  page.Raw(" style=\"padding:0 0 8px 24px;border-bottom:1px solid ");
  page.Raw("#dddddd\"><table style=\"border-collapse:collapse\"><tr>");
  page.Element("th", muted_left, headings.picked).Element("th", muted_left, headings.order);
  page.Element("th", muted_right, headings.task).Element("th", muted_right, headings.line);
  page.Element("th", muted_right, headings.quantity).Raw("</tr>");
  for (const PickNeedLayout& need : row.needs) {
    page.Raw("<tr>").Element("td", cell + ";font-size:18px;line-height:1;text-align:center",
                             "\u2610");
    page.Element("td", cell, need.order).Element("td", number, need.task);
    page.Element("td", number, need.line)
        .Element("td", number + ";font-weight:bold", need.quantity);
    page.Raw("</tr>");
  }
  page.Raw("</table></td></tr>");
}

void Rows(Page& page, const PickListLayout& layout) {
  if (layout.rows.empty()) {
    page.Element("p", "margin:32px 0;text-align:center;font-size:18px;font-weight:bold",
                 layout.nothing);
    return;
  }
  const PickHeadings& headings = layout.headings;
  const std::string left = std::string(kHeaderCell) + ";text-align:left";
  const std::string right = std::string(kHeaderCell) + ";text-align:right";
  const std::string cell = "padding:6px 8px;vertical-align:top;font-weight:bold";
  page.Raw("<table style=\"").Raw(kTable).Raw("\"><thead><tr>");
  if (layout.locations) page.Element("th", left, headings.location);
  page.Element("th", left, headings.sku).Element("th", left, headings.item);
  page.Element("th", left, headings.unit).Element("th", right, headings.total);
  page.Raw("</tr></thead><tbody>");
  for (const PickRowLayout& row : layout.rows) {
    page.Raw("<tr>");
    if (layout.locations) page.Element("td", cell + ";white-space:nowrap", row.location);
    page.Element("td", cell + ";word-break:break-all", row.sku);  // Long SKUs wrap.
    page.Element("td", cell, row.name).Element("td", cell + ";white-space:nowrap", row.unit);
    page.Element("td", cell + ";text-align:right;white-space:nowrap;font-size:16px", row.total);
    page.Raw("</tr>");
    Needs(page, layout, row);
  }
  page.Raw("</tbody></table>");
}

void Summary(Page& page, const PickListLayout& layout) {
  page.Raw(R"(<table role="presentation" style="margin:0 0 16px auto;border-collapse:collapse;)");
  page.Raw("border-top:2px solid #1a1a1a\">");
  for (const Labeled& count : layout.summary) {
    page.Raw("<tr>").Element("td", "padding:2px 8px", count.label);
    page.Element("td", "padding:2px 8px;text-align:right;font-weight:bold", count.value);
    page.Raw("</tr>");
  }
  page.Raw("</table>");
}

}  // namespace

std::string PickListHtml(const PickListView& view) {
  const PickListLayout layout = LayoutOf(view);
  Page page;
  page.Begin(layout.language, layout.heading, "760px");
  Header(page, layout);
  Rows(page, layout);
  Summary(page, layout);
  page.End();
  return std::move(page).html();
}

}  // namespace commesso::render
