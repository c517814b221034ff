-- Flyway naming: V<version>__<description>.sql, applied once in version order.
CREATE TABLE users (
    id BIGINT PRIMARY KEY,
    email VARCHAR(200) NOT NULL UNIQUE
);
