-- Apps are filed too: what a service is known by in the registry is an identifier, a domain or "app:" + package name.

ALTER TABLE order_domains RENAME TO order_claims;
ALTER TABLE order_claims RENAME COLUMN domain TO identifier;
DROP INDEX order_domains_by_order;
CREATE INDEX order_claims_by_order ON order_claims (world_id, order_id);

ALTER TABLE filed_domains RENAME TO filed_identifiers;
ALTER TABLE filed_identifiers RENAME COLUMN domain TO identifier;

CREATE INDEX filed_services_by_subject ON filed_services (world_id, subject_number);
