#include "adapters/json/card_numbers.h"

#include <cstdint>
#include <utility>

#include "adapters/json/object_reader.h"
#include "core/card_number.h"

namespace commesso::json {

void FindCardNumbers(const nlohmann::json& json, const std::string& path,
                     std::vector<FieldError>& problems) {
  // Values still to look at, the next on top: children are pushed last first, so problems come
  // in document order.
  std::vector<std::pair<const nlohmann::json*, std::string>> pending = {{&json, path}};
  std::vector<std::pair<const nlohmann::json*, std::string>> children;
  while (!pending.empty()) {
    auto [value, at] = std::move(pending.back());
    pending.pop_back();
    children.clear();
    if (value->is_object()) {
      bool named = false;
      for (const auto& [key, member] : value->items()) {
        // Its path would repeat the number: the member is reported with its object, unread.
        if (LooksLikeCardNumber(key)) {
          named = true;
        } else {
          children.emplace_back(&member, MemberPath(at, key));
        }
      }
      if (named) problems.push_back({at, kCardNumberProblem});
    } else if (value->is_array()) {
      for (std::size_t i = 0; i < value->size(); ++i) {
        children.emplace_back(&(*value)[i], ElementPath(at, i));
      }
    } else if (value->is_string()) {
      if (LooksLikeCardNumber(value->get_ref<const std::string&>())) {
        problems.push_back({std::move(at), kCardNumberProblem});
      }
    } else if (value->is_number_integer()) {
      const std::string digits = value->is_number_unsigned()
                                     ? std::to_string(value->get<std::uint64_t>())
                                     : std::to_string(value->get<std::int64_t>());
      if (LooksLikeCardNumber(digits)) problems.push_back({std::move(at), kCardNumberProblem});
    }
    for (std::size_t i = children.size(); i > 0; --i) pending.push_back(std::move(children[i - 1]));
  }
}

}  // namespace commesso::json
