#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/ports/fulfillment_store.h"
#include "core/fulfillment.h"
#include "core/result.h"

// The JSON of the fulfillment API (/work/notes/api-contract.md, docs/openapi.yaml): tasks,
// departments with their statistics, holds, and the bodies of the task and hold requests.
// Instants are RFC 3339 UTC; absent optional values are null.
namespace commesso::json {

// What a task's JSON shows of its order.
struct TaskOrderFacts {
  std::string customer_name;
  std::string shipping_method;
  std::optional<std::chrono::year_month_day> promised_dispatch{};
  // The appointment of each order line that has one, by line number (1-based, as TaskLine):
  // read from the order, so tasks need not store it.
  std::map<int, Appointment> appointments{};
};

// The facts of `order` a task's JSON shows.
TaskOrderFacts TaskOrderFactsOf(const Order& order);

// A task as the queues show it: `department_name` and line names in `locale`; age_seconds is
// now - released_at while the task is open.
nlohmann::json ToJson(const FulfillmentTask& task, const LocalizedText& department_name,
                      const TaskOrderFacts& order, std::string_view locale, Timestamp now);

nlohmann::json ToJson(const Hold& hold);

// A department with its schedule, its next release (null for immediate release) and `stats`
// (zeros and nulls when it has no tasks).
nlohmann::json ToJson(const Department& department, std::optional<Timestamp> next_release,
                      const DepartmentStats& stats, std::string_view locale);

// "mon", "tue", …; "09:00".
std::string WeekdayName(std::chrono::weekday day);
std::string TimeOfDayText(TimeOfDay time);

// Bodies. kInvalidInput naming every problem.
struct ShipmentRequest {
  std::string carrier;
  std::string tracking_number;
  std::vector<Shipment::Line> lines{};
};
struct HoldRequest {
  HoldKind kind = HoldKind::kManual;
  std::string reason;
};
// {"lines": [{"line_no": 1, "quantity": 10}]}
Result<std::vector<Shipment::Line>> PicksFromJson(const nlohmann::json& json);
// {"carrier", "tracking_number", "lines"?}
Result<ShipmentRequest> ShipmentRequestFromJson(const nlohmann::json& json);
// {"kind": "manual|address|payment", "reason"}
Result<HoldRequest> HoldRequestFromJson(const nlohmann::json& json);
// {"reason"}: the reason of a cancellation, 1..500 characters.
Result<std::string> CancellationFromJson(const nlohmann::json& json);

}  // namespace commesso::json
