-- Fewer B-tree entries per order. A table whose rows are found by a key is stored as that key (WITHOUT ROWID) rather
-- than as a rowid table beside a unique index repeating the key: each row was two entries, it is one. And an order's
-- claims are deleted through the identifiers its document holds, each by the primary key, so the index of claims by
-- order, an entry per claim, is gone. The columns stay as they were (and as PostgreSQL's).

CREATE TABLE idempotency_keys_by_key (
    world_id        TEXT    NOT NULL,
    provider_id     TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    request_hash    BLOB    NOT NULL,
    response        TEXT    NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    PRIMARY KEY (world_id, provider_id, idempotency_key)
) WITHOUT ROWID;
INSERT INTO idempotency_keys_by_key (world_id, provider_id, idempotency_key, request_hash, response, created_at_ms)
SELECT world_id, provider_id, idempotency_key, request_hash, response, created_at_ms FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_by_key RENAME TO idempotency_keys;

-- Messages are short (an SMS, an email of a few lines): keyed by their world and number, the table is the outbox in
-- order, and messages_by_world, which repeated that key, is gone.
CREATE TABLE messages_by_key (
    world_id    TEXT    NOT NULL,
    message_seq INTEGER NOT NULL,
    channel     INTEGER NOT NULL,
    recipient   TEXT    NOT NULL,
    sender      TEXT    NOT NULL,
    carrier     TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    order_id    TEXT    NOT NULL,
    sent_at_ms  INTEGER NOT NULL,
    PRIMARY KEY (world_id, message_seq)
) WITHOUT ROWID;
INSERT INTO messages_by_key (world_id, message_seq, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms)
SELECT world_id, message_seq, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms FROM messages;
DROP TABLE messages;
ALTER TABLE messages_by_key RENAME TO messages;
CREATE INDEX messages_by_recipient ON messages (world_id, recipient, message_seq);
CREATE INDEX messages_by_order ON messages (world_id, order_id, message_seq);

DROP INDEX order_claims_by_order;
