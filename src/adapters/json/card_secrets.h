#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

// The console and the API never carry a card number or security code: the card terminal or
// the processor's own form reads them. These find fields named like one, so that a request
// carrying one is refused and nothing of it is stored or echoed.
namespace commesso::json {

// The problem reported for such a field; it never repeats the value.
inline constexpr const char* kCardSecretProblem =
    "must never be sent: card numbers and security codes stay in the card terminal";

// Whether a member called `key` inside the object at `parent_path` names a card number (PAN),
// security code (CVV, CVC, CSC), PIN or magnetic track: "pan", "card_number", "cardNumber",
// "cvv", "cvc2", "security_code", "track2", …, compared without case, '_' or '-'; and
// "number" itself inside an object whose path ends in "card".
bool IsCardSecretName(std::string_view key, std::string_view parent_path);

// Appends a problem for every member at any depth of `json` (whose path is `path`) named
// like a card secret.
void FindCardSecrets(const nlohmann::json& json, const std::string& path,
                     std::vector<FieldError>& problems);

}  // namespace commesso::json
