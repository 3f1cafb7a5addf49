// The Workers view: each registered worker's address, slots, running tasks, heartbeat age and memory.
import { $, h, setChildren } from './dom.js';
import { api, SignedOut } from './session.js';
import { cleanMessage, fmtBytes, fmtInt, fmtMs } from './format.js';
import { Poller } from './poller.js';

const el = {};
let poller;
const STALE_MS = 5000;

export function initWorkersView() {
  el.table = $('#workers-table');
  el.tbody = $('#workers-table tbody');
  el.empty = $('#workers-empty');
  el.error = $('#workers-error');
  el.updated = $('#workers-updated');
  poller = new Poller(refresh, 2000);
}

export function showWorkers(show) {
  if (show) poller.start();
  else poller.stop();
}

async function refresh() {
  try {
    const res = await api((c) => c.workers());
    const workers = Array.isArray(res) ? res : res?.workers || [];
    el.error.hidden = true;
    render(workers);
    el.updated.textContent = fmtInt(workers.length) + (workers.length === 1 ? ' worker' : ' workers') +
      ' · updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    if (e instanceof SignedOut) return;
    el.error.textContent = 'Could not load the workers: ' + cleanMessage(e && e.message);
    el.error.hidden = false;
  }
}

function render(workers) {
  el.empty.hidden = workers.length > 0;
  el.table.hidden = workers.length === 0;
  setChildren(el.tbody, workers.map((w) => {
    const slots = Number(w.slots) || 0, busy = Number(w.runningTasks) || 0;
    const age = w.millisSinceHeartbeat == null ? null : Number(w.millisSinceHeartbeat);
    const stale = age != null && age > STALE_MS;
    return h('tr' + (stale ? '.stale' : ''), { dataset: { id: String(w.id ?? '') } },
      h('td.mono', String(w.id ?? '–')),
      h('td.mono', String(w.address ?? '–')),
      h('td.num', fmtInt(slots)),
      h('td', h('div.progress-cell',
        h('div.progress', { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(slots), 'aria-valuenow': String(busy) },
          h('div.fill', { style: { width: (slots ? Math.min(100, (100 * busy) / slots) : 0).toFixed(1) + '%' } })),
        h('span.progress-text', fmtInt(busy)))),
      h('td.num' + (stale ? '.warn' : ''), age == null ? '–' : fmtMs(age) + ' ago'),
      h('td.num', memory(w)),
      h('td.num', w.epoch == null ? '–' : String(w.epoch)));
  }));
}

/** Memory in use, and of how much when the worker says: "12.0 MB of 1.5 GB". */
function memory(w) {
  if (w.memoryBytes == null) return '–';
  const limit = Number(w.memoryLimitBytes) || 0;
  return limit > 0 ? fmtBytes(w.memoryBytes) + ' of ' + fmtBytes(limit) : fmtBytes(w.memoryBytes);
}
