// The Query view: the SQL / Builder editor, Run and Cancel, the streamed result in the virtualized grid,
// in-browser filter / sort / head, exports, and Arrow files opened in the page.
import { Table } from 'apache-arrow';
import { pl, ops, newQueryId } from '../src/index.js';
import { setChildren, download } from './dom.js';
import { VirtualGrid } from './grid.js';
import { api, SignedOut } from './session.js';
import { cleanMessage, fmtInt, fmtMs } from './format.js';
import { showError, toastError } from './error-box.js';
import { acceptDrops } from './drop.js';
import { hook } from './hook.js';

const DEFAULTS = {
  sql: 'SELECT n.n_name AS nation, count(*) AS customers, sum(c.c_acctbal) AS balance\n' +
    'FROM customer c JOIN nation n ON c.c_nationkey = n.n_nationkey\n' +
    'GROUP BY n.n_name\nORDER BY customers DESC',
  builder: 'pl.scanTable("nation")\n  .filter("n_regionkey = 1")\n  .select("n_name", "n_regionkey")',
};
const PARTIAL_EVERY_MS = 250;
const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const el = {};
const texts = { sql: load('sql') ?? DEFAULTS.sql, builder: load('builder') ?? DEFAULTS.builder };
let mode = load('mode') === 'builder' ? 'builder' : 'sql';
let grid;
let running = null; // {queryId, controller, cancelled, started}
let base = null; // the result (or the opened file) as an Arrow Table
let source = null; // {kind: 'sql'|'builder'|'file', text, plan, name}
let sort = null; // {column, descending}
let refine = { filter: '', head: null };
let lastStats = '';

function load(k) {
  try { return localStorage.getItem('polaroid.editor.' + k); } catch { return null; }
}
function save(k, v) {
  try { localStorage.setItem('polaroid.editor.' + k, v); } catch { /* private mode */ }
}

export function initQueryView() {
  for (const id of ['editor', 'run', 'cancel', 'run-status', 'result-summary', 'refine', 'filter', 'head', 'refine-error',
    'query-error', 'grid-host', 'export-csv', 'export-arrow', 'export-parquet', 'open-file', 'file-input',
    'drop-overlay', 'editor-hint', 'mode-sql', 'mode-builder']) el[id] = document.getElementById(id);
  grid = new VirtualGrid(el['grid-host'], { onSort: toggleSort });
  hook.grid = grid;
  el['editor-hint'].textContent = (isMac ? '⌘' : 'Ctrl') + '+Enter runs';
  el.run.title = 'Run (' + (isMac ? '⌘' : 'Ctrl') + '+Enter)';

  setMode(mode, false);
  el.editor.addEventListener('input', () => { texts[mode] = el.editor.value; save(mode, el.editor.value); });
  el.editor.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
    else if (e.key === 'Escape' && running) { e.preventDefault(); cancel(); }
  });
  el['mode-sql'].addEventListener('click', () => setMode('sql'));
  el['mode-builder'].addEventListener('click', () => setMode('builder'));
  el.run.addEventListener('click', run);
  el.cancel.addEventListener('click', cancel);
  el.refine.addEventListener('submit', (e) => { e.preventDefault(); applyRefine(); });
  el.filter.addEventListener('search', () => { if (!el.filter.value) applyRefine(); });
  el['export-csv'].addEventListener('click', exportCsv);
  el['export-arrow'].addEventListener('click', exportArrow);
  el['export-parquet'].addEventListener('click', exportParquet);
  el['open-file'].addEventListener('click', () => el['file-input'].click());
  el['file-input'].addEventListener('change', () => {
    const f = el['file-input'].files[0];
    if (f) openFile(f);
    el['file-input'].value = '';
  });
  acceptDrops(document.getElementById('view-query'), el['drop-overlay'], openFile);
  updateButtons();
  showSummary();
}

