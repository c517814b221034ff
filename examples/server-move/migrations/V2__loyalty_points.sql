ALTER TABLE customers ADD COLUMN loyalty_points integer NOT NULL DEFAULT 0;
