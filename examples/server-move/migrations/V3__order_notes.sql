-- Pending on the old server: the move applies it on the new one.
ALTER TABLE orders ADD COLUMN note text;
