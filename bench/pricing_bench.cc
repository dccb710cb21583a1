// Pricing cost: PriceOrder on a realistic 10-line order under the Italian rules (mixed VAT
// rates, shipping apportioned across them, one rounding per document), alone and together
// with ValidateDraft, which is what every quote and placement runs. Both are pure functions,
// so Google Benchmark times them in a tight loop; the input is built once, from the shared
// test fixtures, and is the same on every run.
//
// Besides Google Benchmark's own table, the program prints `RESULT name=value` lines (ns per
// call, and heap allocations per call) for scripts/bench. The allocations are counted by
// replacing the global operator new of this program: one call is counted outside the timed
// loop, and the figure is the same on every run.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <ostream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "core/pricing.h"
#include "support/pricing_fixtures.h"

// Every heap allocation of the program, through operator new (the standard library's
// containers and strings allocate only through it).
namespace {
std::atomic<std::int64_t> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
// g++ 12 takes the replaced pair for a mismatch once it inlines both into one caller.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t /*size*/) noexcept { std::free(memory); }
#pragma GCC diagnostic pop

namespace commesso::bench {
namespace {

// The heap allocations one call of `work` makes.
template <typename Work>
double AllocationsOf(Work work) {
  const std::int64_t before = allocations.load(std::memory_order_relaxed);
  work();
  return static_cast<double>(allocations.load(std::memory_order_relaxed) - before);
}

using testing::CustomerIn;
using testing::DraftOf;
using testing::Good;
using testing::ItalianRules;

// Ten goods across the four Italian VAT categories, with awkward prices so that tax has
// fractions of a cent to round.
std::vector<Item> TenItems() {
  const char* const categories[] = {"standard", "reduced", "super_reduced", "exempt"};
  std::vector<Item> items;
  for (int i = 0; i < 10; ++i) {
    Item item =
        Good("SKU-" + std::to_string(100 + i), 199 + 1237 * i, categories[i % 4], 250 + 100 * i);
    item.id = ItemId{i + 1};
    items.push_back(std::move(item));
  }
  return items;
}

OrderDraft TenLineDraft() {
  std::vector<DraftLine> lines;
  lines.reserve(10);
  for (int i = 0; i < 10; ++i) {
    lines.push_back({.sku = "SKU-" + std::to_string(100 + i), .quantity = 1 + i % 3});
  }
  return DraftOf(std::move(lines));
}

struct Fixture {
  PricingRules rules = ItalianRules();
  Customer customer = CustomerIn("IT", "MI", "20121");
  std::vector<Item> items = TenItems();
  OrderDraft draft = TenLineDraft();
};

void BM_PriceOrder10Lines(benchmark::State& state) {
  const Fixture fixture;
  const Validation validation =
      ValidateDraft(fixture.draft, fixture.customer, fixture.items, fixture.rules);
  if (!validation.problems.empty()) {
    state.SkipWithError(("the draft is invalid: " + validation.problems.front().path + " " +
                         validation.problems.front().problem)
                            .c_str());
    return;
  }
  state.counters["allocs"] = AllocationsOf([&] {
    PricedOrder priced = PriceOrder(validation.validated, fixture.rules);
    benchmark::DoNotOptimize(priced);
  });
  for (auto _ : state) {
    PricedOrder priced = PriceOrder(validation.validated, fixture.rules);
    benchmark::DoNotOptimize(priced);
  }
}
BENCHMARK(BM_PriceOrder10Lines);

void BM_ValidateAndPrice10Lines(benchmark::State& state) {
  const Fixture fixture;
  state.counters["allocs"] = AllocationsOf([&] {
    Validation validation =
        ValidateDraft(fixture.draft, fixture.customer, fixture.items, fixture.rules);
    PricedOrder priced = PriceOrder(validation.validated, fixture.rules);
    benchmark::DoNotOptimize(priced);
  });
  for (auto _ : state) {
    Validation validation =
        ValidateDraft(fixture.draft, fixture.customer, fixture.items, fixture.rules);
    if (!validation.problems.empty()) {
      state.SkipWithError("the draft is invalid");
      break;
    }
    PricedOrder priced = PriceOrder(validation.validated, fixture.rules);
    benchmark::DoNotOptimize(priced);
  }
}
BENCHMARK(BM_ValidateAndPrice10Lines);

// Google Benchmark's console table (without colours), plus one RESULT line per benchmark for
// scripts/bench.
class ResultReporter : public benchmark::ConsoleReporter {
 public:
  // No colours: scripts/bench pipes the output.
  ResultReporter() : ConsoleReporter(OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      // With repetitions, report the median aggregate; without, the single run.
      const bool single = run.run_type == Run::RT_Iteration && run.repetitions <= 1;
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if (run.error_occurred || !(single || median)) continue;
      const double to_nanos = benchmark::GetTimeUnitMultiplier(benchmark::kNanosecond) /
                              benchmark::GetTimeUnitMultiplier(run.time_unit);
      std::string name = run.run_name.function_name;
      if (name.starts_with("BM_")) name = name.substr(3);
      // CPU time is the cost; real time also counts the waits of a busy shared machine.
      results_.push_back("RESULT pricing_" + name +
                         "_ns=" + std::to_string(run.GetAdjustedCPUTime() * to_nanos));
      results_.push_back("RESULT pricing_" + name +
                         "_real_ns=" + std::to_string(run.GetAdjustedRealTime() * to_nanos));
      const auto counted = run.counters.find("allocs");
      if (counted != run.counters.end()) {
        results_.push_back("RESULT pricing_" + name + "_allocs=" +
                           std::to_string(static_cast<std::int64_t>(counted->second.value)));
      }
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    // The table's own stream, so the lines stay after it when stdout is a pipe.
    for (const std::string& line : results_) GetOutputStream() << line << '\n';
    GetOutputStream().flush();
  }

 private:
  std::vector<std::string> results_;
};

}  // namespace
}  // namespace commesso::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  commesso::bench::ResultReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
