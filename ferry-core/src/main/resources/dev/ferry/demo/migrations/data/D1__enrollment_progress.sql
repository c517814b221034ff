-- Fills enrollments.progress_percent (V3): the lessons finished out of the course's lessons. 500
-- enrollments a batch, each committed with its checkpoint; one line per enrollment in reports/data/D1.jsonl.
-- ferry:batch table=enrollments key=id size=500
UPDATE enrollments e
   SET progress_percent = round(100.0 * e.completed_lessons / greatest(1, (SELECT count(*) FROM lessons l JOIN modules m ON m.id = l.module_id
                                                                          WHERE m.course_id = e.course_id)))
 WHERE e.id >= :from AND e.id < :to
RETURNING e.id, CASE WHEN e.completed_lessons = 0 THEN 'not started' ELSE 'started' END AS reason;
