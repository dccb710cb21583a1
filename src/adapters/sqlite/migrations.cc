#include "adapters/sqlite/migrations.h"

#include <array>

#include <fmt/format.h>

#include "adapters/sqlite/connection.h"
#include "adapters/sqlite/errors.h"
#include "adapters/sqlite/values.h"

namespace commesso::sqlite {
namespace {

// A step of the schema. Released migrations never change: a new need is a new number.
struct Migration {
  int version = 0;
  const char* name = "";
  const char* sql = "";
  // A query that returns a row when the step's change is there already, for a step SQLite
  // cannot write idempotently (ADD COLUMN has no IF NOT EXISTS): then only its version is
  // recorded. As the IF NOT EXISTS of 15 and 16, for a file whose later migrations run again.
  const char* done_if = nullptr;
};

// Conventions (house style): plural table names; money as `*_minor` integers beside a
// `currency` code; instants as `*_at` integer milliseconds UTC; every table is STRICT; every
// table an order owns carries `order_id`, the key a distributed database would shard on.
constexpr std::array kMigrations{
    Migration{1, "catalog", R"sql(
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL COLLATE NOCASE UNIQUE,  -- Unique whatever the case: "pen-1" is "PEN-1".
  name_it TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL,
  unit TEXT NOT NULL,
  unit_price_minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  tax_category TEXT NOT NULL,
  weight_grams INTEGER NOT NULL CHECK (weight_grams >= 0),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  track_stock INTEGER NOT NULL CHECK (track_stock IN (0, 1)),
  stock_on_hand INTEGER NOT NULL,
  backorder_policy TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Word-prefix search over SKUs and both names; "caffe" finds "Caffè". The prefix indexes make
-- "pen"* fast on a large catalog.
CREATE VIRTUAL TABLE items_fts USING fts5(
  sku, name_it, name_en,
  content = 'items', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
  INSERT INTO items_fts (rowid, sku, name_it, name_en)
  VALUES (new.id, new.sku, new.name_it, new.name_en);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts (items_fts, rowid, sku, name_it, name_en)
  VALUES ('delete', old.id, old.sku, old.name_it, old.name_en);
END;
-- Only when searchable text changes: a stock reservation does not touch the index.
CREATE TRIGGER items_fts_update AFTER UPDATE OF sku, name_it, name_en ON items BEGIN
  INSERT INTO items_fts (items_fts, rowid, sku, name_it, name_en)
  VALUES ('delete', old.id, old.sku, old.name_it, old.name_en);
  INSERT INTO items_fts (rowid, sku, name_it, name_en)
  VALUES (new.id, new.sku, new.name_it, new.name_en);
END;
)sql"},

    Migration{2, "customers", R"sql(
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  company TEXT NOT NULL,
  tax_id TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  phone_e164 TEXT NOT NULL,
  tax_exempt INTEGER NOT NULL CHECK (tax_exempt IN (0, 1)),
  exemption_reference TEXT NOT NULL,
  locale TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX customers_by_phone ON customers (phone_e164);
CREATE INDEX customers_by_email ON customers (lower(email));
CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE, id);

CREATE TABLE customer_addresses (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  name TEXT NOT NULL,
  company TEXT NOT NULL,
  line1 TEXT NOT NULL,
  line2 TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  region TEXT NOT NULL,
  country TEXT NOT NULL,
  default_billing INTEGER NOT NULL CHECK (default_billing IN (0, 1)),
  default_shipping INTEGER NOT NULL CHECK (default_shipping IN (0, 1)),
  PRIMARY KEY (customer_id, position)
) STRICT, WITHOUT ROWID;

-- Word-prefix search over the name and company.
CREATE VIRTUAL TABLE customers_fts USING fts5(
  name, company,
  content = 'customers', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customers_fts (rowid, name, company) VALUES (new.id, new.name, new.company);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, company)
  VALUES ('delete', old.id, old.name, old.company);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, company ON customers BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, company)
  VALUES ('delete', old.id, old.name, old.company);
  INSERT INTO customers_fts (rowid, name, company) VALUES (new.id, new.name, new.company);
END;
)sql"},

