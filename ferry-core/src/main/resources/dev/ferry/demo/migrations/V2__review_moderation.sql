-- Support can hide a review without deleting it. Released on the new server before the move.
ALTER TABLE reviews ADD COLUMN hidden boolean NOT NULL DEFAULT false;
