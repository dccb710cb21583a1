// The HTML rendering: one page for an e-mail's HTML part and for the console's receipt view.
//
// E-mail clients drop <style> elements and external style sheets, and many lay out only
// tables reliably, so the page is nested tables with inline styles and no scripts or images.
// Every value from the document is escaped where it is written (Escape, html_page.h); the markup
// around the values is constant. Amounts never wrap (white-space: nowrap), and the page
// prints on A4 as it shows on screen.
#include <string>
#include <string_view>

#include "adapters/render/html_page.h"
#include "adapters/render/receipt_layout.h"
#include "adapters/render/receipt_render.h"

namespace commesso::render {
namespace {

using css::kHeaderCell;
using css::kMuted;
using css::kTable;

constexpr std::string_view kHeading =
    "font-size:12px;font-weight:bold;text-transform:uppercase;letter-spacing:0.05em;"
    "color:#5c5c5c;padding:0 0 4px 0";
constexpr std::string_view kCell =
    "padding:6px 8px;border-bottom:1px solid #dddddd;vertical-align:top";

void Header(Page& page, const ReceiptLayout& layout) {
  page.Raw(R"(<table role="presentation" style=")").Raw(kTable).Raw(R"("><tr>)");
  page.Raw("<td style=\"vertical-align:top;padding:0 16px 16px 0\">");
  for (std::size_t i = 0; i < layout.seller.size(); ++i) {
    page.Element("div", i == 0 ? "font-size:18px;font-weight:bold" : kMuted, layout.seller[i]);
  }
  page.Raw("</td><td style=\"vertical-align:top;text-align:right;padding:0 0 16px 0\">");
  page.Element("div", "font-size:22px;font-weight:bold", layout.title);
  page.Element("div", "font-size:16px;font-weight:bold;white-space:nowrap", layout.number);
  page.Raw(R"(<table role="presentation" style="margin:8px 0 0 auto;border-collapse:collapse">)");
  for (const Labeled& reference : layout.references) {
    page.Raw("<tr>").Element("td", "padding:0 12px 0 0;color:#5c5c5c", reference.label);
    page.Element("td", "text-align:right;white-space:nowrap", reference.value).Raw("</tr>");
  }
  page.Raw("</table></td></tr></table>");
}

void Parties(Page& page, const ReceiptLayout& layout) {
  page.Raw(R"(<table role="presentation" style=")").Raw(kTable).Raw(R"("><tr>)");
  std::vector<const Block*> blocks{&layout.customer, &layout.billing};
  if (layout.delivery) blocks.push_back(&*layout.delivery);
  for (const Block* block : blocks) {
    page.Raw("<td style=\"vertical-align:top;padding:0 16px 0 0;width:33%\">");
    page.Element("div", kHeading, block->heading);
    for (const std::string& line : block->lines) page.Element("div", "", line);
    page.Raw("</td>");
  }
  page.Raw("</tr></table>");
}

void Lines(Page& page, const ReceiptLayout& layout) {
  const LineHeadings& headings = layout.headings;
  const std::string left = std::string(kHeaderCell) + ";text-align:left";
  const std::string right = std::string(kHeaderCell) + ";text-align:right";
  const std::string number = std::string(kCell) + ";text-align:right;white-space:nowrap";
  page.Raw("<table style=\"").Raw(kTable).Raw("\"><thead><tr>");
  page.Element("th", left, headings.quantity).Element("th", left, headings.item);
  page.Element("th", right, headings.unit_price).Element("th", right, headings.rate);
  page.Element("th", right, headings.amount).Raw("</tr></thead><tbody>");
  for (const LayoutLine& line : layout.lines) {
    page.Raw("<tr>").Element("td", std::string(kCell) + ";white-space:nowrap", line.quantity);
    page.Raw("<td style=\"").Raw(kCell).Raw("\">").Text(line.name);
    page.Raw("<br><span style=\"").Raw(kMuted).Raw("\">").Text(headings.sku).Raw(" ");
    page.Text(line.sku).Raw("</span>");
    if (!line.appointment.empty()) {
      page.Raw("<br><span style=\"").Raw(kMuted).Raw("\">").Text(line.appointment).Raw("</span>");
    }
    page.Raw("</td>");
    page.Element("td", number, line.unit_price).Element("td", number, line.rate);
    page.Element("td", number, line.amount).Raw("</tr>");
  }
  if (layout.shipping) {
    page.Raw("<tr><td style=\"").Raw(kCell).Raw("\"></td>");
    page.Raw(R"(<td colspan="3" style=")").Raw(kCell).Raw(R"(">)").Text(layout.shipping->label);
    page.Raw("</td>").Element("td", number, layout.shipping->value).Raw("</tr>");
  }
  page.Raw("</tbody></table>");
}

void Totals(Page& page, const ReceiptLayout& layout) {
  page.Raw(R"(<table role="presentation" style="margin:0 0 16px auto;border-collapse:collapse;)");
  page.Raw("min-width:50%\">");
  for (std::size_t i = 0; i < layout.totals.size(); ++i) {
    const bool grand = i + 1 == layout.totals.size();
    const std::string style = grand ? "padding:6px 8px;border-top:2px solid #1a1a1a;"
                                      "font-size:18px;font-weight:bold"
                                    : "padding:2px 8px";
    page.Raw("<tr>").Element("td", style, layout.totals[i].label);
    page.Element("td", style + ";text-align:right;white-space:nowrap", layout.totals[i].value);
    page.Raw("</tr>");
  }
  if (!layout.price_mode.empty()) {
    page.Raw(R"(<tr><td colspan="2" style="padding:2px 8px;text-align:right;)").Raw(kMuted);
    page.Raw("\">").Text(layout.price_mode).Raw("</td></tr>");
  }
  page.Raw("</table>");
}

void Taxes(Page& page, const ReceiptLayout& layout) {
  if (layout.taxes.empty()) return;
  const std::string left = std::string(kHeaderCell) + ";text-align:left";
  const std::string right = std::string(kHeaderCell) + ";text-align:right";
  const std::string number = std::string(kCell) + ";text-align:right;white-space:nowrap";
  page.Element("div", kHeading, layout.tax_heading);
  page.Raw("<table style=\"").Raw(kTable).Raw("\"><thead><tr>");
  page.Element("th", left, layout.tax_headings.tax).Element("th", right, layout.tax_headings.base);
  page.Element("th", right, layout.tax_headings.amount).Raw("</tr></thead><tbody>");
  for (const LayoutTaxRow& row : layout.taxes) {
    page.Raw("<tr>").Element("td", kCell, row.tax).Element("td", number, row.base);
    page.Element("td", number, row.amount).Raw("</tr>");
  }
  page.Raw("</tbody></table>");
}

void Closing(Page& page, const ReceiptLayout& layout) {
  page.Raw(R"(<table role="presentation" style=")").Raw(kTable).Raw(R"(">)");
  for (const Labeled& row : layout.payment) {
    page.Raw("<tr>").Element("td", "padding:2px 8px 2px 0;color:#5c5c5c;width:30%", row.label);
    page.Element("td", "padding:2px 0", row.value).Raw("</tr>");
  }
  page.Raw("</table>");
  if (!layout.exemption.empty()) {
    page.Element("p", "margin:0 0 16px 0;font-weight:bold", layout.exemption);
  }
  if (layout.notes) {
    page.Element("div", kHeading, layout.notes->heading);
    for (const std::string& line : layout.notes->lines) {
      page.Element("p", "margin:0 0 8px 0", line);
    }
  }
  page.Element("p", "margin:24px 0 0 0;text-align:center;color:#5c5c5c", layout.closing);
}

}  // namespace

std::string ReceiptHtml(const Document& document) {
  const ReceiptLayout layout = LayoutOf(document);
  Page page;
  page.Begin(layout.language, layout.subject, "680px");
  Header(page, layout);
  Parties(page, layout);
  Lines(page, layout);
  Totals(page, layout);
  Taxes(page, layout);
  Closing(page, layout);
  page.End();
  return std::move(page).html();
}

}  // namespace commesso::render
