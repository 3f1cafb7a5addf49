/**
 * `LazyFrame`: a Polars-like lazy query that builds a `polaroid.v1` plan (`lf.toPlan()`), the
 * same JSON the Java and Python clients send. Nothing runs here: a client sends the plan.
 * @module lazy
 */
import { Expr, toNode, col, lit } from './expr.js';
import { dtype as toDtype } from './types.js';
import { parseExpr } from './parse.js';
import { canonicalJSON } from './wire.js';

const HOW = { inner: 'INNER', left: 'LEFT', right: 'RIGHT', full: 'FULL', outer: 'FULL', semi: 'SEMI', anti: 'ANTI',
  cross: 'CROSS' };
const KEEP = { any: 'ANY', first: 'FIRST', last: 'LAST', none: 'NONE' };

/** Whether `v` is an options object (a plain object, not an Expr or array). */
function isOptions(v) {
  if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof Expr) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `[items, options]` of variadic arguments whose last may be an options object. */
function splitOptions(args) {
  return args.length && isOptions(args[args.length - 1]) ? [args.slice(0, -1), args[args.length - 1]] : [args, {}];
}

/** Column names and expressions (arrays flattened) as Expr nodes: a string is a column, other values literals. */
function exprNodes(items) {
  return items.flat(Infinity).map((i) => (typeof i === 'string' ? col(i).node : toNode(i)));
}

/** Names given as strings or arrays of strings. */
function names(items, what) {
  const out = items.flat(Infinity);
  for (const n of out) if (typeof n !== 'string') throw new TypeError(`${what} takes column names, not ${JSON.stringify(n)}`);
  return out;
}

function paths(source) {
  const list = Array.isArray(source) ? source : [source];
  if (!list.length || list.some((p) => typeof p !== 'string')) throw new TypeError('a scan takes a path or an array of paths');
  return [...list];
}

/** A scan body's storageOptions: keys sorted, values text (as the Java SDK prints a proto map). */
function storageFields(storageOptions) {
  if (!storageOptions || !Object.keys(storageOptions).length) return {};
  const out = {};
  for (const k of Object.keys(storageOptions).sort()) out[k] = String(storageOptions[k]);
  return { storageOptions: out };
}

/** A lazy query: each method returns a new LazyFrame; `toPlan()` is its `polaroid.v1.Plan`. */
export class LazyFrame {
  /** @param {object} relation a `polaroid.v1.Relation` JSON object, e.g. `{scan: {...}}` */
  constructor(relation) {
    if (!relation || typeof relation !== 'object' || Object.keys(relation).length !== 1) {
      throw new TypeError('a LazyFrame wraps one relation, e.g. {scan: {...}}');
    }
    /** @type {object} */
    this.relation = relation;
  }

  /**
   * A LazyFrame of a plan object or its JSON text (`{root: {...}}`).
   * @param {object|string} plan
   */
  static fromPlan(plan) {
    const p = typeof plan === 'string' ? JSON.parse(plan) : plan;
    if (!p || typeof p.root !== 'object') throw new TypeError('a plan is {root: {...}}');
    return new LazyFrame(p.root);
  }

  /** @private */
  wrap(kind, body) { return new LazyFrame({ [kind]: body }); }

  /** The plan as a plain object `{root: {...}}` (a fresh copy). */
  toPlan() { return { root: JSON.parse(JSON.stringify(this.relation)) }; }

  /** The plan as JSON text (`JSON.stringify(lf.toPlan())`). */
  toJSON() { return JSON.stringify(this.toPlan()); }

  /** The plan's canonical JSON text, byte for byte as the Java SDK writes it. */
  toCanonicalJSON() { return canonicalJSON(this.toPlan()); }

  toString() { return `LazyFrame(${Object.keys(this.relation)[0]})`; }

  /**
   * Rows where every predicate holds (several are and-ed); a string is parsed by `parseExpr`:
   * `filter('price > 100')`.
   * @param {...(Expr|string)} predicates
   */
  filter(...predicates) {
    const exprs = predicates.flat().map((p) => (typeof p === 'string' ? parseExpr(p) : p instanceof Expr ? p : lit(p)));
    if (!exprs.length) throw new TypeError('filter needs a predicate');
    const predicate = exprs.reduce((a, b) => a.and(b));
    return this.wrap('filter', { input: this.relation, predicate: predicate.node });
  }

  /**
   * Expressions (a string is a column, other plain values literals).
   * @param {...(Expr|string|Array)} exprs
   */
  select(...exprs) {
    return this.wrap('select', { input: this.relation, exprs: exprNodes(exprs) });
  }

  /** @param {...(Expr|string|Array)} exprs columns added or replaced */
  withColumns(...exprs) {
    return this.wrap('withColumns', { input: this.relation, exprs: exprNodes(exprs) });
  }

  /** Polars-JS's one-column withColumns. */
  withColumn(expr) { return this.withColumns(expr); }