function setMode(m, focus = true) {
  mode = m;
  save('mode', m);
  el.editor.value = texts[m];
  el['mode-sql'].setAttribute('aria-selected', String(m === 'sql'));
  el['mode-builder'].setAttribute('aria-selected', String(m === 'builder'));
  el.editor.placeholder = m === 'sql' ? 'SELECT * FROM lineitem LIMIT 100'
    : 'pl.scanTable("lineitem").filter(pl.col("l_quantity").gt(45)).head(100)';
  el.editor.classList.toggle('builder', m === 'builder');
  if (focus) el.editor.focus();
}

/** Puts a SQL text in the editor (from the Catalog view). */
export function setSql(text) {
  texts.sql = text;
  save('sql', text);
  setMode('sql', false);
  el.editor.value = text;
}

export function focusEditor() {
  el.editor.focus();
}

/** Evaluates the Builder text with `pl` in scope: an expression, or statements that return the frame. */
function evalBuilder(code) {
  const body = code.trim().replace(/;+\s*$/, '');
  if (!body) throw new Error('Type builder code first, e.g. pl.scanTable("nation").head(10)');
  let fn;
  try {
    fn = new Function('pl', '"use strict";\nreturn (\n' + body + '\n);');
  } catch {
    fn = new Function('pl', '"use strict";\n' + code);
  }
  const frame = fn(pl);
  if (!frame || (typeof frame.toPlan !== 'function' && !frame.root)) {
    throw new Error('The builder code must give a LazyFrame, e.g. pl.scanTable("nation").head(10)' +
      (frame === undefined ? ' (statements must end with a return)' : ''));
  }
  return frame;
}

async function run() {
  if (running) return;
  const text = el.editor.value;
  hideError();
  let frame = null;
  if (!text.trim()) {
    showError(el['query-error'], el.editor, { message: mode === 'sql' ? 'Type a SQL query first.' : 'Type builder code first.', title: 'Nothing to run' });
    return;
  }
  if (mode === 'builder') {
    try {
      frame = evalBuilder(text);
      if (typeof frame.toPlan === 'function') frame.toPlan(); // surfaces builder mistakes before sending
    } catch (e) {
      showError(el['query-error'], el.editor, { message: e && e.message ? e.message : String(e), title: 'The builder code did not run' });
      return;
    }
  }
  const queryId = newQueryId();
  base = null;
  source = null;
  hook.view = null;
  grid.setTable(null);
  const controller = new AbortController();
  const started = performance.now();
  running = { queryId, controller, cancelled: false, started };
  const src = mode === 'sql' ? { kind: 'sql', text } : { kind: 'builder', text, plan: frame };
  Object.assign(hook, { state: 'running', queryId, runAt: started, firstRowsAt: null, streamEndAt: null, firstScreenAt: null, error: null, rows: 0 });
  updateButtons();
  setStatus('running', 'Running… 0 rows');

  // Rows so far, and the rows themselves every PARTIAL_EVERY_MS while the stream comes in.
  const batches = [];
  let lastPartial = 0, counterQueued = false, rowsSoFar = 0, partialShown = false;
  const onBatch = (batch, rows) => {
    rowsSoFar = rows ?? (rowsSoFar + (batch?.numRows ?? 0));
    hook.rows = rowsSoFar;
    if (batch && batch.schema && typeof batch.numRows === 'number') batches.push(batch);
    if (!counterQueued) {
      counterQueued = true;
      requestAnimationFrame(() => {
        counterQueued = false;
        if (running && running.queryId === queryId) setStatus('running', 'Running… ' + fmtInt(rowsSoFar) + ' rows');
        const now = performance.now();
        if (batches.length && now - lastPartial > PARTIAL_EVERY_MS && running && running.queryId === queryId) {
          lastPartial = now;
          try {
            showTable(new Table(batches), { kind: 'partial', keepScroll: partialShown });
            if (!partialShown) hook.firstRowsAt = performance.now();
            partialShown = true;
          } catch { /* batches of differing schemas: wait for the end */ }
        }
      });
    }
  };
  // Cancel sends the cancel itself (below), so the abort only stops the download.
  const opts = { queryId, signal: controller.signal, onBatch, cancelOnAbort: false };
  try {
    const res = await api((c) => (src.kind === 'sql' ? c.sql(text, opts) : c.query(frame, opts)));
    const end = performance.now();
    hook.streamEndAt = end;
    source = src;
    base = res.table;
    lastStats = fmtMs(end - started);
    sort = null;
    refine = { filter: '', head: null };
    el.filter.value = '';
    el.head.value = '';
    showTable(base, { kind: 'result', keepScroll: partialShown });
    setStatus('done', 'Done: ' + fmtInt(base.numRows) + ' rows in ' + lastStats);
    hook.state = 'done';
    markFirstScreen();
  } catch (e) {
    if (e instanceof SignedOut) {
      setStatus('', '');
      hook.state = 'signed-out';
      return;
    }
    const partial = e && e.partial && e.partial.numRows > 0 ? e.partial
      : batches.length ? safeTable(batches) : null;
    const cancelled = running.cancelled || (e && (e.name === 'AbortError' || e.code === 'CANCELLED' ||
      e.errorCode === 'CANCELLED' || /cancel/i.test(e.code || '')));
    source = src;
    base = partial;
    sort = null;
    refine = { filter: '', head: null };
    lastStats = fmtMs(performance.now() - started);
    showTable(base, { kind: cancelled ? 'cancelled' : 'failed' });
    if (cancelled) {
      setStatus('cancelled', 'Cancelled after ' + lastStats + (partial ? ', ' + fmtInt(partial.numRows) + ' rows received' : ''));
      hook.state = 'cancelled';
    } else {
      setStatus('failed', 'Failed after ' + lastStats);
      hook.state = 'failed';
      showError(el['query-error'], el.editor, e, { text: mode === 'sql' ? text : null, partialRows: partial ? partial.numRows : 0 });
    }
    hook.error = e ? { message: e.message, code: e.code, errorCode: e.errorCode, status: e.status } : null;
  } finally {
    running = null;
    updateButtons();
  }
}

