CREATE TABLE customers (
    id    bigint PRIMARY KEY,
    email text NOT NULL,
    name  text NOT NULL
);

CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers,
    total       numeric(10, 2) NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
