-- An order's messages are found through the recipients its document names (its steps), by messages_by_recipient: the
-- index of messages by order, two entries for every code, approval and notice sent, is gone.
DROP INDEX messages_by_order;
