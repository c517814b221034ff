-- V2: a column for each kind of bank detail, and the IBAN check that the data migration D1 and
-- checks.yaml use. The old swift_bic_iban stays until D1 has moved its values (V3 drops it).
ALTER TABLE accounts
    ADD COLUMN iban_number      varchar(34),
    ADD COLUMN swift_bic_number varchar(11);

-- ISO 13616: an IBAN in its electronic form (no spaces, upper case) is a country code, two check digits
-- and 11 to 30 letters or digits. Move the first four characters to the end, read every letter as a
-- two-digit number (A = 10 … Z = 35), and the integer this spells, divided by 97, leaves 1.
-- That integer runs to 70 digits; rather than build it (as numeric), the remainder is carried along one
-- digit at a time, as ISO 7064 computes MOD 97-10: the same answer, and twice as fast on a large table.
-- A value not shaped like an IBAN is false; NULL gives NULL.
CREATE FUNCTION iban_is_valid(iban text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    rearranged text;
    ch         text;
    remainder  int := 0;
BEGIN
    IF iban !~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$' THEN
        RETURN false;
    END IF;
    rearranged := substr(iban, 5) || left(iban, 4);
    FOR i IN 1 .. length(rearranged) LOOP
        ch := substr(rearranged, i, 1);
        IF ch BETWEEN 'A' AND 'Z' THEN
            remainder := (remainder * 100 + ascii(ch) - 55) % 97;   -- a letter is two digits: A = 10, Z = 35
        ELSE
            remainder := (remainder * 10 + ascii(ch) - 48) % 97;
        END IF;
    END LOOP;
    RETURN remainder = 1;
END
$$;
