-- How far through its course each enrollment is, in percent: the new dashboard sorts by it.
-- Filled by the data migration migrations/data/D1__enrollment_progress.sql.
ALTER TABLE enrollments ADD COLUMN progress_percent smallint CHECK (progress_percent BETWEEN 0 AND 100);
