#pragma once

#include <string>
#include <string_view>

// Unicode normalization of what people type. "Niccolò" arrives precomposed from one keyboard
// (NFC: ò is U+00F2) and decomposed from another (NFD: o + U+0300); stored as sent, the two
// spellings would look the same and never match in a search or a comparison. The readers
// bring names and addresses to NFC, the form the web and most keyboards produce, before
// validation counts their characters. It lives here rather than in core/, which has no
// Unicode tables: ICU has them (docs/decisions/0015-input-hygiene.md).
namespace commesso::json {

// `text` in Unicode Normalization Form C. Text that is not well-formed UTF-8 is returned as
// it is, for validation to refuse. Thread-safe.
std::string ToNfc(std::string_view text);

}  // namespace commesso::json
