#include "core/mail_address.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace commesso {
namespace {

constexpr std::size_t kMaxAddress = 254;  // RFC 5321's limit on a path.
constexpr std::size_t kMaxLocalPart = 64;
constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxHeaderText = 998;  // RFC 5322's limit on a line.

bool IsLetterOrDigit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext: what a dot-atom word may hold.
bool IsAtomCharacter(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-";
  return IsLetterOrDigit(c) || kSpecials.find(c) != std::string_view::npos;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const std::size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

std::optional<std::string> LocalPartProblem(std::string_view local) {
  if (local.empty()) return "has nothing before the @";
  if (local.size() > kMaxLocalPart) return "has more than 64 characters before the @";
  for (std::string_view word : Split(local, '.')) {
    if (word.empty()) return "has a dot at the start or end of the name, or two dots in a row";
    for (char c : word) {
      if (!IsAtomCharacter(c)) {
        return "has a character that is not allowed before the @ (only letters, digits and "
               "!#$%&'*+/=?^_`{|}~- separated by single dots)";
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> DomainProblem(std::string_view domain) {
  if (domain.empty()) return "has no domain after the @";
  const std::vector<std::string_view> labels = Split(domain, '.');
  if (labels.size() < 2) return "needs a domain with a dot, like example.com";
  for (std::string_view label : labels) {
    if (label.empty()) return "has an empty part in the domain (a dot at the end or two dots)";
    if (label.size() > kMaxLabel) return "has a domain part longer than 63 characters";
    if (label.front() == '-' || label.back() == '-') {
      return "has a domain part starting or ending with a hyphen";
    }
    for (char c : label) {
      if (!IsLetterOrDigit(c) && c != '-') {
        return "has a character that is not allowed in the domain (only letters, digits, "
               "hyphens and dots)";
      }
    }
  }
  const std::string_view top = labels.back();
  bool all_digits = true;
  for (char c : top) all_digits = all_digits && c >= '0' && c <= '9';
  if (all_digits) return "needs a domain name, not an IP address";
  return std::nullopt;
}

// The code points of `text`, or nothing when it is not valid UTF-8 (overlong forms,
// surrogates and values past U+10FFFF are invalid).
std::optional<std::vector<std::uint32_t>> CodePoints(std::string_view text) {
  std::vector<std::uint32_t> points;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t point = 0;
    std::uint32_t minimum = 0;
    if (lead < 0x80) {
      length = 1;
      point = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      point = lead & 0x1Fu;
      minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      point = lead & 0x0Fu;
      minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      point = lead & 0x07u;
      minimum = 0x10000;
    } else {
      return std::nullopt;
    }
    if (i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      point = (point << 6) | (next & 0x3Fu);
    }
    if (point < minimum || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) {
      return std::nullopt;
    }
    points.push_back(point);
    i += length;
  }
  return points;
}

}  // namespace

std::optional<std::string> MailAddressProblem(std::string_view address) {
  if (address.empty()) return "is empty";
  for (char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '\r' || byte == '\n') return "must not contain a line break";
    if (byte < 0x20 || byte == 0x7F) return "must not contain control characters";
    if (byte == ' ') return "must not contain spaces";
    if (byte >= 0x80) return "must be plain ASCII (write an international domain as xn--…)";
  }
  if (address.size() > kMaxAddress) return "has more than 254 characters";
  const std::size_t at = address.rfind('@');
  if (at == std::string_view::npos) return "needs an @, like name@example.com";
  if (address.find('@') != at) return "has more than one @";
  if (auto problem = LocalPartProblem(address.substr(0, at))) return problem;
  return DomainProblem(address.substr(at + 1));
}

std::optional<std::string> HeaderTextProblem(std::string_view text) {
  if (text.size() > kMaxHeaderText) return "has more than 998 bytes";
  const std::optional<std::vector<std::uint32_t>> points = CodePoints(text);
  if (!points) return "is not valid UTF-8";
  for (std::uint32_t point : *points) {
    if (point == '\r' || point == '\n') return "must not contain a line break";
    if (point < 0x20 || point == 0x7F || (point >= 0x80 && point <= 0x9F)) {
      return "must not contain control characters";
    }
  }
  return std::nullopt;
}

std::string MailDomain(std::string_view address) {
  const std::size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

}  // namespace commesso
