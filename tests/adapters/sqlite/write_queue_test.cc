#include "adapters/sqlite/write_queue.h"

#include <future>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/sqlite_fixtures.h"
#include "core/invariant.h"
#include "support/temp_dir.h"

namespace commesso::sqlite {
namespace {

using commesso::testing::RowCount;
using commesso::testing::TempDir;

class WriteQueueTest : public ::testing::Test {
 protected:
  WriteQueueTest() {
    auto connection = std::make_unique<Connection>(path_, Access::kReadWrite);
    connection->Execute("PRAGMA journal_mode = WAL");
    connection->Execute("CREATE TABLE notes (text TEXT NOT NULL UNIQUE) STRICT");
    queue_ = std::make_unique<WriteQueue>(std::move(connection), 16);
  }

  // Adds a note; fails with kRejected (after writing it) when `text` is "refuse".
  Result<int> Note(const std::string& text) {
    return queue_->Write<int>([&](Connection& connection) -> Result<int> {
      SQLite::Statement& insert = connection.Prepare("INSERT INTO notes (text) VALUES (?)");
      insert.bind(1, text);
      insert.exec();
      if (text == "refuse") return Fail(ErrorCode::kRejected, "refused");
      return 1;
    });
  }

  // Occupies the writer with a job that waits for ReleaseWriter, so that jobs queued
  // meanwhile are taken together as one batch.
  void HoldWriter() {
    holder_ = std::thread([this] {
      auto held = queue_->Write<int>([this](Connection&) -> Result<int> {
        started_.set_value();
        released_.wait();
        return 0;
      });
      EXPECT_TRUE(held.has_value());
    });
    started_.get_future().wait();
  }
  void ReleaseWriter() {
    release_.set_value();
    holder_.join();
  }

  TempDir directory_;
  const std::string path_ = directory_.File("queue.db");
  std::promise<void> started_;
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
  std::thread holder_;
  std::unique_ptr<WriteQueue> queue_;
};

TEST_F(WriteQueueTest, AFailedJobIsRolledBackAloneWithinItsBatch) {
  HoldWriter();
  std::vector<std::future<Result<int>>> notes;
  for (const char* text : {"before", "refuse", "after"}) {
    notes.push_back(std::async(std::launch::async, [this, text] { return Note(text); }));
  }
  while (queue_->PendingForTest() != 3) std::this_thread::yield();

  ReleaseWriter();

  EXPECT_TRUE(notes[0].get().has_value());
  auto refused = notes[1].get();
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kRejected);
  EXPECT_TRUE(notes[2].get().has_value());
  EXPECT_EQ(queue_->stats().commits, 2);  // The held job's batch, then the three together.
  EXPECT_EQ(RowCount(path_, "notes"), 2);
  EXPECT_EQ(RowCount(path_, "notes WHERE text = 'refuse'"), 0);
}

TEST_F(WriteQueueTest, ASqliteErrorInAJobBecomesItsResult) {
  ASSERT_TRUE(Note("once").has_value());

  auto twice = Note("once");

  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(Note("next").has_value());
  EXPECT_EQ(RowCount(path_, "notes"), 2);
}

TEST_F(WriteQueueTest, AnInvariantBrokenInAJobIsRethrownInTheCallerAndTheWriterGoesOn) {
  auto broken = [this] {
    return queue_->Write<int>([](Connection& connection) -> Result<int> {
      connection.Execute("INSERT INTO notes (text) VALUES ('half done')");
      COMMESSO_INVARIANT(false, "a test breaks it");
      return 0;
    });
  };

  EXPECT_THROW(static_cast<void>(broken()), InvariantError);
  EXPECT_TRUE(Note("later").has_value());
  EXPECT_EQ(RowCount(path_, "notes"), 1);
}

TEST_F(WriteQueueTest, DestructionRunsEveryQueuedJobFirst) {
  HoldWriter();
  std::vector<std::future<Result<int>>> notes;
  notes.reserve(20);
  for (int i = 0; i < 20; ++i) {
    notes.push_back(
        std::async(std::launch::async, [this, i] { return Note("note " + std::to_string(i)); }));
  }
  while (queue_->PendingForTest() != 20) std::this_thread::yield();

  ReleaseWriter();
  queue_.reset();

  for (auto& note : notes) EXPECT_TRUE(note.get().has_value());
  EXPECT_EQ(RowCount(path_, "notes"), 20);
}

TEST_F(WriteQueueTest, PostedJobsHoldNoThreadAndHearOfTheirBatchOnceItIsDurable) {
  HoldWriter();
  // 40 posts from this one thread: none waits, so all of them are queued together.
  std::vector<std::promise<std::pair<Result<int>, bool>>> heard(40);
  for (int i = 0; i < 40; ++i) {
    queue_->Post<int>(
        [i](Connection& connection) -> Result<int> {
          SQLite::Statement& insert = connection.Prepare("INSERT INTO notes (text) VALUES (?)");
          insert.bind(1, i == 7 ? std::string("refuse") : "posted " + std::to_string(i));
          insert.exec();
          if (i == 7) return Fail(ErrorCode::kRejected, "refused");
          return i;
        },
        [this, &heard, i](Result<int> result) {
          // Called once the batch is committed: its row is there for any new reader.
          const auto mine = "notes WHERE text = 'posted " + std::to_string(i) + "'";
          heard[i].set_value({std::move(result), RowCount(path_, mine) == 1});
        });
  }
  EXPECT_EQ(queue_->PendingForTest(), 40u);

  ReleaseWriter();

  for (int i = 0; i < 40; ++i) {
    auto [result, committed] = heard[i].get_future().get();
    if (i == 7) {
      ASSERT_FALSE(result.has_value());
      EXPECT_EQ(result.error().code, ErrorCode::kRejected);
    } else {
      ASSERT_TRUE(result.has_value());
      EXPECT_EQ(*result, i);
      EXPECT_TRUE(committed) << "job " << i << " heard of its batch before the commit";
    }
  }
  // The held job's batch, then the 40 in batches of at most 16: 16, 16 and 8.
  EXPECT_EQ(queue_->stats().commits, 4);
  EXPECT_EQ(RowCount(path_, "notes"), 39);
}

TEST_F(WriteQueueTest, APostedJobThatThrowsReportsAnInternalErrorAndTheWriterGoesOn) {
  std::promise<Result<int>> heard;
  queue_->Post<int>(
      [](Connection& connection) -> Result<int> {
        connection.Execute("INSERT INTO notes (text) VALUES ('half done')");
        COMMESSO_INVARIANT(false, "a test breaks it");
        return 0;
      },
      [&heard](Result<int> result) { heard.set_value(std::move(result)); });

  Result<int> result = heard.get_future().get();
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInternal);
  EXPECT_NE(result.error().message.find("a test breaks it"), std::string::npos);
  EXPECT_TRUE(Note("later").has_value());
  EXPECT_EQ(RowCount(path_, "notes"), 1);
}

}  // namespace
}  // namespace commesso::sqlite
