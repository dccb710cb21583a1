#include "core/identity.h"

#include <algorithm>

#include "core/free_text.h"

namespace commesso {

bool SessionAlive(const Session& session, Timestamp now, const SessionLimits& limits) {
  return now - session.last_seen_at < limits.idle && now - session.created_at < limits.absolute;
}

bool IsConsoleLocale(const std::string& locale) { return locale == "it" || locale == "en"; }

std::vector<FieldError> ValidateUser(const User& user) {
  std::vector<FieldError> problems;
  const bool name_ok =
      !user.username.empty() && user.username.size() <= 64 &&
      std::all_of(user.username.begin(), user.username.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
      });
  if (!name_ok) {
    problems.push_back({"username", "must be 1..64 characters of a-z, 0-9, '.', '-' and '_'"});
  }
  if (user.display_name.empty() || user.display_name.size() > 200) {
    problems.push_back({"display_name", "must be 1..200 characters"});
  }
  if (auto why = FreeTextProblem(user.display_name, TextLines::kOne)) {
    problems.push_back({"display_name", *std::move(why)});
  }
  if (!IsConsoleLocale(user.locale)) problems.push_back({"locale", "must be it or en"});
  return problems;
}

}  // namespace commesso
