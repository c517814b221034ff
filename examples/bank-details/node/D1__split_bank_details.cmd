# The same transform as migrations/data/D1__split_bank_details.sql, in Node: the script of
# examples/node-data-migration (npm ci there first), run from the repository's root, where bin/ferry is.
# Ferry gives it the database, FERRY_RESUME_AFTER and FERRY_BATCH_SIZE in its environment and reads its
# records and checkpoints from its stdout (docs/data-migrations.md).
# ferry:batch size=10000
node examples/node-data-migration/scripts/classify.js
