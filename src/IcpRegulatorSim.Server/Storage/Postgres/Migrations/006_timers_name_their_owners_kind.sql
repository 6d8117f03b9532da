-- A timer names its owner by kind and key (an order id, a filed subject's number), where it kept a subject's under
-- 'subject:' and its number among the orders' ids: the writer gives each kind of owner to the handler of its kind,
-- and a new kind of owner is a new number, not a new prefix.
ALTER TABLE timers DROP CONSTRAINT timers_pkey;
ALTER TABLE timers RENAME COLUMN order_id TO owner_id;
ALTER TABLE timers ADD COLUMN owner_kind BIGINT NOT NULL DEFAULT 0;
UPDATE timers SET owner_kind = 1, owner_id = substr(owner_id, 9) WHERE left(owner_id, 8) = 'subject:';
ALTER TABLE timers ALTER COLUMN owner_kind DROP DEFAULT;
ALTER TABLE timers ADD PRIMARY KEY (world_id, due_at_ms, owner_kind, owner_id, kind, item);
