#include "adapters/sqlite/checkpointer.h"

#include <memory>

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace commesso::sqlite {
namespace {

TEST(CheckpointerTest, AsksAgainOnlyAfterTheLogGrewByAnotherThreshold) {
  commesso::testing::TempDir directory;
  Checkpointer checkpointer(
      std::make_unique<Connection>(directory.File("c.db"), Access::kReadWrite));
  constexpr int kStep = Checkpointer::kWalPages;

  checkpointer.AfterCommit(kStep - 1);
  EXPECT_EQ(checkpointer.requests(), 0);
  checkpointer.AfterCommit(kStep);
  EXPECT_EQ(checkpointer.requests(), 1);
  // Readers kept the log from restarting: it is still long, but no longer than it was.
  checkpointer.AfterCommit(kStep + 1);
  checkpointer.AfterCommit(2 * kStep - 1);
  EXPECT_EQ(checkpointer.requests(), 1);
  checkpointer.AfterCommit(2 * kStep);
  EXPECT_EQ(checkpointer.requests(), 2);
  // The log restarted: it counts from zero again.
  checkpointer.AfterCommit(10);
  checkpointer.AfterCommit(kStep - 1);
  EXPECT_EQ(checkpointer.requests(), 2);
  checkpointer.AfterCommit(kStep);
  EXPECT_EQ(checkpointer.requests(), 3);
}

}  // namespace
}  // namespace commesso::sqlite
