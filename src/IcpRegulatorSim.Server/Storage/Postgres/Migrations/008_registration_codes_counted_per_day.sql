-- A mobile receives registration codes a limited number of times a day: its row counts the codes sent on the day of
-- the last one (Beijing time), so a new day starts the count again.
ALTER TABLE psb_registration_codes ADD COLUMN sends_that_day INTEGER NOT NULL DEFAULT 1;
