-- The validation database keeps, per code, who it was sent to; whether it is still pending is in the order's document.
-- A validation no longer rewrites the entries of the order's other codes (a page each, on the single writer).
ALTER TABLE sms_index DROP COLUMN state;
