// The dashboard of `ferry serve`: the API's own JSON, shown and acted on. No framework, no build step,
// nothing fetched from elsewhere (the server's Content-Security-Policy allows only its own files).
// The key lives in sessionStorage (this tab, until it closes) and travels only in the Authorization
// header: never in a URL, never in localStorage, never written into the page.
'use strict';

const KEY = 'ferry.apiKey';
const $ = id => document.getElementById(id);
const state = { following: null, active: null, data: null, dataLoadedAt: 0 };

/** An answer other than 2xx: its status and the server's JSON body ({error, status, job}). */
class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : 'the server answered ' + status);
    this.status = status;
    this.body = body || {};
  }
}

function headers(extra) {
  return Object.assign({ Authorization: 'Bearer ' + sessionStorage.getItem(KEY) }, extra);
}

async function api(method, path) {
  const response = await fetch(path, { method, headers: headers({ Accept: 'application/json' }), cache: 'no-store' });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

/** Builds an element; children are nodes or text (never parsed as HTML). */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('data-') || name.startsWith('aria-')) node.setAttribute(name, value);
    else node[name] = value;
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const number = n => Number(n || 0).toLocaleString('en-US');
const badge = text => el('span', { class: 'state state-' + String(text).toLowerCase(), 'data-state': text }, text);

function elapsed(ms) {
  if (ms < 1000) return ms + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
}

function size(bytes) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  for (; bytes >= 1000 && i < units.length - 1; i++) bytes /= 1000;
  return (i === 0 ? bytes : bytes.toFixed(1)) + ' ' + units[i];
}

/** What a job is, as a person reads it: "data migration D1 — dry run". */
function title(job) {
  const what = {
    migrate: 'schema migrations',
    'data run': job.subject ? 'data migration ' + job.subject : 'pending data migrations',
    'data skip': 'skip ' + job.subject,
    'data reset': 'reset ' + job.subject,
    'backup verify': 'verify backup ' + job.subject,
  }[job.kind] || job.kind;
  return what + (job.dryRun ? ' — dry run' : '');
}

/* ---------- messages and the key ---------- */

function say(text, kind) {
  const box = $('message');
  box.textContent = text || '';
  box.className = 'message ' + (kind || 'error');
  box.hidden = !text;
}

/** 401, 403, 409 and 429 said plainly; a 401 also forgets the key. */
function report(error) {
  const said = error.body && error.body.error ? ' The server said: ' + error.body.error : '';
  switch (error.status) {
    case 401:
      if (!sessionStorage.getItem(KEY)) return undefined; // forgotten while a request was on its way
      forget();
      return say('This key is not accepted (401): enter a key the server was started with.');
    case 403:
      return say('This key can only read (403): running needs a key with the run role.' + said);
    case 409:
      say('Job ' + error.body.job + ' is running (409): one job runs at a time, so this page follows it; try again when it has ended.', 'info');
      return state.following ? undefined : follow(error.body.job);
    case 429:
      return say('Too many failed key attempts from this address (429): wait a minute, then try again.');
    default:
      return say(error instanceof ApiError ? error.message : 'Cannot reach the server: ' + error.message);
  }
}

function forget() {
  sessionStorage.removeItem(KEY);
  $('dashboard').hidden = true;
  $('forget-key').hidden = true;
  $('key-form').hidden = false;
  $('database').textContent = '';
  $('key').focus();
}

async function enter() {
  $('key-form').hidden = true;
  try {
    await loadSchema(); // one request first: a wrong key fails once, not four times
  } catch (error) {
    return report(error);
  }
  $('dashboard').hidden = false;
  $('forget-key').hidden = false;
  await refresh();
  const running = (await api('GET', '/api/jobs').catch(() => ({ jobs: [] }))).jobs.find(j => j.state === 'running');
  if (running && !state.following) follow(running.id);
}

/* ---------- the lists ---------- */

async function refresh() {
  const loads = [loadSchema, loadData, loadJobs, loadBackups].map(load => load().catch(report));
  await Promise.all(loads);
}

