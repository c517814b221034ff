// ServeDashboardIT's browser: drives the ferry serve dashboard in Debian's headless chromium with
// playwright-core, as an operator would, and fails (exit 1) at the first thing that is not as it should be.
// It knows the workspace the test made: V1 "accounts" applied, V2 "notes" pending, and D1 "classify
// accounts", a slow batched data migration of 20,000 rows. Everything comes by environment, never argv.
'use strict';

const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(name + ' is not set');
  return value;
}

const base = env('FERRY_DASHBOARD_URL');
const runKey = env('FERRY_RUN_KEY');
const readKey = env('FERRY_READ_KEY');
const D1 = '#data tbody tr[data-id="1"]';

async function step(name, work) {
  const started = Date.now();
  await work();
  console.log('ok ' + name + ' (' + (Date.now() - started) + ' ms)');
}

/** Waits until the message box says `text`, and answers what it says. */
async function message(page, text) {
  await page.waitForFunction(t => !document.getElementById('message').hidden
    && document.getElementById('message').textContent.includes(t), text, { timeout: 30000 });
  return page.textContent('#message');
}

async function enterKey(page, key) {
  await page.waitForSelector('#key-form:not([hidden])');
  await page.fill('#key', key);
  await page.click('#key-submit');
}

/** The D1 row as the page shows it: status, its bar's value, and its counts. */
function d1(page) {
  return page.$eval(D1, row => {
    const bar = row.querySelector('progress');
    const cells = row.querySelectorAll('td.num');
    return { status: row.dataset.status, value: bar.hasAttribute('value') ? bar.value : null, role: bar.matches('progress'),
      migrated: cells[0].textContent, skipped: cells[1].textContent, errors: cells[2].textContent };
  });
}

