-- Counters that outlive what they count. A world's order ids, each provider's event sequence and the world's outbox
-- sequence never go backwards: not across a Reset, and not across deleting a world and creating one with its id
-- again, so a client holding a cursor or an order id never meets the same number twice. They are kept apart from
-- the worlds and providers they belong to, and neither a Reset nor a deletion touches them.
-- name: 'order', 'message', or 'event:' followed by a provider id.
CREATE TABLE counters (
    world_id TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    next     INTEGER NOT NULL,
    PRIMARY KEY (world_id, name)
) WITHOUT ROWID;

INSERT INTO counters (world_id, name, next) SELECT world_id, 'order', next_order_seq FROM worlds;
INSERT INTO counters (world_id, name, next) SELECT world_id, 'event:' || provider_id, next_event_seq FROM providers;
INSERT INTO counters (world_id, name, next) SELECT world_id, 'message', MAX(message_seq) + 1 FROM messages GROUP BY world_id;

ALTER TABLE worlds DROP COLUMN next_order_seq;
ALTER TABLE providers DROP COLUMN next_event_seq;

-- The outbox is numbered per world, like the order events (it was one sequence for every world). The messages kept
-- their numbers: each world's were already increasing, and its counter goes on from the highest.
CREATE TABLE messages_per_world (
    world_id    TEXT    NOT NULL,
    message_seq INTEGER NOT NULL,
    channel     INTEGER NOT NULL,
    recipient   TEXT    NOT NULL,
    sender      TEXT    NOT NULL,
    carrier     TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    order_id    TEXT    NOT NULL,
    sent_at_ms  INTEGER NOT NULL
);
INSERT INTO messages_per_world (world_id, message_seq, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms)
SELECT world_id, message_seq, channel, recipient, sender, carrier, subject, body, order_id, sent_at_ms FROM messages ORDER BY message_seq;
DROP TABLE messages;
ALTER TABLE messages_per_world RENAME TO messages;
CREATE UNIQUE INDEX messages_by_world ON messages (world_id, message_seq);
CREATE INDEX messages_by_recipient ON messages (world_id, recipient, message_seq);
CREATE INDEX messages_by_order ON messages (world_id, order_id, message_seq);