async function loadSchema() {
  const status = await api('GET', '/api/migrations');
  $('database').textContent = status.url;
  $('schema-version').textContent = 'at version ' + (status.schemaVersion || 'none');
  const warning = status.unmanaged ? status.unmanaged.message + ' Hint: ' + status.unmanaged.hint : '';
  $('schema-warning').textContent = warning;
  $('schema-warning').hidden = !warning;
  $('schema').tBodies[0].replaceChildren(...status.migrations.map(m => el('tr', { 'data-version': m.version || m.script },
    el('td', null, m.version || 'R'), el('td', null, m.description, m.detail ? el('div', { class: 'muted' }, m.detail) : null),
    el('td', null, badge(m.state)), el('td', { class: 'muted' }, m.installedAt ? new Date(m.installedAt).toLocaleString() : ''))));
}

async function loadData() {
  state.dataLoadedAt = Date.now();
  state.data = await api('GET', '/api/data');
  renderData();
}

/** The bar of a data migration: the running job's progress for it, else 100% when COMPLETED, else its processed count. */
function progressOf(m) {
  const a = state.active;
  if (a && a.id === m.id) {
    const of = a.total > 0 ? ' of ' + number(a.total) : '';
    return { status: 'RUNNING', percent: a.percent, text: (a.percent === null ? '' : a.percent + '% · ') + number(a.done) + of };
  }
  if (m.status === 'COMPLETED') return { status: m.status, percent: 100, text: '100% · ' + number(m.processed) + ' processed' };
  return { status: m.status, percent: 0, text: m.processed ? number(m.processed) + ' processed' : 'not started' };
}

function renderData() {
  if (!state.data) return;
  $('data').tBodies[0].replaceChildren(...state.data.migrations.map(m => {
    const p = progressOf(m);
    const bar = el('progress', { max: 100, 'aria-label': 'D' + m.id + ' progress', 'data-percent': p.percent });
    if (p.percent !== null) bar.value = p.percent;
    const errors = el('td', { class: 'num errors' + (m.errors > 0 ? ' has-errors' : ''), 'data-errors': m.errors }, number(m.errors));
    return el('tr', { 'data-id': m.id, 'data-status': p.status },
      el('td', null, 'D' + m.id), el('td', null, m.description, m.detail ? el('div', { class: 'muted' }, m.detail) : null),
      el('td', { class: 'status' }, badge(p.status)),
      el('td', { class: 'wide' }, bar, el('span', { class: 'muted progress-text' }, p.text)),
      el('td', { class: 'num' }, number(m.migrated)), el('td', { class: 'num' }, number(m.skipped)), errors,
      el('td', { class: 'actions' },
        el('button', { type: 'button', 'data-action': 'dry', 'data-target': 'data', 'data-id': m.id, 'aria-label': 'Dry run D' + m.id }, 'Dry run'),
        el('button', { type: 'button', 'data-action': 'run', 'data-target': 'data', 'data-id': m.id, 'aria-label': 'Run D' + m.id,
          class: 'primary' }, 'Run')));
  }));
  busy(Boolean(state.following));
}

async function loadJobs() {
  const open = new Set([...document.querySelectorAll('#jobs details[open]')].map(d => d.dataset.jobId));
  const { jobs } = await api('GET', '/api/jobs');
  $('jobs').replaceChildren(...(jobs.length ? jobs.map(job => el('details', { class: 'job', open: open.has(job.id), 'data-job-id': job.id,
    'data-state': job.state, 'data-kind': job.kind, 'data-dry-run': String(job.dryRun) },
  el('summary', null, badge(job.state), ' ', el('strong', null, title(job)),
    el('span', { class: 'muted' }, ' · key ', el('span', { class: 'key-name' }, job.key), ' · ', elapsed(job.elapsedMs),
      ' · ', new Date(job.startedAt).toLocaleTimeString())),
  job.error ? el('p', { class: 'error-text' }, job.error.message + (job.error.hint ? ' Hint: ' + job.error.hint : '')) : null,
  el('pre', { class: 'log' }, (job.log || []).join('\n')))) : [el('p', { class: 'muted' }, 'No job since the server started.')]));
}