function safeTable(batches) {
  try { return new Table(batches); } catch { return null; }
}

/** Records when the first screen of the final result has been drawn (for the e2e measurement). */
function markFirstScreen() {
  requestAnimationFrame(() => setTimeout(() => { hook.firstScreenAt = performance.now(); }, 0));
}

async function cancel() {
  if (!running || running.cancelled) return;
  const r = running;
  r.cancelled = true;
  setStatus('running', 'Cancelling…');
  el.cancel.disabled = true;
  const request = api((c) => c.cancel(r.queryId)).catch((e) => {
    if (!(e instanceof SignedOut)) toastError('Cancel: ' + cleanMessage(e && e.message));
  });
  r.controller.abort();
  await request;
}

function showTable(table, { kind, keepScroll = false }) {
  if (kind === 'partial') {
    // rows streamed so far go straight to the grid; `base` (and the exports) wait for the end
    grid.setTable(table, { keepScroll, sort: null, emptyText: '' });
    el['result-summary'].textContent = fmtInt(table.numRows) + ' rows so far…';
    return;
  }
  hook.table = table;
  applyView({ keepScroll });
}

/** base → filter → sort → head → the grid. */
function applyView({ keepScroll = false } = {}) {
  let t = base;
  el['refine-error'].hidden = true;
  try {
    if (t && refine.filter) t = ops.filter(t, refine.filter);
    if (t && sort) t = ops.sort(t, sort.column, { descending: sort.descending });
    if (t && refine.head) t = ops.head(t, refine.head);
  } catch (e) {
    el['refine-error'].textContent = cleanMessage(e && e.message);
    el['refine-error'].hidden = false;
    t = base;
  }
  hook.view = t;
  grid.setTable(t, { keepScroll, sort, emptyText: refine.filter ? 'No rows match the filter.' : 'The query returned no rows.' });
  showSummary();
  updateButtons();
}

function showSummary() {
  const s = el['result-summary'];
  if (!base) {
    s.textContent = running ? '' : 'Run a query, or drop an Arrow IPC file here.';
    return;
  }
  const shown = hook.view ? hook.view.numRows : base.numRows;
  const parts = [];
  parts.push(shown === base.numRows ? fmtInt(base.numRows) + ' rows' : fmtInt(shown) + ' of ' + fmtInt(base.numRows) + ' rows');
  parts.push(base.numCols + (base.numCols === 1 ? ' column' : ' columns'));
  if (source && source.kind === 'file') parts.unshift(source.name);
  else if (lastStats) parts.push(lastStats);
  setChildren(s, parts.join(' · '));
}

