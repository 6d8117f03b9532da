-- The domain registry's facts (sandbox fixtures) and the blacklist, per world.

CREATE TABLE domain_registrations (
    world_id                      TEXT    NOT NULL,
    domain                        TEXT    NOT NULL,
    registrar                     TEXT    NOT NULL,
    registrant_name               TEXT    NOT NULL,
    registrant_certificate_type   INTEGER NOT NULL,
    registrant_certificate_number TEXT    NOT NULL,
    real_name_verified            INTEGER NOT NULL,
    expires_at_ms                 INTEGER NOT NULL,
    PRIMARY KEY (world_id, domain)
) WITHOUT ROWID;

-- kind: 'domain' or 'subject' (a certificate number).
CREATE TABLE blacklist (
    world_id TEXT NOT NULL,
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (world_id, kind, value)
) WITHOUT ROWID;
