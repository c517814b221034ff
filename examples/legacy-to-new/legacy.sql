-- legacy.sql: the database of "Learnwell", an e-learning site grown over eight years, as it stands on
-- the night of the move (see README.md). Plain PostgreSQL: load it into an empty database with
--   psql -v ON_ERROR_STOP=1 -d learnwell_legacy -f examples/legacy-to-new/legacy.sql
-- Every row is generated (generate_series, no random()), so the counts the README states are exact:
--   users 600 · courses 40 · modules 200 · lessons 800 · "coursePayments" 1207 · "lessonProgress" 2411
--   reviews 301 · events 3000 · sessions 150
-- Legacy style on purpose: camelCase quoted names where the old ORM made them, no unique email, foreign
-- keys only where a later developer added them (modules, lessons) or the session library did (sessions).

CREATE TABLE users (
    id              serial PRIMARY KEY,
    email           varchar(255) NOT NULL,          -- no UNIQUE: sign-up never lower-cased it
    name            varchar(100),                   -- NULL for accounts made by the old invite flow
    role            varchar(10) NOT NULL,           -- STUDENT, TUTOR or ADMIN
    "hasStudentId"  boolean NOT NULL DEFAULT false, -- a student profile; never set for the first 99 sign-ups, set for tutors who also study
    about           text,                           -- a tutor's bio
    "createdAt"     timestamp NOT NULL,
    "lastLoginAt"   timestamp
);

CREATE TABLE courses (
    id              serial PRIMARY KEY,
    "tutorId"       integer NOT NULL,
    title           varchar(200) NOT NULL,
    slug            varchar(200) NOT NULL,
    price           numeric(8,2) NOT NULL,
    "isPublished"   boolean NOT NULL DEFAULT false,
    "createdAt"     timestamp NOT NULL
);

CREATE TABLE modules (
    id              serial PRIMARY KEY,
    "courseId"      integer NOT NULL REFERENCES courses (id),
    title           varchar(200) NOT NULL,
    position        integer NOT NULL
);

CREATE TABLE lessons (
    id                  serial PRIMARY KEY,
    "moduleId"          integer NOT NULL REFERENCES modules (id),
    title               varchar(200) NOT NULL,
    "durationMinutes"   integer,                    -- NULL where nobody measured the video
    position            integer NOT NULL,
    "videoUrl"          varchar(500)
);

CREATE TABLE "coursePayments" (
    id          serial PRIMARY KEY,
    "userId"    integer NOT NULL,                   -- no foreign key: payments outlive deleted accounts
    "courseId"  integer NOT NULL,
    amount      numeric(8,2) NOT NULL,
    currency    char(3) NOT NULL DEFAULT 'EUR',
    "paidAt"    timestamp NOT NULL,
    status      varchar(10) NOT NULL                -- PAID or REFUNDED
);

CREATE TABLE "lessonProgress" (
    id                serial PRIMARY KEY,
    "userId"          integer NOT NULL,
    "lessonId"        integer NOT NULL,
    "completedAt"     timestamp NOT NULL,
    "watchedSeconds"  integer NOT NULL DEFAULT 0
);

CREATE TABLE reviews (
    id          serial PRIMARY KEY,
    "userId"    integer NOT NULL,
    "courseId"  integer NOT NULL,
    rating      integer NOT NULL,
    body        text,
    "createdAt" timestamp NOT NULL
);

-- analytics the old dashboard read; the new product sends them elsewhere, so they have no table there
CREATE TABLE events (
    id            bigserial PRIMARY KEY,
    "userId"      integer,                          -- NULL for visitors who were not signed in
    kind          varchar(30) NOT NULL,
    payload       jsonb NOT NULL,
    "occurredAt"  timestamp NOT NULL
);
CREATE INDEX "eventsUserTime" ON events ("userId", "occurredAt");

-- the session store of the old web framework
CREATE TABLE sessions (
    token        varchar(64) PRIMARY KEY,
    "userId"     integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    "expiresAt"  timestamp NOT NULL,
    data         text
);

-- users 1-3 are admins, 4-33 tutors, 34-590 students. Every seventh sign-up typed a capitalised
-- address; every fiftieth has no name.
INSERT INTO users (id, email, name, role, "hasStudentId", about, "createdAt", "lastLoginAt")
SELECT g,
       CASE WHEN g % 7 = 0 THEN 'User' || g || '@Example.com' ELSE 'user' || g || '@example.com' END,
       CASE WHEN g % 50 = 0 THEN NULL
            ELSE (ARRAY['Ada', 'Ben', 'Chloe', 'Dev', 'Eva', 'Femi', 'Gus', 'Hana', 'Ivan', 'Jun'])[g % 10 + 1]
                 || ' ' || (ARRAY['Novak', 'Okafor', 'Park', 'Quinn', 'Rossi', 'Silva', 'Tanaka'])[g % 7 + 1] END,
       CASE WHEN g <= 3 THEN 'ADMIN' WHEN g <= 33 THEN 'TUTOR' ELSE 'STUDENT' END,
       g >= 100 OR (g BETWEEN 4 AND 33 AND g % 5 = 0),
       CASE WHEN g BETWEEN 4 AND 33 AND g % 4 <> 0 THEN 'Teaches since ' || (2010 + g % 10) END,
       TIMESTAMP '2018-01-01 09:00' + g * INTERVAL '3 days',
       CASE WHEN g % 3 = 0 THEN NULL ELSE TIMESTAMP '2025-06-01 12:00' + g * INTERVAL '1 hour' END
FROM generate_series(1, 590) AS g;

