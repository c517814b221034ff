# Sorts accounts.swift_bic_iban into iban_number and swift_bic_number: scripts/classify.js, in Node.
# Ferry runs this line in the project's directory (where ferry.yaml is), without a shell, with the
# database in FERRY_DATABASE_URL; see docs/data-migrations.md in Ferry for the protocol.
# ferry:batch size=1000
node scripts/classify.js
