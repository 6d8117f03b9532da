-- An order's claims are deleted through the identifiers its document holds, each by the primary key: the index of
-- claims by order, an entry per claim written with every submission, is no longer read.
DROP INDEX order_claims_by_order;
