#pragma once

#include <nlohmann/json.hpp>

#include "app/confirm_order.h"
#include "core/order_history.h"
#include "core/result.h"

// The JSON of confirmations and order history (/api/v1/orders/{number}/…).
namespace commesso::json {

// {"revision": 1, "by": "Anna"} with "by" optional; the principal is left empty for the
// caller to set. kInvalidInput with every problem.
Result<ConfirmationRequest> ConfirmationRequestFromJson(const nlohmann::json& json);

// {"revision", "by", "principal", "confirmed_at"}.
nlohmann::json ToJson(const Confirmation& confirmation);

// {"at", "actor", "kind", "detail"}.
nlohmann::json ToJson(const OrderEvent& event);

}  // namespace commesso::json