    Migration{3, "orders", R"sql(
-- The last number given to an order of each business year; numbers are consecutive.
CREATE TABLE order_counters (
  business_year INTEGER PRIMARY KEY,
  last_number INTEGER NOT NULL CHECK (last_number >= 0)
) STRICT;

-- The columns are what listings filter and sort on; `snapshot` is the whole order as placed
-- (JSON of adapters/json), the source of truth when reading an order back.
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  business_year INTEGER NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  placed_at INTEGER NOT NULL,
  currency TEXT NOT NULL,
  net_total_minor INTEGER NOT NULL,
  tax_total_minor INTEGER NOT NULL,
  grand_total_minor INTEGER NOT NULL,
  snapshot TEXT NOT NULL CHECK (json_valid(snapshot))
) STRICT;
CREATE INDEX orders_by_placed_at ON orders (placed_at, id);
CREATE INDEX orders_by_customer ON orders (customer_id, placed_at, id);

CREATE TABLE order_lines (
  order_id INTEGER NOT NULL REFERENCES orders (id),
  line_no INTEGER NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items (id),
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_minor INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  backordered INTEGER NOT NULL CHECK (backordered BETWEEN 0 AND quantity),
  PRIMARY KEY (order_id, line_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX order_lines_by_item ON order_lines (item_id);

-- What a card processor returned, never a card number.
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  card_brand TEXT NOT NULL,
  card_last4 TEXT NOT NULL
    CHECK (card_last4 = '' OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
  processor_token TEXT NOT NULL,
  reference TEXT NOT NULL
) STRICT;
CREATE INDEX payments_by_order ON payments (order_id);

-- Kept at least 24 hours (a week: see PurgeKeys) so a client may retry a request safely.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL CHECK (scope IN ('orders', 'items', 'customers')),
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Events to act on after commit (receipt.due, fulfillment.due), delivered at least once.
-- A worker takes undelivered rows whose next_attempt_at has come, and on failure counts the
-- attempt and pushes next_attempt_at back.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  event TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at INTEGER
) STRICT;
CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;
CREATE INDEX outbox_by_order ON outbox (order_id);
)sql"},

