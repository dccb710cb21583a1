#include "core/countries.h"

#include <algorithm>

namespace commesso {

bool IsCountryCode(std::string_view code) {
  const std::span<const std::string_view> codes = CountryCodes();
  return std::binary_search(codes.begin(), codes.end(), code);
}

}  // namespace commesso
