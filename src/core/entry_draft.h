#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/ids.h"
#include "core/order.h"

namespace commesso {

// What a draft's list entry shows without its content.
struct DraftSummary {
  std::string customer_name{};  // Empty until the clerk has picked a customer.
  std::int64_t line_count = 0;
  friend bool operator==(const DraftSummary&, const DraftSummary&) = default;
};

// An order entry in progress, kept by the server so it survives a page reload or a restart,
// and can be parked and resumed. `content` is the console's own state as serialized JSON: the
// server keeps it, never interprets it beyond the summary. `placement_key` is created with
// the draft and is the Idempotency-Key its order is placed with, so a double submit or a
// retry places one order; placing it deletes the draft.
struct EntryDraft {
  DraftId id{};
  std::int64_t revision = 1;  // Each saved change adds one (optimistic concurrency).
  Channel channel = Channel::kPhone;
  std::string owner{};  // The principal that started it; only they see it.
  bool parked = false;
  std::string placement_key{};
  std::string content = "{}";  // A JSON object, at most kMaxDraftContentBytes.
  DraftSummary summary{};
  Timestamp created_at{};
  Timestamp updated_at{};
  friend bool operator==(const EntryDraft&, const EntryDraft&) = default;
};

// The largest `content` a draft may hold, in bytes of serialized JSON.
inline constexpr std::size_t kMaxDraftContentBytes = 64 * 1024;

}  // namespace commesso
