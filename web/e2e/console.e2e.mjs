// The web console end to end, in headless Chromium against a running cluster.
//
// Env: POLAROID_HTTP (the coordinator's HTTP origin, e.g. http://127.0.0.1:8080), POLAROID_TOKEN (a client
// token), E2E_EXPECTED (a JSON file of the queries and DuckDB's answers, written by
// python/tests/test_console.py), E2E_SCREENS (a folder for screenshots; default web/e2e-screens),
// CHROMIUM (default /usr/bin/chromium).
//
// Prints one JSON line of measurements on stdout; progress goes to stderr. Exits 1 on any failure.
import { chromium } from 'playwright-core';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromArrays, tableToIPC, tableFromIPC } from 'apache-arrow';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB = path.resolve(here, '..');
const HTTP = (process.env.POLAROID_HTTP || '').replace(/\/+$/, '');
const TOKEN = process.env.POLAROID_TOKEN || '';
const EXPECTED = process.env.E2E_EXPECTED || '';
const SCREENS = path.resolve(process.env.E2E_SCREENS || path.join(WEB, 'e2e-screens'));
// where the TPC-H result's downloads are kept for another reader to check (python/tests/test_console.py)
const DOWNLOADS = process.env.E2E_DOWNLOADS ? path.resolve(process.env.E2E_DOWNLOADS) : null;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TOTAL_MS = 290_000;
const TARGET_FIRST_PAINT_MS = 1000;
const TARGET_FIRST_SCREEN_MS = 1500;
const MAX_DOM_ROWS = 200;

const t0 = Date.now();
const metrics = {};
const screens = [];
let browser;

function log(msg) {
  process.stderr.write(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
}

class Failure extends Error {}
function check(cond, message) {
  if (!cond) throw new Failure(message);
}

const failures = [];
const leftRunning = new Set();
let longId;

/** Cancels, from here, a query a failed step left running on the cluster. */
async function cancelLeftovers() {
  for (const id of leftRunning) {
    await fetch(`${HTTP}/api/v1/queries/${encodeURIComponent(id)}/cancel`, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, signal: AbortSignal.timeout(5000),
    }).catch(() => {});
  }
}
let currentPage = null;

/**
 * Runs one step with a time limit. A failed step is recorded and the run goes on to the next one (the
 * whole run fails at the end), unless the step is critical (the ones everything after depends on).
 */
async function step(name, fn, timeoutMs = 60_000, { critical = false } = {}) {
  const start = Date.now();
  let timer;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Failure(`timed out after ${timeoutMs / 1000} s`)), timeoutMs); }),
    ]);
  } catch (e) {
    e.step = name;
    if (critical) throw e;
    const message = e instanceof Failure ? e.message : String((e && e.message) || e).split('\n')[0];
    failures.push(`${name}: ${message}`);
    log(`FAIL ${name}: ${message}`);
    if (currentPage) {
      const file = path.join(SCREENS, 'failure-' + name.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).toLowerCase() + '.png');
      await currentPage.screenshot({ path: file }).catch(() => {});
    }
    return false;
  } finally {
    clearTimeout(timer);
  }
  log(`ok  ${name} (${Date.now() - start} ms)`);
  return true;
}

async function shot(page, name) {
  const file = path.join(SCREENS, name);
  await page.screenshot({ path: file, fullPage: false });
  screens.push(file);
}

/** Waits until window.__polaroid.state leaves 'running'; returns {state, error}. */
async function waitQueryEnd(page, timeoutMs) {
  await page.waitForFunction(() => window.__polaroid && window.__polaroid.state !== 'running', null,
    { timeout: timeoutMs, polling: 100 });
  return page.evaluate(() => ({ state: window.__polaroid.state, error: window.__polaroid.error, queryId: window.__polaroid.queryId }));
}

