#include "adapters/sqlite/sqlite_complaint_store.h"

#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/sqlite/sqlite_fixtures.h"
#include "support/pricing_fixtures.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::At;
using commesso::testing::Good;
using commesso::testing::Key;
using commesso::testing::RowCount;
using commesso::testing::SqliteStores;
using ::testing::ElementsAre;

class SqliteComplaintStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Customer customer =
        stores_.customers().Create(commesso::testing::CustomerIn("IT"), Key("c"), nullptr).value();
    const Item pen = stores_.catalog().Create(Good("PEN-1", 150), Key("pen"), nullptr).value();
    const Item book = stores_.catalog().Create(Good("BOOK-1", 900), Key("book"), nullptr).value();
    order_ =
        stores_.orders()
            .Place(commesso::testing::OrderOf(customer, {{pen, 10}, {book, 1}}), Key("o1"), 2026)
            .value()
            .order.number;
  }

  // A complaint about 2 of the order's 10 pens, due `due_minutes` after At().
  Complaint Damaged(int due_minutes = 240) const {
    return Complaint{.order = order_,
                     .lines = {{.line_no = 1, .quantity = 2}},
                     .reason = ComplaintReason::kDamaged,
                     .channel = Channel::kPhone,
                     .customer_words = "Two pens arrived broken.",
                     .priority = ComplaintPriority::kUrgent,
                     .opened_by = "clerk",
                     .due_at = At(due_minutes),
                     .created_at = At(),
                     .updated_at = At()};
  }

  Complaint OpenOne(const std::string& key, Complaint complaint) {
    return store_.Open(complaint, 2026, Key(key), nullptr).value();
  }

  SqliteStores stores_;
  SqliteComplaintStore store_{stores_.database()};
  OrderNumber order_;
};

TEST_F(SqliteComplaintStoreTest, OpensWithItsNumberLinesAndOpenedEntry) {
  const Complaint opened = store_.Open(Damaged(), 2026, Key("k1"), nullptr).value();

  EXPECT_EQ(opened.number.value, "RCL-2026-000001");
  EXPECT_EQ(opened.revision, 1);
  EXPECT_EQ(store_.Find(opened.number).value(), opened);
  EXPECT_EQ(opened.order, order_);
  EXPECT_THAT(opened.lines, ElementsAre(ComplaintLine{.line_no = 1, .quantity = 2}));
  EXPECT_THAT(store_.History(opened.number).value(),
              ElementsAre(ComplaintEvent{.at = At(),
                                         .actor = "clerk",
                                         .action = ComplaintAction::kOpened,
                                         .from = std::nullopt,
                                         .to = ComplaintStatus::kOpen,
                                         .note = ""}));
}

TEST_F(SqliteComplaintStoreTest, NumbersHaveNoGapAcrossARefusedOpeningAndStartAgainEachYear) {
  Complaint unknown_order = Damaged();
  unknown_order.order = OrderNumber{"2026-999999"};
  Complaint general = Damaged();
  general.order.reset();
  general.lines.clear();

  const Complaint first = OpenOne("k1", Damaged());
  const Result<Complaint> refused = store_.Open(unknown_order, 2026, Key("k2"), nullptr);
  const Result<Complaint> reused = store_.Open(Damaged(), 2026, Key("k1", "another"), nullptr);
  const Complaint second = OpenOne("k3", general);
  const Complaint third = OpenOne("k4", Damaged());
  const Complaint fourth = store_.Open(Damaged(), 2026, Key("k5"), nullptr).value();

  EXPECT_EQ(first.number.value, "RCL-2026-000001");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(refused.error().fields.at(0).path, "order_number");
  ASSERT_FALSE(reused.has_value());
  EXPECT_EQ(reused.error().fields.at(0).path, "Idempotency-Key");
  EXPECT_EQ(second.number.value, "RCL-2026-000002");
  EXPECT_EQ(second.order, std::nullopt);
  EXPECT_EQ(third.number.value, "RCL-2026-000003");
  EXPECT_EQ(fourth.number.value, "RCL-2026-000004");
  EXPECT_EQ(store_.Open(Damaged(), 2027, Key("k6"), nullptr)->number.value, "RCL-2027-000001");
  EXPECT_EQ(RowCount(stores_.path(), "complaints"), 5);
  EXPECT_EQ(RowCount(stores_.path(), "complaint_events"), 5);
}

TEST_F(SqliteComplaintStoreTest, AReplayedKeyReturnsTheFirstComplaintAsItIsNow) {
  const Complaint first = OpenOne("k1", Damaged());
  const ComplaintChange forwarded = Apply(first, {.action = ComplaintAction::kForwarded,
                                                  .note = "Photos asked",
                                                  .actor = "clerk",
                                                  .at = At(5)})
                                        .value();
  ASSERT_TRUE(store_.Update(forwarded, 1).has_value());
  KeptAnswer<Complaint> answer([](const Complaint& complaint) { return complaint.number.value; });

  const Complaint again = store_.Open(Damaged(), 2026, Key("k1"), &answer).value();

  EXPECT_EQ(again.number, first.number);
  EXPECT_EQ(again.status, ComplaintStatus::kForwarded);
  EXPECT_TRUE(answer.replayed());
  EXPECT_EQ(RowCount(stores_.path(), "complaints"), 1);
}

