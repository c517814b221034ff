-- What is wrong after D1: enrollments still without their progress.
SELECT id FROM enrollments WHERE progress_percent IS NULL;
