#include "app/work_complaint.h"

#include <string>
#include <utility>
#include <vector>

#include "core/access.h"

namespace commesso {

Result<Complaint> WorkComplaint::Run(const ComplaintNumber& number,
                                     std::optional<std::int64_t> revision,
                                     ComplaintStep step) const {
  const bool comment = step.action == ComplaintAction::kCommented;
  std::vector<FieldError> problems = ValidateNote(step.action, step.note);
  if (!comment && !revision) problems.push_back({"revision", "is required"});
  if (revision && *revision < 1) {
    problems.push_back({"revision", "must be a revision number, 1 or more"});
  }
  if (step.action == ComplaintAction::kAssigned && !step.owner.empty()) {
    auto user = users_.FindUser(step.owner);
    if (!user && user.error().code != ErrorCode::kNotFound) return Fail(user.error());
    if (!user || user->disabled ||
        !Holds(PermissionsOf(user->role), Permission::kComplaintsWrite)) {
      problems.push_back({"owner", "is not a user who works complaints"});
    }
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the step has errors", std::move(problems)});
  }

  step.at = clock_.Now();
  if (comment) {
    return complaints_.Comment(number, ComplaintEvent{.at = step.at,
                                                      .actor = step.actor,
                                                      .action = step.action,
                                                      .from = std::nullopt,
                                                      .to = std::nullopt,
                                                      .note = step.note});
  }

  auto complaint = complaints_.Find(number);
  if (!complaint) return Fail(complaint.error());
  // A stale view first: what the caller decided on is no longer what is there.
  if (complaint->revision != *revision) {
    const std::string now = std::to_string(complaint->revision);
    return Fail(Error{.code = ErrorCode::kConflict,
                      .message = "The complaint was changed meanwhile and is now at revision " +
                                 now + "; read it again before deciding.",
                      .fields = {{"revision", "is not the complaint's current revision " + now}}});
  }
  auto change = Apply(*complaint, step);
  if (!change) return Fail(change.error());
  if (step.action == ComplaintAction::kReopened) {
    change->complaint.due_at = DueAt(service_, rules_, zones_.Zone(service_.department.time_zone),
                                     step.at, change->complaint.priority);
  }
  // The store checks the revision again inside its transaction, so a step racing this one
  // cannot slip between the read and the write.
  return complaints_.Update(*change, *revision);
}

}  // namespace commesso