TEST_F(SqliteComplaintStoreTest, UpdateWritesTheStepWithItsHistoryOnlyOnTheRevisionItWasDecidedOn) {
  const Complaint opened = OpenOne("k1", Damaged());
  const ComplaintChange started =
      Apply(opened, {.action = ComplaintAction::kStarted, .actor = "anna", .at = At(10)}).value();
  const ComplaintChange rejected = Apply(opened, {.action = ComplaintAction::kRejected,
                                                  .note = "Not ours",
                                                  .actor = "bruno",
                                                  .at = At(11)})
                                       .value();

  const Result<Complaint> first = store_.Update(started, 1);
  const Result<Complaint> second = store_.Update(rejected, 1);

  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->status, ComplaintStatus::kInProgress);
  EXPECT_EQ(first->owner, "anna");
  EXPECT_EQ(first->revision, 2);
  EXPECT_EQ(first->updated_at, At(10));
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_EQ(second.error().fields,
            (std::vector<FieldError>{{"revision", "is not the complaint's current revision 2"}}));
  EXPECT_EQ(store_.Find(opened.number)->status, ComplaintStatus::kInProgress);
  const std::vector<ComplaintEvent> history = store_.History(opened.number).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1], started.event);
  EXPECT_EQ(store_.Update(started, 7).error().code, ErrorCode::kConflict);
  ComplaintChange missing = started;
  missing.complaint.number = ComplaintNumber{"RCL-2026-000099"};
  EXPECT_EQ(store_.Update(missing, 1).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteComplaintStoreTest, ACommentAppendsToTheHistoryWithoutARevision) {
  const Complaint opened = OpenOne("k1", Damaged());
  const ComplaintEvent comment{.at = At(3),
                               .actor = "clerk",
                               .action = ComplaintAction::kCommented,
                               .note = "Customer called again"};

  const Complaint commented = store_.Comment(opened.number, comment).value();

  EXPECT_EQ(commented.revision, 1);
  EXPECT_EQ(commented.updated_at, At(3));
  EXPECT_EQ(store_.History(opened.number)->back(), comment);
  EXPECT_EQ(store_.Comment(ComplaintNumber{"RCL-2026-000099"}, comment).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_.History(ComplaintNumber{"RCL-2026-000099"}).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteComplaintStoreTest, ListsOverdueFirstThenByDueTimePageByPageWithFilters) {
  // Due at +60, +30, +240, +120 minutes; at +90 the first two are overdue. The one due at +30
  // is resolved, so it is not overdue and comes by its due time among the rest.
  const Complaint a = OpenOne("a", Damaged(60));
  const Complaint b = OpenOne("b", Damaged(30));
  const Complaint c = OpenOne("c", Damaged(240));
  Complaint general = Damaged(120);
  general.order.reset();
  general.lines.clear();
  general.reason = ComplaintReason::kService;
  const Complaint d = OpenOne("d", general);
  const ComplaintChange assigned =
      Apply(b,
            {.action = ComplaintAction::kAssigned, .owner = "anna", .actor = "boss", .at = At(35)})
          .value();
  ASSERT_TRUE(store_.Update(assigned, 1).has_value());
  ASSERT_TRUE(store_
                  .Update(Apply(assigned.complaint, {.action = ComplaintAction::kResolved,
                                                     .note = "Refunded",
                                                     .actor = "anna",
                                                     .at = At(40)})
                              .value(),
                          2)
                  .has_value());
  const auto numbers = [&](const ComplaintQuery& query) {
    std::vector<std::string> listed;
    std::string cursor;
    do {
      const Page<Complaint> page = store_.List(query, 2, cursor).value();
      for (const Complaint& complaint : page.entries) listed.push_back(complaint.number.value);
      cursor = page.next_cursor;
    } while (!cursor.empty());
    return listed;
  };

  EXPECT_THAT(numbers({.now = At(90)}),
              ElementsAre(a.number.value, b.number.value, d.number.value, c.number.value));
  EXPECT_THAT(numbers({.overdue_only = true, .now = At(90)}), ElementsAre(a.number.value));
  EXPECT_THAT(numbers({.status = ComplaintStatus::kResolved, .now = At(90)}),
              ElementsAre(b.number.value));
  EXPECT_THAT(numbers({.reason = ComplaintReason::kService, .now = At(90)}),
              ElementsAre(d.number.value));
  EXPECT_THAT(numbers({.owner = "anna", .now = At(90)}), ElementsAre(b.number.value));
  EXPECT_THAT(numbers({.order = order_, .now = At(90)}),
              ElementsAre(a.number.value, b.number.value, c.number.value));
  EXPECT_THAT(numbers({.order = OrderNumber{"2026-999999"}, .now = At(90)}), ElementsAre());
  EXPECT_EQ(store_.List({}, 2, "zz").error().fields.at(0).path, "cursor");
}

}  // namespace
}  // namespace commesso::sqlite