  /**
   * Groups by keys (names or expressions); the last argument may be `{maintainOrder}`.
   * @param {...(Expr|string|Array|{maintainOrder?: boolean})} keys
   * @returns {GroupBy}
   */
  groupBy(...keys) {
    const [items, { maintainOrder = false }] = splitOptions(keys);
    return new GroupBy(this, exprNodes(items), maintainOrder);
  }

  /**
   * Joined with `other`: `{on}` or `{leftOn, rightOn}` (names, expressions or arrays of them),
   * `how` ('inner', 'left', 'right', 'full', 'semi', 'anti', 'cross'), `suffix` ('_right').
   * @param {LazyFrame} other
   * @param {{on?: *, leftOn?: *, rightOn?: *, how?: string, suffix?: string}|string|Array} [options]
   */
  join(other, options = {}) {
    if (!(other instanceof LazyFrame)) throw new TypeError('join takes a LazyFrame');
    const opts = typeof options === 'string' || Array.isArray(options) || options instanceof Expr ? { on: options } : options;
    const { on, leftOn, rightOn, how = 'inner', suffix = '_right' } = opts;
    if (!HOW[how]) throw new RangeError(`how is one of ${Object.keys(HOW).join(', ')}, not ${how}`);
    const body = { left: this.relation, right: other.relation };
    if (how !== 'cross') {
      const [l, r] = on != null ? [on, on] : [leftOn, rightOn];
      if (l == null || r == null) throw new TypeError('join needs on, or leftOn and rightOn');
      body.leftOn = exprNodes([l]);
      body.rightOn = exprNodes([r]);
    }
    body.how = HOW[how];
    if (suffix !== '_right') body.suffix = suffix;
    return this.wrap('join', body);
  }

  /**
   * Sorted by keys (names or expressions); the last argument may be
   * `{descending, nullsLast, maintainOrder}` (booleans, or arrays of one per key). Nulls come
   * first unless nullsLast, as in Polars.
   */
  sort(...by) {
    const [items, { descending = false, nullsLast = false, maintainOrder = false }] = splitOptions(by);
    const exprs = exprNodes(items);
    if (!exprs.length) throw new TypeError('sort needs a key');
    const each = (v, what) => {
      const list = Array.isArray(v) ? v : exprs.map(() => v);
      if (list.length !== exprs.length) throw new RangeError(`${what} needs one value per sort key`);
      return list;
    };
    const desc = each(descending, 'descending');
    const last = each(nullsLast, 'nullsLast');
    const keys = exprs.map((expr, i) => {
      const key = { expr };
      if (desc[i]) key.descending = true;
      if (last[i]) key.nullsLast = true;
      return key;
    });
    const body = { input: this.relation, keys };
    if (maintainOrder) body.maintainOrder = true;
    return this.wrap('sort', body);
  }

  /**
   * Rows from `offset` (negative: from the end), `length` of them (all when absent).
   * @param {number} offset
   * @param {number} [length]
   */
  slice(offset, length) {
    const body = { input: this.relation };
    if (offset) body.offset = String(BigInt(offset));
    if (length != null) body.length = String(BigInt(length));
    return this.wrap('slice', body);
  }

  /** The first `n` rows. */
  head(n = 5) { return this.slice(0, n); }

  /** The first `n` rows. */
  limit(n = 5) { return this.slice(0, n); }

  /**
   * Distinct rows, by all columns or a subset: `unique()`, `unique('a', 'b')`,
   * `unique(['a', 'b'], {keep: 'first', maintainOrder: true})`, `unique({subset, keep, maintainOrder})`.
   */
  unique(...args) {
    const [items, options] = splitOptions(args);
    const { keep = 'any', maintainOrder = false } = options;
    const subset = items.length ? names(items, 'unique') : options.subset != null ? names([options.subset], 'unique') : null;
    if (!KEEP[keep]) throw new RangeError(`keep is one of ${Object.keys(KEEP).join(', ')}, not ${keep}`);
    const body = { input: this.relation };
    if (subset) body.subset = subset;
    body.keep = KEEP[keep];
    if (maintainOrder) body.maintainOrder = true;
    return this.wrap('unique', body);
  }

  /** @param {Object<string, string>} mapping old name → new name */
  rename(mapping) {
    const columns = Object.entries(mapping).map(([from, to]) => ({ from, to }));
    return this.wrap('rename', { input: this.relation, columns });
  }

  /** @param {...(string|string[])} columns */
  drop(...columns) {
    return this.wrap('drop', { input: this.relation, columns: names(columns, 'drop') });
  }

  /** One row per value of the list columns (the other columns repeated). */
  explode(...columns) {
    return this.wrap('explode', { input: this.relation, columns: names(columns, 'explode') });
  }

  /**
   * A SQL query over this frame, named `self` (or `tableName`) in it.
   * @param {string} query
   * @param {{tableName?: string}} [options]
   */
  sql(query, { tableName = 'self' } = {}) {
    return sql(query, { [tableName]: this });
  }
}