async function loadBackups() {
  const backups = await api('GET', '/api/backups');
  const verified = b => b.verified === null ? el('span', { class: 'muted' }, 'never') : badge(b.verified ? 'PASSED' : 'FAILED');
  $('backups').tBodies[0].replaceChildren(...(backups.length ? backups.map(b => el('tr', { 'data-backup': b.name },
    el('td', null, b.name), el('td', null, new Date(b.takenAt).toLocaleString()), el('td', { class: 'num' }, b.tables),
    el('td', { class: 'num' }, number(b.rows)), el('td', { class: 'num' }, size(b.sizeOnDisk)), el('td', null, verified(b))))
    : [el('tr', null, el('td', { colSpan: 6, class: 'muted' }, 'No backup in the server\'s backups directory.'))]));
}

/* ---------- jobs: start, follow, confirm ---------- */

function busy(on) {
  document.querySelectorAll('button[data-action]').forEach(b => { b.disabled = on; });
}

const pathOf = (target, id) => target === 'migrate' ? '/api/migrations/migrate'
  : id ? '/api/data/' + encodeURIComponent(id) + '/run' : '/api/data/run';

/** POSTs a start; the job (202), or null with the refusal said. */
async function start(path) {
  try {
    return await api('POST', path);
  } catch (error) {
    report(error);
    return null;
  }
}

/**
 * Follows a job live until it ends, and answers it as GET /api/jobs/{id} gives it then (with its log).
 * Why a fetch() stream and not polling: the server pushes each log line and progress step as it happens
 * (server-sent events), so the bar moves as batches commit and the log is sent once, not every 500 ms.
 * Why not EventSource: it cannot send the Authorization header, and the key must never go in a URL.
 */
async function follow(id) {
  state.following = id;
  busy(true);
  try {
    const job = await api('GET', '/api/jobs/' + id);
    live(job);
    loadJobs().catch(report);
    $('live-log').textContent = '';
    await events(id, (type, data) => {
      if (type === 'log') $('live-log').append(data.line + '\n');
      if (type === 'progress') progressed(job, data);
    });
    const ended = await api('GET', '/api/jobs/' + id);
    live(ended);
    return ended;
  } catch (error) {
    report(error);
    return null;
  } finally {
    state.following = null;
    state.active = null;
    busy(false);
    await refresh();
  }
}

/** The job's server-sent events, read from a fetch() body; reconnects with Last-Event-ID if the stream breaks. */
async function events(id, onEvent) {
  let lastId = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const extra = { Accept: 'text/event-stream' };
    if (lastId !== null) extra['Last-Event-ID'] = lastId;
    const response = await fetch('/api/jobs/' + encodeURIComponent(id) + '/events', { headers: headers(extra), cache: 'no-store' });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = {};
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') { // a blank line dispatches the event
          if (event.data !== undefined) onEvent(event.type || 'message', JSON.parse(event.data));
          if (event.type === 'end') return;
          event = {};
        } else if (!line.startsWith(':')) { // a line starting with ':' is a comment (keep-alive)
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event.type = text;
          else if (field === 'data') event.data = event.data === undefined ? text : event.data + '\n' + text;
          else if (field === 'id') lastId = text;
        }
      }
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error('the event stream of job ' + id + ' broke five times');
}

/** A progress event: the live bar, and the bar of the data migration it names ("D<id> description"). */
function progressed(job, p) {
  setBar($('live-progress'), p.percent);
  $('live-detail').textContent = [p.what, p.percent === null ? null : p.percent + '%',
    p.total > 0 ? number(p.done) + ' of ' + number(p.total) : number(p.done) + ' done'].filter(Boolean).join(' · ');
  const match = /^D(\S+) /.exec(p.what || '');
  if (job.dryRun || !match) return; // a dry run changes nothing, so no migration's bar moves
  const changed = state.active && state.active.id !== match[1];
  state.active = { id: match[1], percent: p.percent, done: p.done, total: p.total };
  // the counts (errors above all) come from the history, which each batch's checkpoint updates: read it
  // again every two seconds while the job runs, and at once when the job moves on to the next migration
  if (changed || Date.now() - state.dataLoadedAt > 2000) loadData().catch(report);
  else renderData();
}

