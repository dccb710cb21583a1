#pragma once

#include <span>
#include <string_view>

namespace commesso {

// Every ISO 3166-1 alpha-2 country code, in capitals and sorted ("AD", "AE", …, "ZW"):
// the list of Debian's iso-codes package, compiled in when the project is configured.
std::span<const std::string_view> CountryCodes();

// Whether `code` is one of CountryCodes(): "IT" is, "it", "XX" and "UK" are not.
bool IsCountryCode(std::string_view code);

}  // namespace commesso
