#include "adapters/sqlite/idempotency.h"

#include <fmt/format.h>

#include "adapters/sqlite/values.h"

namespace commesso::sqlite {
namespace {

const char* NameOf(KeyScope scope) {
  switch (scope) {
    case KeyScope::kOrders:
      return "orders";
    case KeyScope::kItems:
      return "items";
    case KeyScope::kCustomers:
      return "customers";
    case KeyScope::kDrafts:
      return "drafts";
    case KeyScope::kConfirmations:
      return "confirmations";
    case KeyScope::kUsers:
      return "users";
    case KeyScope::kApiKeys:
      return "api_keys";
  }
  return "orders";
}

}  // namespace

Error KeyUsedForAnotherRequest() {
  return Error{.code = ErrorCode::kInvalidInput,
               .message =
                   "This Idempotency-Key was already used for another request; "
                   "use a new key for a new request.",
               .fields = {{"Idempotency-Key", "was already used for a different request"}}};
}

Result<std::optional<std::int64_t>> FindKey(Connection& connection, KeyScope scope,
                                            const IdempotencyKey& key) {
  if (key.value.empty()) return std::optional<std::int64_t>{};
  SQLite::Statement& find = connection.Prepare(
      "SELECT fingerprint, resource_id FROM idempotency_keys WHERE scope = ? AND key = ?");
  find.bind(1, NameOf(scope));
  find.bind(2, key.value);
  if (!find.executeStep()) return std::optional<std::int64_t>{};
  if (find.getColumn(0).getString() != key.fingerprint) return Fail(KeyUsedForAnotherRequest());
  return std::optional<std::int64_t>{find.getColumn(1).getInt64()};
}

Result<std::optional<std::int64_t>> FindRowKey(Connection& connection, std::string_view table,
                                               std::string_view id_column,
                                               const IdempotencyKey& key) {
  if (key.value.empty()) return std::optional<std::int64_t>{};
  SQLite::Statement& find = connection.Prepare(fmt::format(
      "SELECT {}, request_fingerprint FROM {} WHERE request_key = ?", id_column, table));
  find.bind(1, key.value);
  if (!find.executeStep()) {
    find.reset();
    return std::optional<std::int64_t>{};
  }
  const std::int64_t id = find.getColumn(0).getInt64();
  const bool same = find.getColumn(1).getString() == key.fingerprint;
  find.reset();
  if (!same) return Fail(KeyUsedForAnotherRequest());
  return std::optional<std::int64_t>{id};
}

void RecordKey(Connection& connection, KeyScope scope, const IdempotencyKey& key,
               std::int64_t resource_id) {
  if (key.value.empty()) return;
  SQLite::Statement& record = connection.Prepare(
      "INSERT INTO idempotency_keys (scope, key, fingerprint, resource_id, created_at) "
      "VALUES (?, ?, ?, ?, ?)");
  record.bind(1, NameOf(scope));
  record.bind(2, key.value);
  record.bind(3, key.fingerprint);
  record.bind(4, resource_id);
  record.bind(5, NowMillis());
  record.exec();
}

}  // namespace commesso::sqlite
