#pragma once

#include <optional>
#include <string>

#include "app/ports/kept_answer.h"
#include "app/ports/page.h"
#include "core/entry_draft.h"
#include "core/ids.h"
#include "core/result.h"

namespace commesso {

// Which drafts to list: always one owner's; `parked` filters when set.
struct DraftQuery {
  std::string owner{};
  std::optional<bool> parked{};
};

// Saved order entries (EntryDraft), each visible to its owner only: a draft of another owner
// is kNotFound, as if it did not exist. Drafts untouched for 30 days are purged, and placing
// an order with a draft's placement key deletes the draft (OrderStore::Place). Thread-safe.
class DraftStore {
 public:
  virtual ~DraftStore() = default;

  // Adds `draft` at revision 1 (its id and revision are ignored) and records `key`, with the
  // answer `answer` renders from the draft as stored (null: none kept), in the same
  // transaction; returns it with its id. A replay of `key` (of the same principal) hands
  // `answer` what was kept and returns the draft created first as it is now, or `draft` with
  // the first one's id when that was placed or deleted since (kConflict when, moreover, no
  // answer was kept); kInvalidInput (field "Idempotency-Key") when the key came with another
  // request.
  virtual Result<EntryDraft> Create(const EntryDraft& draft, const IdempotencyKey& key,
                                    KeptAnswer<EntryDraft>* answer) = 0;

  // kNotFound when `owner` has no draft `id`.
  virtual Result<EntryDraft> Find(DraftId id, const std::string& owner) const = 0;

  // Newest change first, without content (entries carry their summary); `limit` is clamped to
  // 1..200; kInvalidInput on field "cursor" for a cursor this listing did not give.
  virtual Result<Page<EntryDraft>> List(const DraftQuery& query, int limit,
                                        const std::string& cursor) const = 0;

  // Saves the channel, parked flag, content, summary and updated_at of `draft` over the
  // draft `draft.id` of `draft.owner`, provided that draft is still at `draft.revision`, and
  // returns it at the next revision. kNotFound when there is no such draft; kConflict (field
  // "revision") when it has changed meanwhile.
  virtual Result<EntryDraft> Update(const EntryDraft& draft) = 0;

  // Deletes the draft `id` of `owner`; kNotFound when there is none.
  virtual Result<void> Delete(DraftId id, const std::string& owner) = 0;
};

}  // namespace commesso
