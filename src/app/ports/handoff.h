#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/fulfillment.h"

namespace commesso {

// A task to create when an order is planned.
struct NewTask {
  TaskPlan plan{};
  Timestamp release_at{};
  // Set when the task is due as it is planned (release_at is not after the moment of
  // planning): unless a hold blocks it, it is written released at that moment, with this
  // escalation time (decision 0022).
  std::optional<Timestamp> escalate_at{};
  friend bool operator==(const NewTask&, const NewTask&) = default;
};

// What a placement hands on in its own transaction (docs/ARCHITECTURE.md, "One order's
// path"): the fulfillment tasks and holds the rules plan for the order (the tasks due at once
// are released there and then, the scheduler releases the others when their time comes) and
// the receipt's e-mail, queued. Pure functions of the order, the rules and the time
// (PlannedTasks, PlannedHolds, ReceiptRefusal), so nothing needs to read the order back after
// it was stored.
struct Handoff {
  std::vector<NewTask> tasks{};
  std::vector<Hold> holds{};
  // Why the receipt cannot be e-mailed (its delivery is recorded as failed), or nothing.
  std::optional<std::string> receipt_refusal{};
  friend bool operator==(const Handoff&, const Handoff&) = default;
};

}  // namespace commesso
