-- D1's verify: `ferry data run` runs it once the last batch has committed; each row it returns is an
-- account that D1 left wrong, and D1 is then FAILED with the first few of them (no rows: passed).
-- An account is wrong when its legacy value is an IBAN or a SWIFT/BIC (in electronic form) that its new
-- column does not hold, or when a new column holds anything else. The likely cause is an account that the
-- application wrote while D1 ran, after D1's batch had passed its id. D1 can safely run again from the
-- start: `ferry data reset 1`, then `ferry data run`.
SELECT id, swift_bic_iban, iban_number, swift_bic_number
  FROM (SELECT id, swift_bic_iban, iban_number, swift_bic_number,
               upper(regexp_replace(coalesce(swift_bic_iban, ''), '\s', '', 'g')) AS value
          FROM accounts) AS electronic
 WHERE iban_number IS DISTINCT FROM CASE WHEN iban_is_valid(value) THEN value END
    OR swift_bic_number IS DISTINCT FROM CASE WHEN value ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$' THEN value END
 ORDER BY id;
