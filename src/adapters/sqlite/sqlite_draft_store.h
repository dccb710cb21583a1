#pragma once

#include <string>

#include "adapters/sqlite/database.h"
#include "app/ports/draft_store.h"

namespace commesso::sqlite {

// The DraftStore port on SQLite (the drafts table). Writes go through the database's single
// writer and return once durable, so a saved draft survives a crash or restart; reads use
// reader connections. The revision check of Update is one conditional UPDATE, so two tabs
// saving the same revision cannot both win. Drafts untouched for 30 days are purged when the
// database opens; SqliteOrderStore::Place deletes a placed draft. Borrows `database`, which
// must outlive it. Thread-safe.
class SqliteDraftStore final : public DraftStore {
 public:
  explicit SqliteDraftStore(Database& database) : database_(database) {}

  Result<EntryDraft> Create(const EntryDraft& draft, const IdempotencyKey& key,
                            KeptAnswer<EntryDraft>* answer) override;
  Result<EntryDraft> Find(DraftId id, const std::string& owner) const override;
  Result<Page<EntryDraft>> List(const DraftQuery& query, int limit,
                                const std::string& cursor) const override;
  Result<EntryDraft> Update(const EntryDraft& draft) override;
  Result<void> Delete(DraftId id, const std::string& owner) override;

 private:
  Database& database_;
};

}  // namespace commesso::sqlite
