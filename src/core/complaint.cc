#include "core/complaint.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/free_text.h"
#include "core/utf8.h"

namespace commesso {
namespace {

using S = ComplaintStatus;
using A = ComplaintAction;

// The steps that move a complaint, each from the statuses it may be taken in. Comments and
// assignments keep the status and are not here.
struct Move {
  A action;
  std::vector<S> from;
  S to;
};

const std::vector<Move>& Moves() {
  static const std::vector<Move> moves = {
      {A::kForwarded, {S::kOpen}, S::kForwarded},
      {A::kStarted, {S::kOpen, S::kForwarded, S::kAwaitingCustomer}, S::kInProgress},
      {A::kAwaitingCustomer, {S::kInProgress}, S::kAwaitingCustomer},
      {A::kResolved, {S::kOpen, S::kForwarded, S::kInProgress, S::kAwaitingCustomer}, S::kResolved},
      {A::kRejected, {S::kOpen, S::kForwarded, S::kInProgress, S::kAwaitingCustomer}, S::kRejected},
      {A::kClosed, {S::kResolved, S::kRejected}, S::kClosed},
      {A::kReopened, {S::kResolved, S::kRejected, S::kClosed}, S::kInProgress},
  };
  return moves;
}

// What a person calls the step, for messages: "forwarded", "resolved".
const char* Verb(A action) {
  switch (action) {
    case A::kOpened:
      return "opened";
    case A::kCommented:
      return "commented on";
    case A::kAssigned:
      return "assigned";
    case A::kForwarded:
      return "forwarded";
    case A::kStarted:
      return "started";
    case A::kAwaitingCustomer:
      return "set to await the customer";
    case A::kResolved:
      return "resolved";
    case A::kRejected:
      return "rejected";
    case A::kClosed:
      return "closed";
    case A::kReopened:
      return "reopened";
  }
  return "changed";
}

// "forwarded, resolved or rejected": the steps a complaint in `status` may take.
std::string AllowedFrom(S status) {
  std::vector<std::string> allowed;
  if (status != S::kClosed) allowed.emplace_back("assigned");
  for (const Move& move : Moves()) {
    if (std::find(move.from.begin(), move.from.end(), status) != move.from.end()) {
      allowed.emplace_back(Verb(move.action));
    }
  }
  std::string text;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) text += i + 1 == allowed.size() ? " or " : ", ";
    text += allowed[i];
  }
  return text;
}

Error Refused(S from, A action) {
  const std::string status = Name(from);
  return Error{.code = ErrorCode::kConflict,
               .message = "A complaint that is " + status + " cannot be " + Verb(action) + ".",
               .fields = {{"status", "is " + status + ": the complaint can be commented on, " +
                                         AllowedFrom(from)}}};
}

void CheckText(std::string_view path, std::string_view text, bool required,
               std::vector<FieldError>& problems) {
  if (text.empty()) {
    if (required) problems.push_back({std::string(path), "is required"});
    return;
  }
  if (CharacterCount(text) > kMaxComplaintTextChars) {
    problems.push_back(
        {std::string(path), "at most " + std::to_string(kMaxComplaintTextChars) + " characters"});
    return;
  }
  if (auto why = FreeTextProblem(text, TextLines::kMany)) {
    problems.push_back({std::string(path), *why});
  }
}

std::string LinePath(std::size_t index, const char* member) {
  return "lines[" + std::to_string(index) + "]." + member;
}

}  // namespace

ComplaintNumber ComplaintNumberOf(int year, std::int64_t sequence) {
  char text[48];
  std::snprintf(text, sizeof text, "RCL-%04d-%06lld", year, static_cast<long long>(sequence));
  return ComplaintNumber{text};
}

Result<ComplaintStatus> Transition(ComplaintStatus from, ComplaintAction action) {
  if (action == A::kCommented) return from;
  if (action == A::kAssigned) {
    if (from == S::kClosed) return Fail(Refused(from, action));
    return from;
  }
  for (const Move& move : Moves()) {
    if (move.action != action) continue;
    if (std::find(move.from.begin(), move.from.end(), from) != move.from.end()) return move.to;
  }
  return Fail(Refused(from, action));
}

bool DueTimeRuns(ComplaintStatus status) {
  return status == S::kOpen || status == S::kForwarded || status == S::kInProgress;
}

