#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/order.h"

namespace commesso {

// A stored delivery's key.
struct DeliveryId {
  std::int64_t value = 0;
  friend auto operator<=>(const DeliveryId&, const DeliveryId&) = default;
};

enum class DeliveryState {
  kQueued,  // Waiting for its next attempt.
  kSent,    // The SMTP server accepted it (`server_reply` says how); never sent again.
  kFailed,  // Given up: `error` says why. A clerk may ask for a new delivery.
  // The order was cancelled before the receipt went out: never sent; `error` says why.
  kWithdrawn,
};

// What a delivery sends.
enum class DeliveryKind {
  kReceipt,  // The document, with its PDF.
  // The notice that the order was cancelled, to an address its receipt had been sent to
  // (docs/receipts.md, "Cancelled orders"); `document_number` is that receipt's.
  kCancellation,
};

// One e-mail of a receipt to one address: the one sent after placement, or one a clerk asked
// for (re-send, corrected address), or the cancellation notice that follows a receipt the
// customer got. Every delivery of a document sends the same document.
struct ReceiptDelivery {
  DeliveryId id{};
  OrderNumber order{};
  DeliveryKind kind = DeliveryKind::kReceipt;
  std::string document_number{};  // "R-2026-000001".
  std::string to{};               // The recipient; empty when the customer has none.
  DeliveryState state = DeliveryState::kQueued;
  int attempts = 0;  // Tries the SMTP server answered (an unreachable server counts none).
  std::optional<Timestamp> next_attempt_at{};  // Queued only.
  std::string server_reply{};                  // The server's final reply ("250 OK …").
  std::string error{};                         // Why the last try failed, or why it was given up.
  std::string message_id{};    // The Message-ID it is (or was) sent with, without <>.
  std::string requested_by{};  // "placement", or the user or API key that asked.
  Timestamp requested_at{};
  Timestamp updated_at{};
  std::optional<Timestamp> sent_at{};
  friend bool operator==(const ReceiptDelivery&, const ReceiptDelivery&) = default;
};

// Who requested the delivery that follows placement, and a cancellation notice.
inline constexpr std::string_view kPlacementRequester = "placement";
inline constexpr std::string_view kCancellationRequester = "cancellation";

// How often an e-mail is tried: after the n-th failure the next try waits
// first_delay × factor^(n-1), but never longer than `cap`; after `max_attempts` answered
// tries that failed, the delivery is given up.
struct RetryPolicy {
  std::chrono::milliseconds first_delay{std::chrono::seconds{30}};
  int factor = 2;  // 1..10.
  std::chrono::milliseconds cap{std::chrono::hours{1}};
  int max_attempts = 8;
  friend bool operator==(const RetryPolicy&, const RetryPolicy&) = default;
};

// The wait after `failures` (at least 1) failures in a row, under `policy`.
std::chrono::milliseconds RetryDelay(const RetryPolicy& policy, int failures);

// "queued", "sent", "failed", "withdrawn" and back (nothing for an unknown name).
const char* Name(DeliveryState state);
std::optional<DeliveryState> ParseDeliveryState(std::string_view name);

// "receipt", "cancellation" and back (nothing for an unknown name).
const char* Name(DeliveryKind kind);
std::optional<DeliveryKind> ParseDeliveryKind(std::string_view name);

}  // namespace commesso
