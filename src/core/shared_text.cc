#include "core/shared_text.h"

#include <ostream>
#include <utility>

namespace commesso {

SharedText::SharedText(std::string text)
    : text_(text.empty() ? nullptr : std::make_shared<const std::string>(std::move(text))) {}

const std::string& SharedText::Empty() {
  static const std::string empty;
  return empty;
}

std::ostream& operator<<(std::ostream& out, const SharedText& text) { return out << text.str(); }

}  // namespace commesso
