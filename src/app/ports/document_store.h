#pragma once

#include <string>
#include <vector>

#include "core/document.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso {

// Issued documents. The receipt of an order is issued by the order store in the placement
// transaction (so a placed order always has one and numbers have no gaps); an invoice is
// issued on request. Documents are never changed or deleted.
class DocumentStore {
 public:
  virtual ~DocumentStore() = default;

  // The documents issued from the order, in order of issue; kNotFound when there is no such
  // order.
  virtual Result<std::vector<Document>> ForOrder(const OrderNumber& number) const = 0;
  virtual Result<std::vector<Document>> ForOrder(OrderId id) const = 0;

  // The document numbered `number` ("R-2026-000001"); kNotFound when there is none.
  virtual Result<Document> Find(const std::string& number) const = 0;

  // Issues the order's invoice at `at`, numbered in the invoice series, or returns the one
  // issued before (an order has at most one). kNotFound when there is no such order;
  // kInvalidInput (field "customer.tax_id") when the customer has no tax id.
  virtual Result<Document> IssueInvoice(const OrderNumber& number, Timestamp at) = 0;
};

}  // namespace commesso
