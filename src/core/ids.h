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

// The client's `Idempotency-Key`, a fingerprint of the request it came with and the principal
// that sent it. A key belongs to its principal (and, each kind of resource having its own
// route, to its route): the same value from another principal is another key, never a replay
// (docs/decisions/0017). The same key with the same fingerprint is a replay; with another
// fingerprint it is a client error.
struct IdempotencyKey {
  std::string value;
  std::string fingerprint;
  std::string principal{};  // "anna", "key:shop", "cli:place"; "" only in tests of the stores.
  friend auto operator<=>(const IdempotencyKey&, const IdempotencyKey&) = default;
};

}  // namespace commesso
