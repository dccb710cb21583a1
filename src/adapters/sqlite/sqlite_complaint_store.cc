#include "adapters/sqlite/sqlite_complaint_store.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sqlite/cursor.h"
#include "adapters/sqlite/idempotency.h"
#include "adapters/sqlite/reader_pool.h"
#include "adapters/sqlite/values.h"
#include "adapters/sqlite/write_queue.h"
#include "adapters/sqlite/year_counter.h"

namespace commesso::sqlite {
namespace {

// The columns ComplaintFrom reads, from complaints `c` and their orders `o`.
constexpr const char* kColumns =
    "c.id, c.number, c.revision, o.number, c.reason, c.channel, c.customer_words, c.priority, "
    "c.owner, c.status, c.outcome, c.opened_by, c.due_at, c.created_at, c.updated_at";
constexpr const char* kTables = " FROM complaints c LEFT JOIN orders o ON o.id = c.order_id";
// Whether the due time of `c` runs and has passed at :now (core's IsOverdue).
constexpr const char* kOverdue =
    "(c.status IN ('open', 'forwarded', 'in_progress') AND c.due_at < :now)";

Error Corrupt(const std::string& what) {
  return Error{.code = ErrorCode::kInternal, .message = "A stored complaint has " + what + "."};
}

Error NoComplaint(const ComplaintNumber& number) {
  return Error{.code = ErrorCode::kNotFound,
               .message = "There is no complaint " + number.value + "."};
}

std::vector<ComplaintLine> LinesOf(Connection& connection, std::int64_t complaint_id) {
  SQLite::Statement& rows = connection.Prepare(
      "SELECT line_no, quantity FROM complaint_lines WHERE complaint_id = ? ORDER BY line_no");
  rows.bind(1, complaint_id);
  std::vector<ComplaintLine> lines;
  while (rows.executeStep()) {
    lines.push_back(
        {.line_no = rows.getColumn(0).getInt(), .quantity = rows.getColumn(1).getInt64()});
  }
  return lines;
}

// The complaint of a row whose first columns are kColumns, with its lines.
Result<Complaint> ComplaintFrom(Connection& connection, SQLite::Statement& row) {
  const auto reason = ParseComplaintReason(row.getColumn(4).getString());
  const auto channel = ParseChannel(row.getColumn(5).getString());
  const auto priority = ParseComplaintPriority(row.getColumn(7).getString());
  const auto status = ParseComplaintStatus(row.getColumn(9).getString());
  if (!reason || !channel || !priority || !status) {
    return Fail(Corrupt("an unknown reason, channel, priority or status"));
  }
  Complaint complaint{.id = ComplaintId{row.getColumn(0).getInt64()},
                      .number = ComplaintNumber{row.getColumn(1).getString()},
                      .revision = row.getColumn(2).getInt64(),
                      .order = std::nullopt,
                      .lines = {},
                      .reason = *reason,
                      .channel = *channel,
                      .customer_words = row.getColumn(6).getString(),
                      .priority = *priority,
                      .owner = row.getColumn(8).getString(),
                      .status = *status,
                      .outcome = row.getColumn(10).getString(),
                      .opened_by = row.getColumn(11).getString(),
                      .due_at = TimestampOf(row.getColumn(12).getInt64()),
                      .created_at = TimestampOf(row.getColumn(13).getInt64()),
                      .updated_at = TimestampOf(row.getColumn(14).getInt64())};
  if (!row.getColumn(3).isNull()) complaint.order = OrderNumber{row.getColumn(3).getString()};
  complaint.lines = LinesOf(connection, complaint.id.value);
  return complaint;
}

Result<Complaint> FindIn(Connection& connection, const ComplaintNumber& number) {
  SQLite::Statement& find =
      connection.Prepare(std::string("SELECT ") + kColumns + kTables + " WHERE c.number = ?");
  find.bind(1, number.value);
  if (!find.executeStep()) return Fail(NoComplaint(number));
  return ComplaintFrom(connection, find);
}

Result<Complaint> FindByIdIn(Connection& connection, std::int64_t id) {
  SQLite::Statement& find =
      connection.Prepare(std::string("SELECT ") + kColumns + kTables + " WHERE c.id = ?");
  find.bind(1, id);
  if (!find.executeStep()) return Fail(Corrupt("an idempotency key naming no complaint"));
  return ComplaintFrom(connection, find);
}

std::optional<std::int64_t> IdOf(Connection& connection, const ComplaintNumber& number) {
  SQLite::Statement& find = connection.Prepare("SELECT id FROM complaints WHERE number = ?");
  find.bind(1, number.value);
  if (!find.executeStep()) return std::nullopt;
  return find.getColumn(0).getInt64();
}

void InsertEvent(Connection& connection, std::int64_t complaint_id, const ComplaintEvent& event) {
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO complaint_events (complaint_id, at, actor, action, from_status, to_status, "
      "note) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, complaint_id);
  insert.bind(2, MillisOf(event.at));
  insert.bind(3, event.actor);
  insert.bind(4, Name(event.action));
  if (event.from) {
    insert.bind(5, Name(*event.from));
  } else {
    insert.bind(5);
  }
  if (event.to) {
    insert.bind(6, Name(*event.to));
  } else {
    insert.bind(6);
  }
  insert.bind(7, event.note);
  insert.exec();
}

Result<Complaint> OpenIn(Connection& connection, const Complaint& complaint, int business_year,
                         const IdempotencyKey& key, KeptAnswer<Complaint>* answer) {
  auto earlier = FindKey(connection, KeyScope::kComplaints, key);
  if (!earlier) return Fail(earlier.error());
  if (*earlier) {
    TellReplayed(answer, **earlier);
    return FindByIdIn(connection, (*earlier)->resource_id);
  }

  std::optional<std::int64_t> order_id;
  if (complaint.order) {
    SQLite::Statement& order = connection.Prepare("SELECT id FROM orders WHERE number = ?");
    order.bind(1, complaint.order->value);
    if (!order.executeStep()) {
      return Fail(Error{.code = ErrorCode::kNotFound,
                        .message = "There is no order " + complaint.order->value + ".",
                        .fields = {{"order_number", "is not an order"}}});
    }
    order_id = order.getColumn(0).getInt64();
  }

  Complaint stored = complaint;
  stored.revision = 1;
  stored.number =
      ComplaintNumberOf(business_year, NextInYear(connection, "complaint_counters", business_year));
  SQLite::Statement& insert = connection.Prepare(
      "INSERT INTO complaints (number, business_year, revision, order_id, reason, channel, "
      "customer_words, priority, owner, status, outcome, opened_by, due_at, created_at, "
      "updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, stored.number.value);
  insert.bind(2, business_year);
  if (order_id) {
    insert.bind(3, *order_id);
  } else {
    insert.bind(3);
  }
  insert.bind(4, Name(stored.reason));
  insert.bind(5, Name(stored.channel));
  insert.bind(6, stored.customer_words);
  insert.bind(7, Name(stored.priority));
  insert.bind(8, stored.owner);
  insert.bind(9, Name(stored.status));
  insert.bind(10, stored.outcome);
  insert.bind(11, stored.opened_by);
  insert.bind(12, MillisOf(stored.due_at));
  insert.bind(13, MillisOf(stored.created_at));
  insert.bind(14, MillisOf(stored.updated_at));
  insert.exec();
  stored.id = ComplaintId{connection.database().getLastInsertRowid()};

  SQLite::Statement& line = connection.Prepare(
      "INSERT INTO complaint_lines (complaint_id, line_no, quantity) VALUES (?, ?, ?)");
  for (const ComplaintLine& concerned : stored.lines) {
    line.tryReset();
    line.clearBindings();
    line.bind(1, stored.id.value);
    line.bind(2, concerned.line_no);
    line.bind(3, concerned.quantity);
    line.exec();
  }
  InsertEvent(connection, stored.id.value,
              ComplaintEvent{.at = stored.created_at,
                             .actor = stored.opened_by,
                             .action = ComplaintAction::kOpened,
                             .from = std::nullopt,
                             .to = stored.status,
                             .note = ""});
  RecordKey(connection, KeyScope::kComplaints, key, stored.id.value, AnswerFor(answer, stored));
  return stored;
}

Result<Complaint> UpdateIn(Connection& connection, const ComplaintChange& change,
                           std::int64_t expected_revision) {
  const Complaint& complaint = change.complaint;
  SQLite::Statement& update = connection.Prepare(
      "UPDATE complaints SET revision = ?, status = ?, owner = ?, outcome = ?, due_at = ?, "
      "updated_at = ? WHERE number = ? AND revision = ?");
  update.bind(1, complaint.revision);
  update.bind(2, Name(complaint.status));
  update.bind(3, complaint.owner);
  update.bind(4, complaint.outcome);
  update.bind(5, MillisOf(complaint.due_at));
  update.bind(6, MillisOf(complaint.updated_at));
  update.bind(7, complaint.number.value);
  update.bind(8, expected_revision);
  const bool updated = update.exec() == 1;

  auto current = FindIn(connection, complaint.number);
  if (!current) return Fail(current.error());
  if (!updated) {
    const std::string now = std::to_string(current->revision);
    return Fail(Error{.code = ErrorCode::kConflict,
                      .message = "The complaint was changed meanwhile and is now at revision " +
                                 now + "; read it again before deciding.",
                      .fields = {{"revision", "is not the complaint's current revision " + now}}});
  }
  InsertEvent(connection, current->id.value, change.event);
  return current;
}

Result<Complaint> CommentIn(Connection& connection, const ComplaintNumber& number,
                            const ComplaintEvent& event) {
  const std::optional<std::int64_t> id = IdOf(connection, number);
  if (!id) return Fail(NoComplaint(number));
  SQLite::Statement& touch =
      connection.Prepare("UPDATE complaints SET updated_at = ? WHERE id = ?");
  touch.bind(1, MillisOf(event.at));
  touch.bind(2, *id);
  touch.exec();
  InsertEvent(connection, *id, event);
  return FindIn(connection, number);
}

Result<std::vector<ComplaintEvent>> HistoryIn(Connection& connection,
                                              const ComplaintNumber& number) {
  const std::optional<std::int64_t> id = IdOf(connection, number);
  if (!id) return Fail(NoComplaint(number));
  SQLite::Statement& rows = connection.Prepare(
      "SELECT at, actor, action, from_status, to_status, note FROM complaint_events "
      "WHERE complaint_id = ? ORDER BY id");
  rows.bind(1, *id);
  std::vector<ComplaintEvent> events;
  while (rows.executeStep()) {
    const auto action = ParseComplaintAction(rows.getColumn(2).getString());
    if (!action) return Fail(Corrupt("a history entry of an unknown kind"));
    ComplaintEvent event{.at = TimestampOf(rows.getColumn(0).getInt64()),
                         .actor = rows.getColumn(1).getString(),
                         .action = *action,
                         .from = std::nullopt,
                         .to = std::nullopt,
                         .note = rows.getColumn(5).getString()};
    for (int column : {3, 4}) {
      if (rows.getColumn(column).isNull()) continue;
      const auto status = ParseComplaintStatus(rows.getColumn(column).getString());
      if (!status) return Fail(Corrupt("a history entry with an unknown status"));
      (column == 3 ? event.from : event.to) = status;
    }
    events.push_back(std::move(event));
  }
  return events;
}

// Where a listing stopped: its last row's overdue flag, due time and id.
struct Position {
  std::int64_t overdue = 0;
  std::int64_t due_at = 0;
  std::int64_t id = 0;
};

std::optional<Position> PositionOf(const std::string& cursor) {
  const auto parts = DecodeCursor(cursor, 3);
  if (!parts) return std::nullopt;
  const auto overdue = CursorInteger((*parts)[0]);
  const auto due_at = CursorInteger((*parts)[1]);
  const auto id = CursorInteger((*parts)[2]);
  if (!overdue || !due_at || !id || (*overdue != 0 && *overdue != 1)) return std::nullopt;
  return Position{.overdue = *overdue, .due_at = *due_at, .id = *id};
}

Result<Page<Complaint>> ListIn(Connection& connection, const ComplaintQuery& query, int limit,
                               const std::string& cursor) {
  std::optional<Position> after;
  if (!cursor.empty()) {
    after = PositionOf(cursor);
    if (!after) return BadCursor();
  }
  const std::string overdue = kOverdue;
  std::string sql = std::string("SELECT ") + kColumns + ", " + overdue + kTables + " WHERE 1";
  if (query.status) sql += " AND c.status = :status";
  if (query.reason) sql += " AND c.reason = :reason";
  if (query.owner) sql += " AND c.owner = :owner";
  if (query.order) {
    sql += " AND c.order_id = (SELECT id FROM orders WHERE number = :order)";
  }
  if (query.overdue_only) sql += " AND " + overdue;
  if (after) {
    sql += " AND (" + overdue + " < :after_overdue OR (" + overdue +
           " = :after_overdue AND (c.due_at, c.id) > (:after_due_at, :after_id)))";
  }
  sql += " ORDER BY " + overdue + " DESC, c.due_at, c.id LIMIT :count";

  SQLite::Statement& rows = connection.Prepare(sql);
  rows.bind(":now", MillisOf(query.now));
  if (query.status) rows.bind(":status", Name(*query.status));
  if (query.reason) rows.bind(":reason", Name(*query.reason));
  if (query.owner) rows.bind(":owner", *query.owner);
  if (query.order) rows.bind(":order", query.order->value);
  if (after) {
    rows.bind(":after_overdue", after->overdue);
    rows.bind(":after_due_at", after->due_at);
    rows.bind(":after_id", after->id);
  }
  rows.bind(":count", limit + 1);

  Page<Complaint> page;
  std::int64_t last_overdue = 0;
  while (rows.executeStep()) {
    if (static_cast<int>(page.entries.size()) == limit) {
      const Complaint& last = page.entries.back();
      page.next_cursor =
          EncodeCursor({std::to_string(last_overdue), std::to_string(MillisOf(last.due_at)),
                        std::to_string(last.id.value)});
      break;
    }
    auto complaint = ComplaintFrom(connection, rows);
    if (!complaint) return Fail(complaint.error());
    last_overdue = rows.getColumn(15).getInt64();
    page.entries.push_back(*std::move(complaint));
  }
  return page;
}

}  // namespace

Result<Complaint> SqliteComplaintStore::Open(const Complaint& complaint, int business_year,
                                             const IdempotencyKey& key,
                                             KeptAnswer<Complaint>* answer) {
  return database_.writer().Write<Complaint>([&](Connection& connection) {
    return OpenIn(connection, complaint, business_year, key, answer);
  });
}

Result<Complaint> SqliteComplaintStore::Find(const ComplaintNumber& number) const {
  return database_.readers().Read<Complaint>(
      [&](Connection& connection) { return FindIn(connection, number); });
}

Result<std::vector<ComplaintEvent>> SqliteComplaintStore::History(
    const ComplaintNumber& number) const {
  return database_.readers().Read<std::vector<ComplaintEvent>>(
      [&](Connection& connection) { return HistoryIn(connection, number); });
}

Result<Page<Complaint>> SqliteComplaintStore::List(const ComplaintQuery& query, int limit,
                                                   const std::string& cursor) const {
  return database_.readers().Read<Page<Complaint>>(
      [&](Connection& connection) { return ListIn(connection, query, ClampLimit(limit), cursor); });
}

Result<Complaint> SqliteComplaintStore::Update(const ComplaintChange& change,
                                               std::int64_t expected_revision) {
  return database_.writer().Write<Complaint>(
      [&](Connection& connection) { return UpdateIn(connection, change, expected_revision); });
}

Result<Complaint> SqliteComplaintStore::Comment(const ComplaintNumber& number,
                                                const ComplaintEvent& event) {
  return database_.writer().Write<Complaint>(
      [&](Connection& connection) { return CommentIn(connection, number, event); });
}

}  // namespace commesso::sqlite
