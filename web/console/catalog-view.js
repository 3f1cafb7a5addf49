// The Catalog view: the coordinator's tables with their columns; a table's name puts
// SELECT * FROM <table> LIMIT 100 into the editor.
import { $, h, setChildren } from './dom.js';
import { api, SignedOut } from './session.js';
import { cleanMessage } from './format.js';

const el = {};
let tables = null;
let onPick = () => {};

export function initCatalogView(pick) {
  onPick = pick;
  el.list = $('#catalog-list');
  el.empty = $('#catalog-empty');
  el.error = $('#catalog-error');
  el.filter = $('#catalog-filter');
  el.filter.addEventListener('input', render);
  $('#catalog-refresh').addEventListener('click', () => load(true));
  el.list.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-table]');
    if (b) onPick(b.dataset.table);
  });
}

export function showCatalog(show) {
  if (show && !tables) load(false);
}

async function load(force) {
  if (force) tables = null;
  if (!tables) setChildren(el.list, h('p.muted', 'Loading…'));
  try {
    const res = await api((c) => c.catalog());
    tables = (Array.isArray(res) ? res : res?.tables || []).slice().sort((a, b) => String(a.name).localeCompare(String(b.name)));
    el.error.hidden = true;
    render();
  } catch (e) {
    if (e instanceof SignedOut) return;
    el.list.replaceChildren();
    el.error.textContent = 'Could not load the catalog: ' + cleanMessage(e && e.message);
    el.error.hidden = false;
  }
}

/** A name as SQL wants it: bare when it can be, else double-quoted. */
export function sqlName(name) {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '"' + String(name).replace(/"/g, '""') + '"';
}

function typeText(t) {
  if (t == null) return '';
  if (typeof t !== 'object') return String(t);
  return String(t.id || t.name || t.type || JSON.stringify(t)).toLowerCase();
}

function render() {
  if (!tables) return;
  const q = el.filter.value.trim().toLowerCase();
  const shown = tables.filter((t) => !q || String(t.name).toLowerCase().includes(q) ||
    (t.fields || []).some((f) => String(f.name).toLowerCase().includes(q)));
  el.empty.hidden = tables.length > 0;
  el.empty.textContent = 'The catalog has no tables.';
  setChildren(el.list, shown.map((t) => {
    const fields = t.fields || [];
    return h('article.card.table-card', { dataset: { table: String(t.name) } },
      h('header',
        h('button.table-name', { type: 'button', dataset: { table: String(t.name) }, title: 'Query ' + t.name + ' in the editor' },
          String(t.name)),
        h('span.muted.small', fields.length + (fields.length === 1 ? ' column' : ' columns'))),
      h('table.columns', h('tbody', fields.map((f) => {
        const hit = q && String(f.name).toLowerCase().includes(q);
        return h('tr' + (hit ? '.hit' : ''),
          h('td.mono', String(f.name)),
          h('td.type', typeText(f.type)),
          h('td.muted.small', f.nullable === false ? 'not null' : ''));
      }))));
  }));
  if (tables.length && !shown.length) setChildren(el.list, h('p.muted', 'No table or column matches “' + el.filter.value + '”.'));
}
