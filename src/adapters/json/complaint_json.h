#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/complaint.h"
#include "core/order.h"
#include "core/result.h"

// The JSON of complaints (docs/api.md, "Complaints"; docs/openapi.yaml): the bodies that open
// one and take its steps, and the complaint with its lines and history. Instants are RFC 3339
// UTC; absent optional values are null.
namespace commesso::json {

// {"order_number"?, "lines"?: [{"line_no", "quantity"}], "reason", "channel",
// "customer_words", "priority"?}: the fields of a complaint to open, strictly (unknown members,
// wrong types and unknown names are kInvalidInput at their paths). What the values may be is
// core's (ValidateComplaint, ValidateComplaintLines) and the use case's.
Result<Complaint> ComplaintFromJson(const nlohmann::json& json);

// A step's body: {"revision"?, "<NoteField(action)>"?}; the text is the owner for kAssigned.
struct StepRequest {
  std::optional<std::int64_t> revision{};
  std::string text{};
};
Result<StepRequest> StepFromJson(const nlohmann::json& json, ComplaintAction action);

// A complaint as lists show it; `overdue` as IsOverdue at `now`.
nlohmann::json ToJson(const Complaint& complaint, Timestamp now);

// The complaint with each line's item (sku, name in both languages, quantity ordered) from
// `order` (null: a complaint without one) and its history, oldest first.
nlohmann::json ToDetailJson(const Complaint& complaint, const Order* order,
                            const std::vector<ComplaintEvent>& history, Timestamp now);

nlohmann::json ToJson(const ComplaintEvent& event);

}  // namespace commesso::json
