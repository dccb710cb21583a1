#include "adapters/json/fast_json.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace commesso::json {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Whether `value` (at nesting level `depth`, the outermost 1) keeps every ReadJson rule in a
// way the fast reading is sure of. Recurses at most kMaxDepth + 1 levels.
bool Certain(const element& value, std::size_t depth, std::vector<std::string_view>& names) {
  switch (value.type()) {
    case element_type::ARRAY: {
      if (depth > kMaxDepth) return false;
      const simdjson::dom::array array = value.get_array().value_unsafe();
      for (element child : array) {
        if (!Certain(child, depth + 1, names)) return false;
      }
      return true;
    }
    case element_type::OBJECT: {
      if (depth > kMaxDepth) return false;
      const simdjson::dom::object object = value.get_object().value_unsafe();
      const std::size_t first = names.size();
      for (simdjson::dom::key_value_pair member : object) {
        if (member.key.size() > kMaxMemberNameBytes) return false;
        names.push_back(member.key);
      }
      std::sort(names.begin() + static_cast<std::ptrdiff_t>(first), names.end());
      const bool distinct = std::adjacent_find(names.begin() + static_cast<std::ptrdiff_t>(first),
                                               names.end()) == names.end();
      names.resize(first);
      if (!distinct) return false;
      for (simdjson::dom::key_value_pair member : object) {
        if (!Certain(member.value, depth + 1, names)) return false;
      }
      return true;
    }
    case element_type::UINT64:  // simdjson reads an integer as unsigned only beyond int64.
      return false;
    case element_type::DOUBLE:  // Not zero, subnormal, infinite or NaN.
      return std::isnormal(value.get_double().value_unsafe());
    default:
      return true;
  }
}

}  // namespace

template class BasicObjectReader<element>;

tl::expected<FastValue, ReadFailure> FastJson::Read(std::string_view text) {
  if (text.size() <= kMaxFastBytes) {
    padded_.assign(text);
    padded_.append(simdjson::SIMDJSON_PADDING, '\0');
    names_.clear();  // A refusal may have left some behind.
    element root;
    if (!parser_.parse(padded_.data(), text.size(), false).get(root) && Certain(root, 1, names_)) {
      return FastValue(root);
    }
  }
  auto tree = ReadJson(text);
  if (!tree) return tl::unexpected(std::move(tree.error()));
  return FastValue(*std::move(tree));
}

}  // namespace commesso::json
