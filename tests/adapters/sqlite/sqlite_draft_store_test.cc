#include "adapters/sqlite/sqlite_draft_store.h"

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/sqlite/sqlite_fixtures.h"
#include "support/pricing_fixtures.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::At;
using commesso::testing::Key;
using commesso::testing::RowCount;
using commesso::testing::SqliteStores;

// Now, to the millisecond, as the purge at open sees it.
Timestamp SystemNow() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

class SqliteDraftStoreTest : public ::testing::Test {
 protected:
  // A draft of `owner` saved at `at`, with the placement key "place " + `name`.
  EntryDraft DraftOf(const std::string& name, Timestamp at = SystemNow(),
                     const std::string& owner = "anna") {
    return EntryDraft{.channel = Channel::kPhone,
                      .owner = owner,
                      .placement_key = "place " + name,
                      .content = R"({"note":")" + name + R"("})",
                      .summary = {.customer_name = "Mario", .line_count = 2},
                      .created_at = at,
                      .updated_at = at};
  }

  EntryDraft Created(const std::string& name, Timestamp at = SystemNow(),
                     const std::string& owner = "anna") {
    auto created =
        stores_.drafts().Create(DraftOf(name, at, owner), Key("create " + name), nullptr);
    EXPECT_TRUE(created.has_value()) << created.error().message;
    return created.value_or(EntryDraft{});
  }

  std::vector<std::int64_t> IdsOf(const DraftQuery& query, int limit = 50) {
    std::vector<std::int64_t> ids;
    std::string cursor;
    do {
      auto page = stores_.drafts().List(query, limit, cursor);
      EXPECT_TRUE(page.has_value());
      if (!page) break;
      for (const EntryDraft& draft : page->entries) {
        EXPECT_EQ(draft.content, "{}");
        ids.push_back(draft.id.value);
      }
      cursor = page->next_cursor;
    } while (!cursor.empty());
    return ids;
  }

  SqliteStores stores_;
};

TEST_F(SqliteDraftStoreTest, ADraftSurvivesClosingAndReopening) {
  const EntryDraft created = Created("a");

  stores_.Reopen();

  auto found = stores_.drafts().Find(created.id, "anna");
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(*found, created);
  EXPECT_EQ(found->revision, 1);
  EXPECT_EQ(found->content, R"({"note":"a"})");
}

TEST_F(SqliteDraftStoreTest, AReplayOfTheKeyReturnsTheFirstDraft) {
  const EntryDraft created = Created("a");

  auto again = stores_.drafts().Create(DraftOf("a"), Key("create a"), nullptr);
  auto other = stores_.drafts().Create(DraftOf("b"), Key("create a", "another request"), nullptr);

  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->id, created.id);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().fields.at(0).path, "Idempotency-Key");
  EXPECT_EQ(RowCount(stores_.path(), "drafts"), 1);
}

