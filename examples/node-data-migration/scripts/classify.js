'use strict';
// A Ferry data migration in Node.js. `ferry data run` starts it (migrations/data/D1__classify_accounts.cmd)
// with the database and where to begin in its environment, and reads what it did from its stdout, one
// JSON object a line. Ferry keeps the state, the lock, the per-record log and the resumption; this
// script keeps to its job: it sorts each account's legacy bank details into iban_number or
// swift_bic_number.
//
// The rules of the protocol that this script follows (docs/data-migrations.md in Ferry):
// - it pages by key from FERRY_RESUME_AFTER (empty on a fresh start), FERRY_BATCH_SIZE rows at a time;
// - each batch is one transaction of its own, committed (rolled back when FERRY_DRY_RUN is 1) BEFORE it
//   prints the batch's records and then its checkpoint: Ferry records the checkpoint after the commit;
// - a batch is harmless to do twice: if Ferry is killed after this commit and before it recorded the
//   checkpoint, the next run does the batch again, and the UPDATE sets the same values again;
// - anything for people goes to stderr; stdout holds protocol lines only;
// - when Ferry is gone (stdin ends, or stdout is closed) it stops at once.
const { once } = require('events');
const { Client } = require('pg');

const batchSize = Number(process.env.FERRY_BATCH_SIZE || 10000);
const dryRun = process.env.FERRY_DRY_RUN === '1';
const resumeAfter = process.env.FERRY_RESUME_AFTER || null;

// Ferry holds stdin open and never writes to it: its end means Ferry was stopped (even by kill -9).
// The transaction in flight, if any, is rolled back by the server when the connection drops.
process.stdin.on('end', () => process.exit(2));
process.stdin.resume();
process.stdout.on('error', () => process.exit(2));

// One protocol line. When the pipe to Ferry is full, wait until Ferry has read it: the script then stays
// a pipe's worth ahead of Ferry, so Ferry's --max-rows-per-second and --max-errors hold it back.
async function send(message) {
  if (!process.stdout.write(JSON.stringify(message) + '\n')) {
    await once(process.stdout, 'drain');
  }
}

const IBAN = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;
const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

// ISO 13616: the country and check digits moved to the end, letters as numbers (A = 10), mod 97 is 1.
function ibanCheckDigitsHold(iban) {
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) {
    rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** What one legacy value is: { iban } or { swift }, or { error } saying why it is neither. */
function classify(value) {
  const v = value.replace(/\s+/g, '').toUpperCase();
  if (IBAN.test(v)) {
    return ibanCheckDigitsHold(v) ? { iban: v } : { error: 'shaped like an IBAN, but its check digits are wrong (ISO 13616 mod 97)' };
  }
  if (BIC.test(v)) {
    return { swift: v };
  }
  return { error: 'neither an IBAN (ISO 13616) nor a SWIFT/BIC code (ISO 9362)' };
}

async function main() {
  const client = new Client({ connectionString: process.env.FERRY_DATABASE_URL, application_name: 'classify.js' });
  await client.connect();
  const { rows: [{ count }] } = await client.query(
    'SELECT count(*)::bigint AS count FROM accounts WHERE $1::bigint IS NULL OR id > $1::bigint', [resumeAfter]);
  console.error(`classifying ${count} accounts after ${resumeAfter || 'the start'}, ${batchSize} a batch${dryRun ? ' (dry run)' : ''}`);
  let after = resumeAfter;
  let done = 0;
  for (;;) {
    const { rows } = await client.query(
      // node-pg gives a bigint as a string: the key is passed back as written, never rounded
      'SELECT id, swift_bic_iban FROM accounts WHERE $1::bigint IS NULL OR id > $1::bigint ORDER BY id LIMIT $2',
      [after, batchSize]);
    if (rows.length === 0) {
      break;
    }
    const ids = [];
    const ibans = [];
    const swifts = [];
    const records = [];
    for (const row of rows) {
      const key = Number(row.id);
      if (row.swift_bic_iban === null || row.swift_bic_iban.trim() === '') {
        records.push({ key, outcome: 'skipped', reason: 'no bank details' });
        continue;
      }
      const found = classify(row.swift_bic_iban);
      if (found.error) {
        records.push({ key, outcome: 'error', reason: found.error });
        continue;
      }
      ids.push(row.id);
      ibans.push(found.iban || null);
      swifts.push(found.swift || null);
      records.push({ key, outcome: 'migrated', reason: found.iban ? 'IBAN' : 'SWIFT/BIC' });
    }
    await client.query('BEGIN');
    try {
      await client.query(
        `UPDATE accounts AS a SET iban_number = v.iban, swift_bic_number = v.swift
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, iban, swift)
          WHERE a.id = v.id`, [ids, ibans, swifts]);
      await client.query(dryRun ? 'ROLLBACK' : 'COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    }
    after = rows[rows.length - 1].id;
    done += rows.length;
    for (const record of records) {
      await send({ record });
    }
    await send({ checkpoint: { key: after, processed: rows.length } });
    await send({ progress: { done, total: Number(count) } });
  }
  await send({ note: `classified ${done} accounts` });
  await client.end();
  // stdin, watched above, would keep Node running; not process.exit(), which can drop output not yet written
  process.stdin.destroy();
}

main().catch((e) => {
  console.error(`classify.js failed: ${e.message}`);
  process.exit(1);
});
