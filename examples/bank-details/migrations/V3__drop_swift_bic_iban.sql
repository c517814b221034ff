-- V3: the old field goes, once `ferry data run` has moved its values (D1).
--
-- Dropped too early, the column would take every bank detail with it, so this migration first makes
-- sure that D1 has completed on this database (Ferry records it in ferry_data_history), and stops
-- otherwise: `ferry migrate` then exits 4 and nothing has changed.
DO $$
BEGIN
    IF to_regclass('ferry_data_history') IS NULL THEN
        RAISE EXCEPTION 'swift_bic_iban is not dropped: the data migration D1 (split bank details) has not run on this database;'
            ' run ferry data run first, then ferry migrate (examples/bank-details/README.md)';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM ferry_data_history WHERE id = '1' AND status = 'COMPLETED') THEN
        RAISE EXCEPTION 'swift_bic_iban is not dropped: the data migration D1 (split bank details) has not completed on this database;'
            ' ferry data status shows where it stands, ferry data run finishes it, then ferry migrate';
    END IF;
END
$$;

-- The values D1 could not classify (its errors) are kept in a table of their own, so that dropping the
-- column loses nothing: someone can still look them up and type in the right IBAN or SWIFT/BIC.
-- "Empty" is what D1 calls empty: nothing left once the spaces are taken out.
CREATE TABLE accounts_unclassified_bank_details (
    account_id     bigint PRIMARY KEY REFERENCES accounts (id),
    swift_bic_iban text NOT NULL
);
INSERT INTO accounts_unclassified_bank_details (account_id, swift_bic_iban)
SELECT id, swift_bic_iban
  FROM accounts
 WHERE iban_number IS NULL AND swift_bic_number IS NULL
   AND regexp_replace(swift_bic_iban, '\s', '', 'g') <> '';

ALTER TABLE accounts DROP COLUMN swift_bic_iban;
