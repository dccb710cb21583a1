#include "app/resend_receipt.h"

#include "core/mail_address.h"

namespace commesso {

Result<std::pair<ReceiptDelivery, bool>> ResendReceipt::Run(const OrderNumber& number,
                                                            const std::string& to,
                                                            const std::string& requested_by,
                                                            const IdempotencyKey& key,
                                                            KeptAnswer<ReceiptDelivery>* answer) {
  if (!to.empty()) {
    if (std::optional<std::string> problem = MailAddressProblem(to)) {
      return Fail({ErrorCode::kInvalidInput, "The address is not usable.", {{"to", *problem}}});
    }
  }
  auto documents = documents_.ForOrder(number);
  if (!documents) return Fail(documents.error());
  const Document* receipt = nullptr;
  for (const Document& document : *documents) {
    if (document.kind == DocumentKind::kReceipt && receipt == nullptr) receipt = &document;
  }
  if (receipt == nullptr) {
    return Fail(ErrorCode::kNotFound, "The order " + number.value + " has no receipt.");
  }

  const std::string address = to.empty() ? receipt->order.customer.email : to;
  if (address.empty()) {
    return Fail({ErrorCode::kInvalidInput,
                 "The customer has no e-mail address.",
                 {{"to", "is required: the customer has no e-mail address"}}});
  }
  if (std::optional<std::string> problem = MailAddressProblem(address)) {
    return Fail({ErrorCode::kInvalidInput,
                 "The customer's e-mail address is not usable; give a corrected one.",
                 {{"to", "is required: the customer's address " + address + " " + *problem}}});
  }

  auto requested = deliveries_.Request(DeliveryRequest{.order = number,
                                                       .document_number = receipt->number,
                                                       .to = address,
                                                       .requested_by = requested_by,
                                                       .requested_at = clock_.Now()},
                                       key, answer);
  if (!requested) return Fail(requested.error());
  signal_.Notify();
  return requested;
}

}  // namespace commesso
