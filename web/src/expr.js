/**
 * Expressions: `col('price').gt(100)`, with Polars' method names in camelCase, built as
 * `polaroid.v1.Expr` protobuf-JSON objects (the same objects the Java and Python clients make).
 * @module expr
 */
import { dtype as toDtype } from './types.js';

const INT64_LIMIT = 2 ** 63;
const DAY_MS = 86_400_000;

/**
 * The `polaroid.v1.Literal` JSON of a plain JS value: integers are int64 text ('100'), other
 * numbers floats, a Date at UTC midnight a date (days since 1970-01-01), any other Date a
 * timestamp in microseconds (its UTC wall-clock time, no time zone, as Python's naive datetime).
 * @param {*} v
 * @returns {object}
 */
export function literalNode(v) {
  if (v === null || v === undefined) return { null: { id: 'NULL' } };
  switch (typeof v) {
    case 'boolean': return { boolean: v };
    case 'bigint': return { integer: v.toString() };
    case 'string': return { string: v };
    case 'number':
      if (Number.isInteger(v) && Math.abs(v) < INT64_LIMIT) return { integer: BigInt(v).toString() };
      if (Number.isNaN(v)) return { float: 'NaN' };
      if (!Number.isFinite(v)) return { float: v > 0 ? 'Infinity' : '-Infinity' };
      return { float: v };
    default:
  }
  if (v instanceof Date) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) throw new TypeError('cannot use an invalid Date as a literal');
    if (ms % DAY_MS === 0) return { date: ms / DAY_MS };
    return { timestamp: { value: (BigInt(ms) * 1000n).toString(), unit: 'MICROSECOND' } };
  }
  if (v instanceof Uint8Array) return { binary: base64(v) };
  throw new TypeError(`cannot use ${describe(v)} as a literal`);
}