    Migration{4, "drafts, confirmations and order history", R"sql(
-- Order entries in progress (EntryDraft): the console's own JSON in `content`, opaque here
-- apart from the summary columns. Deleted when an order is placed with the draft's
-- placement_key (same transaction), or when untouched for 30 days (see PurgeDrafts).
CREATE TABLE drafts (
  id INTEGER PRIMARY KEY,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  channel TEXT NOT NULL,
  owner TEXT NOT NULL,
  parked INTEGER NOT NULL CHECK (parked IN (0, 1)),
  placement_key TEXT NOT NULL UNIQUE,
  content TEXT NOT NULL
    CHECK (json_valid(content) AND json_type(content) = 'object'
           AND length(CAST(content AS BLOB)) <= 65536),
  customer_name TEXT NOT NULL,
  line_count INTEGER NOT NULL CHECK (line_count >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX drafts_by_owner ON drafts (owner, updated_at, id);
CREATE INDEX drafts_by_age ON drafts (updated_at);

-- The order's current revision: 1 at placement, one more per amendment.
ALTER TABLE orders ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

-- The customer confirmed the read-back of `revision`; `principal` is who recorded it.
CREATE TABLE order_confirmations (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  confirmed_by TEXT NOT NULL,
  principal TEXT NOT NULL,
  confirmed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX order_confirmations_by_order ON order_confirmations (order_id, id);

-- What happened to an order, each row written in the transaction of what it records.
CREATE TABLE order_events (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('placed', 'confirmed')),
  detail TEXT NOT NULL
) STRICT;
CREATE INDEX order_events_by_order ON order_events (order_id, id);

-- Orders placed before this migration get their "placed" event; until then every caller was
-- the one API key.
INSERT INTO order_events (order_id, at, actor, kind, detail)
SELECT id, placed_at,
       CASE WHEN coalesce(json_extract(snapshot, '$.clerk'), '') <> ''
            THEN json_extract(snapshot, '$.clerk') ELSE 'api' END,
       'placed', 'revision 1'
FROM orders ORDER BY id;

-- Idempotency keys gain the scopes of drafts and confirmations. SQLite cannot change a CHECK
-- in place, so the table is rebuilt.
CREATE TABLE idempotency_keys_4 (
  scope TEXT NOT NULL
    CHECK (scope IN ('orders', 'items', 'customers', 'drafts', 'confirmations')),
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;
INSERT INTO idempotency_keys_4 (scope, key, fingerprint, resource_id, created_at)
SELECT scope, key, fingerprint, resource_id, created_at FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_4 RENAME TO idempotency_keys;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
)sql"},
    Migration{5, "users, sessions and API keys", R"sql(
-- People who sign in. password_hash is a PHC string ($argon2id$...), never the password.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL
    CHECK (role IN ('clerk', 'supervisor', 'customer_service', 'fulfillment', 'admin')),
  locale TEXT NOT NULL CHECK (locale IN ('it', 'en')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Signed-in browsers. Only the BLAKE2b hash of the cookie's token is stored, so a copy of the
-- database signs no one in.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  csrf_token TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_age ON sessions (last_seen_at);

-- Keys of web shops and partners: the prefix finds a key, secret_hash (BLAKE2b of the whole
-- key) proves it; scopes is a JSON array of permission names.
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL CHECK (json_valid(scopes) AND json_type(scopes) = 'array'),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;

-- Idempotency keys gain the scopes of users and API keys (the table is rebuilt, as in 4).
CREATE TABLE idempotency_keys_5 (
  scope TEXT NOT NULL
    CHECK (scope IN ('orders', 'items', 'customers', 'drafts', 'confirmations', 'users',
                     'api_keys')),
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;
INSERT INTO idempotency_keys_5 (scope, key, fingerprint, resource_id, created_at)
SELECT scope, key, fingerprint, resource_id, created_at FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_5 RENAME TO idempotency_keys;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
)sql"},
    Migration{6, "documents", R"sql(
-- The last sequence given in each document series ("R" receipts, "F" invoices) and year.
-- Taken in the transaction that issues the document, so numbers have no gaps.
CREATE TABLE document_counters (
  series TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_sequence INTEGER NOT NULL CHECK (last_sequence >= 0),
  PRIMARY KEY (series, year)
) STRICT, WITHOUT ROWID;

-- Issued receipts and invoices, never changed or deleted. `snapshot` is the whole Document
-- (JSON of adapters/json: the seller, the order as placed, the number), so rendering it later
-- gives the same document whatever the configuration or the order became.
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  kind TEXT NOT NULL CHECK (kind IN ('receipt', 'invoice')),
  series TEXT NOT NULL,
  year INTEGER NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence >= 1),
  number TEXT NOT NULL UNIQUE,
  locale TEXT NOT NULL CHECK (locale IN ('it', 'en')),
  snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
  issued_at INTEGER NOT NULL,
  UNIQUE (series, year, sequence)
) STRICT;
CREATE INDEX documents_by_order ON documents (order_id, id);
-- An order has at most one invoice (and one receipt).
CREATE UNIQUE INDEX documents_one_per_kind ON documents (order_id, kind);
)sql"},
    Migration{7, "receipt deliveries", R"sql(
-- Each e-mail of a receipt to one address: the one that follows placement (made from the
-- order's receipt.due outbox event, outbox_id) and those clerks ask for (request_key, the
-- request's Idempotency-Key, with its fingerprint). `to_address` is the C++ and JSON `to`.
-- A queued delivery has a next attempt; sent and failed ones are final.
CREATE TABLE receipt_deliveries (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  outbox_id INTEGER UNIQUE REFERENCES outbox (id),
  document_number TEXT NOT NULL,
  to_address TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER CHECK ((state = 'queued') = (next_attempt_at IS NOT NULL)),
  server_reply TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL,
  request_key TEXT UNIQUE,
  request_fingerprint TEXT,
  requested_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;
CREATE INDEX receipt_deliveries_queued ON receipt_deliveries (id) WHERE state = 'queued';
CREATE INDEX receipt_deliveries_by_order ON receipt_deliveries (order_id, id);
)sql"},
    Migration{8, "fulfillment tasks, shipments and holds", R"sql(
-- The departments' tasks made from each placed order's fulfillment.due event (outbox_id,
-- unique: an event is planned once). States and times as core/fulfillment.h's FulfillmentTask;
-- a claim is claimed_by with its lease_until, both set or both empty. dispatched_at is the
-- first shipment (or completion), for the time to dispatch.
CREATE TABLE fulfillment_tasks (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  outbox_id INTEGER NOT NULL REFERENCES outbox (id),
  department TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('scheduled', 'held', 'released', 'in_progress',
                                       'partly_shipped', 'shipped', 'done', 'cancelled')),
  created_at INTEGER NOT NULL,
  release_at INTEGER NOT NULL,
  released_at INTEGER,
  escalate_at INTEGER,
  escalated_at INTEGER,
  claimed_by TEXT NOT NULL DEFAULT '',
  lease_until INTEGER CHECK ((claimed_by = '') = (lease_until IS NULL)),
  acknowledged_by TEXT NOT NULL DEFAULT '',
  acknowledged_at INTEGER,
  dispatched_at INTEGER,
  finished_at INTEGER
) STRICT;
CREATE INDEX fulfillment_tasks_by_order ON fulfillment_tasks (order_id, id);
CREATE INDEX fulfillment_tasks_by_event ON fulfillment_tasks (outbox_id);
CREATE INDEX fulfillment_tasks_due ON fulfillment_tasks (release_at, id) WHERE state = 'scheduled';
CREATE INDEX fulfillment_tasks_open ON fulfillment_tasks (department, released_at, id)
  WHERE state IN ('released', 'in_progress', 'partly_shipped');
CREATE INDEX fulfillment_tasks_leases ON fulfillment_tasks (lease_until)
  WHERE lease_until IS NOT NULL;
CREATE INDEX fulfillment_tasks_escalation ON fulfillment_tasks (escalate_at)
  WHERE escalated_at IS NULL AND acknowledged_at IS NULL;
CREATE INDEX fulfillment_tasks_by_release ON fulfillment_tasks (department, released_at);

-- A task's lines: the order's lines the department got, with what it picked and shipped.
CREATE TABLE fulfillment_task_lines (
  order_id INTEGER NOT NULL REFERENCES orders (id),
  task_id INTEGER NOT NULL REFERENCES fulfillment_tasks (id),
  line_no INTEGER NOT NULL CHECK (line_no >= 1),
  sku TEXT NOT NULL,
  name_it TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('good', 'service')),
  unit TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  backordered INTEGER NOT NULL CHECK (backordered >= 0),
  picked INTEGER NOT NULL DEFAULT 0 CHECK (picked >= 0),
  shipped INTEGER NOT NULL DEFAULT 0 CHECK (shipped >= 0),
  CHECK (backordered + picked + shipped <= quantity),
  PRIMARY KEY (task_id, line_no)
) STRICT, WITHOUT ROWID;

-- Shipments of tasks. request_key is the request's Idempotency-Key (unique over all
-- shipments) with its fingerprint, as on receipt_deliveries.
CREATE TABLE shipments (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  task_id INTEGER NOT NULL REFERENCES fulfillment_tasks (id),
  carrier TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  shipped_by TEXT NOT NULL,
  shipped_at INTEGER NOT NULL,
  request_key TEXT UNIQUE,
  request_fingerprint TEXT
) STRICT;
CREATE INDEX shipments_by_task ON shipments (task_id, id);
CREATE INDEX shipments_by_order ON shipments (order_id);

CREATE TABLE shipment_lines (
  order_id INTEGER NOT NULL REFERENCES orders (id),
  shipment_id INTEGER NOT NULL REFERENCES shipments (id),
  line_no INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (shipment_id, line_no)
) STRICT, WITHOUT ROWID;

-- Holds on orders; at most one active hold of each kind per order.
CREATE TABLE order_holds (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  kind TEXT NOT NULL CHECK (kind IN ('payment', 'manual', 'address')),
  reason TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  placed_at INTEGER NOT NULL,
  lifted_by TEXT,
  lifted_at INTEGER,
  CHECK ((lifted_by IS NULL) = (lifted_at IS NULL))
) STRICT;
CREATE INDEX order_holds_by_order ON order_holds (order_id, id);
CREATE UNIQUE INDEX order_holds_one_active ON order_holds (order_id, kind)
  WHERE lifted_at IS NULL;

-- orders.status now changes with the tasks (the snapshot keeps the order as placed).
CREATE INDEX orders_by_status ON orders (status, placed_at, id);

-- The history gains the fulfillment kinds (the table is rebuilt, as idempotency_keys in 4).
CREATE TABLE order_events_8 (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('placed', 'confirmed', 'released', 'acknowledged', 'shipped', 'done',
                    'held', 'hold_lifted', 'cancelled', 'escalated')),
  detail TEXT NOT NULL
) STRICT;
INSERT INTO order_events_8 (id, order_id, at, actor, kind, detail)
SELECT id, order_id, at, actor, kind, detail FROM order_events;
DROP TABLE order_events;
ALTER TABLE order_events_8 RENAME TO order_events;
CREATE INDEX order_events_by_order ON order_events (order_id, id);
)sql"},
    Migration{9, "webhooks", R"sql(
-- Endpoints that receive the outbox's public events (docs/webhooks.md). `events` is a JSON
-- array of event names, or ["*"]. The secret signs every request, so it is stored as given
-- (never logged, shown once at creation). A subscription receives the events written after
-- it was created: those with outbox ids above after_outbox_id. request_key is the creating
-- request's Idempotency-Key, with its fingerprint.
CREATE TABLE webhook_subscriptions (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  events TEXT NOT NULL CHECK (json_valid(events) AND json_type(events) = 'array'),
  secret TEXT NOT NULL,
  after_outbox_id INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  disabled_at INTEGER,
  request_key TEXT UNIQUE,
  request_fingerprint TEXT
) STRICT;

-- One per subscription and public outbox event. `key` is the delivery id receivers
-- de-duplicate on, the same over retries and replays. A later event of an order waits while
-- an earlier delivery of the same order to the same subscription is not delivered, hence the
-- index on (subscription_id, order_id, id).
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions (id),
  outbox_id INTEGER NOT NULL REFERENCES outbox (id),
  order_id INTEGER NOT NULL REFERENCES orders (id),
  event TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER CHECK ((state = 'queued') = (next_attempt_at IS NOT NULL)),
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  response_snippet TEXT NOT NULL DEFAULT '' CHECK (length(response_snippet) <= 512),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  delivered_at INTEGER,
  UNIQUE (subscription_id, outbox_id)
) STRICT;
CREATE INDEX webhook_deliveries_queued ON webhook_deliveries (next_attempt_at, id)
  WHERE state = 'queued';
CREATE INDEX webhook_deliveries_in_order ON webhook_deliveries (subscription_id, order_id, id);
-- Public events not fanned out yet (internal ones end in ".due" and have their own workers).
CREATE INDEX outbox_public_pending ON outbox (id)
  WHERE delivered_at IS NULL AND event NOT LIKE '%.due';
)sql"},
    Migration{10, "item categories and locations", R"sql(
-- An item's product category (routing, reports) and storage location (pick lists), both
-- optional: '' is none. Existing items get none.
ALTER TABLE items ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN location TEXT NOT NULL DEFAULT '';
)sql"},
    Migration{11, "idempotency keys per caller, with the first answer", R"sql(
-- A key belongs to the principal that sent it ("anna", "key:shop"): the same key from another
-- caller is another request (docs/decisions/0017). `answer` is the first answer as the API
-- sent it (opaque bytes), given back on a replay; NULL when none was kept. Every route that
-- records its keys records them here, each in its own scope; there is no CHECK on scope, so a
-- new one needs no rebuild. The request_key columns of receipt_deliveries, shipments and webhook_subscriptions
-- are no longer written: their keys move here with the caller the row names.
CREATE TABLE idempotency_keys_11 (
  scope TEXT NOT NULL,
  principal TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource_id INTEGER NOT NULL,
  answer BLOB,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, principal, key)
) STRICT;
-- Earlier keys keep the caller where the resource names it; items and customers do not, so
-- their keys get principal '', which no caller has: they are never replayed again.
INSERT INTO idempotency_keys_11 (scope, principal, key, fingerprint, resource_id, created_at)
SELECT k.scope,
       coalesce(CASE k.scope
                  WHEN 'orders' THEN (SELECT json_extract(o.snapshot, '$.placed_by')
                                      FROM orders o WHERE o.id = k.resource_id)
                  WHEN 'drafts' THEN (SELECT d.owner FROM drafts d WHERE d.id = k.resource_id)
                  WHEN 'confirmations' THEN (SELECT c.principal FROM order_confirmations c
                                             WHERE c.id = k.resource_id)
                END, ''),
       k.key, k.fingerprint, k.resource_id, k.created_at
FROM idempotency_keys k;
-- `commesso place` records placed_by 'cli' and now sends its keys as 'cli:place'.
UPDATE idempotency_keys_11 SET principal = 'cli:place' WHERE scope = 'orders' AND principal = 'cli';
INSERT INTO idempotency_keys_11 (scope, principal, key, fingerprint, resource_id, created_at)
SELECT 'receipt_deliveries', requested_by, request_key, request_fingerprint, id, requested_at
FROM receipt_deliveries WHERE request_key IS NOT NULL;
INSERT INTO idempotency_keys_11 (scope, principal, key, fingerprint, resource_id, created_at)
SELECT 'shipments', shipped_by, request_key, request_fingerprint, id, shipped_at
FROM shipments WHERE request_key IS NOT NULL;
INSERT INTO idempotency_keys_11 (scope, principal, key, fingerprint, resource_id, created_at)
SELECT 'webhooks', created_by, request_key, request_fingerprint, id, created_at
FROM webhook_subscriptions WHERE request_key IS NOT NULL;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_11 RENAME TO idempotency_keys;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
)sql"},
    Migration{12, "orders:read_private; withdrawn receipts and cancellation notices", R"sql(
-- orders:read_private took the customer's and the money's side of orders off orders:read
-- (docs/security.md): keys that held orders:read keep reading what they read.
UPDATE api_keys SET scopes = json_insert(scopes, '$[#]', 'orders:read_private')
WHERE EXISTS (SELECT 1 FROM json_each(api_keys.scopes) WHERE value = 'orders:read')
  AND NOT EXISTS (SELECT 1 FROM json_each(api_keys.scopes) WHERE value = 'orders:read_private');

-- Receipt e-mails gain the state 'withdrawn' (the order was cancelled before it went out) and
-- a kind: the receipt, or the notice of the cancellation sent where the receipt had gone. A
-- CHECK cannot change, so the table is rebuilt (as idempotency_keys in 4).
CREATE TABLE receipt_deliveries_12 (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id),
  outbox_id INTEGER UNIQUE REFERENCES outbox (id),
  kind TEXT NOT NULL DEFAULT 'receipt' CHECK (kind IN ('receipt', 'cancellation')),
  document_number TEXT NOT NULL,
  to_address TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'withdrawn')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER CHECK ((state = 'queued') = (next_attempt_at IS NOT NULL)),
  server_reply TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL,
  request_key TEXT UNIQUE,
  request_fingerprint TEXT,
  requested_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;
INSERT INTO receipt_deliveries_12 (id, order_id, outbox_id, document_number, to_address, state,
  attempts, next_attempt_at, server_reply, error, message_id, requested_by, request_key,
  request_fingerprint, requested_at, updated_at, sent_at)
SELECT id, order_id, outbox_id, document_number, to_address, state, attempts, next_attempt_at,
  server_reply, error, message_id, requested_by, request_key, request_fingerprint,
  requested_at, updated_at, sent_at FROM receipt_deliveries;
DROP TABLE receipt_deliveries;
ALTER TABLE receipt_deliveries_12 RENAME TO receipt_deliveries;
CREATE INDEX receipt_deliveries_queued ON receipt_deliveries (id) WHERE state = 'queued';
CREATE INDEX receipt_deliveries_by_order ON receipt_deliveries (order_id, id);
)sql"},
    Migration{13, "pending hand-off events found by index", R"sql(
-- The mailer and the scheduler look for their pending events after every placement; without
-- these they read the whole outbox each time, so each placement cost more than the last.
-- Placements write those events done, so the indexes hold only what an older version left.
CREATE INDEX IF NOT EXISTS outbox_receipts_due ON outbox (id)
  WHERE delivered_at IS NULL AND event = 'receipt.due';
CREATE INDEX IF NOT EXISTS outbox_fulfillment_due ON outbox (id)
  WHERE delivered_at IS NULL AND event = 'fulfillment.due';
-- No query reads this one.
DROP INDEX IF EXISTS outbox_pending;
)sql"},
    Migration{14, "receipts store the order once", R"sql(
-- A document's snapshot without an "order" is one whose order is the order as placed: reading
-- it joins orders.snapshot (receipts from now on; docs/decisions/0025). Rows written before
-- keep their whole snapshot and are read as they are. What a document shows never changes, so
-- neither may the document's row nor the order's snapshot it reads (the status may).
CREATE TRIGGER IF NOT EXISTS documents_never_change BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never changed'); END;
CREATE TRIGGER IF NOT EXISTS documents_never_deleted BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never deleted'); END;
CREATE TRIGGER IF NOT EXISTS orders_snapshot_never_changes BEFORE UPDATE OF snapshot ON orders
BEGIN SELECT RAISE(ABORT, 'an order''s snapshot is never changed'); END;
)sql"},
    Migration{15, "changes to the cached tables counted", R"sql(
-- A server keeps items, customers and API keys in memory (adapters/sqlite/row_caches.cc). Its
-- own writes drop what they change; these triggers count every change, whoever makes it, so
-- that it notices the writes of another process (`commesso api-key revoke`, `commesso place`)
-- at its next look-up. (IF NOT EXISTS: a file whose later migrations are run again keeps them.)
CREATE TABLE IF NOT EXISTS cached_table_changes (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  changes INTEGER NOT NULL
) STRICT;
INSERT OR IGNORE INTO cached_table_changes (id, changes) VALUES (1, 0);
CREATE TRIGGER IF NOT EXISTS items_counted_insert AFTER INSERT ON items BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS items_counted_update AFTER UPDATE ON items BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS items_counted_delete AFTER DELETE ON items BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS customers_counted_insert AFTER INSERT ON customers BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS customers_counted_update AFTER UPDATE ON customers BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS customers_counted_delete AFTER DELETE ON customers BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS customer_addresses_counted_insert
AFTER INSERT ON customer_addresses BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS customer_addresses_counted_update
AFTER UPDATE ON customer_addresses BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS customer_addresses_counted_delete
AFTER DELETE ON customer_addresses BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS api_keys_counted_insert AFTER INSERT ON api_keys BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS api_keys_counted_update AFTER UPDATE ON api_keys BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS api_keys_counted_delete AFTER DELETE ON api_keys BEGIN
  UPDATE cached_table_changes SET changes = changes + 1;
END;
)sql"},
    Migration{16, "complaints", R"sql(
-- The last number given to a complaint of each business year (RCL-2026-000001), taken in the
-- transaction that opens it, so numbers have no gaps: a series of its own, like orders'.
-- (IF NOT EXISTS: a file whose later migrations are run again keeps them, as in 15.)
CREATE TABLE IF NOT EXISTS complaint_counters (
  business_year INTEGER PRIMARY KEY,
  last_number INTEGER NOT NULL CHECK (last_number >= 0)
) STRICT;

-- Complaints (core/complaint.h; docs/customer-care.md). order_id is NULL for a general
-- complaint. The revision counts the steps (comments excepted) for optimistic concurrency.
CREATE TABLE IF NOT EXISTS complaints (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  business_year INTEGER NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  order_id INTEGER REFERENCES orders (id),
  reason TEXT NOT NULL CHECK (reason IN ('damaged', 'wrong_item', 'missing_item', 'late',
                                         'not_as_described', 'billing_error', 'service', 'other')),
  channel TEXT NOT NULL,
  customer_words TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  owner TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'forwarded', 'in_progress', 'awaiting_customer',
                                         'resolved', 'rejected', 'closed')),
  outcome TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS complaints_by_due ON complaints (due_at, id);
