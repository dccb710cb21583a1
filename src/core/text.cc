#include "core/text.h"

namespace commesso {

const std::string& LocalizedText::In(std::string_view locale) const {
  const bool italian = locale.substr(0, 2) == "it";
  const std::string& asked = italian ? it : en;
  if (!asked.empty()) return asked;
  return italian ? en : it;
}

}  // namespace commesso
