-- The public-security platform's own records, in the same worlds: the codes sent to register an account, the
-- subjects' accounts (found by mobile, and by the hash of the token each call carries: the token is never kept), and
-- the websites' filings with the keys their queries need (the ICP number's subject among them: ''
-- for a website hosted outside mainland China, which files without one). A filing's row names its timer, as an order's does.
CREATE TABLE psb_registration_codes (
    world_id   TEXT    NOT NULL,
    mobile     TEXT    NOT NULL,
    code_hash  BLOB    NOT NULL,
    sent_at_ms INTEGER NOT NULL,
    PRIMARY KEY (world_id, mobile)
) WITHOUT ROWID;

CREATE TABLE psb_accounts (
    world_id   TEXT NOT NULL,
    account_id TEXT NOT NULL,
    mobile     TEXT NOT NULL,
    token_hash BLOB NOT NULL,
    document   BLOB NOT NULL,
    PRIMARY KEY (world_id, account_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX psb_accounts_by_mobile ON psb_accounts (world_id, mobile);
CREATE UNIQUE INDEX psb_accounts_by_token ON psb_accounts (world_id, token_hash);

CREATE TABLE psb_filings (
    world_id        TEXT    NOT NULL,
    filing_id       TEXT    NOT NULL,
    account_id      TEXT    NOT NULL,
    office_code     TEXT    NOT NULL,
    province        TEXT    NOT NULL,
    icp_subject     TEXT    NOT NULL,
    status          INTEGER NOT NULL,
    overdue         INTEGER NOT NULL,
    number          TEXT,
    document        BLOB    NOT NULL,
    timer_due_at_ms INTEGER,
    timer_kind      INTEGER,
    timer_item      INTEGER,
    PRIMARY KEY (world_id, filing_id)
) WITHOUT ROWID;
CREATE INDEX psb_filings_by_account ON psb_filings (world_id, account_id, filing_id);
CREATE INDEX psb_filings_by_office ON psb_filings (world_id, office_code, status, filing_id);
CREATE INDEX psb_filings_by_province ON psb_filings (world_id, province, status, filing_id);
-- The filings that name a filed subject's ICP number, to be checked again when one of its services is revoked or cancelled.
CREATE INDEX psb_filings_by_icp_subject ON psb_filings (world_id, icp_subject);
CREATE UNIQUE INDEX psb_filings_by_number ON psb_filings (world_id, number) WHERE number IS NOT NULL;

-- What the public query finds an approved filing by: its number, each of its domains, its website's name.
CREATE TABLE psb_public_keys (
    world_id  TEXT NOT NULL,
    lookup    TEXT NOT NULL,
    filing_id TEXT NOT NULL,
    PRIMARY KEY (world_id, lookup, filing_id)
) WITHOUT ROWID;
CREATE INDEX psb_public_keys_by_filing ON psb_public_keys (world_id, filing_id);
