#pragma once

#include <cstdint>
#include <optional>

#include "adapters/sqlite/connection.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso::sqlite {

// What an idempotency key protects; keys of different scopes never meet.
enum class KeyScope { kOrders, kItems, kCustomers, kDrafts, kConfirmations, kUsers, kApiKeys };

// The id of what `key` created before in `scope`, or nothing when the key is new (an empty key
// is always new: a request without one is never a replay). kInvalidInput on field
// "Idempotency-Key" when the key came with another request (another fingerprint). Throws
// SQLite::Exception.
Result<std::optional<std::int64_t>> FindKey(Connection& connection, KeyScope scope,
                                            const IdempotencyKey& key);

// Records that `key` created `resource_id`, in the caller's transaction; does nothing for an
// empty key. Throws SQLite::Exception.
void RecordKey(Connection& connection, KeyScope scope, const IdempotencyKey& key,
               std::int64_t resource_id);

}  // namespace commesso::sqlite
