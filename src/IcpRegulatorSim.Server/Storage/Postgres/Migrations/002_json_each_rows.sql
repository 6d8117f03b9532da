-- json_each carries the few identifiers, domains or certificates of one filing, never more than a handful. Declared
-- STRICT, the SQL function is not inlined, and the planner took it for the default 1000 rows: a generic plan then
-- hashed the list and read every row of the world (filed_identifiers, order_claims) for each lookup instead of probing
-- the primary key, which made each submission and each seeded filing cost as much as the filings before it. One row is
-- the estimate that keeps a probe of the key per element, even before the tables have been analysed.
ALTER FUNCTION json_each(TEXT) ROWS 1;
