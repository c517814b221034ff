-- The undo script of V1, run by `ferry undo`.
DROP TABLE users;
