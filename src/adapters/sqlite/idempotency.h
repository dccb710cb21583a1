#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "adapters/sqlite/connection.h"
#include "app/ports/kept_answer.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso::sqlite {

// What an idempotency key protects: one scope per kind of resource, which is one route of the
// API (orders: POST /orders, shipments: POST /tasks/{id}/shipments…). Keys of different
// scopes, and keys of different principals, never meet (docs/decisions/0017).
enum class KeyScope {
  kOrders,
  kItems,
  kCustomers,
  kDrafts,
  kConfirmations,
  kUsers,
  kApiKeys,
  kReceiptDeliveries,
  kShipments,
  kWebhooks,
  kComplaints,
};

// What a key recorded: the id of the resource its request created, and the answer kept with it
// (nothing when none was: a key recorded before migration 11, or by a caller that keeps none).
struct RecordedKey {
  std::int64_t resource_id = 0;
  std::optional<std::string> answer{};
};

// kInvalidInput on field "Idempotency-Key": the key came with another request before.
Error KeyUsedForAnotherRequest();

// What `key` of its principal recorded before in `scope`, or nothing when the key is new (an
// empty key is always new: a request without one is never a replay). kInvalidInput on field
// "Idempotency-Key" when the key came with another request (another fingerprint). Throws
// SQLite::Exception.
Result<std::optional<RecordedKey>> FindKey(Connection& connection, KeyScope scope,
                                           const IdempotencyKey& key);

// Records, in the caller's transaction, that `key` of its principal created `resource_id`,
// with the answer to keep; does nothing for an empty key. Throws SQLite::Exception.
void RecordKey(Connection& connection, KeyScope scope, const IdempotencyKey& key,
               std::int64_t resource_id, const std::optional<std::string>& answer = std::nullopt);

// The answer `answer` renders for `created`; nothing when the caller keeps none (null).
template <typename T>
std::optional<std::string> AnswerFor(const KeptAnswer<T>* answer, const T& created) {
  if (answer == nullptr) return std::nullopt;
  return answer->Render(created);
}

// Tells `answer` (when there is one) that its request is a replay of what `recorded` records.
template <typename T>
void TellReplayed(KeptAnswer<T>* answer, const RecordedKey& recorded) {
  if (answer != nullptr) answer->Replayed(recorded.answer);
}

}  // namespace commesso::sqlite
