#include "core/complaint.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/printers.h"
#include "support/utc_zones.h"

namespace commesso {
namespace {

using S = ComplaintStatus;
using A = ComplaintAction;
using std::chrono::hours;
using std::chrono::minutes;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// 2026-11-27 is a Friday, 2026-11-28 a Saturday, 2026-11-30 a Monday.
Timestamp Utc(int month, int day, int hour, int minute = 0) {
  return Timestamp{std::chrono::sys_days{std::chrono::year{2026} / month / day}} + hours{hour} +
         minutes{minute};
}

const std::vector<S>& AllStatuses() {
  static const std::vector<S> all = {
      S::kOpen,     S::kForwarded, S::kInProgress, S::kAwaitingCustomer,
      S::kResolved, S::kRejected,  S::kClosed};
  return all;
}

TEST(ComplaintTransitionTest, AllowsExactlyTheMovesOfTheTable) {
  // From each status, where each step leads; a step missing from a row is refused there.
  const std::map<S, std::map<A, S>> table = {
      {S::kOpen,
       {{A::kForwarded, S::kForwarded},
        {A::kStarted, S::kInProgress},
        {A::kResolved, S::kResolved},
        {A::kRejected, S::kRejected}}},
      {S::kForwarded,
       {{A::kStarted, S::kInProgress}, {A::kResolved, S::kResolved}, {A::kRejected, S::kRejected}}},
      {S::kInProgress,
       {{A::kAwaitingCustomer, S::kAwaitingCustomer},
        {A::kResolved, S::kResolved},
        {A::kRejected, S::kRejected}}},
      {S::kAwaitingCustomer,
       {{A::kStarted, S::kInProgress}, {A::kResolved, S::kResolved}, {A::kRejected, S::kRejected}}},
      {S::kResolved, {{A::kClosed, S::kClosed}, {A::kReopened, S::kInProgress}}},
      {S::kRejected, {{A::kClosed, S::kClosed}, {A::kReopened, S::kInProgress}}},
      {S::kClosed, {{A::kReopened, S::kInProgress}}},
  };
  const std::vector<A> moves = {A::kForwarded, A::kStarted, A::kAwaitingCustomer, A::kResolved,
                                A::kRejected,  A::kClosed,  A::kReopened,         A::kOpened};

  for (S from : AllStatuses()) {
    for (A action : moves) {
      SCOPED_TRACE(std::string(Name(from)) + " " + Name(action));
      const Result<S> to = Transition(from, action);
      const auto allowed = table.at(from).find(action);
      if (allowed != table.at(from).end()) {
        ASSERT_TRUE(to.has_value()) << to.error().message;
        EXPECT_EQ(*to, allowed->second);
      } else {
        ASSERT_FALSE(to.has_value());
        EXPECT_EQ(to.error().code, ErrorCode::kConflict);
        ASSERT_EQ(to.error().fields.size(), 1u);
        EXPECT_EQ(to.error().fields[0].path, "status");
      }
    }
  }
}

TEST(ComplaintTransitionTest, CommentsEverywhereAndAssignmentsUntilClosed) {
  for (S from : AllStatuses()) {
    EXPECT_EQ(Transition(from, A::kCommented), from) << Name(from);
    if (from == S::kClosed) {
      EXPECT_EQ(Transition(from, A::kAssigned).error().code, ErrorCode::kConflict);
    } else {
      EXPECT_EQ(Transition(from, A::kAssigned), from) << Name(from);
    }
  }
}

TEST(ComplaintTransitionTest, ARefusalNamesTheStatusAndWhatItAllows) {
  const Result<S> refused = Transition(S::kResolved, A::kForwarded);

  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().message, "A complaint that is resolved cannot be forwarded.");
  EXPECT_THAT(refused.error().fields,
              ElementsAre(FieldError{"status",
                                     "is resolved: the complaint can be commented on, assigned, "
                                     "closed or reopened"}));
}

TEST(ComplaintApplyTest, AStepMovesTheStatusBumpsTheRevisionAndWritesFromAndTo) {
  Complaint complaint{.revision = 3, .status = S::kInProgress};

  const Result<ComplaintChange> resolved = Apply(complaint, {.action = A::kResolved,
                                                             .note = "Replacement sent",
                                                             .owner = "",
                                                             .actor = "anna",
                                                             .at = Utc(11, 30, 10)});

  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->complaint.status, S::kResolved);
  EXPECT_EQ(resolved->complaint.revision, 4);
  EXPECT_EQ(resolved->complaint.outcome, "Replacement sent");
  EXPECT_EQ(resolved->complaint.updated_at, Utc(11, 30, 10));
  EXPECT_EQ(resolved->event, (ComplaintEvent{.at = Utc(11, 30, 10),
                                             .actor = "anna",
                                             .action = A::kResolved,
                                             .from = S::kInProgress,
                                             .to = S::kResolved,
                                             .note = "Replacement sent"}));
}

