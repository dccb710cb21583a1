#pragma once

#include <string>
#include <string_view>

namespace commesso {

// A short text in both first-class locales, Italian and English.
struct LocalizedText {
  std::string it;
  std::string en;

  // The text for `locale` ("it", "it-IT", "en", …); English for any other locale, and the
  // other language when the asked one is empty.
  const std::string& In(std::string_view locale) const;

  friend bool operator==(const LocalizedText&, const LocalizedText&) = default;
};

}  // namespace commesso