CREATE INDEX IF NOT EXISTS complaints_by_status ON complaints (status, due_at, id);
CREATE INDEX IF NOT EXISTS complaints_by_order ON complaints (order_id, id) WHERE order_id IS NOT NULL;

-- The order lines a complaint concerns: line_no is the line's 1-based position in the order.
CREATE TABLE IF NOT EXISTS complaint_lines (
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  line_no INTEGER NOT NULL CHECK (line_no >= 1),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (complaint_id, line_no)
) STRICT, WITHOUT ROWID;

-- Every step of a complaint, written in the transaction of the step. from_status is NULL when
-- opened; both are NULL for comments and assignments. No CHECK on action: a new kind of step
-- needs no rebuild (the application writes only the names of core/complaint.h).
CREATE TABLE IF NOT EXISTS complaint_events (
  id INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints (id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  note TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS complaint_events_by_complaint ON complaint_events (complaint_id, id);
)sql"},
    Migration{17, "the stock each order line took", R"sql(
-- The units each line took from stock when placed (0: the item did not track stock, or the
-- line was all backordered), which a cancellation before release puts back. Lines placed
-- before this migration say 0: nothing is known of them to put back.
ALTER TABLE order_lines ADD COLUMN reserved INTEGER NOT NULL DEFAULT 0
  CHECK (reserved BETWEEN 0 AND quantity - backordered);
)sql",
              "SELECT 1 FROM pragma_table_info('order_lines') WHERE name = 'reserved'"},
};