async function runInEditor(page, mode, text, { keyboard = false } = {}) {
  // a query left running by a failed step is cancelled first
  if (await page.evaluate(() => window.__polaroid.state === 'running')) {
    await page.evaluate(() => window.__polaroid.cancel());
    await waitQueryEnd(page, 30_000);
  }
  if (!(await page.isVisible('#view-query'))) {
    await page.click('.tabs a[data-view="query"]');
    await page.waitForSelector('#view-query:not([hidden])');
  }
  await page.click(mode === 'sql' ? '#mode-sql' : '#mode-builder');
  await page.fill('#editor', text);
  const before = await page.evaluate(() => window.__polaroid.queryId);
  if (keyboard) await page.press('#editor', 'Control+Enter');
  else await page.click('#run');
  await page.waitForFunction((prev) => window.__polaroid.queryId && window.__polaroid.queryId !== prev, before, { timeout: 10_000 });
}

/** The result the page holds (window.__polaroid.table) as plain rows: dates as ISO text, numbers as numbers. */
function pageRows(page, which = 'table') {
  return page.evaluate((which) => {
    const t = window.__polaroid[which];
    if (!t) return null;
    const pad = (n, w = 2) => String(n).padStart(w, '0');
    const iso = (ms) => { const d = new Date(ms); return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`; };
    const fields = t.schema.fields;
    const norm = (x, type) => {
      if (x == null) return null;
      switch (type.typeId) {
        case 8: return iso(Number(x)); // Date
        case 10: return new Date(Number(x)).toISOString().replace('T', ' ').replace('Z', ''); // Timestamp
        case 7: return Number(String(x)) / 10 ** (type.scale || 0); // Decimal
        default:
          if (typeof x === 'bigint') return Number(x);
          if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return x;
          return String(x);
      }
    };
    const vectors = fields.map((f, i) => t.getChildAt(i));
    const rows = [];
    for (let r = 0; r < t.numRows; r++) rows.push(fields.map((f, i) => norm(vectors[i].get(r), f.type)));
    return { columns: fields.map((f) => f.name), rows };
  }, which);
}

function sameValue(e, a) {
  if (e == null || a == null) return e == null && a == null;
  if (typeof e === 'number' || typeof a === 'number') {
    const x = Number(e), y = Number(a);
    return Math.abs(x - y) <= Math.max(1e-6, 1e-9 * Math.max(Math.abs(x), Math.abs(y)));
  }
  return String(e) === String(a);
}

function compareRows(expected, actual, what) {
  check(actual, `${what}: the page holds no table`);
  check(actual.rows.length === expected.rows.length,
    `${what}: ${actual.rows.length} rows, expected ${expected.rows.length}`);
  if (expected.columns) {
    const a = actual.columns.map((c) => c.toLowerCase()), e = expected.columns.map((c) => c.toLowerCase());
    check(JSON.stringify(a) === JSON.stringify(e), `${what}: columns ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`);
  }
  expected.rows.forEach((row, i) => {
    const got = actual.rows[i];
    check(got.length === row.length, `${what}: row ${i} has ${got.length} values, expected ${row.length}`);
    row.forEach((v, j) => check(sameValue(v, got[j]),
      `${what}: row ${i} column ${actual.columns[j]}: ${JSON.stringify(got[j])}, expected ${JSON.stringify(v)}`));
  });
}

async function domRowCount(page) {
  return page.evaluate(() => document.querySelectorAll('#grid-host .grid-row:not([hidden])').length);
}

async function afterFrames(page, n = 2) {
  await page.evaluate((n) => new Promise((resolve) => {
    const tick = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => tick(k - 1)));
    tick(n);
  }), n);
}

async function bundleSizes() {
  const dist = path.join(WEB, 'dist');
  const out = {};
  try {
    for (const f of await readdir(dist)) {
      if (!/\.(js|css|html)$/.test(f)) continue;
      const b = await readFile(path.join(dist, f));
      out[f] = { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
    }
  } catch { /* no dist here: the cluster serves a packaged copy */ }
  return out;
}

async function main() {
  check(HTTP, 'POLAROID_HTTP is not set (the coordinator\'s HTTP origin, e.g. http://127.0.0.1:8080)');
  check(TOKEN, 'POLAROID_TOKEN is not set');
  check(EXPECTED, 'E2E_EXPECTED is not set (a JSON file of expected answers)');
  const expected = JSON.parse(await readFile(EXPECTED, 'utf8'));
  const Q = expected.queries;
  await mkdir(SCREENS, { recursive: true });

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, colorScheme: 'light' });
  const page = await context.newPage();
  currentPage = page;
  page.setDefaultTimeout(30_000);
  const origin = new URL(HTTP).origin;
  const external = [];
  const pageErrors = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) external.push(u);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await step('first paint', async () => {
    await page.goto(HTTP + '/', { waitUntil: 'load' });
    const fcp = await page.waitForFunction(() => {
      const e = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
      return e ? e.startTime : null;
    }, null, { timeout: 10_000 });
    metrics.firstPaintMs = Math.round(await fcp.jsonValue());
    check(await page.isVisible('#view-login'), 'the login view is not shown to a new visitor');
    check(metrics.firstPaintMs <= TARGET_FIRST_PAINT_MS, `first contentful paint took ${metrics.firstPaintMs} ms (target ${TARGET_FIRST_PAINT_MS} ms)`);
    await shot(page, '01-login.png');
  }, 60_000, { critical: true });

  await step('a wrong token is refused', async () => {
    await page.fill('#token', 'not-the-token-' + Date.now());
    await page.click('#login-submit');
    await page.waitForSelector('#login-error:not([hidden])');
    const text = await page.textContent('#login-error');
    check(/not accepted/i.test(text), `the login error says: ${text}`);
    check(await page.isVisible('#view-login'), 'the login view went away after a wrong token');
    check(!(await page.evaluate(() => sessionStorage.getItem('polaroid.token'))), 'a wrong token was stored');
  });

  await step('sign in', async () => {
    await page.fill('#token', TOKEN);
    await page.click('#login-submit');
    await page.waitForSelector('#view-query:not([hidden])');
    const stored = await page.evaluate(() => sessionStorage.getItem('polaroid.token'));
    // the page keeps the session token it was given for the cluster token, never the cluster token
    check(stored && stored.startsWith('polaroid-session.') && !stored.includes(TOKEN),
      `sessionStorage holds ${stored && stored.slice(0, 20)}…, not a session token`);
  }, 60_000, { critical: true });

  await step('TPC-H query from SQL matches DuckDB', async () => {
    await runInEditor(page, 'sql', Q.tpch.sql, { keyboard: true });
    const end = await waitQueryEnd(page, 90_000);
    check(end.state === 'done', `the query ended ${end.state}: ${end.error && end.error.message}`);
    compareRows(Q.tpch, await pageRows(page), 'SQL result');
    // the cells on screen say the same
    const shown = await page.evaluate(() => window.__polaroid.grid.renderedRows().slice(0, 3));
    check(shown.length > 0, 'no rows rendered');
    const firstString = Q.tpch.rows[0].findIndex((v) => typeof v === 'string');
    if (firstString >= 0) check(shown[0][1 + firstString] === Q.tpch.rows[0][firstString], `the first row shows ${JSON.stringify(shown[0])}`);
    await shot(page, 'tpch-sql-1280x800.png');
  }, 100_000);

  await step('exports: CSV, Arrow IPC, Parquet', async () => {
    const save = async (sel) => {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(sel)]);
      const p = await dl.path();
      return { name: dl.suggestedFilename(), bytes: await readFile(p) };
    };
    const csv = await save('#export-csv');
    check(csv.name.endsWith('.csv'), `CSV file name ${csv.name}`);
    const header = csv.bytes.toString('utf8').split(/\r?\n/)[0].toLowerCase();
    check(Q.tpch.columns.every((c) => header.includes(c.toLowerCase())), `CSV header: ${header}`);
    check(csv.bytes.toString('utf8').trim().split(/\r?\n/).length === Q.tpch.rows.length + 1, 'CSV row count');
    const arrow = await save('#export-arrow');
    const t = tableFromIPC(arrow.bytes);
    check(t.numRows === Q.tpch.rows.length, `the Arrow export has ${t.numRows} rows`);
    // Parquet is written in the page (ops.toParquet); the page shows an error instead when that fails
    const parquet = await Promise.race([
      save('#export-parquet'),
      page.waitForSelector('#query-error:not([hidden])', { timeout: 60_000 }).then(async () => {
        throw new Failure('the Parquet download failed: ' + (await page.innerText('#query-error')).replace(/\s+/g, ' '));
      }),
    ]);
    check(parquet.bytes.length > 8 && parquet.bytes.subarray(0, 4).toString() === 'PAR1' &&
      parquet.bytes.subarray(-4).toString() === 'PAR1', `the Parquet export is not a Parquet file (${parquet.bytes.length} bytes)`);
    if (DOWNLOADS) {
      await mkdir(DOWNLOADS, { recursive: true });
      for (const [file, bytes] of [['tpch.parquet', parquet.bytes], ['tpch.csv', csv.bytes], ['tpch.arrow', arrow.bytes]]) {
        await writeFile(path.join(DOWNLOADS, file), bytes);
      }
    }
  }, 90_000);

  await step('TPC-H query from the Builder matches DuckDB', async () => {
    await runInEditor(page, 'builder', Q.tpch.builder);
    const end = await waitQueryEnd(page, 90_000);
    check(end.state === 'done', `the builder query ended ${end.state}: ${end.error && end.error.message}` +
      (await page.isVisible('#query-error') ? ' / ' + (await page.textContent('#query-error')) : ''));
    compareRows(Q.tpch, await pageRows(page), 'Builder result');
  }, 100_000);

  await step('an Arrow file opened in the page: filter, sort, head', async () => {
    const local = tableFromArrays({
      symbol: ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA', 'META'],
      price: Float64Array.from([190.5, 410.25, 99.5, 180, 880.75, 50]),
      volume: Int32Array.from([10, 20, 30, 40, 50, 60]),
    });
    await page.setInputFiles('#file-input', { name: 'prices.arrow', mimeType: 'application/vnd.apache.arrow.file', buffer: Buffer.from(tableToIPC(local, 'file')) });
    await page.waitForFunction(() => window.__polaroid.state === 'file' && window.__polaroid.table && window.__polaroid.table.numRows === 6);
    await page.fill('#filter', 'price > 100');
    await page.press('#filter', 'Enter');
    await page.waitForFunction(() => window.__polaroid.view && window.__polaroid.view.numRows === 4);
    await page.click('#grid-host .hc[data-col="price"]');
    await page.waitForFunction(() => window.__polaroid.view.getChild('price').get(0) === 180);
    await page.click('#grid-host .hc[data-col="price"]');
    await page.waitForFunction(() => window.__polaroid.view.getChild('price').get(0) === 880.75);
    await page.fill('#head', '2');
    await page.press('#head', 'Enter');
    await page.waitForFunction(() => window.__polaroid.view.numRows === 2);
    const shown = await page.evaluate(() => window.__polaroid.grid.renderedRows());
    check(shown.length === 2 && shown[0][1] === 'NVDA' && shown[1][1] === 'MSFT', `the page shows ${JSON.stringify(shown)}`);
    // the rows shown, as CSV and as Parquet written in the page
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const text = (await readFile(await csv.path(), 'utf8')).trim().split(/\r?\n/);
    check(text.length === 3 && text[1].startsWith('NVDA'), `the CSV of the rows shown: ${JSON.stringify(text)}`);
    const [pq] = await Promise.all([page.waitForEvent('download'), page.click('#export-parquet')]);
    const bytes = await readFile(await pq.path());
    check(bytes.subarray(0, 4).toString() === 'PAR1', 'the Parquet written in the page is not Parquet');
  });

  await step('1,000,000 rows × 8 columns: first screen, scrolling, DOM size', async () => {
    await runInEditor(page, 'sql', Q.big.sql);
    // rows-so-far while the stream comes in
    let sawCounter = false;
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      const s = await page.evaluate(() => ({ state: window.__polaroid.state, text: document.getElementById('run-status').textContent }));
      if (s.state !== 'running') break;
      if (/Running… [\d,]+ rows/.test(s.text) && !/… 0 rows/.test(s.text)) sawCounter = true;
      await new Promise((r) => setTimeout(r, 100));
    }
    const end = await waitQueryEnd(page, 5_000);
    check(end.state === 'done', `the 1M-row query ended ${end.state}: ${end.error && end.error.message}`);
    metrics.sawRowsSoFar = sawCounter;
    await page.waitForFunction(() => window.__polaroid.firstScreenAt != null, null, { timeout: 10_000 });
    const m = await page.evaluate(() => ({
      rows: window.__polaroid.table.numRows, cols: window.__polaroid.table.numCols,
      firstScreen: window.__polaroid.firstScreenAt - window.__polaroid.streamEndAt,
      firstRows: window.__polaroid.firstRowsAt != null ? window.__polaroid.firstRowsAt - window.__polaroid.runAt : null,
      stream: window.__polaroid.streamEndAt - window.__polaroid.runAt,
    }));
    metrics.bigFirstRowsMs = m.firstRows == null ? null : Math.round(m.firstRows);
    metrics.bigQueryMs = Math.round(m.stream);
    check(m.rows === Q.big.rows, `the table holds ${m.rows} rows, expected ${Q.big.rows}`);
    check(m.cols === Q.big.columns.length, `the table has ${m.cols} columns, expected ${Q.big.columns.length}`);
    metrics.bigRows = m.rows;
    metrics.firstScreenMs = Math.round(m.firstScreen);
    check(m.firstScreen <= TARGET_FIRST_SCREEN_MS, `the first screen of 1M rows took ${metrics.firstScreenMs} ms (target ${TARGET_FIRST_SCREEN_MS} ms)`);
    // the grid drawn from nothing for the whole table (column widths measured, rows filled, painted)
    metrics.coldRenderMs = Math.round(await page.evaluate(() => new Promise((resolve) => {
      const p = window.__polaroid, t = p.view, t0 = performance.now();
      p.grid.setTable(null);
      p.grid.setTable(t);
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    })));
    let dom = await domRowCount(page);
    check(dom > 0 && dom < MAX_DOM_ROWS, `${dom} row elements in the DOM at the top`);
    await shot(page, '02-results-1280x800.png');

    const probe = async (where) => {
      const before = Date.now();
      await page.evaluate((where) => {
        const g = window.__polaroid.grid.el;
        g.scrollTop = where === 'end' ? g.scrollHeight : (g.scrollHeight - g.clientHeight) / 2;
      }, where);
      await afterFrames(page, 3);
      const r = await page.evaluate(() => {
        const p = window.__polaroid;
        const rows = p.grid.renderedRows();
        const t = p.view;
        // the cells shown are the table's values
        const mismatches = rows.filter((row) => String(t.getChildAt(0).get(row[0])) !== row[1]).length;
        return { first: rows[0] && rows[0][0], last: rows.length && rows[rows.length - 1][0], n: rows.length,
          empty: rows.filter((row) => row.slice(1).some((c) => c === '')).length, mismatches };
      });
      dom = await domRowCount(page);
      check(r.n > 0, `no rows rendered at the ${where}`);
      check(r.mismatches === 0, `${r.mismatches} rendered rows at the ${where} differ from the table`);
      check(r.empty === 0, `${r.empty} rows at the ${where} have empty cells`);
      check(dom < MAX_DOM_ROWS, `${dom} row elements in the DOM at the ${where}`);
      log(`    ${where}: rows ${r.first}..${r.last} rendered, ${dom} row elements, ${Date.now() - before} ms`);
      return r;
    };
    const mid = await probe('middle');
    check(Math.abs(mid.first - Q.big.rows / 2) < Q.big.rows * 0.02, `the middle of the scroll shows row ${mid.first}`);
    const end2 = await probe('end');
    check(end2.last === Q.big.rows - 1, `the end of the scroll shows rows up to ${end2.last}, not the last row`);
    metrics.domRows = dom;
  }, 200_000);

  await step('a long query: RUNNING in the Queries view, cancelled there', async () => {
    await runInEditor(page, 'sql', Q.long.sql);
    longId = await page.evaluate(() => window.__polaroid.queryId);
    leftRunning.add(longId);
    await page.waitForTimeout(1500);
    const st = await page.evaluate(() => window.__polaroid.state);
    check(st === 'running', `the long query is not running after 1.5 s (state ${st}${st === 'failed' ? ': ' + JSON.stringify(await page.evaluate(() => window.__polaroid.error)) : ''})`);
    await page.click('.tabs a[data-view="queries"]');
    const row = `#queries-table tr[data-id="${longId}"]`;
    await page.waitForSelector(`${row}[data-state="RUNNING"]`, { timeout: 15_000 });
    await page.click(`${row} td.text`);
    await page.waitForSelector('#query-detail:not([hidden]) svg.timeline');
    // let a stage or two show progress on the timeline
    await page.waitForFunction(() => document.querySelectorAll('#query-detail svg.timeline .bar').length > 0, null, { timeout: 20_000 })
      .catch(() => log('    (no stage bar on the timeline yet)'));
    await page.waitForTimeout(2500);
    metrics.timelineBars = await page.evaluate(() => document.querySelectorAll('#query-detail svg.timeline .bar').length);
    await shot(page, '03-queries-timeline.png');
    await page.click(`${row} button[data-cancel]`);
    await page.waitForSelector(`${row}[data-state="CANCELLED"]`, { timeout: 30_000 });
    leftRunning.delete(longId);
    // the Query view's stream ended too
    await page.waitForFunction(() => window.__polaroid.state !== 'running', null, { timeout: 30_000 });
    const after = await page.evaluate(() => window.__polaroid.state);
    check(after === 'cancelled', `the query view shows the cancelled query as ${after}`);
    await shot(page, 'queries-cancelled.png');
  }, 100_000);

  await step('malformed SQL: the server\'s message with its position, no stack trace', async () => {
    await page.click('.tabs a[data-view="query"]');
    await runInEditor(page, 'sql', Q.bad.sql);
    const end = await waitQueryEnd(page, 30_000);
    check(end.state === 'failed', `the malformed query ended ${end.state}`);
    await page.waitForSelector('#query-error:not([hidden])');
    const text = await page.innerText('#query-error');
    check(/line \d+|column \d+|position \d+/i.test(text), `the error shows no position: ${text}`);
    check(!/\n\s*at [\w$.]+\(|\.java:\d+|Exception:|^\s*at /m.test(await page.innerText('#query-error')), `the error shows a stack trace: ${text}`);
    metrics.sqlError = text.split('\n').slice(0, 2).join(' / ').slice(0, 200);
    await shot(page, 'sql-error.png');
  });

  await step('a query that fails mid-stream: the error beside the rows received', async () => {
    await runInEditor(page, 'sql', Q.midStream.sql);
    const end = await waitQueryEnd(page, 60_000);
    check(end.state === 'failed', `the failing query ended ${end.state}`);
    await page.waitForSelector('#query-error:not([hidden])');
    const text = await page.innerText('#query-error');
    check(text.includes(Q.midStream.error), `the error does not say why: ${text}`);
    const rows = await page.evaluate(() => (window.__polaroid.table ? window.__polaroid.table.numRows : 0));
    check(rows > 0 && rows < Q.midStream.rows, `the table holds ${rows} rows, not the rows received before the failure`);
    check(await page.isVisible('#grid-host .grid-row, #grid-host [role=row]') || rows === 0, 'the received rows are not shown');
    metrics.midStreamRows = rows;
    await shot(page, 'mid-stream-failure.png');
  }, 90_000);

  await step('Workers view lists the workers', async () => {
    await page.click('.tabs a[data-view="workers"]');
    await page.waitForFunction((n) => document.querySelectorAll('#workers-table tbody tr').length === n, expected.workers, { timeout: 15_000 });
    const cells = await page.$$eval('#workers-table tbody tr', (trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)));
    check(cells.every((c) => /:\d+$/.test(c[1])), `worker addresses: ${JSON.stringify(cells)}`);
    await shot(page, '04-workers.png');
  });

  await step('Catalog view lists the tables; a table goes to the editor', async () => {
    await page.click('.tabs a[data-view="catalog"]');
    await page.waitForSelector('#catalog-list .table-card');
    const names = await page.$$eval('#catalog-list .table-card', (cards) => cards.map((c) => c.dataset.table));
    for (const t of expected.tables) check(names.includes(t), `the catalog lacks ${t}: ${names.join(', ')}`);
    await shot(page, 'catalog.png');
    await page.click('#catalog-list button.table-name[data-table="nation"]');
    await page.waitForSelector('#view-query:not([hidden])');
    const text = await page.inputValue('#editor');
    check(/^SELECT \* FROM nation LIMIT 100$/.test(text), `the editor holds ${JSON.stringify(text)}`);
    await page.click('#run');
    const end = await waitQueryEnd(page, 30_000);
    check(end.state === 'done', `SELECT * FROM nation ended ${end.state}`);
    check(await page.evaluate(() => window.__polaroid.table.numRows) === 25, 'nation has not 25 rows');
  });

  await step('phone width (390×844): nav wraps, the table scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await runInEditor(page, 'sql', Q.tpch.sql);
    const end = await waitQueryEnd(page, 60_000);
    check(end.state === 'done', `the query ended ${end.state}`);
    await afterFrames(page, 2);
    const m = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      grid: [window.__polaroid.grid.el.scrollWidth, window.__polaroid.grid.el.clientWidth],
    }));
    check(m.page <= 391, `the page is ${m.page} px wide at 390 px (it should not scroll sideways)`);
    check(m.grid[0] > m.grid[1], 'the wide table does not scroll sideways inside its box');
    await shot(page, '05-results-390x844.png');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await step('a bad token returns to the login', async () => {
    await page.evaluate(() => sessionStorage.setItem('polaroid.token', 'expired-' + Date.now()));
    await page.click('.tabs a[data-view="workers"]');
    await page.waitForSelector('#view-login:not([hidden])', { timeout: 15_000 });
    const text = await page.textContent('#login-error');
    check(/session ended/i.test(text), `the login says: ${text}`);
  });

  metrics.bundle = await bundleSizes();
  metrics.screens = screens;
  metrics.totalMs = Date.now() - t0;
  if (external.length) failures.push(`the page asked for outside addresses: ${external.slice(0, 5).join(', ')}`);
  if (pageErrors.length) failures.push(`the page threw: ${pageErrors.slice(0, 3).join(' | ')}`);
  for (const f of failures) log(`failed: ${f}`);
  check(failures.length === 0, `${failures.length} check(s) failed: ${failures.join(' | ')}`);
}

const overall = setTimeout(async () => {
  await cancelLeftovers();
  log(`FAILED: the whole run took over ${TOTAL_MS / 1000} s`);
  process.stdout.write(JSON.stringify({ ok: false, error: 'timeout', ...metrics }) + '\n');
  process.exit(1);
}, TOTAL_MS);

main().then(async () => {
  clearTimeout(overall);
  await cancelLeftovers();
  await browser?.close().catch(() => {});
  process.stdout.write(JSON.stringify({ ok: true, ...metrics }) + '\n');
  process.exit(0);
}, async (e) => {
  clearTimeout(overall);
  await cancelLeftovers();
  const where = e.step ? `${e.step}: ` : '';
  log(`FAILED ${where}${e instanceof Failure ? e.message : (e && e.stack) || e}`);
  try {
    const pages = browser ? browser.contexts().flatMap((c) => c.pages()) : [];
    if (pages[0]) await pages[0].screenshot({ path: path.join(SCREENS, 'failure.png') });
  } catch { /* no screenshot */ }
  await browser?.close().catch(() => {});
  process.stdout.write(JSON.stringify({ ok: false, error: where + (e && e.message), ...metrics }) + '\n');
  process.exit(1);
});

