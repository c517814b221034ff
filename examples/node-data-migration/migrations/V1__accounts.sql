-- Accounts with their bank details in one legacy column, as many old schemas keep them: an IBAN (some
-- written with spaces or in lower case), a SWIFT/BIC code, something else, or nothing. The data
-- migration D1 sorts each value into iban_number or swift_bic_number.
CREATE TABLE accounts (
    id               bigint PRIMARY KEY,
    holder           text NOT NULL,
    swift_bic_iban   text,
    iban_number      text,
    swift_bic_number text
);

-- 10,000 accounts, the ten kinds of value below in turn, so that the counts are known:
-- 4,000 IBANs, 3,000 SWIFT/BIC codes, 2,000 errors (junk, a wrong IBAN check digit), 1,000 empty.
INSERT INTO accounts (id, holder, swift_bic_iban)
SELECT g, 'holder ' || g, (ARRAY[
        'DE89370400440532013000',          -- IBAN
        'de89 3704 0044 0532 0130 00',     -- IBAN, with spaces, in lower case
        'GB82 WEST 1234 5698 7654 32',     -- IBAN
        'FR7630006000011234567890189',     -- IBAN
        'DEUTDEFF',                        -- SWIFT/BIC, 8 characters
        'DEUTDEFF500',                     -- SWIFT/BIC, 11 characters
        'nwbkgb2l',                        -- SWIFT/BIC, in lower case
        'GB82WEST12345698765433',          -- shaped like an IBAN, but its check digits are wrong
        'n/a',                             -- neither
        NULL                               -- nothing
    ])[1 + (g - 1) % 10]
  FROM generate_series(1, 10000) AS g;
