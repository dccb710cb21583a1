#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

// The stable names of an enum's values (JSON, SQL, configuration) and their parser, from one
// table per enum so each name and its parser stay in step.
namespace commesso {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, const char*>, N>;

template <typename Enum, std::size_t N>
const char* NameIn(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  // Only a value cast from an out-of-range integer gets here.
  return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> ParseIn(const NameTable<Enum, N>& table, std::string_view text) {
  for (const auto& [value, name] : table) {
    if (text == name) return value;
  }
  return std::nullopt;
}

}  // namespace commesso
