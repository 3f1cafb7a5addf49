// The Queries view: the live list (GET /queries every second while the view is shown), Cancel for running
// queries, and a query's detail with its per-stage timeline.
import { $, h, setChildren } from './dom.js';
import { api, SignedOut } from './session.js';
import { cleanMessage, fmtBytes, fmtInt, fmtMs } from './format.js';
import { Poller } from './poller.js';
import { timelineSvg } from './timeline.js';

const el = {};
const rows = new Map(); // queryId -> {tr, cells, ...}
let selected = null; // queryId
let detail = null; // the last QueryStatus of the selected query
let poller;
let justSelected = false; // scroll the detail into view once it has content

export function initQueriesView() {
  el.table = $('#queries-table');
  el.tbody = $('#queries-table tbody');
  el.empty = $('#queries-empty');
  el.error = $('#queries-error');
  el.updated = $('#queries-updated');
  el.detail = $('#query-detail');
  poller = new Poller(refresh, 1000);
  el.tbody.addEventListener('click', (e) => {
    const btn = e.target.closest('button[data-cancel]');
    if (btn) {
      e.stopPropagation();
      cancelQuery(btn.dataset.cancel, btn);
      return;
    }
    const tr = e.target.closest('tr[data-id]');
    if (tr) select(tr.dataset.id);
  });
  el.tbody.addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr[data-id]');
    if (tr && e.target === tr && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      select(tr.dataset.id);
    }
  });
  window.addEventListener('resize', () => { if (detail) renderDetail(detail); });
}

export function showQueries(show) {
  if (show) poller.start();
  else poller.stop();
}

async function refresh() {
  try {
    const [list, one] = await Promise.all([
      api((c) => c.queries()),
      selected ? api((c) => c.queryStatus(selected)).catch((e) => (e instanceof SignedOut ? Promise.reject(e) : null)) : null,
    ]);
    const queries = Array.isArray(list) ? list : list?.queries || [];
    el.error.hidden = true;
    renderList(queries);
    const fromList = selected && queries.find((q) => q.queryId === selected);
    if (selected && (one || fromList)) renderDetail(one || fromList);
    el.updated.textContent = 'Updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    if (e instanceof SignedOut) return;
    el.error.textContent = 'Could not load the queries: ' + cleanMessage(e && e.message);
    el.error.hidden = false;
  }
}

const STATES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

function badge(state) {
  const s = String(state || 'UNKNOWN');
  return h('span.badge.state-' + (STATES.includes(s) ? s.toLowerCase() : 'unknown'), s.charAt(0) + s.slice(1).toLowerCase());
}

function renderList(queries) {
  el.empty.hidden = queries.length > 0;
  el.table.hidden = queries.length === 0;
  const seen = new Set();
  let prev = null;
  for (const q of queries) {
    const id = String(q.queryId);
    seen.add(id);
    let r = rows.get(id);
    if (!r) r = newRow(id);
    updateRow(r, q);
    r.tr.classList.toggle('selected', id === selected);
    // keep the server's order (newest first), moving rows only when needed
    const want = prev ? prev.nextSibling : el.tbody.firstChild;
    if (want !== r.tr) el.tbody.insertBefore(r.tr, want);
    prev = r.tr;
  }
  for (const [id, r] of rows) if (!seen.has(id)) { r.tr.remove(); rows.delete(id); }
}

/** A row's elements are made once and updated in place: a button under the pointer stays the same element. */
function newRow(id) {
  const fill = h('div.fill');
  const bar = h('div.progress', { role: 'progressbar', 'aria-valuemin': '0' }, fill);
  const r = {
    id,
    text: h('div.clip'),
    state: h('td'),
    bar, fill,
    barText: h('span.progress-text'),
    rows: h('td.num'),
    elapsed: h('td.num'),
    actions: h('td.actions'),
    cancel: null,
    last: {},
  };
  r.tr = h('tr', { dataset: { id }, tabindex: '0' },
    h('td.mono', { title: id }, id.length > 13 ? id.slice(0, 8) + '…' : id),
    h('td.text', r.text), r.state, h('td', h('div.progress-cell', bar, r.barText)), r.rows, r.elapsed, r.actions);
  rows.set(id, r);
  return r;
}

function setText(r, key, node, text) {
  if (r.last[key] !== text) {
    r.last[key] = text;
    node.textContent = text;
  }
}

