// The raw SQLite limit of this disk: what SQLite alone can commit durably, without commesso.
//
// The order desk's throughput is bounded by fsync, not by CPU: every placed order must be on
// disk before the client hears "placed". This program measures that bound with the same
// settings the SQLite adapter uses (WAL, synchronous=FULL) in a directory on the same
// filesystem as the server's database, so scripts/bench can compare the HTTP intake against
// it in the same run:
//
//   1. One ~500-byte row per transaction: each commit waits for its own fsync. This is what
//      a server without group commit could reach at best.
//   2. Batches of rows per transaction: many rows, one fsync. This is the ceiling a group
//      commit approaches.
//
// Each phase runs for a fixed time (and at most a fixed number of transactions) on a fresh
// database file, with prepared statements and BEGIN IMMEDIATE, as a single writer. It uses
// the plain sqlite3 C API on purpose: the point is SQLite without our code. Payloads come
// from a fixed-seed generator so every run writes the same bytes.
//
// Usage: commesso_bench_sqlite_raw --dir DIR [--seconds 3] [--batch 100] [--row-bytes 500]

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "bench_support.h"

namespace commesso::bench {
namespace {

// An open database connection, closed on destruction; every failure exits the program.
class Connection {
 public:
  explicit Connection(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) Fail("open " + path);
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=FULL");
    Exec("CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
    if (sqlite3_prepare_v2(db_, "INSERT INTO rows (payload) VALUES (?)", -1, &insert_, nullptr) !=
        SQLITE_OK) {
      Fail("prepare insert");
    }
  }
  ~Connection() {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `sql`, which returns no rows that matter.
  void Exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message == nullptr ? "" : message;
      sqlite3_free(message);
      Die(std::string(sql) + ": " + text);
    }
  }

  void Insert(const std::string& payload) {
    sqlite3_bind_text(insert_, 1, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
    if (sqlite3_step(insert_) != SQLITE_DONE) Fail("insert");
    sqlite3_reset(insert_);
  }

 private:
  [[noreturn]] void Fail(const std::string& what) {
    Die(what + ": " + (db_ == nullptr ? "out of memory" : sqlite3_errmsg(db_)));
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
};

// Printable pseudo-random payloads of a fixed size, the same sequence on every run.
class Payloads {
 public:
  explicit Payloads(std::size_t bytes) : random_(42), payload_(bytes, 'x') {}

  const std::string& Next() {
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789 ,:{}\"";
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(kAlphabet) - 2);
    for (char& c : payload_) c = kAlphabet[pick(random_)];
    return payload_;
  }

 private:
  std::mt19937_64 random_;
  std::string payload_;
};

struct PhaseResult {
  std::int64_t transactions = 0;
  std::int64_t rows = 0;
  std::int64_t elapsed_ns = 0;
  LatencySummary commit{};  // Per transaction, BEGIN to COMMIT returning.
};

// Commits transactions of `rows_per_transaction` rows into a fresh database at `path` until
// `seconds` have passed or `max_transactions` were committed.
PhaseResult RunPhase(const std::string& path, std::int64_t rows_per_transaction,
                     std::int64_t seconds, std::int64_t max_transactions, std::size_t row_bytes) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  Connection connection(path);
  Payloads payloads(row_bytes);
  std::vector<std::int64_t> latencies;
  latencies.reserve(static_cast<std::size_t>(std::min<std::int64_t>(max_transactions, 1'000'000)));

  PhaseResult result;
  const auto start = SteadyClock::now();
  const auto deadline = start + std::chrono::seconds(seconds);
  auto now = start;
  while (now < deadline && result.transactions < max_transactions) {
    const auto begun = now;
    connection.Exec("BEGIN IMMEDIATE");
    for (std::int64_t row = 0; row < rows_per_transaction; ++row) {
      connection.Insert(payloads.Next());
    }
    connection.Exec("COMMIT");
    now = SteadyClock::now();
    latencies.push_back(NanosBetween(begun, now));
    ++result.transactions;
    result.rows += rows_per_transaction;
  }
  result.elapsed_ns = NanosBetween(start, now);
  result.commit = Summarize(latencies);
  return result;
}

double PerSecond(std::int64_t count, std::int64_t elapsed_ns) {
  return elapsed_ns <= 0 ? 0.0 : static_cast<double>(count) * 1e9 / static_cast<double>(elapsed_ns);
}

int Main(int argc, char** argv) {
  const Flags flags(argc, argv, 1);
  const std::string dir = flags.Text("dir", "");
  if (dir.empty()) Die("usage: commesso_bench_sqlite_raw --dir DIR [--seconds 3] [--batch 100]");
  const std::int64_t seconds = flags.Int("seconds", 3);
  const std::int64_t batch = flags.Int("batch", 100);
  const auto row_bytes = static_cast<std::size_t>(flags.Int("row-bytes", 500));
  std::filesystem::create_directories(dir);

  const PhaseResult single = RunPhase(dir + "/raw_single.db", 1, seconds, 10'000'000, row_bytes);
  const double commits_per_second = PerSecond(single.transactions, single.elapsed_ns);
  std::printf("sqlite raw: 1 row of %zu B per transaction, WAL, synchronous=FULL, %.1f s\n",
              row_bytes, static_cast<double>(single.elapsed_ns) / 1e9);
  std::printf("  %.0f commits/s; commit us: mean %.0f, p50 %.0f, p99 %.0f, max %.0f\n",
              commits_per_second, Micros(single.commit.mean), Micros(single.commit.p50),
              Micros(single.commit.p99), Micros(single.commit.max));

  const PhaseResult batched =
      RunPhase(dir + "/raw_batch.db", batch, seconds, 10'000'000, row_bytes);
  const double rows_per_second = PerSecond(batched.rows, batched.elapsed_ns);
  std::printf("sqlite raw: %lld rows of %zu B per transaction, WAL, synchronous=FULL, %.1f s\n",
              static_cast<long long>(batch), row_bytes,
              static_cast<double>(batched.elapsed_ns) / 1e9);
  std::printf("  %.0f rows/s (%.0f commits/s); commit us: p50 %.0f, p99 %.0f\n", rows_per_second,
              PerSecond(batched.transactions, batched.elapsed_ns), Micros(batched.commit.p50),
              Micros(batched.commit.p99));

  PrintResult("raw_single_commits_per_s", commits_per_second);
  PrintResult("raw_single_commit_us_mean", Micros(single.commit.mean));
  PrintResult("raw_single_commit_us_p50", Micros(single.commit.p50));
  PrintResult("raw_single_commit_us_p99", Micros(single.commit.p99));
  PrintResult("raw_batch_rows_per_s", rows_per_second);
  std::filesystem::remove(dir + "/raw_single.db");
  std::filesystem::remove(dir + "/raw_batch.db");
  return 0;
}

}  // namespace
}  // namespace commesso::bench

int main(int argc, char** argv) { return commesso::bench::Main(argc, argv); }