bool AlreadyDone(Connection& connection, const Migration& migration) {
  if (migration.done_if == nullptr) return false;
  SQLite::Statement& query = connection.Prepare(migration.done_if);
  const bool done = query.executeStep();
  query.reset();
  return done;
}

int CurrentVersion(Connection& connection) {
  SQLite::Statement& statement =
      connection.Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  statement.executeStep();
  const int version = statement.getColumn(0).getInt();
  statement.reset();
  return version;
}

}  // namespace

int LatestSchemaVersion() { return kMigrations.back().version; }

Result<int> Migrate(Connection& connection) {
  return Guarded<int>([&]() -> Result<int> {
    connection.Execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT");

    int version = CurrentVersion(connection);
    if (version > LatestSchemaVersion()) {
      return Fail(ErrorCode::kUnavailable,
                  fmt::format("Its schema version {} is newer than version {}, the latest this "
                              "commesso knows; run a newer commesso or restore a backup.",
                              version, LatestSchemaVersion()));
    }
    for (const Migration& migration : kMigrations) {
      if (migration.version <= version) continue;
      // Another process may be migrating the same file: BEGIN IMMEDIATE waits for it, and the
      // version is read again under the lock.
      connection.Execute("BEGIN IMMEDIATE");
      try {
        if (CurrentVersion(connection) < migration.version) {
          if (!AlreadyDone(connection, migration)) connection.Execute(migration.sql);
          SQLite::Statement& record = connection.Prepare(
              "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
          record.bind(1, migration.version);
          record.bind(2, migration.name);
          record.bind(3, NowMillis());
          record.exec();
        }
        connection.Execute("COMMIT");
      } catch (const SQLite::Exception&) {
        connection.database().tryExec("ROLLBACK");
        throw;
      }
      version = migration.version;
    }
    return version;
  });
}

}  // namespace commesso::sqlite