function updateRow(r, q) {
  const state = String(q.state || '');
  if (r.last.state !== state) {
    r.last.state = state;
    r.tr.dataset.state = state;
    setChildren(r.state, badge(state));
  }
  if (r.last.text !== (q.text || '')) {
    r.last.text = q.text || '';
    if (q.text) {
      r.text.textContent = q.text;
      r.text.title = q.text;
    } else setChildren(r.text, h('span.muted', '(plan)'));
  }
  const d = Number(q.tasksDone) || 0, t = Number(q.tasksTotal) || 0;
  r.fill.style.width = (t > 0 ? Math.min(100, (100 * d) / t) : 0).toFixed(1) + '%';
  r.bar.setAttribute('aria-valuemax', String(t));
  r.bar.setAttribute('aria-valuenow', String(d));
  setText(r, 'progress', r.barText, t ? `${fmtInt(d)}/${fmtInt(t)}` : '–');
  setText(r, 'rows', r.rows, fmtInt(q.rows));
  setText(r, 'elapsed', r.elapsed, fmtMs(q.elapsedMs));
  const running = state === 'RUNNING';
  if (running && !r.cancel) {
    r.cancel = h('button.btn.small.danger', { type: 'button', dataset: { cancel: r.id } }, 'Cancel');
    r.actions.append(r.cancel);
  } else if (!running && r.cancel) {
    r.cancel.remove();
    r.cancel = null;
  }
}

function select(id) {
  selected = selected === id ? null : id;
  for (const [rid, r] of rows) r.tr.classList.toggle('selected', rid === selected);
  if (!selected) {
    el.detail.hidden = true;
    detail = null;
    return;
  }
  el.detail.hidden = false;
  setChildren(el.detail, h('p.muted', 'Loading…'));
  justSelected = true;
  poller.now();
}

function stat(label, value) {
  return h('div.stat', h('div.stat-label', label), h('div.stat-value', value));
}

function renderDetail(q) {
  detail = q;
  if (!selected) return;
  const running = q.state === 'RUNNING';
  const started = Number(q.startedAtMs);
  const width = Math.max(320, el.detail.clientWidth - 34);
  const scrollY = window.scrollY;
  setChildren(el.detail,
    h('div.detail-head',
      h('h3', 'Query ', h('span.mono', String(q.queryId))),
      badge(q.state),
      h('span.spacer'),
      running ? h('button.btn.small.danger', { type: 'button', on: { click: (e) => cancelQuery(q.queryId, e.currentTarget) } }, 'Cancel') : null,
      h('button.btn.small.ghost', { type: 'button', 'aria-label': 'Close', on: { click: () => select(selected) } }, 'Close')),
    q.text ? h('pre.query-text', q.text) : null,
    q.error ? (q.state === 'FAILED' ? h('div.error-box', h('div.error-title', 'The query failed'), h('div.error-message', cleanMessage(q.error)))
      : h('div.note-box', cleanMessage(q.error))) : null,
    h('div.stats',
      stat('Stages', `${fmtInt(q.stagesDone)} / ${fmtInt(q.stagesTotal)}`),
      stat('Tasks', `${fmtInt(q.tasksDone)} / ${fmtInt(q.tasksTotal)}`),
      stat('Rows out', fmtInt(q.rows)),
      stat('Bytes out', fmtBytes(q.bytes)),
      stat('Rows scanned', fmtInt(q.rowsScanned)),
      stat('Bytes scanned', fmtBytes(q.bytesScanned)),
      stat('Spilled', fmtBytes(q.spilledBytes)),
      stat('Elapsed', fmtMs(q.elapsedMs)),
      stat('Started', started > 0 ? new Date(started).toLocaleTimeString() : '–')),
    h('h4', 'Stages'),
    h('div.timeline-wrap', timelineSvg(q, width)));
  window.scrollTo({ top: scrollY });
  if (justSelected) {
    justSelected = false;
    el.detail.scrollIntoView({ block: 'nearest' });
  }
}

async function cancelQuery(id, btn) {
  if (btn) {
    btn.disabled = true;
    btn.textContent = 'Cancelling…';
  }
  try {
    await api((c) => c.cancel(id));
  } catch (e) {
    if (e instanceof SignedOut) return;
    el.error.textContent = 'Could not cancel ' + id + ': ' + cleanMessage(e && e.message);
    el.error.hidden = false;
  }
  poller.now();
}
