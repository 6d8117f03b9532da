-- An order is found by its world and id, a subject by its world and number: each table is stored as that key
-- (WITHOUT ROWID), so the unique indexes that repeated it (orders_by_id, subjects_by_number) are gone and a new order
-- or subject is one entry fewer. The other indexes are as they were; the columns too (and as PostgreSQL's, whose
-- tables were keyed so from the start).

CREATE TABLE orders_keyed (
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
    PRIMARY KEY (world_id, order_id)
) WITHOUT ROWID;
INSERT INTO orders_keyed (world_id, order_id, provider_id, subject_key, province, type, status, submitted_at_ms, updated_at_ms, review_due_at_ms, document)
SELECT world_id, order_id, provider_id, subject_key, province, type, status, submitted_at_ms, updated_at_ms, review_due_at_ms, document FROM orders;
DROP TABLE orders;
ALTER TABLE orders_keyed RENAME TO orders;
CREATE INDEX orders_by_provider ON orders (world_id, provider_id, order_id);
CREATE INDEX orders_open_by_subject ON orders (world_id, subject_key) WHERE status IN (1, 2);
CREATE INDEX orders_under_review ON orders (world_id, order_id) WHERE status = 2;

CREATE TABLE subjects_keyed (
    world_id       TEXT NOT NULL,
    subject_number TEXT NOT NULL,
    subject_key    TEXT NOT NULL,
    name           TEXT NOT NULL,
    province       TEXT NOT NULL,
    document       TEXT NOT NULL,
    PRIMARY KEY (world_id, subject_number)
) WITHOUT ROWID;
INSERT INTO subjects_keyed (world_id, subject_number, subject_key, name, province, document)
SELECT world_id, subject_number, subject_key, name, province, document FROM subjects;
DROP TABLE subjects;
ALTER TABLE subjects_keyed RENAME TO subjects;
CREATE UNIQUE INDEX subjects_by_key ON subjects (world_id, subject_key);
CREATE INDEX subjects_by_name ON subjects (world_id, name);
