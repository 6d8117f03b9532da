-- Worlds created at run time: provider keys kept (as fingerprints) with the world they act in, and each world's faults.

ALTER TABLE providers ADD COLUMN province TEXT;

CREATE TABLE provider_keys (
    key_fingerprint TEXT    NOT NULL PRIMARY KEY,
    world_id        TEXT    NOT NULL,
    provider_id     TEXT    NOT NULL,
    created_at_ms   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX provider_keys_by_world ON provider_keys (world_id);

CREATE TABLE faults (
    world_id    TEXT    NOT NULL,
    method      TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    probability REAL    NOT NULL,
    delay_ms    INTEGER NOT NULL,
    PRIMARY KEY (world_id, method, kind)
) WITHOUT ROWID;

-- What an event says beyond its kind: numbers issued, the reason of a rejection (JSON).
ALTER TABLE order_events ADD COLUMN detail TEXT;