/** `lf.groupBy(...).agg(...)` */
export class GroupBy {
  constructor(frame, keys, maintainOrder) {
    this.frame = frame;
    this.keys = keys;
    this.maintainOrder = maintainOrder;
  }

  /** @param {...(Expr|string|Array)} aggs aggregations per group (a string is a column) */
  agg(...aggs) {
    const body = { input: this.frame.relation, keys: this.keys, aggs: exprNodes(aggs) };
    if (this.maintainOrder) body.maintainOrder = true;
    return this.frame.wrap('aggregate', body);
  }

  /** Rows per group, in a column named `name`. */
  len(name = 'len') {
    return this.agg(new Expr({ call: { function: 'len' } }).alias(name));
  }
}

/**
 * Parquet files: a path, folder, glob or URI, or an array of them.
 * @param {string|string[]} source
 * @param {{storageOptions?: Object<string, string>}} [options]
 */
export function scanParquet(source, { storageOptions } = {}) {
  return new LazyFrame({ scan: { format: 'PARQUET', paths: paths(source), ...storageFields(storageOptions) } });
}

/**
 * Arrow IPC files.
 * @param {string|string[]} source
 * @param {{storageOptions?: Object<string, string>}} [options]
 */
export function scanIpc(source, { storageOptions } = {}) {
  return new LazyFrame({ scan: { format: 'IPC', paths: paths(source), ...storageFields(storageOptions) } });
}

/**
 * CSV files, with Polars' options.
 * @param {string|string[]} source
 * @param {{hasHeader?: boolean, separator?: string, quoteChar?: string, nullValues?: string[]|string,
 *   inferSchemaLength?: number, schemaOverrides?: Object<string, object|string>, ignoreErrors?: boolean,
 *   tryParseDates?: boolean, storageOptions?: Object<string, string>}} [options]
 */
export function scanCsv(source, options = {}) {
  const { hasHeader = true, separator = ',', quoteChar = '"', nullValues, inferSchemaLength = 100,
    schemaOverrides, ignoreErrors = false, tryParseDates = false, storageOptions } = options;
  const csv = {};
  if (!hasHeader) csv.hasHeader = false;
  if (separator !== ',') csv.delimiter = separator;
  if (quoteChar !== '"') csv.quote = quoteChar;
  const nulls = nullValues == null ? [] : Array.isArray(nullValues) ? nullValues : [nullValues];
  if (nulls.length) csv.nullValues = [...nulls];
  if (inferSchemaLength !== 100) csv.inferSchemaLength = inferSchemaLength;
  if (schemaOverrides && Object.keys(schemaOverrides).length) {
    csv.schemaOverrides = Object.entries(schemaOverrides)
      .map(([name, t]) => ({ name, type: toDtype(t).toNode(), nullable: true }));
  }
  if (ignoreErrors) csv.ignoreErrors = true;
  if (tryParseDates) csv.tryParseDates = true;
  const scan = { format: 'CSV', paths: paths(source) };
  if (Object.keys(csv).length) scan.csv = csv;
  return new LazyFrame({ scan: { ...scan, ...storageFields(storageOptions) } });
}

/**
 * A table of the server's catalog, by name.
 * @param {string} name
 */
export function scanTable(name) {
  if (typeof name !== 'string' || !name) throw new TypeError('scanTable takes a table name');
  return new LazyFrame({ scan: { table: name } });
}

/**
 * Rows carried in the plan itself: an Arrow IPC stream (bytes, e.g. `ops.toIPC(table)`).
 * @param {Uint8Array|ArrayBuffer} ipc
 */
export function inMemory(ipc) {
  const bytes = ipc instanceof Uint8Array ? ipc : new Uint8Array(ipc);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return new LazyFrame({ inMemory: { arrowIpc: btoa(s) } });
}

/**
 * A SQL query (Polaroid's dialect) over named frames; names in FROM not given here are tables of
 * the server's catalog.
 * @param {string} query
 * @param {Object<string, LazyFrame>} [tables]
 */
export function sql(query, tables = {}) {
  if (typeof query !== 'string' || !query.trim()) throw new TypeError('sql() needs a query text');
  const body = { query };
  const entries = Object.entries(tables);
  if (entries.length) {
    body.tables = {};
    for (const [name, frame] of entries) {
      if (!(frame instanceof LazyFrame)) throw new TypeError(`sql table ${name} is not a LazyFrame`);
      body.tables[name] = frame.relation;
    }
  }
  return new LazyFrame({ sql: body });
}

/**
 * Frames one after another (their columns must match).
 * @param {LazyFrame[]} frames
 */
export function concat(frames) {
  if (!Array.isArray(frames) || !frames.length) throw new TypeError('concat takes a non-empty array of LazyFrames');
  for (const f of frames) if (!(f instanceof LazyFrame)) throw new TypeError('concat takes LazyFrames');
  return new LazyFrame({ union: { inputs: frames.map((f) => f.relation) } });
}
