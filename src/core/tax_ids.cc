#include "core/tax_ids.h"

#include <algorithm>

#include "core/utf8.h"

namespace commesso {
namespace {

constexpr std::size_t kMaxTaxIdChars = 32;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool IsLetter(char c) { return Upper(c) >= 'A' && Upper(c) <= 'Z'; }
bool AllDigits(std::string_view text) { return std::all_of(text.begin(), text.end(), IsDigit); }

// A digit of a codice fiscale, or the letter that replaces it (omocodia: L=0 … V=9).
bool IsCodeDigit(char c) {
  constexpr std::string_view kReplacements = "LMNPQRSTUV";
  return IsDigit(c) || kReplacements.find(Upper(c)) != std::string_view::npos;
}

// The value of a codice fiscale character in an odd position (1st, 3rd, …), for the check
// letter: digits count as the letter with their index (0 as A).
int OddValue(char c) {
  constexpr int kValues[26] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                               20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
  const int index = IsDigit(c) ? c - '0' : Upper(c) - 'A';
  return kValues[index];
}

int EvenValue(char c) { return IsDigit(c) ? c - '0' : Upper(c) - 'A'; }

}  // namespace

bool IsPartitaIva(std::string_view digits) {
  if (digits.size() != 11 || !AllDigits(digits)) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    int digit = digits[i] - '0';
    if (i % 2 == 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - sum % 10) % 10 == digits[10] - '0';
}

bool IsCodiceFiscale(std::string_view code) {
  if (code.size() != 16) return false;
  constexpr std::string_view kMonths = "ABCDEHLMPRST";
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = code[i];
    const bool letter_place = i < 6 || i == 8 || i == 11 || i == 15;
    if (letter_place ? !IsLetter(c) : !IsCodeDigit(c)) return false;
  }
  if (kMonths.find(Upper(code[8])) == std::string_view::npos) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 15; ++i) sum += i % 2 == 0 ? OddValue(code[i]) : EvenValue(code[i]);
  return Upper(code[15]) == static_cast<char>('A' + sum % 26);
}

std::optional<std::string> TaxIdProblem(std::string_view tax_id) {
  if (tax_id.empty()) return std::nullopt;
  const bool italian_vat = tax_id.starts_with("IT");
  const std::string_view number = italian_vat ? tax_id.substr(2) : tax_id;
  if (italian_vat || (number.size() == 11 && AllDigits(number))) {
    if (number.size() != 11 || !AllDigits(number)) {
      return "must be IT and the 11 digits of a partita IVA, like IT01234567897";
    }
    if (!IsPartitaIva(number)) return "is not a valid partita IVA: the check digit is wrong";
    return std::nullopt;
  }
  if (tax_id.size() == 16 &&
      std::all_of(tax_id.begin(), tax_id.end(), [](char c) { return IsDigit(c) || IsLetter(c); })) {
    if (!IsCodiceFiscale(tax_id)) {
      return "is not a valid codice fiscale: its shape or check character is wrong";
    }
    return std::nullopt;
  }
  if (CharacterCount(tax_id) > kMaxTaxIdChars) return "at most 32 characters";
  return std::nullopt;
}

}  // namespace commesso
