-- An order's row (a filed subject's) names its timer, which a save finds by its key from the row it rewrites anyway:
-- the index of timers by owner, an entry with each timer written or removed, is gone.
ALTER TABLE orders ADD COLUMN timer_due_at_ms INTEGER;
ALTER TABLE orders ADD COLUMN timer_kind INTEGER;
ALTER TABLE orders ADD COLUMN timer_item INTEGER;
ALTER TABLE subjects ADD COLUMN timer_due_at_ms INTEGER;
ALTER TABLE subjects ADD COLUMN timer_kind INTEGER;
ALTER TABLE subjects ADD COLUMN timer_item INTEGER;
UPDATE orders SET timer_due_at_ms = t.due_at_ms, timer_kind = t.kind, timer_item = t.item
FROM timers t WHERE t.world_id = orders.world_id AND t.order_id = orders.order_id;
UPDATE subjects SET timer_due_at_ms = t.due_at_ms, timer_kind = t.kind, timer_item = t.item
FROM timers t WHERE t.world_id = subjects.world_id AND t.order_id = 'subject:' || subjects.subject_number;
DROP INDEX timers_by_order;
