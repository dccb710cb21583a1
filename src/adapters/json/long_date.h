#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/order.h"

// A calendar day as people say it, for the read-back and the documents.
namespace commesso::json {

// "lunedì 30 novembre 2026" for a locale starting with "it", "Monday 30 November 2026"
// otherwise.
std::string LongDate(std::chrono::year_month_day day, std::string_view locale);

// When a service is to be done, as a phrase that follows the service's name: "il 3 dicembre
// 2026 tra le 9:00 e le 12:00", "on 3 December 2026 between 9:00 and 12:00"; with one end of
// the window only, "dalle 9:00" / "from 9:00" or "entro le 12:00" / "by 12:00". Italian for a
// locale starting with "it", English otherwise.
std::string AppointmentPhrase(const Appointment& appointment, std::string_view locale);

}  // namespace commesso::json
