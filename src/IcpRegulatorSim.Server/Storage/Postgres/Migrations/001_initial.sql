-- The regulator's tables on PostgreSQL, as the SQLite store has them after its migration 007. Every key of a world's
-- table leads with world_id, and a transaction touches one world: a distributed PostgreSQL that shards by that column
-- can spread worlds over machines. The server-wide tables (secrets) are small and read at start. Text that is sorted
-- (order ids, subject numbers, world names) sorts by code point, as on SQLite, whatever the database's locale.

-- The elements of a JSON array of strings, as SQLite's json_each gives them: one parameter carries a list, so that
-- both stores run the same statement text.
CREATE FUNCTION json_each(list TEXT) RETURNS TABLE (value TEXT)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT jsonb_array_elements_text(list::jsonb) $$;

CREATE TABLE secrets (
    name  TEXT  NOT NULL PRIMARY KEY,
    value BYTEA NOT NULL
);

CREATE TABLE worlds (
    world_id           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    seed               BIGINT           NOT NULL,
    clock_base_real_ms BIGINT           NOT NULL,
    clock_base_sim_ms  BIGINT           NOT NULL,
    clock_rate         DOUBLE PRECISION NOT NULL,
    clock_start_ms     BIGINT           NOT NULL,
    created_at_ms      BIGINT           NOT NULL
);

CREATE TABLE providers (
    world_id    TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    province    TEXT,
    PRIMARY KEY (world_id, provider_id)
);

-- Keys are looked up by fingerprint when a node starts (and kept in memory); the world leads the key all the same.
CREATE TABLE provider_keys (
    world_id        TEXT   NOT NULL,
    key_fingerprint TEXT   NOT NULL,
    provider_id     TEXT   NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (world_id, key_fingerprint)
);
CREATE INDEX provider_keys_by_fingerprint ON provider_keys (key_fingerprint);

CREATE TABLE counters (
    world_id TEXT   NOT NULL,
    name     TEXT   NOT NULL,
    next     BIGINT NOT NULL,
    PRIMARY KEY (world_id, name)
);

CREATE TABLE orders (
    world_id         TEXT   NOT NULL,
    order_id         TEXT   COLLATE "C" NOT NULL,
    provider_id      TEXT   NOT NULL,
    subject_key      TEXT   NOT NULL,
    province         TEXT   NOT NULL,
    type             BIGINT NOT NULL,
    status           BIGINT NOT NULL,
    submitted_at_ms  BIGINT NOT NULL,
    updated_at_ms    BIGINT NOT NULL,
    review_due_at_ms BIGINT,
    document         BYTEA  NOT NULL,
    PRIMARY KEY (world_id, order_id)
);
CREATE INDEX orders_by_provider ON orders (world_id, provider_id, order_id);
-- One order in process per subject: a constraint, whichever node admits the order.
CREATE UNIQUE INDEX orders_open_by_subject ON orders (world_id, subject_key) WHERE status IN (1, 2);
CREATE INDEX orders_under_review ON orders (world_id, order_id) WHERE status = 2;

CREATE TABLE order_claims (
    world_id    TEXT NOT NULL,
    identifier  TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    PRIMARY KEY (world_id, identifier, order_id)
);
CREATE INDEX order_claims_by_order ON order_claims (world_id, order_id);

CREATE TABLE sms_index (
    world_id TEXT   NOT NULL,
    mobile   TEXT   NOT NULL,
    order_id TEXT   NOT NULL,
    item     BIGINT NOT NULL,
    suffixes TEXT   NOT NULL,
    PRIMARY KEY (world_id, mobile, order_id, item)
);

CREATE TABLE timers (
    world_id  TEXT   NOT NULL,
    due_at_ms BIGINT NOT NULL,
    order_id  TEXT   COLLATE "C" NOT NULL,
    kind      BIGINT NOT NULL,
    item      BIGINT NOT NULL,
    PRIMARY KEY (world_id, due_at_ms, order_id, kind, item)
);
CREATE INDEX timers_by_order ON timers (world_id, order_id);

