#include "adapters/sqlite/sqlite_draft_store.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sqlite/cursor.h"
#include "adapters/sqlite/idempotency.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"

namespace commesso::sqlite {
namespace {

// Every column but content, then content: a listing selects "'{}'" in its place.
#define COMMESSO_DRAFT_COLUMNS                                                       \
  "id, revision, channel, owner, parked, placement_key, customer_name, line_count, " \
  "created_at, updated_at"

Result<EntryDraft> DraftFrom(SQLite::Statement& row) {
  const std::string channel = row.getColumn(2).getString();
  std::optional<Channel> parsed = ParseChannel(channel);
  if (!parsed) {
    return Fail(ErrorCode::kInternal, "A stored draft has the unknown channel " + channel + ".");
  }
  return EntryDraft{.id = DraftId{row.getColumn(0).getInt64()},
                    .revision = row.getColumn(1).getInt64(),
                    .channel = *parsed,
                    .owner = row.getColumn(3).getString(),
                    .parked = row.getColumn(4).getInt() != 0,
                    .placement_key = row.getColumn(5).getString(),
                    .content = row.getColumn(10).getString(),
                    .summary = {.customer_name = row.getColumn(6).getString(),
                                .line_count = row.getColumn(7).getInt64()},
                    .created_at = TimestampOf(row.getColumn(8).getInt64()),
                    .updated_at = TimestampOf(row.getColumn(9).getInt64())};
}

// The draft `id`, whoever owns it; nothing when there is none.
std::optional<Result<EntryDraft>> FindById(Connection& connection, DraftId id) {
  SQLite::Statement& find =
      connection.Prepare("SELECT " COMMESSO_DRAFT_COLUMNS ", content FROM drafts WHERE id = ?");
  find.bind(1, id.value);
  if (!find.executeStep()) return std::nullopt;
  return DraftFrom(find);
}

Result<EntryDraft> FindOwned(Connection& connection, DraftId id, const std::string& owner) {
  std::optional<Result<EntryDraft>> found = FindById(connection, id);
  // Another owner's draft is answered like a missing one, so ids reveal nothing.
  if (!found || (found->has_value() && (*found)->owner != owner)) {
    return Fail(ErrorCode::kNotFound, "There is no draft " + std::to_string(id.value) + ".");
  }
  return *std::move(found);
}

Result<EntryDraft> CreateIn(Connection& connection, const EntryDraft& draft,
                            const IdempotencyKey& key, KeptAnswer<EntryDraft>* answer) {
  auto earlier = FindKey(connection, KeyScope::kDrafts, key);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) {
    TellReplayed(answer, **earlier);
    std::optional<Result<EntryDraft>> first =
        FindById(connection, DraftId{(*earlier)->resource_id});
    // A kept answer is the replay's whatever became of the draft; without one, a draft placed
    // or deleted since cannot be shown again.
    if (!first && (*earlier)->answer) {
      EntryDraft gone = draft;
      gone.id = DraftId{(*earlier)->resource_id};
      return gone;
    }
    if (!first) {
      return Fail(Error{.code = ErrorCode::kConflict,
                        .message =
                            "The draft created with this Idempotency-Key has since been placed or "
                            "deleted; start a new draft with a new key.",
                        .fields = {{"Idempotency-Key", "created a draft that no longer exists"}}});
    }
    return *std::move(first);
  }

  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO drafts (revision, channel, owner, parked, placement_key, content, "
      "customer_name, line_count, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, Name(draft.channel));
  insert.bind(2, draft.owner);
  insert.bind(3, draft.parked ? 1 : 0);
  insert.bind(4, draft.placement_key);
  insert.bind(5, draft.content);
  insert.bind(6, draft.summary.customer_name);
  insert.bind(7, draft.summary.line_count);
  insert.bind(8, MillisOf(draft.created_at));
  insert.bind(9, MillisOf(draft.updated_at));
  insert.exec();
  EntryDraft created = draft;
  created.id = DraftId{connection.database().getLastInsertRowid()};
  created.revision = 1;
  RecordKey(connection, KeyScope::kDrafts, key, created.id.value, AnswerFor(answer, created));
  return created;
}

Result<EntryDraft> UpdateIn(Connection& connection, const EntryDraft& draft) {
  SQLite::Statement& update = connection.Prepare(
      "UPDATE drafts SET revision = revision + 1, channel = ?, parked = ?, content = ?, "
      "customer_name = ?, line_count = ?, updated_at = ? "
      "WHERE id = ? AND owner = ? AND revision = ?");
  update.bind(1, Name(draft.channel));
  update.bind(2, draft.parked ? 1 : 0);
  update.bind(3, draft.content);
  update.bind(4, draft.summary.customer_name);
  update.bind(5, draft.summary.line_count);
  update.bind(6, MillisOf(draft.updated_at));
  update.bind(7, draft.id.value);
  update.bind(8, draft.owner);
  update.bind(9, draft.revision);
  const bool saved = update.exec() == 1;

  auto current = FindOwned(connection, draft.id, draft.owner);
  if (!current) return Fail(current.error());
  if (!saved) {
    const std::string now = std::to_string(current->revision);
    return Fail(Error{.code = ErrorCode::kConflict,
                      .message = "The draft was saved meanwhile and is now at revision " + now +
                                 "; load it again before saving.",
                      .fields = {{"revision", "is not the draft's current revision " + now}}});
  }
  return current;
}

Result<Page<EntryDraft>> ListIn(Connection& connection, const DraftQuery& query, int limit,
                                const std::string& cursor) {
  std::optional<TimeAndId> after;
  if (!cursor.empty()) {
    after = DecodeTimeAndId(cursor);
    if (!after) return BadCursor();
  }
  std::string sql = "SELECT " COMMESSO_DRAFT_COLUMNS ", '{}' FROM drafts WHERE owner = :owner";
  if (query.parked) sql += " AND parked = :parked";
  if (after) sql += " AND (updated_at, id) < (:after_updated_at, :after_id)";
  sql += " ORDER BY updated_at DESC, id DESC LIMIT :count";

  SQLite::Statement& rows = connection.Prepare(sql);
  rows.bind(":owner", query.owner);
  if (query.parked) rows.bind(":parked", *query.parked ? 1 : 0);
  if (after) {
    rows.bind(":after_updated_at", after->at);
    rows.bind(":after_id", after->id);
  }
  rows.bind(":count", limit + 1);

  Page<EntryDraft> page;
  while (rows.executeStep()) {
    if (static_cast<int>(page.entries.size()) == limit) {
      const EntryDraft& last = page.entries.back();
      page.next_cursor =
          EncodeCursor(TimeAndId{.at = MillisOf(last.updated_at), .id = last.id.value});
      break;
    }
    auto draft = DraftFrom(rows);
    if (!draft) return Fail(draft.error());
    page.entries.push_back(*std::move(draft));
  }
  return page;
}

}  // namespace

Result<EntryDraft> SqliteDraftStore::Create(const EntryDraft& draft, const IdempotencyKey& key,
                                            KeptAnswer<EntryDraft>* answer) {
  return database_.writer().Write<EntryDraft>(
      [&](Connection& connection) { return CreateIn(connection, draft, key, answer); });
}

Result<EntryDraft> SqliteDraftStore::Find(DraftId id, const std::string& owner) const {
  return database_.readers().Read<EntryDraft>(
      [&](Connection& connection) { return FindOwned(connection, id, owner); });
}

Result<Page<EntryDraft>> SqliteDraftStore::List(const DraftQuery& query, int limit,
                                                const std::string& cursor) const {
  return database_.readers().Read<Page<EntryDraft>>(
      [&](Connection& connection) { return ListIn(connection, query, ClampLimit(limit), cursor); });
}

Result<EntryDraft> SqliteDraftStore::Update(const EntryDraft& draft) {
  return database_.writer().Write<EntryDraft>(
      [&](Connection& connection) { return UpdateIn(connection, draft); });
}

Result<void> SqliteDraftStore::Delete(DraftId id, const std::string& owner) {
  return database_.writer().Write<void>([&](Connection& connection) -> Result<void> {
    SQLite::Statement& remove = connection.Prepare("DELETE FROM drafts WHERE id = ? AND owner = ?");
    remove.bind(1, id.value);
    remove.bind(2, owner);
    if (remove.exec() == 0) {
      return Fail(ErrorCode::kNotFound, "There is no draft " + std::to_string(id.value) + ".");
    }
    return {};
  });
}

}  // namespace commesso::sqlite
