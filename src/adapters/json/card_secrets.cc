#include "adapters/json/card_secrets.h"

#include <array>
#include <cctype>
#include <string>

namespace commesso::json {
namespace {

// Normalized (lower case, letters and digits only) names of card secrets.
constexpr std::array<std::string_view, 24> kSecretNames = {"pan",
                                                           "cardnumber",
                                                           "ccnumber",
                                                           "ccnum",
                                                           "creditcardnumber",
                                                           "debitcardnumber",
                                                           "primaryaccountnumber",
                                                           "cvv",
                                                           "cvv2",
                                                           "cvc",
                                                           "cvc2",
                                                           "csc",
                                                           "cvn",
                                                           "cav2",
                                                           "cid2",
                                                           "securitycode",
                                                           "cardsecuritycode",
                                                           "cardverificationvalue",
                                                           "cardverificationcode",
                                                           "pin",
                                                           "pinblock",
                                                           "track1",
                                                           "track2",
                                                           "trackdata"};

std::string Normalized(std::string_view key) {
  std::string normalized;
  for (char c : key) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0) normalized += static_cast<char>(std::tolower(byte));
  }
  return normalized;
}

}  // namespace

bool IsCardSecretName(std::string_view key, std::string_view parent_path) {
  const std::string normalized = Normalized(key);
  for (std::string_view secret : kSecretNames) {
    if (normalized == secret) return true;
  }
  const std::size_t dot = parent_path.rfind('.');
  const std::string parent =
      Normalized(dot == std::string_view::npos ? parent_path : parent_path.substr(dot + 1));
  return normalized == "number" && parent.ends_with("card");
}

void FindCardSecrets(const nlohmann::json& json, const std::string& path,
                     std::vector<FieldError>& problems) {
  // Depth first in document order, with a stack instead of recursion: a value built in memory
  // has no depth limit. One path string grows and shrinks with the walk.
  struct Open {
    const nlohmann::json* value = nullptr;  // An array or object.
    nlohmann::json::const_iterator next{};  // Its next member or element.
    std::size_t index = 0;                  // For an array: the index of `next`.
    std::size_t path_size = 0;              // The length of its own path in `at`.
  };
  std::string at = path;
  std::vector<Open> open;
  if (json.is_structured()) open.push_back({&json, json.cbegin(), 0, at.size()});
  while (!open.empty()) {
    Open& top = open.back();
    if (top.next == top.value->cend()) {
      open.pop_back();
      continue;
    }
    const nlohmann::json& child = *top.next;
    at.resize(top.path_size);
    if (top.value->is_object()) {
      const std::string& key = top.next.key();
      const bool secret = IsCardSecretName(key, at);
      if (!at.empty()) at += '.';  // As MemberPath, in place.
      at += key;
      ++top.next;
      if (secret) {
        problems.push_back({at, kCardSecretProblem});
        continue;
      }
    } else {
      at += '[' + std::to_string(top.index++) + ']';  // As ElementPath, in place.
      ++top.next;
    }
    if (child.is_structured()) open.push_back({&child, child.cbegin(), 0, at.size()});
  }
}

}  // namespace commesso::json