TEST_F(SqliteDraftStoreTest, OnlyItsOwnerSeesADraft) {
  const EntryDraft created = Created("a");

  EXPECT_EQ(stores_.drafts().Find(created.id, "bruno").error().code, ErrorCode::kNotFound);
  EntryDraft change = created;
  change.owner = "bruno";
  EXPECT_EQ(stores_.drafts().Update(change).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(stores_.drafts().Delete(created.id, "bruno").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(IdsOf({.owner = "bruno"}).empty());
  EXPECT_EQ(RowCount(stores_.path(), "drafts"), 1);
}

TEST_F(SqliteDraftStoreTest, SavesOnTheCurrentRevisionAndRefusesAStaleOne) {
  const EntryDraft created = Created("a");
  EntryDraft change = created;
  change.content = R"({"lines":[]})";
  change.parked = true;
  change.summary = {.customer_name = "", .line_count = 0};
  change.updated_at = created.updated_at + std::chrono::seconds{5};

  auto saved = stores_.drafts().Update(change);
  auto stale = stores_.drafts().Update(change);

  ASSERT_TRUE(saved.has_value()) << saved.error().message;
  EXPECT_EQ(saved->revision, 2);
  EXPECT_TRUE(saved->parked);
  EXPECT_EQ(saved->content, R"({"lines":[]})");
  EXPECT_EQ(saved->created_at, created.created_at);
  EXPECT_EQ(saved->updated_at, change.updated_at);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().fields,
            (std::vector<FieldError>{{"revision", "is not the draft's current revision 2"}}));
  EXPECT_EQ(stores_.drafts().Find(created.id, "anna").value(), *saved);
}

TEST_F(SqliteDraftStoreTest, ListsNewestFirstByParkedPageByPage) {
  const Timestamp now = SystemNow();
  const EntryDraft first = Created("a", now);
  const EntryDraft second = Created("b", now + std::chrono::seconds{1});
  const EntryDraft third = Created("c", now + std::chrono::seconds{2});
  Created("other", now, "bruno");
  EntryDraft park = first;
  park.parked = true;
  park.updated_at = now + std::chrono::seconds{3};
  ASSERT_TRUE(stores_.drafts().Update(park).has_value());

  EXPECT_EQ(IdsOf({.owner = "anna"}),
            (std::vector<std::int64_t>{first.id.value, third.id.value, second.id.value}));
  EXPECT_EQ(IdsOf({.owner = "anna"}, 1),
            (std::vector<std::int64_t>{first.id.value, third.id.value, second.id.value}));
  EXPECT_EQ(IdsOf({.owner = "anna", .parked = true}), std::vector<std::int64_t>{first.id.value});
  EXPECT_EQ(IdsOf({.owner = "anna", .parked = false}),
            (std::vector<std::int64_t>{third.id.value, second.id.value}));
  EXPECT_EQ(stores_.drafts().List({.owner = "anna"}, 10, "bogus").error().fields.at(0).path,
            "cursor");
}

TEST_F(SqliteDraftStoreTest, DeletesADraft) {
  const EntryDraft created = Created("a");

  ASSERT_TRUE(stores_.drafts().Delete(created.id, "anna").has_value());

  EXPECT_EQ(stores_.drafts().Find(created.id, "anna").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(stores_.drafts().Delete(created.id, "anna").error().code, ErrorCode::kNotFound);
  auto replay = stores_.drafts().Create(DraftOf("a"), Key("create a"), nullptr);
  ASSERT_FALSE(replay.has_value());
  EXPECT_EQ(replay.error().code, ErrorCode::kConflict);
}

TEST_F(SqliteDraftStoreTest, PurgesDraftsUntouchedForThirtyDaysWhenOpened) {
  const EntryDraft abandoned = Created("old", SystemNow() - std::chrono::days{31});
  const EntryDraft recent = Created("recent", SystemNow() - std::chrono::days{29});

  stores_.Reopen();

  EXPECT_EQ(stores_.drafts().Find(abandoned.id, "anna").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(stores_.drafts().Find(recent.id, "anna").has_value());
}

TEST_F(SqliteDraftStoreTest, PlacingWithTheDraftsPlacementKeyDeletesItInTheSameTransaction) {
  const Customer customer =
      stores_.customers()
          .Create(commesso::testing::CustomerIn("IT"), Key("customer"), nullptr)
          .value();
  const Item pen =
      stores_.catalog().Create(commesso::testing::Good("PEN", 150), Key("pen"), nullptr).value();
  Item last = commesso::testing::Good("LAST", 150);
  last.track_stock = true;
  last.stock_on_hand = 0;
  last = stores_.catalog().Create(last, Key("last"), nullptr).value();
  const EntryDraft placed_draft = Created("a");
  const EntryDraft kept = Created("b");
  // Anna's keys: the placement key is hers.
  const auto annas = [](std::string fingerprint) {
    return IdempotencyKey{.value = "place a", .fingerprint = fingerprint, .principal = "anna"};
  };

  auto refused = stores_.orders().Place(commesso::testing::OrderOf(customer, {{last, 1}}, At()),
                                        annas("short"), 2026);
  const bool kept_after_refusal = stores_.drafts().Find(placed_draft.id, "anna").has_value();
  auto placed = stores_.orders().Place(commesso::testing::OrderOf(customer, {{pen, 1}}, At()),
                                       annas("f"), 2026);

  // A refused placement rolls back with its savepoint and leaves the draft.
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kRejected);
  EXPECT_TRUE(kept_after_refusal);
  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  EXPECT_EQ(stores_.drafts().Find(placed_draft.id, "anna").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(stores_.drafts().Find(kept.id, "anna").has_value());
  EXPECT_EQ(RowCount(stores_.path(), "orders"), 1);
}

}  // namespace
}  // namespace commesso::sqlite
