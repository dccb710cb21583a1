#include "core/code.h"

#include <functional>
#include <mutex>
#include <ostream>
#include <shared_mutex>
#include <unordered_set>

namespace commesso {
namespace {

struct TextHash {
  using is_transparent = void;  // Looks up a string_view without making a string.
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

// Every code's text, once. A node-based set, so an entry never moves, and nothing is ever
// removed, so a Code never dangles. Most lookups find the text already there and take only
// the shared lock.
class CodeTable {
 public:
  const std::string* Intern(std::string_view text) {
    {
      const std::shared_lock lock(mutex_);
      if (const auto found = texts_.find(text); found != texts_.end()) return &*found;
    }
    const std::unique_lock lock(mutex_);
    return &*texts_.emplace(text).first;
  }

  bool Contains(std::string_view text) {
    const std::shared_lock lock(mutex_);
    return texts_.find(text) != texts_.end();
  }

 private:
  std::shared_mutex mutex_;
  std::unordered_set<std::string, TextHash, std::equal_to<>> texts_;  // Guarded by mutex_.
};

CodeTable& Table() {
  static CodeTable table;
  return table;
}

}  // namespace

Code::Code(std::string_view text) : text_(text.empty() ? nullptr : Table().Intern(text)) {}

bool Code::IsKnown(std::string_view text) { return text.empty() || Table().Contains(text); }

const std::string& Code::Empty() {
  static const std::string empty;
  return empty;
}

std::ostream& operator<<(std::ostream& out, const Code& code) { return out << code.str(); }

}  // namespace commesso
