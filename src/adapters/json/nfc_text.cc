#include "adapters/json/nfc_text.h"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/invariant.h"
#include "core/utf8.h"

namespace commesso::json {

std::string ToNfc(std::string_view text) {
  // ASCII, most of what is typed, is NFC already.
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80U; });
  if (ascii || !IsValidUtf8(text)) return std::string(text);

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  // ICU builds the NFC data into its common library: failing here is a broken installation.
  COMMESSO_INVARIANT(U_SUCCESS(status), "ICU has no NFC normalizer");
  const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString normalized = nfc->normalize(unicode, status);
  COMMESSO_INVARIANT(U_SUCCESS(status), "ICU could not normalize well-formed UTF-8");
  std::string result;
  normalized.toUTF8String(result);
  return result;
}

}  // namespace commesso::json