function toggleSort(column) {
  if (!base || running) return;
  if (!sort || sort.column !== column) sort = { column, descending: false };
  else if (!sort.descending) sort = { column, descending: true };
  else sort = null;
  withBusy('Sorting…', () => applyView());
}

function applyRefine() {
  if (!base || running) return;
  const head = el.head.value.trim();
  refine = { filter: el.filter.value.trim(), head: head ? Math.max(1, Math.floor(+head)) || null : null };
  withBusy(refine.filter ? 'Filtering…' : 'Updating…', () => applyView());
}

/** Runs a slow in-page step after the status had a chance to paint. */
function withBusy(label, fn) {
  const prev = el['result-summary'].textContent;
  el['result-summary'].textContent = label;
  document.body.classList.add('busy');
  setTimeout(() => {
    try { fn(); } catch (e) {
      showError(el['query-error'], el.editor, { message: cleanMessage(e && e.message), title: label.replace(/…$/, '') + ' failed' });
    } finally {
      document.body.classList.remove('busy');
      if (el['result-summary'].textContent === label) el['result-summary'].textContent = prev;
    }
  }, 16);
}

function updateButtons() {
  const busy = !!running;
  el.run.disabled = busy;
  el.cancel.disabled = !busy || running.cancelled;
  el.run.classList.toggle('is-running', busy);
  const has = !!base && !busy;
  el['export-csv'].disabled = !has;
  el['export-arrow'].disabled = !has;
  el['export-parquet'].disabled = !has;
  for (const x of [el.filter, el.head]) x.disabled = !has;
  el.refine.querySelector('button').disabled = !has;
}

function setStatus(kind, text) {
  const s = el['run-status'];
  s.className = 'run-status' + (kind ? ' ' + kind : '');
  s.textContent = text;
}

function hideError() {
  el['query-error'].hidden = true;
  el['query-error'].replaceChildren();
}

function stamp() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function baseName() {
  return source && source.kind === 'file' ? source.name.replace(/\.[^.]+$/, '') : 'polaroid-' + stamp();
}

function exportCsv() {
  const t = hook.view || base;
  if (!t) return;
  withBusy('Writing CSV…', () => download(ops.toCSV(t), baseName() + '.csv', 'text/csv;charset=utf-8'));
}

function exportArrow() {
  const t = hook.view || base;
  if (!t) return;
  withBusy('Writing Arrow…', () => download(ops.toIPC(t), baseName() + '.arrows', 'application/vnd.apache.arrow.stream'));
}

/** Parquet of the rows shown, written in the page (ops.toParquet), as the CSV and Arrow downloads. */
function exportParquet() {
  const t = hook.view || base;
  if (!t) return;
  withBusy('Writing Parquet…', () => download(ops.toParquet(t), baseName() + '.parquet', 'application/vnd.apache.parquet'));
}

async function openFile(file) {
  if (running) return;
  hideError();
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'PAR1') {
      throw new Error('That is a Parquet file; the browser opens Arrow IPC files (.arrow, .arrows). Query Parquet on the cluster with read_parquet(\'path\').');
    }
    const table = ops.fromIPC(bytes);
    source = { kind: 'file', name: file.name };
    base = table;
    sort = null;
    refine = { filter: '', head: null };
    el.filter.value = '';
    el.head.value = '';
    lastStats = '';
    Object.assign(hook, { state: 'file', queryId: null });
    setStatus('done', 'Opened ' + file.name + ' in the browser');
    showTable(base, { kind: 'file' });
  } catch (e) {
    showError(el['query-error'], el.editor, { message: cleanMessage(e && e.message), title: 'Could not open ' + file.name });
  }
}

/** Test hook: open bytes as if they were a dropped file. */
hook.openBytes = (bytes, name = 'dropped.arrow') => openFile(new File([bytes], name));
hook.run = () => run();
hook.cancel = () => cancel();