function setBar(bar, percent) {
  if (percent === null || percent === undefined) bar.removeAttribute('value');
  else bar.value = percent;
  bar.dataset.percent = percent === null || percent === undefined ? '' : percent;
}

function live(job) {
  $('live').hidden = false;
  $('live').dataset.jobId = job.id;
  $('live').dataset.state = job.state;
  $('live-title').textContent = job.id + ': ' + title(job);
  $('live-state').replaceChildren(badge(job.state));
  setBar($('live-progress'), job.progress.percent);
  const detail = [job.progress.what, 'key ' + job.key, elapsed(job.elapsedMs)];
  if (job.error) detail.unshift(job.error.message + (job.error.hint ? ' Hint: ' + job.error.hint : ''));
  $('live-detail').textContent = detail.filter(Boolean).join(' · ');
  if (job.log) $('live-log').textContent = job.log.join('\n');
}

/** Shows an ended dry run; true only when "Run it" is clicked. */
function confirmRun(dry) {
  const dialog = $('confirm');
  const passed = dry.state === 'completed';
  $('confirm-title').textContent = 'Run the ' + title(Object.assign({}, dry, { dryRun: false })) + '?';
  $('confirm-summary').textContent = passed
    ? 'The dry run completed in ' + elapsed(dry.elapsedMs) + ' and changed nothing. This is what it did:'
    : 'The dry run failed: ' + (dry.error ? dry.error.message : 'see its log') + '. Running it would fail the same way.';
  $('confirm-summary').className = passed ? '' : 'error-text';
  const items = dry.result && dry.result.migrations && dry.result.migrations[0] && 'migrated' in dry.result.migrations[0]
    ? dry.result.migrations : [];
  $('confirm-counts').replaceChildren(...(items.length ? [el('table', null,
    el('thead', null, el('tr', null, ['Data migration', 'Processed', 'Migrated', 'Skipped', 'Errors'].map(h => el('th', null, h)))),
    el('tbody', null, items.map(m => el('tr', null, el('td', null, 'D' + m.id + ' ' + m.description), el('td', { class: 'num' }, number(m.processed)),
      el('td', { class: 'num' }, number(m.migrated)), el('td', { class: 'num' }, number(m.skipped)),
      el('td', { class: 'num errors' + (m.errors > 0 ? ' has-errors' : '') }, number(m.errors))))))] : []));
  $('confirm-log').textContent = (dry.log || []).join('\n');
  $('confirm-run').disabled = !passed;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'run'), { once: true }));
}

async function dryRun(target, id) {
  const job = await start(pathOf(target, id) + '?dryRun=true');
  if (job) await follow(job.id);
}

/** Run: the dry run first, shown in the dialog; only "Run it" starts the real job. */
async function run(target, id) {
  const path = pathOf(target, id);
  const dry = await start(path + '?dryRun=true');
  const ended = dry && await follow(dry.id);
  if (!ended) return;
  if (!await confirmRun(ended)) return say('Cancelled: only the dry run ran, which changed nothing.', 'info');
  const job = await start(path);
  if (job) await follow(job.id);
}

/* ---------- wiring ---------- */

document.addEventListener('DOMContentLoaded', () => {
  $('key-form').addEventListener('submit', event => {
    event.preventDefault();
    const key = $('key').value.trim();
    $('key').value = '';
    if (!key) return;
    sessionStorage.setItem(KEY, key);
    say('');
    enter();
  });
  $('forget-key').addEventListener('click', () => { forget(); say('The key is forgotten in this tab.', 'info'); });
  document.addEventListener('click', event => {
    const button = event.target.closest('button[data-action]');
    if (!button || button.disabled) return;
    say('');
    const act = button.dataset.action === 'run' ? run : dryRun;
    act(button.dataset.target, button.dataset.id);
  });
  if (sessionStorage.getItem(KEY)) enter();
  else forget();
});
