CREATE INDEX app_users_email ON app_users (email);
