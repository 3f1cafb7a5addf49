/**
 * Frame operations on an apache-arrow Table in the page: filter, select, withColumns, sort, head,
 * tail. They take the builder's Exprs or expression text (`parseExpr`) and return new Tables.
 * @module ops/frame
 */
import { Field } from 'apache-arrow';
import { outputName } from '../expr.js';
import { Context, evaluate, nodeOf } from './eval.js';
import { OpsError, assemble, buildVector, takeRows, range } from './values.js';
import { compareValues } from './compare.js';

/** The output vector and field of an evaluated column, `n` rows long (a scalar repeated). */
function materialize(name, col, n) {
  if (col.vector && !col.scalar) return [col.vector, new Field(name, col.field.type, col.field.nullable, col.field.metadata)];
  const values = col.scalar ? new Array(n).fill(col.values[0]) : col.values;
  const vector = buildVector(col.type, values);
  return [vector, new Field(name, col.type, true)];
}

/** Expression items (column names, Exprs, text) as [name, Col] pairs over the table. */
function evaluateAll(table, items) {
  const ctx = new Context(table);
  return items.flat().map((item) => {
    if (typeof item === 'string' && table.schema.fields.some((f) => f.name === item)) {
      return [item, ctx.column(item)];
    }
    const node = nodeOf(item);
    return [outputName(node), evaluate(node, ctx)];
  });
}

/**
 * The rows where the predicate (an Expr or expression text, e.g. `'price > 100'`) is true; rows
 * where it is false or null are dropped, as in Polars.
 * @param {import('apache-arrow').Table} table
 * @param {import('../expr.js').Expr|string} predicate
 * @returns {import('apache-arrow').Table}
 */
export function filter(table, predicate) {
  const col = evaluate(nodeOf(predicate), new Context(table));
  if (col.kind !== 'bool' && col.kind !== 'null') {
    throw new OpsError(`a filter predicate must be boolean, not ${String(col.type)}`);
  }
  const keep = [];
  if (col.scalar) {
    if (col.values[0] === true) return table;
  } else {
    const values = col.values;
    for (let i = 0; i < values.length; i++) if (values[i] === true) keep.push(i);
    if (keep.length === table.numRows) return table;
  }
  return takeRows(table, keep);
}

/**
 * Columns (names, kept as they are) and expressions (Exprs or text; an alias names the result):
 * one row when every expression is an aggregation, else one per input row (aggregations repeated).
 * @param {import('apache-arrow').Table} table
 * @param {...(string|import('../expr.js').Expr)} items
 * @returns {import('apache-arrow').Table}
 */
export function select(table, ...items) {
  const cols = evaluateAll(table, items);
  const seen = new Set();
  for (const [name] of cols) {
    if (seen.has(name)) throw new OpsError(`the name '${name}' is used twice (give one an alias)`);
    seen.add(name);
  }
  const n = cols.length && cols.every(([, c]) => c.scalar) ? 1 : table.numRows;
  const out = cols.map(([name, c]) => materialize(name, c, n));
  return assemble(out.map((o) => o[1]), out.map((o) => o[0]), table.schema.metadata, n);
}

/**
 * The table with columns added or replaced (by their output names); scalars are repeated.
 * @param {import('apache-arrow').Table} table
 * @param {...(string|import('../expr.js').Expr)} items
 */
export function withColumns(table, ...items) {
  const cols = evaluateAll(table, items);
  const fields = [...table.schema.fields];
  const vectors = fields.map((_, i) => table.getChildAt(i));
  for (const [name, c] of cols) {
    const [vector, field] = materialize(name, c, table.numRows);
    const at = fields.findIndex((f) => f.name === name);
    if (at >= 0) { fields[at] = field; vectors[at] = vector; } else { fields.push(field); vectors.push(vector); }
  }
  return assemble(fields, vectors, table.schema.metadata, table.numRows);
}

/**
 * Sorted by keys (column names, Exprs or text), stably. As in Polars, nulls come first unless
 * `nullsLast`; NaN sorts above every number. `descending` and `nullsLast` are booleans or arrays
 * with one value per key.
 * @param {import('apache-arrow').Table} table
 * @param {string|import('../expr.js').Expr|Array} by
 * @param {{descending?: boolean|boolean[], nullsLast?: boolean|boolean[]}} [options]
 */
export function sort(table, by, { descending = false, nullsLast = false } = {}) {
  const keys = evaluateAll(table, Array.isArray(by) ? by : [by]).map(([, c]) => c);
  if (!keys.length) throw new OpsError('sort needs a key');
  const each = (v, what) => {
    const list = Array.isArray(v) ? v : keys.map(() => v);
    if (list.length !== keys.length) throw new OpsError(`${what} needs one value per sort key`);
    return list;
  };
  const desc = each(descending, 'descending');
  const last = each(nullsLast, 'nullsLast');
  const n = table.numRows;
  const values = keys.map((k) => (k.scalar ? null : k.values));
  const order = Array.from(range(n));
  order.sort((i, j) => {
    for (let k = 0; k < keys.length; k++) {
      if (!values[k]) continue;
      const x = values[k][i];
      const y = values[k][j];
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === last[k] ? 1 : -1;
      }
      const c = compareValues(x, y);
      if (c) return desc[k] ? -c : c;
    }
    return i - j;
  });
  return takeRows(table, order);
}

/**
 * The first `n` rows (negative: all but the last -n).
 * @param {import('apache-arrow').Table} table
 * @param {number} [n]
 */
export function head(table, n = 5) {
  const end = n >= 0 ? Math.min(n, table.numRows) : Math.max(table.numRows + n, 0);
  return table.slice(0, end);
}

/**
 * The last `n` rows (negative: all but the first -n).
 * @param {import('apache-arrow').Table} table
 * @param {number} [n]
 */
export function tail(table, n = 5) {
  const start = n >= 0 ? Math.max(table.numRows - n, 0) : Math.min(-n, table.numRows);
  return table.slice(start);
}

