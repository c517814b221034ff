-- V1: the legacy accounts table as the old back office made it. One free-text field holds whatever
-- the clerk typed into "SWIFT/BIC or IBAN": an IBAN (printed in groups of four, or in lower case), a
-- SWIFT/BIC code, nothing, or a note such as 'n/a'. V2 adds a column for each kind, the data migration
-- D1 sorts the values into them, and V3 drops this field.
CREATE TABLE accounts (
    id             bigint PRIMARY KEY,
    holder_name    text NOT NULL,
    opened_on      date NOT NULL,
    swift_bic_iban text
);
