#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/ports/kept_answer.h"
#include "app/ports/page.h"
#include "core/complaint.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso {

// Which complaints to list. Empty fields do not filter.
struct ComplaintQuery {
  std::optional<ComplaintStatus> status{};
  std::optional<ComplaintReason> reason{};
  std::optional<std::string> owner{};  // "" lists the complaints nobody owns.
  std::optional<OrderNumber> order{};
  bool overdue_only = false;
  // The instant overdue is judged at (IsOverdue): for the filter and for the order of the list,
  // overdue complaints first, then by due time.
  Timestamp now{};
};

// Durable complaints and their histories (docs/customer-care.md). Every write is one
// transaction and returns once durable. Thread-safe.
class ComplaintStore {
 public:
  virtual ~ComplaintStore() = default;

  // Gives `complaint` the next number of `business_year` in the complaints' own series
  // (RCL-2026-000001: consecutive, a refused or rolled-back opening takes none), and writes it
  // with its lines, its "opened" history entry (by opened_by, at created_at) and `key`, with the
  // answer `answer` renders from the complaint as stored (null: none kept), in one transaction;
  // returns it with its id and number at revision 1. kNotFound (field "order_number") when its
  // order does not exist. Opening again with the same `key` (of the same principal) returns the
  // first complaint as it is now and hands `answer` what was kept; kInvalidInput (field
  // "Idempotency-Key") when the key came with another request.
  virtual Result<Complaint> Open(const Complaint& complaint, int business_year,
                                 const IdempotencyKey& key, KeptAnswer<Complaint>* answer) = 0;

  // kNotFound when there is no complaint `number`.
  virtual Result<Complaint> Find(const ComplaintNumber& number) const = 0;

  // Its history, oldest first; kNotFound when there is no complaint `number`.
  virtual Result<std::vector<ComplaintEvent>> History(const ComplaintNumber& number) const = 0;

  // Overdue first (at query.now), then by due time and number; `limit` is clamped to 1..200;
  // kInvalidInput on field "cursor" for a cursor this listing did not give.
  virtual Result<Page<Complaint>> List(const ComplaintQuery& query, int limit,
                                       const std::string& cursor) const = 0;

  // Writes the revision, status, owner, outcome, due time and updated_at of `change.complaint`
  // over the stored complaint of its number, provided that one is still at `expected_revision`,
  // and appends `change.event` to its history, in one transaction; returns it as stored.
  // kNotFound when there is no such complaint; kConflict (field "revision") when it has
  // changed meanwhile.
  virtual Result<Complaint> Update(const ComplaintChange& change,
                                   std::int64_t expected_revision) = 0;

  // Appends `event` (a comment: no status, no revision) to the history of complaint `number`
  // and sets its updated_at to the event's time, in one transaction; returns it as stored.
  // kNotFound when there is no such complaint.
  virtual Result<Complaint> Comment(const ComplaintNumber& number, const ComplaintEvent& event) = 0;
};

}  // namespace commesso
