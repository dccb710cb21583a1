#include "adapters/sqlite/checkpointer.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <gtest/gtest.h>

#include "adapters/sqlite/database.h"
#include "adapters/sqlite/write_queue.h"
#include "support/small_disk.h"
#include "support/temp_dir.h"

namespace commesso::sqlite {
namespace {

// A log frame: a page of the default size and its 24-byte header.
constexpr std::int64_t kFrameBytes = 4096 + 24;
// The file of a log that reached kWaitPages, the length at which the writer waits for readers.
constexpr std::int64_t kWaitLogBytes = Checkpointer::kWaitPages * kFrameBytes;

// A database whose writer replaces one of 50 rows of 64 KiB per write (about 20 pages of log
// each), and a reader on a connection of its own that a test opens and closes snapshots on.
class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(directory_.File("log.db")); }

  void Open(const std::string& path) {
    path_ = path;
    auto opened = Database::Open({.path = path_});
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    database_ = *std::move(opened);
    auto created = database_->writer().Write<void>([](Connection& connection) -> Result<void> {
      connection.Execute("CREATE TABLE load (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
      return {};
    });
    ASSERT_TRUE(created.has_value());
    reader_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READONLY);
  }

  void Write(int sequence) {
    auto written = database_->writer().Write<void>([&](Connection& connection) -> Result<void> {
      SQLite::Statement& replace =
          connection.Prepare("INSERT OR REPLACE INTO load (id, body) VALUES (?, randomblob(?))");
      replace.bind(1, sequence % 50);
      replace.bind(2, 64 * 1024);
      replace.exec();
      return {};
    });
    ASSERT_TRUE(written.has_value()) << written.error().message;
  }

  // The same write, when it may fail.
  Result<void> TryWrite(int sequence) {
    return database_->writer().Write<void>([&](Connection& connection) -> Result<void> {
      SQLite::Statement& replace =
          connection.Prepare("INSERT OR REPLACE INTO load (id, body) VALUES (?, randomblob(?))");
      replace.bind(1, sequence % 50);
      replace.bind(2, 64 * 1024);
      replace.exec();
      return {};
    });
  }

  // Starts a read transaction on the reader's connection: its snapshot stays until Release.
  void HoldSnapshot() {
    snapshot_ = std::make_unique<SQLite::Transaction>(*reader_);
    reader_->execAndGet("SELECT count(*) FROM load");
  }
  void ReleaseSnapshot() {
    snapshot_->commit();
    snapshot_.reset();
  }

  std::int64_t LogFileBytes() const { return commesso::testing::FileBytes(path_ + "-wal"); }

  commesso::testing::TempDir directory_;
  std::string path_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<SQLite::Database> reader_;
  std::unique_ptr<SQLite::Transaction> snapshot_;
};

TEST_F(CheckpointerTest, TheLogStaysShortUnderSustainedWritesWhileReadersHoldSnapshots) {
  // 600 writes append about 12 000 pages (almost 50 MiB) to the log; a reader holds a
  // snapshot over 50 writes of every 100, so half the checkpoints find it in the log.
  std::int64_t longest = 0;
  for (int sequence = 0; sequence < 600; ++sequence) {
    if (sequence % 100 == 0) HoldSnapshot();
    if (sequence % 100 == 50) ReleaseSnapshot();
    Write(sequence);
    longest = std::max(longest, LogFileBytes());
  }

  const LogStats log = database_->writer_stats().log;
  EXPECT_GT(log.frames, 2 * Checkpointer::kWaitPages);
  EXPECT_LE(longest, kWaitLogBytes);
  EXPECT_GT(log.restarts, 0);
  // Readers let go before the log was long: the writer never had to wait for them.
  EXPECT_EQ(log.waits, 0);
}

TEST_F(CheckpointerTest, ALogGrownLongBehindAReaderIsTruncatedOnceTheReaderLetsGo) {
  HoldSnapshot();
  for (int sequence = 0; LogFileBytes() < kWaitLogBytes; ++sequence) {
    ASSERT_LT(sequence, 2 * Checkpointer::kWaitPages) << "the log does not grow";
    Write(sequence);
  }
  // The writer now waits for the reader before its next batch.
  ReleaseSnapshot();

  Write(0);

  const LogStats log = database_->writer_stats().log;
  EXPECT_EQ(log.waits, 1);
  EXPECT_GE(log.restarts, 1);
  // Cut to nothing, then one write.
  EXPECT_LT(LogFileBytes(), 100 * kFrameBytes);
}

// The database on a small disk of its own, which the test fills and frees.
class CheckpointerOnAFullDiskTest : public CheckpointerTest {
 protected:
  void SetUp() override {
    if (!disk_.mounted()) {
      GTEST_SKIP() << "cannot mount a tmpfs (" << disk_.error()
                   << "): this test needs root or CAP_SYS_ADMIN";
    }
    Open(disk_.File("log.db"));
  }
  void TearDown() override {
    // Closed before the disk goes.
    snapshot_.reset();
    reader_.reset();
    database_.reset();
  }

  commesso::testing::SmallDisk disk_{directory_.File("disk"), "8m"};
};

TEST_F(CheckpointerOnAFullDiskTest, AfterAFailedBatchTheLogIsCutOnceTheDiskHasRoomAgain) {
  for (int sequence = 0; sequence < 20; ++sequence) Write(sequence);
  ASSERT_TRUE(disk_.Fill("filler"));
  // Writes go on while the log's file has room, then fail.
  Result<void> written;
  for (int sequence = 20; written && sequence < 2000; ++sequence) written = TryWrite(sequence);
  ASSERT_FALSE(written) << "the disk never filled up";
  EXPECT_EQ(written.error().code, ErrorCode::kUnavailable);
  const std::int64_t full_log_bytes = LogFileBytes();

  std::filesystem::remove(disk_.File("filler"));
  Write(0);  // After its batch the writer copies the log into the file and cuts the log.
  Write(1);  // Queued behind that checkpoint.

  EXPECT_GT(full_log_bytes, 100 * kFrameBytes);
  EXPECT_LT(LogFileBytes(), 100 * kFrameBytes);
  EXPECT_GE(database_->writer_stats().log.restarts, 1);
}

}  // namespace
}  // namespace commesso::sqlite
