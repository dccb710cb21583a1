#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

// What the fuzz targets share (tests/fuzz/README.md).
namespace commesso::fuzz {

// A property of the code under test: when it does not hold, the input is a finding, and the
// process aborts so that libFuzzer (or the standalone driver) keeps it.
inline void Check(bool holds, std::string_view what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

// Splits a fuzz input into fields at NUL bytes: the targets whose input is a record of
// several strings read them one after another; a missing field is empty.
class Fields {
 public:
  Fields(const unsigned char* data, std::size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}

  std::string_view Next() {
    const std::size_t end = rest_.find('\0');
    const std::string_view field = rest_.substr(0, end);
    rest_ = end == std::string_view::npos ? std::string_view() : rest_.substr(end + 1);
    return field;
  }

  bool empty() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

}  // namespace commesso::fuzz