bool IsOverdue(const Complaint& complaint, Timestamp now) {
  return DueTimeRuns(complaint.status) && complaint.due_at < now;
}

std::string_view NoteField(ComplaintAction action) {
  switch (action) {
    case A::kCommented:
      return "text";
    case A::kResolved:
      return "outcome";
    case A::kRejected:
    case A::kReopened:
      return "reason";
    case A::kAssigned:
      return "owner";
    default:
      return "note";
  }
}

bool NoteRequired(ComplaintAction action) {
  return action == A::kCommented || action == A::kForwarded || action == A::kResolved ||
         action == A::kRejected || action == A::kReopened;
}

std::vector<FieldError> ValidateNote(ComplaintAction action, std::string_view note) {
  std::vector<FieldError> problems;
  if (action == A::kAssigned) return problems;  // A user name, which the caller checks.
  CheckText(NoteField(action), note, NoteRequired(action), problems);
  return problems;
}

std::vector<FieldError> ValidateComplaint(const Complaint& complaint) {
  std::vector<FieldError> problems;
  CheckText("customer_words", complaint.customer_words, true, problems);
  return problems;
}

std::vector<FieldError> ValidateComplaintLines(const std::vector<ComplaintLine>& lines,
                                               const std::optional<OrderNumber>& order,
                                               const std::vector<std::int64_t>& ordered) {
  std::vector<FieldError> problems;
  if (!order) {
    if (!lines.empty()) problems.push_back({"lines", "must be empty without an order_number"});
    return problems;
  }
  std::vector<bool> seen(ordered.size() + 1, false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const ComplaintLine& line = lines[i];
    if (line.line_no < 1 || static_cast<std::size_t>(line.line_no) > ordered.size()) {
      problems.push_back({LinePath(i, "line_no"), "is not a line of order " + order->value +
                                                      ", which has " +
                                                      std::to_string(ordered.size()) + " lines"});
      continue;
    }
    const auto at = static_cast<std::size_t>(line.line_no);
    if (seen[at]) {
      problems.push_back({LinePath(i, "line_no"), "names a line already named"});
      continue;
    }
    seen[at] = true;
    const std::int64_t most = ordered[at - 1];
    if (line.quantity < 1 || line.quantity > most) {
      problems.push_back({LinePath(i, "quantity"),
                          "must be 1.." + std::to_string(most) + ", the quantity ordered"});
    }
  }
  return problems;
}

Result<ComplaintChange> Apply(const Complaint& complaint, const ComplaintStep& step) {
  Result<ComplaintStatus> to = Transition(complaint.status, step.action);
  if (!to) return Fail(to.error());

  ComplaintChange change{.complaint = complaint,
                         .event = {.at = step.at,
                                   .actor = step.actor,
                                   .action = step.action,
                                   .from = std::nullopt,
                                   .to = std::nullopt,
                                   .note = step.note}};
  Complaint& changed = change.complaint;
  changed.updated_at = step.at;
  if (step.action == A::kCommented) return change;

  ++changed.revision;
  changed.status = *to;
  switch (step.action) {
    case A::kAssigned:
      changed.owner = step.owner;
      change.event.note = step.owner;
      return change;
    case A::kStarted:
      if (changed.owner.empty()) changed.owner = step.actor;
      break;
    case A::kResolved:
    case A::kRejected:
      changed.outcome = step.note;
      break;
    case A::kReopened:
      changed.outcome.clear();
      break;
    default:
      break;
  }
  change.event.from = complaint.status;
  change.event.to = *to;
  return change;
}

CustomerService DefaultCustomerService(const std::string& time_zone) {
  CustomerService service;
  service.department.code = "customer_service";
  service.department.name = {"Assistenza clienti", "Customer service"};
  service.department.time_zone = time_zone;
  return service;
}

std::vector<FieldError> ValidateCustomerService(const CustomerService& service) {
  std::vector<FieldError> problems;
  const Department& department = service.department;
  if (department.working_days.empty()) {
    problems.push_back({"customer_service.working_days", "must name at least one day"});
  }
  if (department.opens >= department.closes) {
    problems.push_back({"customer_service.closes", "must be after opens"});
  }
  const std::pair<const char*, std::chrono::minutes> targets[] = {
      {"urgent", service.due_within.urgent},
      {"high", service.due_within.high},
      {"normal", service.due_within.normal},
      {"low", service.due_within.low}};
  for (const auto& [name, target] : targets) {
    if (target <= std::chrono::minutes{0}) {
      problems.push_back({std::string("customer_service.due_hours.") + name, "must be positive"});
    }
  }
  return problems;
}

