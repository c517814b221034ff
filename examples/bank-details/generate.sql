-- generate.sql: fills the legacy accounts table (V1) with :rows accounts, the same rows for the same
-- count (generate_series, no random()). With psql:
--   psql -v ON_ERROR_STOP=1 -v rows=100000 -d bank -f examples/bank-details/generate.sql
-- (or put the number in place of :rows and run it with any SQL client).
--
-- Account g gets its legacy swift_bic_iban from g % 50, so every 50 accounts hold:
--   0–15   an IBAN in electronic form            DE89370400440532013000
--   16–20  an IBAN printed in groups of four     DE89 3704 0044 0532 0130 00
--   21–22  an IBAN in lower case                 de89370400440532013000
--   23–24  an IBAN in lower case, in groups      de89 3704 0044 0532 0130 00
--   25–31  a SWIFT/BIC of 8 characters           DEUTDEFF
--   32–36  a SWIFT/BIC of 11 characters          DEUTDEFF500
--   37     a SWIFT/BIC in lower case             deutdeff
--   38     a SWIFT/BIC of 11 with spaces around  ' DEUTDEFF500 '
--   39–43  NULL
--   44–45  '' (empty)
--   46     spaces only
--   47–48  junk: 'n/a', 'TBD', 'see paper file', '0', '-', 'ask the holder', 'IBAN to follow', 'DE89 3704'
--   49     an IBAN with a typo: its last digit one higher, which the mod-97 check catches
-- The IBANs are German, French, Dutch and British by turns ((g / 50) % 4), each with check digits
-- computed here as ISO 13616 says (98 minus the mod-97 remainder), so they are real-looking and valid.
-- README.md has the counts this makes for 100,000 rows.
INSERT INTO accounts (id, holder_name, opened_on, swift_bic_iban)
SELECT g,
       (ARRAY['Anna', 'Ben', 'Chloé', 'David', 'Emma', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jan'])[g % 10 + 1] || ' '
           || (ARRAY['Schmidt', 'Martin', 'de Vries', 'Smith', 'Müller', 'Dubois', 'Jansen'])[g % 7 + 1],
       date '2009-01-01' + (g % 5000)::int,
       CASE WHEN k <= 15 THEN iban
            WHEN k <= 20 THEN grouped
            WHEN k <= 22 THEN lower(iban)
            WHEN k <= 24 THEN lower(grouped)
            WHEN k <= 31 THEN bic8
            WHEN k <= 36 THEN bic8 || branch
            WHEN k = 37 THEN lower(bic8)
            WHEN k = 38 THEN ' ' || bic8 || branch || ' '
            WHEN k <= 43 THEN NULL
            WHEN k <= 45 THEN ''
            WHEN k = 46 THEN '   '
            WHEN k <= 48 THEN (ARRAY['n/a', 'TBD', 'see paper file', '0', '-', 'ask the holder', 'IBAN to follow', 'DE89 3704'])[(g / 50) % 8 + 1]
            ELSE left(iban, -1) || ((right(iban, 1)::int + 1) % 10)::text
       END
  FROM generate_series(1::bigint, :rows) AS g,
       LATERAL (SELECT g % 50 AS k, (g / 50) % 4 AS country_no) AS pick,
       LATERAL (SELECT (ARRAY['DE', 'FR', 'NL', 'GB'])[country_no + 1] AS country,
                       CASE country_no
                           WHEN 0 THEN lpad((g * 7919 % 100000000)::text, 8, '0') || lpad(g::text, 10, '0')
                           WHEN 1 THEN lpad((g * 104729 % 10000000000)::text, 10, '0') || lpad(g::text, 11, '0') || lpad((g % 97)::text, 2, '0')
                           WHEN 2 THEN (ARRAY['ABNA', 'INGB', 'RABO', 'TRIO'])[g % 4 + 1] || lpad(g::text, 10, '0')
                           ELSE (ARRAY['NWBK', 'BARC', 'HBUK', 'LOYD'])[g % 4 + 1] || lpad((g * 31 % 1000000)::text, 6, '0') || lpad(g::text, 8, '0')
                       END AS bban) AS account,
       -- the check digits: the BBAN, the country and 00, letters as numbers (A = 10 … Z = 35), mod 97
       LATERAL (SELECT lpad((98 - (SELECT string_agg(CASE WHEN ch BETWEEN 'A' AND 'Z' THEN (ascii(ch) - 55)::text ELSE ch END, '' ORDER BY i)
                                     FROM generate_series(1, length(bban) + 4) AS i,
                                          substr(bban || country || '00', i, 1) AS ch)::numeric % 97)::text, 2, '0') AS check_digits) AS checked,
       LATERAL (SELECT country || check_digits || bban AS iban) AS electronic,
       LATERAL (SELECT rtrim(regexp_replace(iban, '(.{4})', '\1 ', 'g')) AS grouped,
                       (ARRAY['DEUT', 'COBA', 'BNPA', 'SOGE', 'ABNA', 'INGB', 'NWBK', 'BARC'])[g % 8 + 1] || country
                           || (ARRAY['FF', 'MM', 'PP', '2L', '22', '2X'])[g % 6 + 1] AS bic8,
                       (ARRAY['500', 'XXX', '123', 'B01'])[g % 4 + 1] AS branch) AS printed
 ORDER BY g;
