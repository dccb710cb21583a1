#pragma once

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

// Small helpers shared by the benchmark programs: `--name value` flags, latency percentiles,
// and the `RESULT name=value` lines that scripts/bench collects into its summary. Figures
// here are measurements, never money, so floating point is fine in this folder.
namespace commesso::bench {

using SteadyClock = std::chrono::steady_clock;

// Nanoseconds elapsed from `start` to `end`.
inline std::int64_t NanosBetween(SteadyClock::time_point start, SteadyClock::time_point end) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count();
}

// Prints `message` with the program name to stderr and exits with status 2: the benchmark
// could not run, so there is no figure to report.
[[noreturn]] inline void Die(const std::string& message) {
  std::fprintf(stderr, "bench: %s\n", message.c_str());
  std::exit(2);
}

// The `--name value` pairs of a command line, after an optional leading subcommand. Every
// flag takes a value; a flag that appears twice keeps the last value.
class Flags {
 public:
  Flags(int argc, char** argv, int first) {
    for (int i = first; i < argc; i += 2) {
      const std::string_view name = argv[i];
      if (!name.starts_with("--") || i + 1 >= argc)
        Die("expected --flag value, got " + std::string(name));
      values_[std::string(name.substr(2))] = argv[i + 1];
    }
  }

  // The value of `--name`, or `fallback` when absent.
  std::string Text(const std::string& name, const std::string& fallback) const {
    const auto found = values_.find(name);
    return found == values_.end() ? fallback : found->second;
  }

  // The whole-number value of `--name`, or `fallback` when absent; exits on anything else.
  std::int64_t Int(const std::string& name, std::int64_t fallback) const {
    const auto found = values_.find(name);
    if (found == values_.end()) return fallback;
    std::int64_t value = 0;
    const std::string& text = found->second;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
      Die("--" + name + " needs a whole number, got " + text);
    }
    return value;
  }

 private:
  std::map<std::string, std::string> values_;
};

// Latency percentiles of a set of samples, in nanoseconds, by the nearest-rank method.
struct LatencySummary {
  std::int64_t count = 0;
  std::int64_t mean = 0;
  std::int64_t p50 = 0;
  std::int64_t p99 = 0;
  std::int64_t p999 = 0;
  std::int64_t max = 0;
};

// Summarizes `samples` (sorted in place); all zero when there are none.
inline LatencySummary Summarize(std::vector<std::int64_t>& samples) {
  LatencySummary summary;
  if (samples.empty()) return summary;
  std::sort(samples.begin(), samples.end());
  const auto count = static_cast<std::int64_t>(samples.size());
  // Nearest rank: the smallest sample with at least `parts` per 100'000 of samples at or below.
  const auto at = [&](std::int64_t parts) {
    std::int64_t rank = (count * parts + 99'999) / 100'000;
    rank = std::clamp<std::int64_t>(rank, 1, count);
    return samples[static_cast<std::size_t>(rank - 1)];
  };
  std::int64_t total = 0;
  for (const std::int64_t sample : samples) total += sample;
  summary.count = count;
  summary.mean = total / count;
  summary.p50 = at(50'000);
  summary.p99 = at(99'000);
  summary.p999 = at(99'900);
  summary.max = samples.back();
  return summary;
}

// Microseconds of `nanos`, for printing.
inline double Micros(std::int64_t nanos) { return static_cast<double>(nanos) / 1e3; }

// Prints one machine-readable figure for scripts/bench: `RESULT name=value`.
inline void PrintResult(const std::string& name, double value) {
  std::printf("RESULT %s=%.3f\n", name.c_str(), value);
}

}  // namespace commesso::bench
