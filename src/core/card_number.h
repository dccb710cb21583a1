#pragma once

#include <string_view>

namespace commesso {

// The problem reported for a text field holding a card number. It never repeats the value:
// a card number is not stored, echoed or logged anywhere.
inline constexpr const char* kCardNumberProblem =
    "looks like a card number; card numbers stay in the card terminal";

// Whether `text` holds a payment card number (PAN) anywhere in it: a run of 14 to 19 digits,
// written together or in groups separated by single spaces, dashes or no-break spaces, that
// starts with the issuer prefix of a card brand, has one of that brand's lengths, and passes
// the Luhn check. Digits right after a "+" (an international phone number), a letter or "_"
// (a code such as an IBAN or a token) are not read as one. card_number.cc says why, and what
// it misses.
bool LooksLikeCardNumber(std::string_view text);

}  // namespace commesso
