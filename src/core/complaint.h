#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fulfillment.h"
#include "core/ids.h"
#include "core/order.h"
#include "core/result.h"
#include "core/zone_rules.h"

// Complaints: one record of what a customer complained about, from the first call to the last
// step (docs/customer-care.md). Its life is a small state machine, `Transition` below, and its
// due time counts the working hours of the customer-service department. Pure: no clock, no I/O.
namespace commesso {

// Storage-assigned; never shown to people.
struct ComplaintId {
  std::int64_t value = 0;
  friend auto operator<=>(const ComplaintId&, const ComplaintId&) = default;
};

// What people see and say: "RCL-2026-000001", consecutive within a business year, in a series
// of its own (not the orders' or the documents').
struct ComplaintNumber {
  std::string value;
  friend auto operator<=>(const ComplaintNumber&, const ComplaintNumber&) = default;
};

// "RCL-<year>-<sequence of six digits or more>".
ComplaintNumber ComplaintNumberOf(int year, std::int64_t sequence);

enum class ComplaintReason {
  kDamaged,
  kWrongItem,
  kMissingItem,
  kLate,
  kNotAsDescribed,
  kBillingError,
  kService,  // About how the customer was served; often with no order.
  kOther,
};

enum class ComplaintPriority { kLow, kNormal, kHigh, kUrgent };

// open → forwarded → in_progress → awaiting_customer → resolved | rejected → closed; reopened
// back to in_progress. Transition has the whole table.
enum class ComplaintStatus {
  kOpen,              // Taken by the clerk; nobody of customer service has it yet.
  kForwarded,         // Handed to customer service with a note.
  kInProgress,        // Someone works on it.
  kAwaitingCustomer,  // Waiting for the customer (photos, an answer): never overdue.
  kResolved,          // Settled, with its outcome.
  kRejected,          // Refused, with the reason.
  kClosed,            // Done with; only a reopening changes it again.
};

// Every step of a complaint's history; all but kOpened and kCommented are asked for by an action
// that may be refused (Transition).
enum class ComplaintAction {
  kOpened,
  kCommented,  // A note; changes nothing else.
  kAssigned,   // A new owner (or none).
  kForwarded,
  kStarted,
  kAwaitingCustomer,
  kResolved,
  kRejected,
  kClosed,
  kReopened,
};

// One order line concerned: its 1-based position in the order and how many of it.
struct ComplaintLine {
  int line_no = 0;
  std::int64_t quantity = 0;
  friend bool operator==(const ComplaintLine&, const ComplaintLine&) = default;
};

struct Complaint {
  ComplaintId id{};
  ComplaintNumber number{};
  // 1 when opened; one more for every step but a comment. A step names the revision it was
  // decided on, so two agents cannot overwrite each other unknowingly.
  std::int64_t revision = 1;
  std::optional<OrderNumber> order{};  // Empty: a general complaint (then no lines).
  std::vector<ComplaintLine> lines{};
  ComplaintReason reason = ComplaintReason::kOther;
  Channel channel = Channel::kPhone;
  std::string customer_words{};  // What the customer said, as the clerk took it down.
  ComplaintPriority priority = ComplaintPriority::kNormal;
  std::string owner{};  // The user working on it; empty: nobody yet.
  ComplaintStatus status = ComplaintStatus::kOpen;
  std::string outcome{};  // When resolved: the outcome; when rejected: the reason.
  std::string opened_by{};
  Timestamp due_at{};
  Timestamp created_at{};
  Timestamp updated_at{};
  friend bool operator==(const Complaint&, const Complaint&) = default;
};

// One step of a complaint's history, written in the same transaction as the step.
struct ComplaintEvent {
  Timestamp at{};
  std::string actor{};
  ComplaintAction action = ComplaintAction::kCommented;
  // The status before and after; both empty for a comment or an assignment, `from` empty when
  // opened.
  std::optional<ComplaintStatus> from{};
  std::optional<ComplaintStatus> to{};
  std::string note{};  // The comment, note, outcome or reason; the new owner of an assignment.
  friend bool operator==(const ComplaintEvent&, const ComplaintEvent&) = default;
};

// The status `action` leads to from `from`: kConflict (field "status", naming the current
// status and what it allows) when it may not be taken from there. Comments are allowed in every
// status, assignments in every one but closed. kOpened is never a step of an existing complaint.
Result<ComplaintStatus> Transition(ComplaintStatus from, ComplaintAction action);

// Whether the due time runs in `status`: open, forwarded and in progress. It stops while the
// customer is awaited and once the complaint is settled.
bool DueTimeRuns(ComplaintStatus status);

// Whether `complaint` is overdue at `now`: its due time runs and has passed.
bool IsOverdue(const Complaint& complaint, Timestamp now);

// The request field that carries an action's text ("note", "text", "outcome", "reason"), and
// whether the action requires it.
std::string_view NoteField(ComplaintAction action);
bool NoteRequired(ComplaintAction action);

// The longest text of the customer's words and of any note, in characters.
inline constexpr std::size_t kMaxComplaintTextChars = 4'000;

// Problems of an action's text, at NoteField(action): required, at most
// kMaxComplaintTextChars, free text on many lines (free_text.h).
std::vector<FieldError> ValidateNote(ComplaintAction action, std::string_view note);

// Problems of a complaint being opened, except its lines: the customer's words at
// "customer_words" (required, at most kMaxComplaintTextChars, free text on many lines).
std::vector<FieldError> ValidateComplaint(const Complaint& complaint);

// Problems of the lines of a complaint against its order, whose lines have the quantities
// `ordered` (line_no i is ordered[i - 1]); without an order (`ordered` empty) there must be no
// line. Each line names a line of the order once, with a quantity from 1 to what was ordered.
// Paths "lines", "lines[i].line_no", "lines[i].quantity".
std::vector<FieldError> ValidateComplaintLines(const std::vector<ComplaintLine>& lines,
                                               const std::optional<OrderNumber>& order,
                                               const std::vector<std::int64_t>& ordered);

// What a step asks: the action, its text (or the new owner for kAssigned), who and when.
struct ComplaintStep {
  ComplaintAction action = ComplaintAction::kCommented;
  std::string note{};
  std::string owner{};  // kAssigned only.
  std::string actor{};
  Timestamp at{};
};

// `complaint` after `step`, with the history entry it writes: the new status (Transition), the
// outcome of a resolution or rejection (cleared by a reopening), the owner of an assignment or
// of a start of a complaint nobody owned, and the next revision (a comment keeps it). The due
// time is the caller's: a reopening starts it again (DueAt). kConflict as Transition.
struct ComplaintChange {
  Complaint complaint{};
  ComplaintEvent event{};
};
Result<ComplaintChange> Apply(const Complaint& complaint, const ComplaintStep& step);

// The department that works complaints, and how long each priority may take.
struct ComplaintTargets {
  std::chrono::minutes urgent{4 * 60};   // Half a working day.
  std::chrono::minutes high{9 * 60};     // One working day of 09:00-18:00.
  std::chrono::minutes normal{18 * 60};  // Two.
  std::chrono::minutes low{45 * 60};     // A working week.
  friend bool operator==(const ComplaintTargets&, const ComplaintTargets&) = default;
};

// The [customer_service] configuration (docs/configuration.md): its working hours (a
// Department: only its zone, working days, opens and closes are used; public holidays are
// FulfillmentRules::holidays) and the due targets in working time.
struct CustomerService {
  Department department{};
  ComplaintTargets due_within{};
  friend bool operator==(const CustomerService&, const CustomerService&) = default;
};

// Customer service in `time_zone`, Monday to Friday 09:00-18:00, with the default targets.
CustomerService DefaultCustomerService(const std::string& time_zone);

// Problems of the configuration: opens before closes, at least one working day, positive
// targets. Paths "customer_service.<key>".
std::vector<FieldError> ValidateCustomerService(const CustomerService& service);

// The working time `priority` may take.
std::chrono::minutes TargetOf(const ComplaintTargets& targets, ComplaintPriority priority);

// When a complaint of `priority` opened (or reopened) at `from` is due: its target of
// customer service's working time later (AddWorkingTime), in `zone` (the department's).
Timestamp DueAt(const CustomerService& service, const FulfillmentRules& rules,
                const ZoneRules& zone, Timestamp from, ComplaintPriority priority);

// The stable names used in JSON, SQL and docs ("not_as_described", "awaiting_customer"), and
// their parsers (nothing for an unknown name).
const char* Name(ComplaintReason reason);
const char* Name(ComplaintPriority priority);
const char* Name(ComplaintStatus status);
const char* Name(ComplaintAction action);
std::optional<ComplaintReason> ParseComplaintReason(std::string_view name);
std::optional<ComplaintPriority> ParseComplaintPriority(std::string_view name);
std::optional<ComplaintStatus> ParseComplaintStatus(std::string_view name);
std::optional<ComplaintAction> ParseComplaintAction(std::string_view name);

}  // namespace commesso
