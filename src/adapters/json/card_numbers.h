#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace commesso::json {

// Appends a problem (core's kCardNumberProblem) for every string or integer at any depth of
// `json`, whose path is `path`, that holds a card number (core/card_number.h): for free-form
// content such as a draft's, whose fields no reader knows. A member name holding one is
// reported at its object's path, so no path repeats a number. Walks without recursion, so
// any depth the parser accepted is safe.
void FindCardNumbers(const nlohmann::json& json, const std::string& path,
                     std::vector<FieldError>& problems);

}  // namespace commesso::json