async function main() {
  const outside = [];
  const problems = [];
  const context = await chromium.launchPersistentContext(env('FERRY_PROFILE'), {
    executablePath: env('FERRY_CHROMIUM'),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    // the dashboard must work with no network: anything but the server itself is refused and counted
    await context.route('**/*', route => {
      const url = route.request().url();
      if (url.startsWith(base + '/')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', error => problems.push('script error: ' + error.message));
    page.on('console', m => {
      if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push('CSP: ' + m.text());
    });

    await step('the key form comes first', async () => {
      await page.goto(base + '/');
      await page.waitForSelector('#key-form:not([hidden])');
      assert.equal(await page.isHidden('#dashboard'), true, 'the dashboard waits for a key');
      assert.equal(await page.getAttribute('#key', 'type'), 'password');
    });

    await step('a wrong key is refused plainly', async () => {
      await enterKey(page, 'not-a-key-of-this-server-0000');
      console.log('said: ' + await message(page, 'not accepted'));
      await page.waitForSelector('#key-form:not([hidden])');
    });

    await step('a read key sees the lists, and its Run is refused with 403', async () => {
      await enterKey(page, readKey);
      await page.waitForSelector(D1);
      await page.click(D1 + ' button[data-action=run]');
      console.log('said: ' + await message(page, 'can only read'));
      assert.equal(await page.$('dialog#confirm[open]'), null, 'no dialog for a refused dry run');
      await page.click('#forget-key');
      await page.waitForSelector('#key-form:not([hidden])');
      assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'Forget key empties the session');
    });

    await step('the run key shows the schema migrations with their states', async () => {
      await enterKey(page, runKey);
      await page.waitForSelector('#schema tbody tr[data-version="2"]');
      const rows = await page.$$eval('#schema tbody tr', trs => trs.map(tr => tr.dataset.version + ' ' + tr.cells[1].textContent
        + ' ' + tr.querySelector('[data-state]').dataset.state));
      assert.deepEqual(rows, ['1 accounts APPLIED', '2 notes PENDING']);
      assert.equal(await page.textContent(D1 + ' td:nth-child(2)'), 'classify accounts');
      assert.deepEqual(await d1(page), { status: 'PENDING', value: 0, role: true, migrated: '0', skipped: '0', errors: '0' });
      assert.match(await page.textContent('#backups tbody tr[data-backup]'), /never$/, 'the backup, never verified');
    });

    await step('a dry run of the pending data migrations shows its result and changes nothing', async () => {
      await page.click('#data-dry');
      await page.waitForFunction(() => document.getElementById('live').dataset.state === 'completed'
        && document.getElementById('live-title').textContent.includes('dry run'), null, { timeout: 60000 });
      const log = await page.textContent('#live-log');
      assert.match(log, /D1/, 'the dry run\'s log names D1');
      console.log('dry run log: ' + log.split('\n').slice(0, 3).join(' | '));
      await page.waitForSelector('#data-run:not([disabled])');
      assert.equal((await d1(page)).status, 'PENDING');
    });

    await step('Run shows the dry run in a dialog first; Run it starts the real job', async () => {
      await page.click('#data-run');
      await page.waitForSelector('dialog#confirm[open]', { timeout: 60000 });
      assert.match(await page.textContent('#confirm-title'), /^Run the pending data migrations\?$/);
      assert.match(await page.textContent('#confirm-summary'), /dry run completed/);
      assert.match(await page.textContent('#confirm-counts'), /D1 classify accounts/);
      assert.match(await page.textContent('#confirm-log'), /D1/);
      assert.equal(await page.$$eval('#jobs details[data-dry-run="false"]', d => d.length), 0, 'nothing ran for real before Run it');
      await page.click('#confirm-run');
    });

    const seen = [];
    await step('the data migration\'s progress bar goes up and reaches 100%', async () => {
      const deadline = Date.now() + 120000;
      for (;;) {
        const now = await d1(page);
        if (now.value !== null && seen[seen.length - 1] !== now.value) seen.push(now.value);
        if (now.status === 'COMPLETED') break;
        assert.ok(Date.now() < deadline, 'D1 did not complete in 120 s; last seen ' + JSON.stringify(now));
        await page.waitForTimeout(25);
      }
      console.log('progress seen: ' + seen.join(' '));
      assert.ok(seen.some(v => v > 0 && v < 100), 'a value between 0 and 100 was seen on the way');
      const done = await d1(page);
      assert.deepEqual(done, { status: 'COMPLETED', value: 100, role: true, migrated: '15,000', skipped: '5,000', errors: '0' });
    });

    await step('the job is in recent jobs with its state, key name and log', async () => {
      const job = '#jobs details[data-kind="data run"][data-dry-run="false"][data-state="completed"]';
      await page.waitForSelector(job);
      assert.equal(await page.textContent(job + ' .key-name'), 'ops');
      assert.equal(await page.isVisible(job + ' pre.log'), false, 'the log is folded until asked for');
      await page.click(job + ' summary');
      assert.match(await page.textContent(job + ' pre.log'), /D1/);
      assert.ok(await page.isVisible(job + ' pre.log'));
    });

    await step('the key is kept in the session only, never in the page, a URL or localStorage', async () => {
      const html = await page.evaluate(() => document.documentElement.outerHTML);
      assert.ok(!html.includes(runKey) && !html.includes(readKey), 'a key in the page\'s HTML');
      assert.ok(!page.url().includes(runKey));
      assert.equal(await page.evaluate(() => localStorage.length), 0);
      assert.equal(await page.evaluate(() => sessionStorage.getItem('ferry.apiKey')), runKey);
    });

    await step('a screenshot', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: env('FERRY_SCREENSHOT'), fullPage: true });
    });

    assert.deepEqual(outside, [], 'requests to anywhere but the server');
    assert.deepEqual(problems, [], 'script errors or Content-Security-Policy refusals');
    console.log('dashboard: all steps passed');
  } finally {
    await context.close();
  }
}

main().catch(error => {
  console.error('dashboard: FAILED: ' + (error && error.stack || error));
  process.exit(1);
});