std::chrono::minutes TargetOf(const ComplaintTargets& targets, ComplaintPriority priority) {
  switch (priority) {
    case ComplaintPriority::kUrgent:
      return targets.urgent;
    case ComplaintPriority::kHigh:
      return targets.high;
    case ComplaintPriority::kNormal:
      return targets.normal;
    case ComplaintPriority::kLow:
      return targets.low;
  }
  return targets.normal;
}

Timestamp DueAt(const CustomerService& service, const FulfillmentRules& rules,
                const ZoneRules& zone, Timestamp from, ComplaintPriority priority) {
  return AddWorkingTime(service.department, rules, zone, from,
                        TargetOf(service.due_within, priority));
}

const char* Name(ComplaintReason reason) {
  switch (reason) {
    case ComplaintReason::kDamaged:
      return "damaged";
    case ComplaintReason::kWrongItem:
      return "wrong_item";
    case ComplaintReason::kMissingItem:
      return "missing_item";
    case ComplaintReason::kLate:
      return "late";
    case ComplaintReason::kNotAsDescribed:
      return "not_as_described";
    case ComplaintReason::kBillingError:
      return "billing_error";
    case ComplaintReason::kService:
      return "service";
    case ComplaintReason::kOther:
      return "other";
  }
  return "other";
}

const char* Name(ComplaintPriority priority) {
  switch (priority) {
    case ComplaintPriority::kLow:
      return "low";
    case ComplaintPriority::kNormal:
      return "normal";
    case ComplaintPriority::kHigh:
      return "high";
    case ComplaintPriority::kUrgent:
      return "urgent";
  }
  return "normal";
}

const char* Name(ComplaintStatus status) {
  switch (status) {
    case S::kOpen:
      return "open";
    case S::kForwarded:
      return "forwarded";
    case S::kInProgress:
      return "in_progress";
    case S::kAwaitingCustomer:
      return "awaiting_customer";
    case S::kResolved:
      return "resolved";
    case S::kRejected:
      return "rejected";
    case S::kClosed:
      return "closed";
  }
  return "open";
}

const char* Name(ComplaintAction action) {
  switch (action) {
    case A::kOpened:
      return "opened";
    case A::kCommented:
      return "commented";
    case A::kAssigned:
      return "assigned";
    case A::kForwarded:
      return "forwarded";
    case A::kStarted:
      return "started";
    case A::kAwaitingCustomer:
      return "awaiting_customer";
    case A::kResolved:
      return "resolved";
    case A::kRejected:
      return "rejected";
    case A::kClosed:
      return "closed";
    case A::kReopened:
      return "reopened";
  }
  return "commented";
}

std::optional<ComplaintReason> ParseComplaintReason(std::string_view name) {
  using R = ComplaintReason;
  for (R reason : {R::kDamaged, R::kWrongItem, R::kMissingItem, R::kLate, R::kNotAsDescribed,
                   R::kBillingError, R::kService, R::kOther}) {
    if (name == Name(reason)) return reason;
  }
  return std::nullopt;
}

std::optional<ComplaintPriority> ParseComplaintPriority(std::string_view name) {
  using P = ComplaintPriority;
  for (P priority : {P::kLow, P::kNormal, P::kHigh, P::kUrgent}) {
    if (name == Name(priority)) return priority;
  }
  return std::nullopt;
}

std::optional<ComplaintStatus> ParseComplaintStatus(std::string_view name) {
  for (S status : {S::kOpen, S::kForwarded, S::kInProgress, S::kAwaitingCustomer, S::kResolved,
                   S::kRejected, S::kClosed}) {
    if (name == Name(status)) return status;
  }
  return std::nullopt;
}

std::optional<ComplaintAction> ParseComplaintAction(std::string_view name) {
  for (A action : {A::kOpened, A::kCommented, A::kAssigned, A::kForwarded, A::kStarted,
                   A::kAwaitingCustomer, A::kResolved, A::kRejected, A::kClosed, A::kReopened}) {
    if (name == Name(action)) return action;
  }
  return std::nullopt;
}

}  // namespace commesso
