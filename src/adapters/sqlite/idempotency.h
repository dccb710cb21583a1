#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "adapters/sqlite/connection.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso::sqlite {

// What an idempotency key protects; keys of different scopes never meet.
enum class KeyScope { kOrders, kItems, kCustomers, kDrafts, kConfirmations, kUsers, kApiKeys };

// kInvalidInput on field "Idempotency-Key": the key came with another request before.
Error KeyUsedForAnotherRequest();

// The id of what `key` created before in `scope`, or nothing when the key is new (an empty key
// is always new: a request without one is never a replay). kInvalidInput on field
// "Idempotency-Key" when the key came with another request (another fingerprint). Throws
// SQLite::Exception.
Result<std::optional<std::int64_t>> FindKey(Connection& connection, KeyScope scope,
                                            const IdempotencyKey& key);

// The same for rows that keep the key of the request that created them in their own
// `request_key` and `request_fingerprint` columns (receipt_deliveries, shipments,
// webhook_subscriptions): the `id_column` of the row `key` created, or nothing. `table` and
// `id_column` are names of ours, never input. Throws SQLite::Exception.
Result<std::optional<std::int64_t>> FindRowKey(Connection& connection, std::string_view table,
                                               std::string_view id_column,
                                               const IdempotencyKey& key);

// Records that `key` created `resource_id`, in the caller's transaction; does nothing for an
// empty key. Throws SQLite::Exception.
void RecordKey(Connection& connection, KeyScope scope, const IdempotencyKey& key,
               std::int64_t resource_id);

}  // namespace commesso::sqlite
