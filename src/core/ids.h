#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace commesso {

// Storage-assigned keys. Each is its own type so two cannot be swapped; none is shown to people.
struct ItemId {
  std::int64_t value = 0;
  friend auto operator<=>(const ItemId&, const ItemId&) = default;
};
struct CustomerId {
  std::int64_t value = 0;
  friend auto operator<=>(const CustomerId&, const CustomerId&) = default;
};
struct OrderId {
  std::int64_t value = 0;
  friend auto operator<=>(const OrderId&, const OrderId&) = default;
};
// A saved order entry (EntryDraft); the console refers to drafts by it.
struct DraftId {
  std::int64_t value = 0;
  friend auto operator<=>(const DraftId&, const DraftId&) = default;
};

// What people see and say: "2026-000123", unique and consecutive within a business year.
struct OrderNumber {
  std::string value;
  friend auto operator<=>(const OrderNumber&, const OrderNumber&) = default;
};

// The client's `Idempotency-Key` and a fingerprint of the request it came with. The same key
// with the same fingerprint is a replay; with another fingerprint it is a client error.
struct IdempotencyKey {
  std::string value;
  std::string fingerprint;
  friend auto operator<=>(const IdempotencyKey&, const IdempotencyKey&) = default;
};

}  // namespace commesso
