#pragma once

#include <chrono>
#include <string>
#include <string_view>

// A calendar day as people say it, for the read-back and the documents.
namespace commesso::json {

// "lunedì 30 novembre 2026" for a locale starting with "it", "Monday 30 November 2026"
// otherwise.
std::string LongDate(std::chrono::year_month_day day, std::string_view locale);

}  // namespace commesso::json