CREATE TABLE subjects (
    world_id       TEXT  NOT NULL,
    subject_number TEXT  COLLATE "C" NOT NULL,
    subject_key    TEXT  NOT NULL,
    name           TEXT  NOT NULL,
    province       TEXT  NOT NULL,
    document       BYTEA NOT NULL,
    PRIMARY KEY (world_id, subject_number)
);
CREATE UNIQUE INDEX subjects_by_key ON subjects (world_id, subject_key);
CREATE INDEX subjects_by_name ON subjects (world_id, name);

CREATE TABLE filed_services (
    world_id       TEXT   NOT NULL,
    service_number TEXT   NOT NULL,
    subject_number TEXT   NOT NULL,
    position       BIGINT NOT NULL DEFAULT 0,
    public_record  BYTEA,
    PRIMARY KEY (world_id, service_number)
);
CREATE INDEX filed_services_by_subject ON filed_services (world_id, subject_number);

-- One subject per domain or app: a constraint.
CREATE TABLE filed_identifiers (
    world_id       TEXT NOT NULL,
    identifier     TEXT NOT NULL,
    service_number TEXT NOT NULL,
    subject_number TEXT NOT NULL,
    PRIMARY KEY (world_id, identifier)
);

CREATE TABLE number_sequences (
    world_id   TEXT   NOT NULL,
    scope      TEXT   NOT NULL,
    last_value BIGINT NOT NULL,
    PRIMARY KEY (world_id, scope)
);

CREATE TABLE idempotency_keys (
    world_id        TEXT   NOT NULL,
    provider_id     TEXT   NOT NULL,
    idempotency_key TEXT   NOT NULL,
    request_hash    BYTEA  NOT NULL,
    response        BYTEA  NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (world_id, provider_id, idempotency_key)
);

CREATE TABLE messages (
    world_id    TEXT   NOT NULL,
    message_seq BIGINT NOT NULL,
    channel     BIGINT NOT NULL,
    recipient   TEXT   NOT NULL,
    sender      TEXT   NOT NULL,
    carrier     TEXT   NOT NULL,
    subject     TEXT   NOT NULL,
    body        TEXT   NOT NULL,
    order_id    TEXT   NOT NULL,
    sent_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (world_id, message_seq)
);
CREATE INDEX messages_by_recipient ON messages (world_id, recipient, message_seq);
CREATE INDEX messages_by_order ON messages (world_id, order_id, message_seq);

CREATE TABLE order_events (
    world_id    TEXT   NOT NULL,
    provider_id TEXT   NOT NULL,
    seq         BIGINT NOT NULL,
    order_id    TEXT   NOT NULL,
    kind        BIGINT NOT NULL,
    status      BIGINT NOT NULL,
    at_ms       BIGINT NOT NULL,
    mobile      TEXT,
    detail      BYTEA,
    PRIMARY KEY (world_id, provider_id, seq)
);

CREATE TABLE domain_registrations (
    world_id                      TEXT    NOT NULL,
    domain                        TEXT    NOT NULL,
    registrar                     TEXT    NOT NULL,
    registrant_name               TEXT    NOT NULL,
    registrant_certificate_type   BIGINT  NOT NULL,
    registrant_certificate_number TEXT    NOT NULL,
    real_name_verified            BIGINT  NOT NULL,
    expires_at_ms                 BIGINT  NOT NULL,
    PRIMARY KEY (world_id, domain)
);

CREATE TABLE blacklist (
    world_id TEXT NOT NULL,
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (world_id, kind, value)
);

CREATE TABLE faults (
    world_id    TEXT             NOT NULL,
    method      TEXT             NOT NULL,
    kind        BIGINT           NOT NULL,
    probability DOUBLE PRECISION NOT NULL,
    delay_ms    BIGINT           NOT NULL,
    PRIMARY KEY (world_id, method, kind)
);
