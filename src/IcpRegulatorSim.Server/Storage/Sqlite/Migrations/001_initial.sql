-- Every row carries the id of its world: a complete, independent regulator.

CREATE TABLE worlds (
    world_id           TEXT    NOT NULL PRIMARY KEY,
    seed               INTEGER NOT NULL,
    clock_base_real_ms INTEGER NOT NULL,
    clock_base_sim_ms  INTEGER NOT NULL,
    clock_rate         REAL    NOT NULL,
    clock_start_ms     INTEGER NOT NULL,
    next_order_seq     INTEGER NOT NULL,
    created_at_ms      INTEGER NOT NULL
);

-- Server-wide secrets (the key of the SMS code hashes), created on first start.
CREATE TABLE secrets (
    name  TEXT NOT NULL PRIMARY KEY,
    value BLOB NOT NULL
);

CREATE TABLE providers (
    world_id       TEXT    NOT NULL,
    provider_id    TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    next_event_seq INTEGER NOT NULL,
    PRIMARY KEY (world_id, provider_id)
) WITHOUT ROWID;

-- Filing orders: the document is the whole order; the columns are what queries select on.
CREATE TABLE orders (
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
    document         TEXT    NOT NULL
);
CREATE UNIQUE INDEX orders_by_id ON orders (world_id, order_id);
CREATE INDEX orders_by_provider ON orders (world_id, provider_id, order_id);
CREATE INDEX orders_open_by_subject ON orders (world_id, subject_key) WHERE status IN (1, 2);
CREATE INDEX orders_under_review ON orders (world_id, order_id) WHERE status = 2;

-- Domains claimed by orders in process, so two subjects cannot file one domain at once.
CREATE TABLE order_domains (
    world_id    TEXT NOT NULL,
    domain      TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    PRIMARY KEY (world_id, domain, order_id)
) WITHOUT ROWID;
CREATE INDEX order_domains_by_order ON order_domains (world_id, order_id);

-- The validation database: which mobile and certificate suffixes have codes on which order.
CREATE TABLE sms_index (
    world_id TEXT    NOT NULL,
    mobile   TEXT    NOT NULL,
    order_id TEXT    NOT NULL,
    item     INTEGER NOT NULL,
    suffixes TEXT    NOT NULL,
    state    INTEGER NOT NULL,
    PRIMARY KEY (world_id, mobile, order_id, item)
) WITHOUT ROWID;

-- Deadlines: when the regulator acts on an order by itself. Derived from each order's state when it is saved.
CREATE TABLE timers (
    world_id  TEXT    NOT NULL,
    due_at_ms INTEGER NOT NULL,
    order_id  TEXT    NOT NULL,
    kind      INTEGER NOT NULL,
    item      INTEGER NOT NULL,
    PRIMARY KEY (world_id, due_at_ms, order_id, kind, item)
) WITHOUT ROWID;
CREATE INDEX timers_by_order ON timers (world_id, order_id);

-- The registry: filed subjects (the document holds their services) and what is looked up by number or domain.
CREATE TABLE subjects (
    world_id       TEXT NOT NULL,
    subject_number TEXT NOT NULL,
    subject_key    TEXT NOT NULL,
    name           TEXT NOT NULL,
    province       TEXT NOT NULL,
    document       TEXT NOT NULL
);
CREATE UNIQUE INDEX subjects_by_number ON subjects (world_id, subject_number);
CREATE UNIQUE INDEX subjects_by_key ON subjects (world_id, subject_key);
CREATE INDEX subjects_by_name ON subjects (world_id, name);

CREATE TABLE filed_services (
    world_id       TEXT NOT NULL,
    service_number TEXT NOT NULL,
    subject_number TEXT NOT NULL,
    PRIMARY KEY (world_id, service_number)
) WITHOUT ROWID;

CREATE TABLE filed_domains (
    world_id       TEXT NOT NULL,
    domain         TEXT NOT NULL,
    service_number TEXT NOT NULL,
    subject_number TEXT NOT NULL,
    PRIMARY KEY (world_id, domain)
) WITHOUT ROWID;

CREATE TABLE number_sequences (
    world_id   TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    last_value INTEGER NOT NULL,
    PRIMARY KEY (world_id, scope)
) WITHOUT ROWID;

-- The first answer to each idempotency key, replayed to retries.
CREATE TABLE idempotency_keys (
    world_id        TEXT    NOT NULL,
    provider_id     TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    request_hash    BLOB    NOT NULL,
    response        TEXT    NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    PRIMARY KEY (world_id, provider_id, idempotency_key)
);

-- The outbox: every SMS and email the regulator "sent".
CREATE TABLE messages (
    message_seq INTEGER PRIMARY KEY,
    world_id    TEXT    NOT NULL,
    channel     INTEGER NOT NULL,
    recipient   TEXT    NOT NULL,
    sender      TEXT    NOT NULL,
    carrier     TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    order_id    TEXT    NOT NULL,
    sent_at_ms  INTEGER NOT NULL
);
CREATE INDEX messages_by_world ON messages (world_id, message_seq);
CREATE INDEX messages_by_recipient ON messages (world_id, recipient, message_seq);
CREATE INDEX messages_by_order ON messages (world_id, order_id, message_seq);

-- Each provider's order events, numbered per provider.
CREATE TABLE order_events (
    world_id    TEXT    NOT NULL,
    provider_id TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    order_id    TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    status      INTEGER NOT NULL,
    at_ms       INTEGER NOT NULL,
    mobile      TEXT,
    PRIMARY KEY (world_id, provider_id, seq)
) WITHOUT ROWID;
