#include "adapters/render/pick_list_layout.h"

#include <cstdint>
#include <set>
#include <string_view>

#include "adapters/render/labels.h"

// PickListText, PickListHtml and PickListPdf live in pick_list_text.cc, pick_list_html.cc and
// pick_list_pdf.cc; all of them arrange the one PickListLayout built here.
namespace commesso::render {

PickListLayout LayoutOf(const PickListView& view) {
  const PickListLabels& words = PickListLabelsFor(view.locale);
  const Labels& labels = LabelsFor(words.language);
  const PickList& list = view.list;

  PickListLayout layout;
  layout.language = std::string(words.language);
  layout.title = std::string(words.title);
  layout.department = std::string(view.department_name);
  layout.heading = layout.title;
  if (!layout.department.empty()) layout.heading += " \u2013 " + layout.department;
  layout.references.push_back({std::string(words.department), layout.department});
  // The zone is named: a list printed in one place and read in another states its clock.
  layout.references.push_back(
      {std::string(words.generated),
       FormatLocalTime(view.zone.ToLocal(list.generated_at), words.language) + " " +
           std::string(view.zone.Name())});
  layout.headings = PickHeadings{.location = std::string(words.location),
                                 .sku = std::string(words.sku),
                                 .item = std::string(words.item),
                                 .unit = std::string(words.unit),
                                 .total = std::string(words.total),
                                 .order = std::string(words.order),
                                 .task = std::string(words.task),
                                 .line = std::string(words.line),
                                 .quantity = std::string(words.quantity),
                                 .picked = std::string(words.picked),
                                 .task_short = std::string(words.task_short),
                                 .line_short = std::string(words.line_short)};

  std::set<std::string_view> orders;
  std::int64_t units = 0;
  for (const PickList::Row& row : list.rows) {
    PickRowLayout out{.location = row.location,
                      .sku = row.sku,
                      .name = row.name.In(words.language),
                      .unit = UnitWord(row.total, row.unit, labels),
                      .total = std::to_string(row.total)};
    for (const PickList::Need& need : row.needs) {
      out.needs.push_back(PickNeedLayout{.order = need.order.value,
                                         .task = std::to_string(need.task_id),
                                         .line = std::to_string(need.line_no),
                                         .quantity = std::to_string(need.quantity)});
      orders.insert(need.order.value);
    }
    units += row.total;
    if (!row.location.empty()) layout.locations = true;
    layout.rows.push_back(std::move(out));
  }
  layout.nothing = std::string(words.nothing);
  layout.summary = {{std::string(words.skus), std::to_string(list.rows.size())},
                    {std::string(words.orders), std::to_string(orders.size())},
                    {std::string(words.units), std::to_string(units)}};
  layout.page = std::string(words.page);
  layout.of = std::string(words.of);
  return layout;
}

}  // namespace commesso::render
