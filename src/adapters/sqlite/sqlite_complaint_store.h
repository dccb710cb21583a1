#pragma once

#include <string>
#include <vector>

#include "adapters/sqlite/database.h"
#include "app/ports/complaint_store.h"

namespace commesso::sqlite {

// The ComplaintStore port on SQLite (complaints, complaint_lines, complaint_events and their
// counter complaint_counters, migration 16). Writes go through the database's single writer,
// each one transaction that returns once durable; the revision check of Update is one
// conditional UPDATE, so two agents deciding on the same revision cannot both win. Reads use
// reader connections. Borrows `database`, which must outlive it. Thread-safe.
class SqliteComplaintStore final : public ComplaintStore {
 public:
  explicit SqliteComplaintStore(Database& database) : database_(database) {}

  Result<Complaint> Open(const Complaint& complaint, int business_year, const IdempotencyKey& key,
                         KeptAnswer<Complaint>* answer) override;
  Result<Complaint> Find(const ComplaintNumber& number) const override;
  Result<std::vector<ComplaintEvent>> History(const ComplaintNumber& number) const override;
  Result<Page<Complaint>> List(const ComplaintQuery& query, int limit,
                               const std::string& cursor) const override;
  Result<Complaint> Update(const ComplaintChange& change, std::int64_t expected_revision) override;
  Result<Complaint> Comment(const ComplaintNumber& number, const ComplaintEvent& event) override;

 private:
  Database& database_;
};

}  // namespace commesso::sqlite
