-- The copy benchmark's customers table in MariaDB, the same rows as customers.sql makes in PostgreSQL
-- (payload as JSON, created_at as DATETIME(6) in UTC), for MariaDB → PostgreSQL copies.
-- { echo "SET @rows = 5000000;"; cat customers-mariadb.sql; } | mariadb DB   (the Sequence engine gives the rows)
DROP TABLE IF EXISTS customers;
CREATE TABLE customers (
  id bigint PRIMARY KEY,
  email varchar(255),
  full_name varchar(255),
  created_at datetime(6),
  amount decimal(12,2),
  status varchar(16),
  payload json
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
SET @sql = CONCAT('INSERT INTO customers SELECT seq, CONCAT(''user'', seq, ''@example'', seq % 97, ''.com''),',
  ' CONCAT(ELT(1 + seq % 8, ''Alice'',''Bob'',''Carol'',''Dave'',''Erin'',''Frank'',''Grace'',''Heidi''), '' '',',
  ' ELT(1 + seq % 9, ''Smith'',''Jones'',''Brown'',''Taylor'',''Wilson'',''Evans'',''Thomas'',''Roberts'',''Walker''), ''-'', seq % 1000),',
  ' TIMESTAMP ''2015-01-01 00:00:00'' + INTERVAL (seq * 61) SECOND, ROUND((seq % 100000) * 1.37 + 0.01, 2),',
  ' ELT(1 + seq % 4, ''active'',''inactive'',''pending'',''closed''),',
  ' JSON_OBJECT(''v'', 1, ''tags'', JSON_ARRAY(CONCAT(''t'', seq % 13), CONCAT(''t'', seq % 7)),',
  ' ''addr'', JSON_OBJECT(''city'', CONCAT(''City'', seq % 500), ''zip'', LPAD(seq % 99999, 5, ''0'')),',
  ' ''score'', seq % 1000, ''ref'', CONCAT(''ORD-'', LPAD(seq, 10, ''0'')), ''note'', MD5(seq))',
  ' FROM seq_1_to_', @rows);
PREPARE fill FROM @sql;
EXECUTE fill;
DEALLOCATE PREPARE fill;
ANALYZE TABLE customers;
