#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace commesso {

// Why `postal_code` is not a postal code of `country` (ISO 3166-1 alpha-2): "is not a postal
// code of IT (like 20121)". Nothing when it is one, when it is empty (the address rules say
// whether one is needed), or when this file knows no format for the country. It knows Italy,
// San Marino and the Vatican, the European neighbours, the United Kingdom (postcodes, any
// case, with or without the space), Ireland (Eircodes) and the United States (ZIP and ZIP+4);
// docs/api.md lists them.
std::optional<std::string> PostalCodeProblem(std::string_view country,
                                             std::string_view postal_code);

// Whether PostalCodeProblem checks the codes of `country`.
bool KnowsPostalCodes(std::string_view country);

}  // namespace commesso
