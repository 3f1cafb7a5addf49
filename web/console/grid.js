// A virtualized table over an Arrow Table: only the rows on screen are in the DOM. A tall spacer gives the
// scroll range; a small pool of absolutely positioned row elements is re-filled on scroll (in a
// requestAnimationFrame), reading each cell straight from the Arrow vectors with vector.get(i).
import { h } from './dom.js';
import { formatterFor, isNumeric, typeLabel } from './format.js';

const ROW_HEIGHT = 28;
const OVERSCAN = 6;
// Browsers cap an element's height (Firefox near 17.9 million px); past this the scroll position maps to a
// row by proportion instead of by pixels.
const MAX_SPACER = 15_000_000;

export class VirtualGrid {
  /**
   * @param {HTMLElement} host where the grid goes
   * @param {{onSort?: (column: string) => void}} options
   */
  constructor(host, options = {}) {
    this.options = options;
    this.table = null;
    this.rows = 0;
    this.pool = [];
    this.sort = null; // {column, descending}
    this.scheduled = false;
    this.headHeight = 44; // the .grid-head height in styles.css
    this.head = h('div.grid-head', { role: 'row' });
    this.spacer = h('div.grid-spacer');
    this.body = h('div.grid-body', { role: 'rowgroup' });
    this.inner = h('div.grid-inner', this.head, this.spacer, this.body);
    this.empty = h('div.grid-empty');
    this.el = h('div.grid', { tabindex: '0', role: 'grid', 'aria-label': 'Results' }, this.inner, this.empty);
    host.append(this.el);
    this.el.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.head.addEventListener('click', (e) => {
      const cell = e.target.closest('[data-col]');
      if (cell && this.options.onSort) this.options.onSort(cell.dataset.col);
    });
    this.head.addEventListener('keydown', (e) => {
      const cell = e.target.closest('[data-col]');
      if (cell && (e.key === 'Enter' || e.key === ' ') && this.options.onSort) {
        e.preventDefault();
        this.options.onSort(cell.dataset.col);
      }
    });
    // Full text of a clipped cell on hover, computed only when asked for.
    this.body.addEventListener('mouseover', (e) => {
      const c = e.target.closest('.c');
      if (c && c.scrollWidth > c.clientWidth) c.title = c.textContent;
      else if (c) c.removeAttribute('title');
    });
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => this.schedule()).observe(this.el);
    this.setTable(null);
  }

  /** Shows a table (or null for none). keepScroll keeps the position (a table that grows while streaming). */
  setTable(table, { keepScroll = false, emptyText = 'No rows.', sort = this.sort } = {}) {
    const sameShape = keepScroll && this.table && table && sameSchema(this.table.schema, table.schema);
    this.table = table;
    this.sort = sort;
    this.rows = table ? table.numRows : 0;
    this.columns = table ? table.schema.fields.map((f, i) => ({
      name: f.name, type: f.type, vector: table.getChildAt(i), format: formatterFor(f.type), numeric: isNumeric(f.type),
    })) : [];
    if (!sameShape) {
      this.widths = this.measure();
      this.buildHead();
      this.resetPool();
      if (!keepScroll) this.el.scrollTop = 0, this.el.scrollLeft = 0;
    } else {
      this.updateHeadSort();
      for (const slot of this.pool) slot.row = -1;
    }
    this.el.classList.toggle('is-empty', !table || this.rows === 0);
    this.el.classList.toggle('no-table', !table);
    this.empty.textContent = table ? emptyText : '';
    const full = this.rows * ROW_HEIGHT;
    this.scaled = full > MAX_SPACER;
    this.spacer.style.height = (this.scaled ? MAX_SPACER : full) + 'px';
    // a short result gets a short box; a long one the height the stylesheet allows
    this.el.style.setProperty('--content-h', (table && this.rows ? this.headHeight + full + 18 : 200) + 'px');
    this.render();
  }

  /** Column widths from the names, types and the first rows' values, measured in the grid's fonts. */
  measure() {
    const n = Math.min(this.rows, 200);
    const text = textWidth(this.el, '13px'), bold = textWidth(this.el, '13px', 650), small = textWidth(this.el, '11px');
    const widths = this.columns.map((c) => {
      let w = Math.max(bold(c.name) + 14, small(typeLabel(c.type)));
      let longest = '';
      for (let i = 0; i < n; i++) {
        const v = c.vector.get(i);
        const s = v == null ? 'null' : c.format(v);
        if (s.length > longest.length) longest = s;
        if (s.length >= longest.length - 2) w = Math.max(w, text(s)); // measure only the longest few
      }
      return Math.round(Math.min(Math.max(w + 24, 72), 420));
    });
    const rowNumWidth = Math.round(Math.max(text(String(this.rows)), text('00')) + 22);
    this.template = [rowNumWidth, ...widths].map((w) => w + 'px').join(' ');
    this.totalWidth = [rowNumWidth, ...widths].reduce((a, b) => a + b, 0);
    this.inner.style.setProperty('--cols', this.template);
    this.inner.style.width = this.totalWidth + 'px';
    return widths;
  }

  buildHead() {
    const cells = [h('div.hc.rownum', { role: 'columnheader', 'aria-label': 'row number' }, '#')];
    for (const c of this.columns) {
      cells.push(h('div.hc' + (c.numeric ? '.num' : ''), {
        role: 'columnheader', tabindex: this.options.onSort ? '0' : null, dataset: { col: c.name },
        title: this.options.onSort ? 'Sort by ' + c.name : c.name,
      }, h('span.hn', c.name, h('span.sort-mark')), h('span.ht', typeLabel(c.type))));
    }
    this.head.replaceChildren(...cells);
    this.head.classList.toggle('sortable', !!this.options.onSort);
    this.updateHeadSort();
  }

  updateHeadSort() {
    for (const cell of this.head.querySelectorAll('[data-col]')) {
      const on = this.sort && this.sort.column === cell.dataset.col;
      cell.classList.toggle('sorted', !!on);
      cell.setAttribute('aria-sort', on ? (this.sort.descending ? 'descending' : 'ascending') : 'none');
      cell.querySelector('.sort-mark').textContent = on ? (this.sort.descending ? ' ▼' : ' ▲') : '';
    }
  }

  resetPool() {
    this.body.replaceChildren();
    this.pool = [];
  }

  newSlot() {
    const cells = [h('div.c.rownum')];
    for (const c of this.columns) cells.push(h('div.c' + (c.numeric ? '.num' : '')));
    const el = h('div.grid-row', { role: 'row' }, cells);
    this.body.append(el);
    return { el, cells, row: -1 };
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.render();
    });
  }

  /** Fills the pool for the rows in view. */
  render() {
    const viewport = Math.max(this.el.clientHeight - this.headHeight, ROW_HEIGHT);
    const visible = Math.ceil(viewport / ROW_HEIGHT) + 1;
    const scrollTop = this.el.scrollTop;
    let first, offset; // offset: the top of row `first` in the inner element's coordinates
    if (!this.scaled) {
      first = Math.floor(scrollTop / ROW_HEIGHT);
      offset = (i) => this.headHeight + i * ROW_HEIGHT;
    } else {
      const maxScroll = Math.max(MAX_SPACER + this.headHeight - this.el.clientHeight, 1);
      const exact = Math.min(scrollTop / maxScroll, 1) * Math.max(this.rows - visible + 1, 0);
      first = Math.floor(exact);
      offset = (i) => scrollTop + this.headHeight + (i - exact) * ROW_HEIGHT;
    }
    const start = Math.max(0, first - OVERSCAN);
    const end = Math.min(this.rows, first + visible + OVERSCAN);
    const need = end - start;
    while (this.pool.length < need) this.pool.push(this.newSlot());
    const size = this.pool.length;
    const used = new Set();
    for (let i = start; i < end; i++) {
      const slot = this.pool[i % size];
      used.add(slot);
      if (slot.row !== i) this.fill(slot, i);
      slot.el.style.transform = `translateY(${offset(i)}px)`;
      if (slot.el.hidden) slot.el.hidden = false;
    }
    for (const slot of this.pool) if (!used.has(slot) && !slot.el.hidden) { slot.el.hidden = true; slot.row = -1; }
    this.first = first;
    this.lastRender = performance.now();
  }

  fill(slot, i) {
    slot.row = i;
    slot.el.classList.toggle('odd', i % 2 === 1);
    slot.el.setAttribute('aria-rowindex', String(i + 2));
    slot.cells[0].textContent = String(i + 1);
    const cols = this.columns;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c], cell = slot.cells[c + 1];
      const v = col.vector.get(i);
      if (v == null) {
        cell.textContent = 'null';
        cell.classList.add('null');
      } else {
        cell.textContent = col.format(v);
        cell.classList.remove('null');
      }
    }
  }

  /** The rows in the DOM (a test hook). */
  domRows() {
    return this.pool.filter((s) => !s.el.hidden).length;
  }

  /** Scrolls so that a row is at the top. */
  scrollToRow(i) {
    if (!this.scaled) this.el.scrollTop = i * ROW_HEIGHT;
    else {
      const visible = Math.ceil((this.el.clientHeight - this.headHeight) / ROW_HEIGHT) + 1;
      const maxScroll = MAX_SPACER + this.headHeight - this.el.clientHeight;
      this.el.scrollTop = (i / Math.max(this.rows - visible + 1, 1)) * maxScroll;
    }
    this.render();
  }

  /** The text of the rendered rows: [[rowIndex, ...cells]] (a test hook). */
  renderedRows() {
    return this.pool.filter((s) => !s.el.hidden && s.row >= 0).sort((a, b) => a.row - b.row)
      .map((s) => [s.row, ...s.cells.slice(1).map((c) => c.textContent)]);
  }
}

let canvas = null;
/** A function giving the pixel width of a text in the element's font family at a size and weight. */
function textWidth(el, size, weight = 400) {
  canvas = canvas || document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const family = getComputedStyle(el).fontFamily || 'sans-serif';
  const font = `${weight} ${size} ${family}`;
  const cache = new Map();
  return (s) => {
    let w = cache.get(s);
    if (w === undefined) {
      if (ctx) {
        ctx.font = font;
        w = ctx.measureText(s).width;
      } else w = s.length * 7.6;
      cache.set(s, w);
    }
    return w;
  };
}

function sameSchema(a, b) {
  if (a === b) return true;
  if (a.fields.length !== b.fields.length) return false;
  return a.fields.every((f, i) => f.name === b.fields[i].name && String(f.type) === String(b.fields[i].type));
}
