#pragma once

#include <string>
#include <string_view>

#include "core/shared_text.h"

namespace commesso {

// A short text in both first-class locales, Italian and English. Each language's text is
// shared by every copy (an item's name is copied onto every order line that snapshots it).
struct LocalizedText {
  SharedText it;
  SharedText en;

  // The text for `locale` ("it", "it-IT", "en", …); English for any other locale, and the
  // other language when the asked one is empty.
  const std::string& In(std::string_view locale) const;

  friend bool operator==(const LocalizedText&, const LocalizedText&) = default;
};

}  // namespace commesso