TEST(ComplaintApplyTest, ACommentKeepsTheRevisionAndWritesNoStatus) {
  Complaint complaint{.revision = 2, .status = S::kForwarded};

  const ComplaintChange commented =
      Apply(complaint, {.action = A::kCommented, .note = "Called back", .actor = "anna"}).value();

  EXPECT_EQ(commented.complaint.revision, 2);
  EXPECT_EQ(commented.complaint.status, S::kForwarded);
  EXPECT_EQ(commented.event.from, std::nullopt);
  EXPECT_EQ(commented.event.to, std::nullopt);
  EXPECT_EQ(commented.event.note, "Called back");
}

TEST(ComplaintApplyTest, StartingGivesAnUnownedComplaintToWhoStartsItAndAssigningChangesOwner) {
  Complaint complaint{.status = S::kForwarded};

  const ComplaintChange started =
      Apply(complaint, {.action = A::kStarted, .actor = "service"}).value();
  const ComplaintChange assigned =
      Apply(started.complaint, {.action = A::kAssigned, .owner = "anna", .actor = "supervisor"})
          .value();
  const ComplaintChange restarted =
      Apply(Apply(assigned.complaint, {.action = A::kAwaitingCustomer, .actor = "x"})
                .value()
                .complaint,
            {.action = A::kStarted, .actor = "service"})
          .value();

  EXPECT_EQ(started.complaint.owner, "service");
  EXPECT_EQ(assigned.complaint.owner, "anna");
  EXPECT_EQ(assigned.complaint.revision, 3);
  EXPECT_EQ(assigned.event.note, "anna");
  EXPECT_EQ(assigned.event.from, std::nullopt);
  EXPECT_EQ(restarted.complaint.owner, "anna");  // Owned: starting again keeps the owner.
}

TEST(ComplaintApplyTest, ReopeningClearsTheOutcome) {
  Complaint complaint{.status = S::kClosed, .outcome = "Refused: past the warranty"};

  const ComplaintChange reopened =
      Apply(complaint, {.action = A::kReopened, .note = "Receipt found", .actor = "anna"}).value();

  EXPECT_EQ(reopened.complaint.status, S::kInProgress);
  EXPECT_EQ(reopened.complaint.outcome, "");
  EXPECT_EQ(reopened.event.from, S::kClosed);
}

TEST(ComplaintApplyTest, ARefusedStepChangesNothing) {
  const Result<ComplaintChange> refused =
      Apply(Complaint{.status = S::kOpen}, {.action = A::kClosed, .actor = "anna"});

  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
}

TEST(ComplaintNoteTest, RequiresTheTextOfTheStepsThatNeedOneUnderItsOwnName) {
  const std::vector<std::pair<A, std::string>> required = {{A::kCommented, "text"},
                                                           {A::kForwarded, "note"},
                                                           {A::kResolved, "outcome"},
                                                           {A::kRejected, "reason"},
                                                           {A::kReopened, "reason"}};
  for (const auto& [action, field] : required) {
    EXPECT_THAT(ValidateNote(action, ""), ElementsAre(FieldError{field, "is required"}))
        << Name(action);
    EXPECT_THAT(ValidateNote(action, "ok"), IsEmpty());
  }
  for (A action : {A::kStarted, A::kAwaitingCustomer, A::kClosed}) {
    EXPECT_THAT(ValidateNote(action, ""), IsEmpty()) << Name(action);
  }
}

