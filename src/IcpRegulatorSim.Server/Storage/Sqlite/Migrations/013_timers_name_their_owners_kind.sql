-- A timer names its owner by kind and key (an order id, a filed subject's number), where it kept a subject's under
-- 'subject:' and its number among the orders' ids: the writer gives each kind of owner to the handler of its kind,
-- and a new kind of owner is a new number, not a new prefix.
CREATE TABLE timers_by_owner_kind (
    world_id   TEXT    NOT NULL,
    due_at_ms  INTEGER NOT NULL,
    owner_kind INTEGER NOT NULL,
    owner_id   TEXT    NOT NULL,
    kind       INTEGER NOT NULL,
    item       INTEGER NOT NULL,
    PRIMARY KEY (world_id, due_at_ms, owner_kind, owner_id, kind, item)
) WITHOUT ROWID;
INSERT INTO timers_by_owner_kind (world_id, due_at_ms, owner_kind, owner_id, kind, item)
SELECT world_id, due_at_ms,
       CASE WHEN substr(order_id, 1, 8) = 'subject:' THEN 1 ELSE 0 END,
       CASE WHEN substr(order_id, 1, 8) = 'subject:' THEN substr(order_id, 9) ELSE order_id END,
       kind, item
FROM timers;
DROP TABLE timers;
ALTER TABLE timers_by_owner_kind RENAME TO timers;
