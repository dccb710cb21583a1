// The fuzz targets' driver for `make test`, built with the normal compiler and sanitizers: no
// libFuzzer needed. It runs LLVMFuzzerTestOneInput on every file of the corpus directories
// given, then on `--mutations N` inputs made from them by a deterministic mutator (seeded by
// `--seed S`), so a run is the same every time and a failure can be replayed. Mutations are
// the classic ones (flip, replace, insert, erase, duplicate, splice two inputs) plus tokens
// that matter to parsers. A crash or a broken property aborts the process with the input
// written to `--crash-dir` (default: the working directory) as crash-<n>.
//
// usage: <target> [--mutations N] [--seed S] [--max-len BYTES] [--crash-dir DIR] PATH...

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

using Input = std::vector<std::uint8_t>;
using namespace std::string_view_literals;

constexpr std::string_view kTokens[] = {
    "{"sv,
    "}"sv,
    "["sv,
    "]"sv,
    "\""sv,
    ":"sv,
    ","sv,
    "\\u0000"sv,
    "\\ud800"sv,
    "null"sv,
    "-0"sv,
    "1e999"sv,
    "-1"sv,
    "0"sv,
    "9223372036854775807"sv,
    "18446744073709551616"sv,
    "\r\n"sv,
    "\n"sv,
    "\r"sv,
    "\0"sv,
    "%00"sv,
    "%2e%2e/"sv,
    "../"sv,
    "/"sv,
    ".."sv,
    "="sv,
    "\"\""sv,
    "[]"sv,
    "{}"sv,
    "true"sv,
    "\xff"sv,
    "\xc3\xa9"sv,
    "\xf0\x9f\x92\xa9"sv,
    "Content-Length: 0\r\n"sv,
    "Transfer-Encoding: chunked\r\n"sv,
    "\t"sv,
    " "sv,
};

class Mutator {
 public:
  Mutator(std::uint64_t seed, std::size_t max_len) : random_(seed), max_len_(max_len) {}

  Input Mutate(const std::vector<Input>& corpus) {
    Input input = corpus[Below(corpus.size())];
    const std::size_t steps = 1 + Below(4);
    for (std::size_t i = 0; i < steps; ++i) Step(input, corpus);
    if (input.size() > max_len_) input.resize(max_len_);
    return input;
  }

 private:
  std::size_t Below(std::size_t bound) {
    return bound == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, bound - 1)(random_);
  }
  std::uint8_t Byte() { return static_cast<std::uint8_t>(Below(256)); }

  void Step(Input& input, const std::vector<Input>& corpus) {
    const std::size_t at = Below(input.size() + 1);
    switch (Below(7)) {
      case 0:  // Flip a bit.
        if (!input.empty()) input[Below(input.size())] ^= static_cast<std::uint8_t>(1u << Below(8));
        break;
      case 1:  // Replace a byte.
        if (!input.empty()) input[Below(input.size())] = Byte();
        break;
      case 2: {  // Insert a few random bytes.
        Input bytes(1 + Below(8));
        for (std::uint8_t& byte : bytes) byte = Byte();
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin(), bytes.end());
        break;
      }
      case 3: {  // Erase a range.
        const std::size_t length =
            std::min(input.size() - std::min(at, input.size()), 1 + Below(16));
        input.erase(input.begin() + static_cast<std::ptrdiff_t>(at),
                    input.begin() + static_cast<std::ptrdiff_t>(at + length));
        break;
      }
      case 4: {  // Duplicate a range in place.
        const std::size_t length =
            std::min(input.size() - std::min(at, input.size()), 1 + Below(32));
        const Input copy(input.begin() + static_cast<std::ptrdiff_t>(at),
                         input.begin() + static_cast<std::ptrdiff_t>(at + length));
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), copy.begin(), copy.end());
        break;
      }
      case 5: {  // Insert a token.
        const std::string_view token = kTokens[Below(std::size(kTokens))];
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), token.begin(), token.end());
        break;
      }
      default: {  // Splice: this input's head, another's tail.
        const Input& other = corpus[Below(corpus.size())];
        const std::size_t from = Below(other.size() + 1);
        input.resize(at);
        input.insert(input.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
        break;
      }
    }
  }

  std::mt19937_64 random_;
  std::size_t max_len_;
};

Input Read(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return Input(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// Written before each run, removed after: what is left when the process dies is the crash.
class CrashFile {
 public:
  explicit CrashFile(std::filesystem::path path) : path_(std::move(path)) {}
  void Arm(const Input& input) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(input.data()),
               static_cast<std::streamsize>(input.size()));
  }
  void Disarm() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

int Usage(const char* program) {
  std::fprintf(stderr,
               "usage: %s [--mutations N] [--seed S] [--max-len BYTES] [--crash-dir DIR] "
               "PATH...\n",
               program);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  long mutations = 300;
  unsigned long long seed = 1;
  long max_len = 64 * 1024;
  std::filesystem::path crash_dir = ".";
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--mutations" && has_value) {
      mutations = std::strtol(argv[++i], nullptr, 10);
    } else if (arg == "--seed" && has_value) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--max-len" && has_value) {
      max_len = std::strtol(argv[++i], nullptr, 10);
    } else if (arg == "--crash-dir" && has_value) {
      crash_dir = argv[++i];
    } else if (arg.starts_with("--")) {
      return Usage(argv[0]);
    } else if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      files.emplace_back(arg);
    }
  }
  if (files.empty() || mutations < 0 || max_len < 1) return Usage(argv[0]);
  std::sort(files.begin(), files.end());  // The same order, so the same mutations, every run.

  std::vector<Input> corpus;
  for (const auto& file : files) corpus.push_back(Read(file));
  CrashFile crash(crash_dir / ("crash-" + std::to_string(::getpid())));
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    crash.Arm(corpus[i]);
    LLVMFuzzerTestOneInput(corpus[i].data(), corpus[i].size());
  }
  Mutator mutator(seed, static_cast<std::size_t>(max_len));
  for (long i = 0; i < mutations; ++i) {
    const Input input = mutator.Mutate(corpus);
    crash.Arm(input);
    LLVMFuzzerTestOneInput(input.data(), input.size());
  }
  crash.Disarm();
  std::printf("%zu corpus files and %ld mutations (seed %llu) passed\n", corpus.size(), mutations,
              seed);
  return 0;
}