TEST(ComplaintNoteTest, RefusesACardNumberControlCharactersAndTooLongATextButNotLineBreaks) {
  EXPECT_THAT(ValidateNote(A::kForwarded, "Card 4111 1111 1111 1111 was charged twice"),
              ElementsAre(::testing::Field(&FieldError::path, "note")));
  EXPECT_THAT(ValidateNote(A::kForwarded, std::string("bell\x07")),
              ElementsAre(::testing::Field(&FieldError::path, "note")));
  EXPECT_THAT(ValidateNote(A::kForwarded, std::string(kMaxComplaintTextChars + 1, 'a')),
              ElementsAre(FieldError{"note", "at most 4000 characters"}));
  EXPECT_THAT(ValidateNote(A::kForwarded, "Two lines:\r\nthe second\ttabbed"), IsEmpty());
  EXPECT_THAT(ValidateComplaint(Complaint{}),
              ElementsAre(FieldError{"customer_words", "is required"}));
}

TEST(ComplaintLinesTest, AcceptsLinesOfTheOrderUpToTheQuantityOrdered) {
  const OrderNumber order{"2026-000001"};

  EXPECT_THAT(ValidateComplaintLines(
                  {{.line_no = 2, .quantity = 2}, {.line_no = 1, .quantity = 10}}, order, {10, 3}),
              IsEmpty());
  EXPECT_THAT(ValidateComplaintLines({}, order, {10, 3}), IsEmpty());  // The whole order.
  EXPECT_THAT(ValidateComplaintLines({}, std::nullopt, {}), IsEmpty());
}

TEST(ComplaintLinesTest, ReportsEveryBadLineAtItsPath) {
  const OrderNumber order{"2026-000001"};

  const std::vector<FieldError> problems = ValidateComplaintLines({{.line_no = 3, .quantity = 1},
                                                                   {.line_no = 1, .quantity = 11},
                                                                   {.line_no = 2, .quantity = 0},
                                                                   {.line_no = 2, .quantity = 1},
                                                                   {.line_no = 0, .quantity = 1}},
                                                                  order, {10, 3});

  EXPECT_THAT(
      problems,
      ElementsAre(
          FieldError{"lines[0].line_no", "is not a line of order 2026-000001, which has 2 lines"},
          FieldError{"lines[1].quantity", "must be 1..10, the quantity ordered"},
          FieldError{"lines[2].quantity", "must be 1..3, the quantity ordered"},
          FieldError{"lines[3].line_no", "names a line already named"},
          FieldError{"lines[4].line_no", "is not a line of order 2026-000001, which has 2 lines"}));
}

TEST(ComplaintLinesTest, AComplaintWithoutAnOrderHasNoLines) {
  EXPECT_THAT(ValidateComplaintLines({{.line_no = 1, .quantity = 1}}, std::nullopt, {}),
              ElementsAre(FieldError{"lines", "must be empty without an order_number"}));
}

// Customer service in UTC, Monday to Friday 09:00-18:00: the defaults.
CustomerService UtcService() { return DefaultCustomerService("UTC"); }

TEST(ComplaintDueTest, CountsWorkingHoursAcrossTheClosingAndTheWeekend) {
  const CustomerService service = UtcService();
  const FulfillmentRules rules;
  const testing::UtcZone utc;
  const Timestamp friday_afternoon = Utc(11, 27, 16);

  // Two hours on Friday, two on Monday morning.
  EXPECT_EQ(DueAt(service, rules, utc, friday_afternoon, ComplaintPriority::kUrgent),
            Utc(11, 30, 11));
  // A working day: Friday 16:00 to Monday 16:00.
  EXPECT_EQ(DueAt(service, rules, utc, friday_afternoon, ComplaintPriority::kHigh),
            Utc(11, 30, 16));
  EXPECT_EQ(DueAt(service, rules, utc, friday_afternoon, ComplaintPriority::kNormal),
            Utc(12, 1, 16));
  EXPECT_EQ(DueAt(service, rules, utc, friday_afternoon, ComplaintPriority::kLow), Utc(12, 4, 16));
  // Opened on Saturday: the time starts on Monday at 09:00.
  EXPECT_EQ(DueAt(service, rules, utc, Utc(11, 28, 10), ComplaintPriority::kUrgent),
            Utc(11, 30, 13));
  // Opened after closing: the next working morning.
  EXPECT_EQ(DueAt(service, rules, utc, Utc(11, 30, 20), ComplaintPriority::kUrgent),
            Utc(12, 1, 13));
}

