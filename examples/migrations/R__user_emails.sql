-- Repeatable: applied again whenever its content changes, after the versioned ones.
CREATE OR REPLACE VIEW user_emails AS SELECT id, email FROM users;
