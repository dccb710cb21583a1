#include "app/open_complaint.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace commesso {

Result<Complaint> OpenComplaint::Run(const Complaint& complaint, const IdempotencyKey& key,
                                     KeptAnswer<Complaint>* answer) const {
  // Every problem at once, so the clerk fixes the form in one pass.
  std::vector<FieldError> problems = ValidateComplaint(complaint);
  std::vector<std::int64_t> ordered;
  bool order_known = !complaint.order.has_value();
  if (complaint.order) {
    auto order = orders_.FindByNumber(*complaint.order);
    if (!order && order.error().code != ErrorCode::kNotFound) return Fail(order.error());
    if (order) {
      order_known = true;
      for (const PricedLine& line : order->priced.lines) ordered.push_back(line.quantity);
    } else {
      problems.push_back({"order_number", "is not an order"});
    }
  }
  if (order_known) {
    for (FieldError& problem : ValidateComplaintLines(complaint.lines, complaint.order, ordered)) {
      problems.push_back(std::move(problem));
    }
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the complaint has errors", std::move(problems)});
  }

  const Timestamp now = clock_.Now();
  Complaint opened = complaint;
  std::sort(opened.lines.begin(), opened.lines.end(),
            [](const ComplaintLine& a, const ComplaintLine& b) { return a.line_no < b.line_no; });
  opened.status = ComplaintStatus::kOpen;
  opened.owner.clear();
  opened.outcome.clear();
  opened.created_at = now;
  opened.updated_at = now;
  opened.due_at =
      DueAt(service_, rules_, zones_.Zone(service_.department.time_zone), now, opened.priority);
  const int year = static_cast<int>(clock_.BusinessDay(now).year());
  return complaints_.Open(opened, year, key, answer);
}

}  // namespace commesso
