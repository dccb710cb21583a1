#include "adapters/json/card_secrets.h"

#include <array>
#include <cctype>

#include "adapters/json/object_reader.h"

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
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) {
      const std::string member = MemberPath(path, key);
      if (IsCardSecretName(key, path)) {
        problems.push_back({member, kCardSecretProblem});
      } else {
        FindCardSecrets(value, member, problems);
      }
    }
  } else if (json.is_array()) {
    for (std::size_t i = 0; i < json.size(); ++i) {
      FindCardSecrets(json[i], ElementPath(path, i), problems);
    }
  }
}

}  // namespace commesso::json