-- The same people signed up twice: 591-595 shouted their address (USER101@EXAMPLE.COM for user101@example.com),
-- 596-600 typed it exactly as before. The second accounts never bought anything.
INSERT INTO users (id, email, name, role, "hasStudentId", about, "createdAt", "lastLoginAt")
SELECT u.id + 490, CASE WHEN u.id <= 105 THEN upper(u.email) ELSE u.email END, u.name, u.role, u."hasStudentId", u.about,
       u."createdAt" + INTERVAL '400 days', NULL
FROM users u
WHERE u.id BETWEEN 101 AND 110;

SELECT setval(pg_get_serial_sequence('users', 'id'), 600);

INSERT INTO courses (id, "tutorId", title, slug, price, "isPublished", "createdAt")
SELECT g, 4 + (g - 1) % 30,
       (ARRAY['SQL', 'Java', 'Python', 'Statistics', 'Design'])[g % 5 + 1] || ' ' || ((g - 1) / 5 + 1),
       'course-' || g, 19.00 + (g % 5) * 10, g % 10 <> 0,
       TIMESTAMP '2019-03-01 10:00' + g * INTERVAL '9 days'
FROM generate_series(1, 40) AS g;
SELECT setval(pg_get_serial_sequence('courses', 'id'), 40);

-- five modules per course, four lessons per module: course c holds lessons 20c-19 … 20c
INSERT INTO modules (id, "courseId", title, position)
SELECT g, (g - 1) / 5 + 1, 'Module ' || ((g - 1) % 5 + 1), (g - 1) % 5 + 1
FROM generate_series(1, 200) AS g;
SELECT setval(pg_get_serial_sequence('modules', 'id'), 200);

INSERT INTO lessons (id, "moduleId", title, "durationMinutes", position, "videoUrl")
SELECT g, (g - 1) / 4 + 1, 'Lesson ' || ((g - 1) % 4 + 1), CASE WHEN g % 30 = 0 THEN NULL ELSE 5 + g % 25 END, (g - 1) % 4 + 1,
       'https://videos.example.com/lesson-' || g || '.mp4'
FROM generate_series(1, 800) AS g;
SELECT setval(pg_get_serial_sequence('lessons', 'id'), 800);

-- 1-1200: students 34-590 buying courses in turn (no one buys a course twice), every 25th refunded;
-- 1201-1206: the six tutors with a student profile; 1207: user 777, whose account was deleted in 2024.
INSERT INTO "coursePayments" (id, "userId", "courseId", amount, currency, "paidAt", status)
SELECT g, 34 + (g - 1) % 557, c.id, c.price, 'EUR', TIMESTAMP '2022-01-01 08:00' + g * INTERVAL '6 hours',
       CASE WHEN g % 25 = 0 THEN 'REFUNDED' ELSE 'PAID' END
FROM generate_series(1, 1200) AS g
JOIN courses c ON c.id = 1 + (g - 1) % 40;

INSERT INTO "coursePayments" (id, "userId", "courseId", amount, currency, "paidAt", status)
SELECT 1200 + t, 5 * t, c.id, c.price, 'EUR', TIMESTAMP '2023-05-01 08:00' + t * INTERVAL '1 day', 'PAID'
FROM generate_series(1, 6) AS t
JOIN courses c ON c.id = 10 + t;

INSERT INTO "coursePayments" (id, "userId", "courseId", amount, currency, "paidAt", status)
VALUES (1207, 777, 3, 39.00, 'EUR', TIMESTAMP '2023-11-17 21:42', 'PAID');
SELECT setval(pg_get_serial_sequence('"coursePayments"', 'id'), 1207);

-- payment p finished the first p % 5 lessons of its course; the deleted account's progress went with it
INSERT INTO "lessonProgress" (id, "userId", "lessonId", "completedAt", "watchedSeconds")
SELECT row_number() OVER (ORDER BY p.id, i), p."userId", (p."courseId" - 1) * 20 + i, p."paidAt" + i * INTERVAL '1 day', 300 + i * 17
FROM "coursePayments" p
CROSS JOIN LATERAL generate_series(1, p.id % 5) AS i
WHERE p.id <= 1206;
SELECT setval(pg_get_serial_sequence('"lessonProgress"', 'id'), 2411);

-- every fourth buyer left a review; every tenth of those wrote no text
INSERT INTO reviews (id, "userId", "courseId", rating, body, "createdAt")
SELECT p.id / 4, p."userId", p."courseId", 1 + (p.id / 4) % 5,
       CASE WHEN p.id % 40 = 0 THEN NULL ELSE 'Review of course ' || p."courseId" || ' by user ' || p."userId" END,
       p."paidAt" + INTERVAL '14 days'
FROM "coursePayments" p
WHERE p.id % 4 = 0 AND p.id <= 1206;
SELECT setval(pg_get_serial_sequence('reviews', 'id'), 301);

INSERT INTO events (id, "userId", kind, payload, "occurredAt")
SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE 1 + (g * 7) % 600 END,
       (ARRAY['page_view', 'video_play', 'quiz_submit', 'search'])[g % 4 + 1],
       jsonb_build_object('path', '/courses/course-' || (1 + g % 40), 'ms', g % 1000),
       TIMESTAMP '2025-01-01 00:00' + g * INTERVAL '17 minutes'
FROM generate_series(1, 3000) AS g;
SELECT setval(pg_get_serial_sequence('events', 'id'), 3000);

INSERT INTO sessions (token, "userId", "expiresAt", data)
SELECT md5('session-' || g), 33 + g, TIMESTAMP '2026-12-01 00:00' + g * INTERVAL '1 hour', '{"cart":[]}'
FROM generate_series(1, 150) AS g;
