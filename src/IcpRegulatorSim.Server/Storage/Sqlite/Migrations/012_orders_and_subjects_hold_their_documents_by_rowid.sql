-- Orders and filed subjects are rowid tables again, found by their key through a unique index (orders_by_id,
-- subjects_by_number). Stored as their key (migration 9), each row, its document included, was a cell of the key's
-- B-tree: a document of a few KiB does not fit a cell, so every insert and rewrite of an order moved overflow pages
-- and split leaves of the tree the lookups walk. The bench measured it: submissions fell from about 3,970 to 1,240 a
-- second with that migration alone, for one B-tree entry fewer each. In a rowid table the document lies in the
-- table's own leaves and the index holds only the key.

CREATE TABLE orders_by_rowid (
    world_id         TEXT    NOT NULL,
    order_id         TEXT    NOT NULL,
    provider_id      TEXT    NOT NULL,
    subject_key      TEXT    NOT NULL,
    province         TEXT    NOT NULL,
    type             INTEGER NOT NULL,
    status           INTEGER NOT NULL,
    submitted_at_ms  INTEGER NOT NULL,
    updated_at_ms    INTEGER NOT NULL,
    review_due_at_ms INTEGER,
    document         TEXT    NOT NULL,
    timer_due_at_ms  INTEGER,
    timer_kind       INTEGER,
    timer_item       INTEGER
);
INSERT INTO orders_by_rowid (world_id, order_id, provider_id, subject_key, province, type, status, submitted_at_ms, updated_at_ms, review_due_at_ms, document, timer_due_at_ms, timer_kind, timer_item)
SELECT world_id, order_id, provider_id, subject_key, province, type, status, submitted_at_ms, updated_at_ms, review_due_at_ms, document, timer_due_at_ms, timer_kind, timer_item
FROM orders ORDER BY world_id, order_id;
DROP TABLE orders;
ALTER TABLE orders_by_rowid RENAME TO orders;
CREATE UNIQUE INDEX orders_by_id ON orders (world_id, order_id);
CREATE INDEX orders_by_provider ON orders (world_id, provider_id, order_id);
CREATE INDEX orders_open_by_subject ON orders (world_id, subject_key) WHERE status IN (1, 2);
CREATE INDEX orders_under_review ON orders (world_id, order_id) WHERE status = 2;

CREATE TABLE subjects_by_rowid (
    world_id        TEXT NOT NULL,
    subject_number  TEXT NOT NULL,
    subject_key     TEXT NOT NULL,
    name            TEXT NOT NULL,
    province        TEXT NOT NULL,
    document        TEXT NOT NULL,
    timer_due_at_ms INTEGER,
    timer_kind      INTEGER,
    timer_item      INTEGER
);
INSERT INTO subjects_by_rowid (world_id, subject_number, subject_key, name, province, document, timer_due_at_ms, timer_kind, timer_item)
SELECT world_id, subject_number, subject_key, name, province, document, timer_due_at_ms, timer_kind, timer_item
FROM subjects ORDER BY world_id, subject_number;
DROP TABLE subjects;
ALTER TABLE subjects_by_rowid RENAME TO subjects;
CREATE UNIQUE INDEX subjects_by_number ON subjects (world_id, subject_number);
CREATE UNIQUE INDEX subjects_by_key ON subjects (world_id, subject_key);
CREATE INDEX subjects_by_name ON subjects (world_id, name);