function base64(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function describe(v) {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * The `polaroid.v1.Expr` JSON of an Expr or a plain value (a literal; a string is text).
 * @param {*} v
 * @returns {object}
 */
export function toNode(v) {
  return v instanceof Expr ? v.node : { literal: literalNode(v) };
}

/** An Expr or a column for a string (Polars' rule where names are expected). */
export function asColumnOrExpr(v) {
  return typeof v === 'string' ? col(v) : v;
}

/** `fn(args...)` as a call expression. */
export function call(fn, ...args) {
  const body = { function: fn };
  if (args.length) body.args = args.map(toNode);
  return new Expr({ call: body });
}

/** `a and b` as one flat `and(a, b, ...)` call (associative; Java and Python do the same). */
function chain(fn, left, right) {
  const terms = [];
  for (const side of [left, right]) {
    const node = toNode(side);
    if (node.call && node.call.function === fn) terms.push(...(node.call.args || []));
    else terms.push(node);
  }
  return new Expr({ call: { function: fn, args: terms } });
}

/** A lazy expression; `node` is its `polaroid.v1.Expr` protobuf-JSON object. */
export class Expr {
  /** @param {object} node */
  constructor(node) {
    /** @type {object} */
    this.node = node;
  }

  /** @returns {object} the protobuf-JSON object */
  toNode() { return this.node; }

  /** JSON.stringify(expr) writes the node. */
  toJSON() { return this.node; }

  toString() { return `Expr(${JSON.stringify(this.node)})`; }

  /** @private */
  _call(fn, ...args) { return call(fn, this, ...args); }

  // comparisons
  eq(other) { return this._call('eq', other); }
  ne(other) { return this._call('ne', other); }
  neq(other) { return this.ne(other); }
  lt(other) { return this._call('lt', other); }
  le(other) { return this._call('le', other); }
  ltEq(other) { return this.le(other); }
  gt(other) { return this._call('gt', other); }
  ge(other) { return this._call('ge', other); }
  gtEq(other) { return this.ge(other); }

  // arithmetic
  add(other) { return this._call('add', other); }
  plus(other) { return this.add(other); }
  sub(other) { return this._call('sub', other); }
  minus(other) { return this.sub(other); }
  mul(other) { return this._call('mul', other); }
  multiplyBy(other) { return this.mul(other); }
  truediv(other) { return this._call('truediv', other); }
  div(other) { return this.truediv(other); }
  divideBy(other) { return this.truediv(other); }
  floordiv(other) { return this._call('floordiv', other); }
  mod(other) { return this._call('mod', other); }
  modulo(other) { return this.mod(other); }
  neg() { return this._call('neg'); }
  pow(exponent) { return this._call('pow', exponent); }

  // logic
  /** This and every other condition (one flat `and` call). */
  and(...others) { return others.reduce((a, b) => chain('and', a, b), this); }
  /** This or any other condition (one flat `or` call). */
  or(...others) { return others.reduce((a, b) => chain('or', a, b), this); }
  not() { return this._call('not'); }

  // nulls, sets and ranges
  isNull() { return this._call('is_null'); }
  isNotNull() { return this._call('is_not_null'); }
  isNan() { return this._call('is_nan'); }
  isNotNan() { return this._call('is_not_nan'); }
  fillNull(value) { return this._call('fill_null', value); }
  /** @param {Array} values */
  isIn(values) {
    if (!Array.isArray(values)) throw new TypeError('isIn takes an array of values');
    return this._call('is_in', ...values);
  }
  /** @param {string} [closed] 'both' (default), 'left', 'right' or 'none' */
  isBetween(lower, upper, closed = 'both') {
    return closed === 'both' ? this._call('is_between', lower, upper) : this._call('is_between', lower, upper, closed);
  }

  // naming and types
  alias(name) { return new Expr({ alias: { expr: this.node, name } }); }
  /**
   * Converted to `dtype` (a type or a name: 'Int64', 'f64', 'str', 'Date', 'Decimal(15,2)'); as in
   * Python Polars a value that does not convert fails the query unless `strict` is false.
   * @param {object|string} dtype
   * @param {boolean|{strict?: boolean}} [options]
   */
  cast(dtype, options = true) {
    const strict = typeof options === 'object' ? options.strict !== false : options !== false;
    const body = { expr: this.node, type: toDtype(dtype).toNode() };
    if (strict) body.strict = true;
    return new Expr({ cast: body });
  }

  // numbers
  abs() { return this._call('abs'); }
  /** Rounded to `decimals` places (halves to even, as Polaroid does). */
  round(decimals = 0) { return this._call('round', decimals); }
  floor() { return this._call('floor'); }
  ceil() { return this._call('ceil'); }
  sqrt() { return this._call('sqrt'); }

  // aggregations
  sum() { return this._call('sum'); }
  mean() { return this._call('mean'); }
  min() { return this._call('min'); }
  max() { return this._call('max'); }
  count() { return this._call('count'); }
  nUnique() { return this._call('n_unique'); }
  first() { return this._call('first'); }
  last() { return this._call('last'); }
  median() { return this._call('median'); }
  std() { return this._call('std'); }
  var() { return this._call('var'); }

  /**
   * This expression per group of the keys (column names or expressions), as Polars' `over`.
   * @param {...(string|Expr)} partitionBy
   */
  over(...partitionBy) {
    const keys = partitionBy.flat().map((k) => toNode(asColumnOrExpr(k)));
    if (!keys.length) throw new TypeError('over() needs at least one key');
    return new Expr({ window: { expr: this.node, partitionBy: keys } });
  }

  /** `col('s').str.…` */
  get str() { return new StringNamespace(this); }

  /** `col('d').dt.…` */
  get dt() { return new DateNamespace(this); }
}

/** `expr.str.…`: functions of text. */
export class StringNamespace {
  /** @param {Expr} e */
  constructor(e) { this.e = e; }

  /**
   * A regular expression match, as in Polars; `literal` matches the text as is.
   * @param {string} pattern
   * @param {boolean|{literal?: boolean}} [literal]
   */
  contains(pattern, literal = false) {
    const plain = typeof literal === 'object' ? !!literal.literal : !!literal;
    return this.e._call(plain ? 'str.contains' : 'str.contains_regex', pattern);
  }

  startsWith(prefix) { return this.e._call('str.starts_with', prefix); }
  endsWith(suffix) { return this.e._call('str.ends_with', suffix); }
  /** SQL LIKE: % any text, _ one character. */
  like(pattern) { return this.e._call('str.like', pattern); }
  lenChars() { return this.e._call('str.len_chars'); }
  toUppercase() { return this.e._call('str.to_uppercase'); }
  toLowercase() { return this.e._call('str.to_lowercase'); }
  stripChars(characters) {
    return characters == null ? this.e._call('str.strip_chars') : this.e._call('str.strip_chars', characters);
  }
  slice(offset, length) {
    return length == null ? this.e._call('str.slice', offset) : this.e._call('str.slice', offset, length);
  }
  /**
   * Text parsed as a date (`format` in chrono's syntax, e.g. '%Y-%m-%d'; none: ISO).
   * @param {string} [format]
   * @param {{strict?: boolean, exact?: boolean}} [options]
   */
  toDate(format, { strict = true, exact = true } = {}) {
    return this.e._call('str.strptime', 'date', format || '', 'us', '', !!strict, !!exact, 'raise');
  }
}

// Polars' duration string units as [months, days, nanoseconds] per unit.
const DURATION_UNITS = {
  ns: [0, 0, 1n], us: [0, 0, 1000n], ms: [0, 0, 1_000_000n], s: [0, 0, 1_000_000_000n],
  m: [0, 0, 60_000_000_000n], h: [0, 0, 3_600_000_000_000n], d: [0, 1, 0n], w: [0, 7, 0n],
  mo: [1, 0, 0n], q: [3, 0, 0n], y: [12, 0, 0n],
};

/**
 * Polars' duration text ('1y2mo3d4h', a leading '-' negates) as [months, days, nanos].
 * @param {string} text
 * @returns {[number, number, bigint]}
 */
export function parseDuration(text) {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const parts = [...body.matchAll(/(\d+)(ns|us|ms|mo|s|m|h|d|w|q|y)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== body) {
    throw new RangeError(`not a Polars duration: '${text}' (e.g. '1d', '2mo', '1y3w', '-5h')`);
  }
  let months = 0; let days = 0; let nanos = 0n;
  for (const [, n, unit] of parts) {
    const [m, d, ns] = DURATION_UNITS[unit];
    months += Number(n) * m; days += Number(n) * d; nanos += BigInt(n) * ns;
  }
  return negative ? [-months, -days, -nanos] : [months, days, nanos];
}

/** `expr.dt.…`: parts of dates and timestamps. */
export class DateNamespace {
  /** @param {Expr} e */
  constructor(e) { this.e = e; }
  year() { return this.e._call('dt.year'); }
  quarter() { return this.e._call('dt.quarter'); }
  month() { return this.e._call('dt.month'); }
  day() { return this.e._call('dt.day'); }
  weekday() { return this.e._call('dt.weekday'); }
  ordinalDay() { return this.e._call('dt.ordinal_day'); }
  hour() { return this.e._call('dt.hour'); }
  minute() { return this.e._call('dt.minute'); }
  second() { return this.e._call('dt.second'); }
  /** The start of the calendar window of `every` ('1mo', '2w', '15m'). */
  truncate(every) { return this.e._call('dt.truncate', every); }
  /** Moved by a Polars duration text ('1mo', '-3d', '1y2w'); months clamp to the month's end. */
  offsetBy(by) {
    const [months, days, nanos] = parseDuration(by);
    const interval = {};
    if (months) interval.months = months;
    if (days) interval.days = days;
    if (nanos) interval.nanos = nanos.toString();
    return this.e.add(new Expr({ literal: { interval } }));
  }
}

/**
 * A column by name.
 * @param {string} name
 * @returns {Expr}
 */
export function col(name) {
  if (typeof name !== 'string') throw new TypeError(`col() takes a column name, not ${describe(name)}`);
  return new Expr({ column: { name } });
}

/**
 * A constant (number, bigint, string, boolean, null, Date, Uint8Array); of `dtype` when given (a cast).
 * @param {*} value
 * @param {object|string} [dtype]
 * @returns {Expr}
 */
export function lit(value, dtype) {
  const e = value instanceof Expr ? value : new Expr({ literal: literalNode(value) });
  return dtype == null ? e : e.cast(dtype);
}

/** The number of rows (of the group). */
export function len() {
  return call('len');
}

/** The first non-null value of the arguments (strings are columns). */
export function coalesce(...values) {
  return call('coalesce', ...values.flat().map(asColumnOrExpr));
}

/**
 * The texts of the arguments joined (strings are columns): `concatStr('a', lit('-'), 'b')`,
 * `concatStr(['a', 'b'], '-')` or `concatStr('a', 'b', {separator: '-'})`.
 */
export function concatStr(...values) {
  let separator = '';
  const last = values[values.length - 1];
  if (values.length > 1 && Array.isArray(values[0]) && typeof last === 'string') {
    separator = last; values = values.slice(0, -1);
  } else if (last && typeof last === 'object' && !(last instanceof Expr) && !Array.isArray(last)) {
    separator = last.separator || ''; values = values.slice(0, -1);
  }
  let parts = values.flat().map(asColumnOrExpr);
  if (separator) parts = parts.flatMap((p, i) => (i ? [lit(separator), p] : [p]));
  return call('concat_str', ...parts);
}

/** `when(cond).then(a).when(cond2).then(b).otherwise(c)`; strings are columns, as in Polars. */
export class When {
  constructor(branches, condition) {
    this.branches = branches;
    this.condition = condition;
  }

  then(value) {
    const branch = { condition: toNode(asColumnOrExpr(this.condition)), then: toNode(asColumnOrExpr(value)) };
    return new Then([...this.branches, branch]);
  }
}

/** A when/then chain: an expression (null where no branch holds) that takes more branches. */
export class Then extends Expr {
  constructor(branches) {
    super({ when: { branches } });
    this.branches = branches;
  }

  when(condition) { return new When(this.branches, condition); }

  otherwise(value) {
    return new Expr({ when: { branches: this.branches, otherwise: toNode(asColumnOrExpr(value)) } });
  }
}

/** @param {Expr|string} condition */
export function when(condition) {
  return new When([], condition);
}

/**
 * A date literal (month 1-12), as `pl.date(1994, 1, 1)`.
 * @returns {Expr}
 */
export function date(year, month, day) {
  return new Expr({ literal: { date: Date.UTC(year, month - 1, day) / DAY_MS } });
}

/**
 * A timestamp literal in microseconds without a time zone (month 1-12), as `pl.datetime(2024, 1, 1)`.
 * @returns {Expr}
 */
export function datetime(year, month, day, hour = 0, minute = 0, second = 0, microsecond = 0) {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const value = BigInt(ms) * 1000n + BigInt(microsecond);
  return new Expr({ literal: { timestamp: { value: value.toString(), unit: 'MICROSECOND' } } });
}

const DURATION_PARTS = [['weeks', 604_800_000_000_000n], ['days', 86_400_000_000_000n],
  ['hours', 3_600_000_000_000n], ['minutes', 60_000_000_000n], ['seconds', 1_000_000_000n],
  ['milliseconds', 1_000_000n], ['microseconds', 1000n], ['nanoseconds', 1n]];
const NANOS_PER = { ms: 1_000_000n, us: 1000n, ns: 1n };
const UNIT_NAMES = { ms: 'MILLISECOND', us: 'MICROSECOND', ns: 'NANOSECOND' };

/**
 * A constant Duration from whole-number parts, as Polars' `pl.duration(days=30)`, in `timeUnit`
 * ('us'; 'ns' when nanoseconds are given).
 * @param {{weeks?: number, days?: number, hours?: number, minutes?: number, seconds?: number,
 *          milliseconds?: number, microseconds?: number, nanoseconds?: number, timeUnit?: string}} parts
 * @returns {Expr}
 */
export function duration(parts = {}) {
  const unit = parts.timeUnit || (parts.nanoseconds != null ? 'ns' : 'us');
  if (!NANOS_PER[unit]) throw new RangeError(`timeUnit is one of ms, us, ns, not ${unit}`);
  let total = 0n;
  for (const [name, nanos] of DURATION_PARTS) {
    const v = parts[name];
    if (v == null) continue;
    if (!Number.isInteger(v) && typeof v !== 'bigint') throw new TypeError(`duration ${name} must be a whole number`);
    total += BigInt(v) * nanos;
  }
  const value = total / NANOS_PER[unit];
  return new Expr({ literal: { typed: { type: { id: 'DURATION', unit: UNIT_NAMES[unit] }, value: value.toString() } } });
}

/**
 * The name Polars gives an expression's column: an alias, else its first column (else 'literal').
 * @param {object} node an Expr node
 * @returns {string}
 */
export function outputName(node) {
  const [kind] = Object.keys(node);
  const body = node[kind];
  if (kind === 'alias' || kind === 'column') return body.name;
  if (kind === 'call') return body.args && body.args.length ? outputName(body.args[0]) : body.function;
  if (kind === 'cast' || kind === 'window') return outputName(body.expr);
  if (kind === 'when') return outputName(body.branches[0].then);
  return 'literal';
}