TEST(ComplaintDueTest, PublicHolidaysAndTheConfiguredHoursCount) {
  CustomerService service = UtcService();
  service.department.opens = minutes{8 * 60};
  service.department.closes = minutes{12 * 60};
  service.due_within.urgent = minutes{90};
  FulfillmentRules rules;
  rules.holidays = {std::chrono::year{2026} / 11 / 30};
  const testing::UtcZone utc;

  // Friday 11:00: one hour left that day; Monday is a holiday; half an hour on Tuesday.
  EXPECT_EQ(DueAt(service, rules, utc, Utc(11, 27, 11), ComplaintPriority::kUrgent),
            Utc(12, 1, 8, 30));
}

TEST(ComplaintDueTest, OverdueOnlyWhileTheDueTimeRuns) {
  const Timestamp now = Utc(11, 30, 12);
  for (S status : AllStatuses()) {
    const Complaint late{.status = status, .due_at = Utc(11, 30, 11)};
    const Complaint early{.status = status, .due_at = Utc(11, 30, 13)};
    const bool runs = status == S::kOpen || status == S::kForwarded || status == S::kInProgress;

    EXPECT_EQ(IsOverdue(late, now), runs) << Name(status);
    EXPECT_FALSE(IsOverdue(early, now)) << Name(status);
  }
}

TEST(CustomerServiceTest, RefusesHoursThatCannotWork) {
  CustomerService service = UtcService();
  service.department.working_days.clear();
  service.department.opens = minutes{18 * 60};
  service.due_within.low = minutes{0};

  EXPECT_THAT(ValidateCustomerService(service),
              ElementsAre(FieldError{"customer_service.working_days", "must name at least one day"},
                          FieldError{"customer_service.closes", "must be after opens"},
                          FieldError{"customer_service.due_hours.low", "must be positive"}));
  EXPECT_THAT(ValidateCustomerService(UtcService()), IsEmpty());
}

TEST(ComplaintNamesTest, RoundTripAndNumbersHaveTheirSeries) {
  for (S status : AllStatuses()) EXPECT_EQ(ParseComplaintStatus(Name(status)), status);
  for (ComplaintReason reason :
       {ComplaintReason::kDamaged, ComplaintReason::kWrongItem, ComplaintReason::kMissingItem,
        ComplaintReason::kLate, ComplaintReason::kNotAsDescribed, ComplaintReason::kBillingError,
        ComplaintReason::kService, ComplaintReason::kOther}) {
    EXPECT_EQ(ParseComplaintReason(Name(reason)), reason);
  }
  for (A action : {A::kOpened, A::kCommented, A::kAssigned, A::kForwarded, A::kStarted,
                   A::kAwaitingCustomer, A::kResolved, A::kRejected, A::kClosed, A::kReopened}) {
    EXPECT_EQ(ParseComplaintAction(Name(action)), action);
  }
  EXPECT_EQ(ParseComplaintPriority("urgent"), ComplaintPriority::kUrgent);
  EXPECT_EQ(ParseComplaintReason("broken"), std::nullopt);
  EXPECT_EQ(ComplaintNumberOf(2026, 1).value, "RCL-2026-000001");
  EXPECT_EQ(ComplaintNumberOf(2027, 1234567).value, "RCL-2027-1234567");
}

}  // namespace
}  // namespace commesso
