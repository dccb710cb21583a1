#pragma once

#include <string>
#include <vector>

namespace commesso {

// One page of a listing. `next_cursor` is opaque to clients and empty on the last page.
template <typename T>
struct Page {
  std::vector<T> entries{};
  std::string next_cursor;
};

}  // namespace commesso
