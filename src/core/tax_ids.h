#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace commesso {

// Whether `digits` is a partita IVA: 11 digits, the last the check digit of the first ten
// (Luhn's scheme, as the Agenzia delle Entrate defines it: digits in even positions doubled, 9
// subtracted above 9). Companies' and bodies' codice fiscale is the same 11-digit number.
bool IsPartitaIva(std::string_view digits);

// Whether `code` is a person's codice fiscale: 16 characters (case ignored) shaped as three
// letters of the surname, three of the name, the year, a month letter (ABCDEHLMPRST), the
// day, a place code of a letter and three digits, and a check letter computed from the first
// fifteen (DM 23/12/1976). Digits may be replaced by L..V, as for people whose codes would
// otherwise be the same (omocodia).
bool IsCodiceFiscale(std::string_view code);

// Why `tax_id`, a customer's tax identifier, cannot be one; nothing when it can be, or is
// empty. 11 digits, alone or after "IT", must be a partita IVA; 16 letters and digits a
// codice fiscale; anything else after "IT" is refused; any other text (a foreign VAT number
// with its country prefix, "DE123456789") is accepted up to 32 characters.
std::optional<std::string> TaxIdProblem(std::string_view tax_id);

}  // namespace commesso
