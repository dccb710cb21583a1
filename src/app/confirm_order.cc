#include "app/confirm_order.h"

#include <vector>

#include "core/order_history.h"

namespace commesso {

Result<StoredConfirmation> ConfirmOrder::Run(const OrderNumber& number,
                                             const ConfirmationRequest& request,
                                             const IdempotencyKey& key) const {
  std::vector<FieldError> problems;
  if (request.revision < 1)
    problems.push_back({"revision", "must be a revision number, 1 or more"});
  if (request.by.size() > kMaxConfirmedByBytes) {
    problems.push_back({"by", "must be at most 200 bytes"});
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput, "the confirmation has errors", std::move(problems)});
  }

  const Confirmation confirmation{.revision = request.revision,
                                  .by = request.by.empty() ? request.principal : request.by,
                                  .principal = request.principal,
                                  .confirmed_at = clock_.Now()};
  // The store compares the revision inside its transaction, so an amendment racing this
  // confirmation cannot slip between the check and the write.
  return orders_.Confirm(number, confirmation, key);
}

}  // namespace commesso
