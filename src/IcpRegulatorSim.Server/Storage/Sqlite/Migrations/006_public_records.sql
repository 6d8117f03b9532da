-- Each filed service keeps its public record (what the public query shows of it) and its place among its subject's
-- services, written with it by the writer: the public query reads one small row instead of decompressing and parsing
-- the subject's whole document. Databases that already hold filings get them at the next start (pending_backfills).
ALTER TABLE filed_services ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE filed_services ADD COLUMN public_record BLOB;

CREATE TABLE pending_backfills (
    name TEXT PRIMARY KEY
) WITHOUT ROWID;

INSERT INTO pending_backfills (name) SELECT 'public_records' WHERE EXISTS (SELECT 1 FROM filed_services);
