-- ferry:batch table=accounts key=id size=10000
-- D1: sorts each account's legacy swift_bic_iban into iban_number or swift_bic_number, 10,000 accounts
-- a batch, each batch committed together with its checkpoint.
--
-- The value is first put in its electronic form (spaces out, upper case), then classified once:
--   IBAN       it passes iban_is_valid (ISO 13616: the IBAN shape and the mod-97 check, see V2)
--   SWIFT/BIC  it has ISO 9362's shape: 4 letters of bank, 2 of country, 2 letters or digits of place,
--              and 3 of branch or none (8 or 11 characters)
--   empty      NULL, '' or spaces only
--   otherwise  an error, with a reason saying what it looked like
-- RETURNING gives Ferry the outcome of each account for its per-record log (reports/data/D1.jsonl): the
-- key first, then outcome ('migrated', 'skipped' or 'error') and reason (Ferry logs it for the skipped
-- and failed ones). Every row of the range is updated, so that the log has a line for each; the columns
-- of a skipped or failed account stay NULL. An error does not stop the run until there are more than
-- --max-errors of them. D1__split_bank_details.verify.sql checks the table after the last batch.
UPDATE accounts a
   SET iban_number      = CASE WHEN v.kind = 'IBAN' THEN v.value END,
       swift_bic_number = CASE WHEN v.kind = 'SWIFT/BIC' THEN v.value END
  FROM (SELECT id, value,
               CASE WHEN value = '' THEN 'empty'
                    WHEN iban_is_valid(value) THEN 'IBAN'
                    WHEN value ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$' THEN 'SWIFT/BIC'
                    WHEN value ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$' THEN 'an IBAN whose check digits are wrong (mod-97 check failed)'
                    ELSE 'neither an IBAN nor a SWIFT/BIC'
               END AS kind
          FROM (SELECT id, upper(regexp_replace(coalesce(swift_bic_iban, ''), '\s', '', 'g')) AS value
                  FROM accounts
                 WHERE id >= :from AND id < :to) AS electronic) AS v
 WHERE a.id = v.id
   AND a.id >= :from AND a.id < :to   -- the range again, so that PostgreSQL reads only it, not the whole table
RETURNING a.id,
          CASE WHEN v.kind IN ('IBAN', 'SWIFT/BIC') THEN 'migrated' WHEN v.kind = 'empty' THEN 'skipped' ELSE 'error' END AS outcome,
          v.kind AS reason;
