#include "adapters/sqlite/idempotency.h"

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
    case KeyScope::kReceiptDeliveries:
      return "receipt_deliveries";
    case KeyScope::kShipments:
      return "shipments";
    case KeyScope::kWebhooks:
      return "webhooks";
    case KeyScope::kComplaints:
      return "complaints";
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

Result<std::optional<RecordedKey>> FindKey(Connection& connection, KeyScope scope,
                                           const IdempotencyKey& key) {
  if (key.value.empty()) return std::optional<RecordedKey>{};
  SQLite::Statement& find = connection.Prepare(
      "SELECT fingerprint, resource_id, answer FROM idempotency_keys "
      "WHERE scope = ? AND principal = ? AND key = ?");
  find.bind(1, NameOf(scope));
  find.bind(2, key.principal);
  find.bind(3, key.value);
  if (!find.executeStep()) {
    find.reset();
    return std::optional<RecordedKey>{};
  }
  const bool same = find.getColumn(0).getString() == key.fingerprint;
  RecordedKey recorded{.resource_id = find.getColumn(1).getInt64()};
  if (!find.getColumn(2).isNull()) recorded.answer = find.getColumn(2).getString();
  find.reset();
  if (!same) return Fail(KeyUsedForAnotherRequest());
  return std::optional<RecordedKey>{std::move(recorded)};
}

void RecordKey(Connection& connection, KeyScope scope, const IdempotencyKey& key,
               std::int64_t resource_id, const std::optional<std::string>& answer) {
  if (key.value.empty()) return;
  SQLite::Statement& record = connection.Prepare(
      "INSERT INTO idempotency_keys (scope, principal, key, fingerprint, resource_id, answer, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  record.bind(1, NameOf(scope));
  record.bind(2, key.principal);
  record.bind(3, key.value);
  record.bind(4, key.fingerprint);
  record.bind(5, resource_id);
  if (answer) {
    record.bind(6, answer->data(), static_cast<int>(answer->size()));  // A BLOB: kept as is.
  } else {
    record.bind(6);  // NULL: no answer kept.
  }
  record.bind(7, NowMillis());
  record.exec();
}

}  // namespace commesso::sqlite
