/**
 * The evaluator's column (`Col`) and the helpers every part of it uses: row mapping with null
 * propagation, numeric result types, plan types as Arrow types.
 * @module ops/column
 */
import { Int64, Float64, Float32, Bool, Utf8, DateDay, Null, Int32, Int16, Int8 } from 'apache-arrow';
import { OpsError, readValues, timestampType } from './values.js';

export const DAY_MS = 86_400_000;

/**
 * A computed column: `values` (JS values, null for null; one value when `scalar`), the Arrow
 * `type` it becomes, its `kind` (see kindOf), whether it is a `literal` whose type adapts, and
 * for a column read as is, its `vector` and `field`.
 */
export class Col {
  constructor({ kind, type, values, scalar = false, literal = false, vector = null, field = null }) {
    this.kind = kind;
    this.type = type;
    this._values = values;
    this.scalar = scalar;
    this.literal = literal;
    this.vector = vector;
    this.field = field;
  }

  /** @returns {Array} */
  get values() {
    if (!this._values) this._values = readValues(this.vector);
    return this._values;
  }

  /** The value of row `i` (a scalar's one value for any row). */
  at(i) { return this.scalar ? this.values[0] : this.values[i]; }
}

/** A column of one value, for any row. */
export function scalarCol(kind, type, value, literal = false) {
  return new Col({ kind, type, values: [value], scalar: true, literal });
}

/** Arrow types of the plan's simple type ids. */
const TYPE_IDS = {
  NULL: () => new Null(), BOOL: () => new Bool(), INT8: () => new Int8(), INT16: () => new Int16(),
  INT32: () => new Int32(), INT64: () => new Int64(), FLOAT32: () => new Float32(), FLOAT64: () => new Float64(),
  UTF8: () => new Utf8(), DATE32: () => new DateDay(),
};
export const UNIT_INDEX = { SECOND: 0, MILLISECOND: 1, MICROSECOND: 2, NANOSECOND: 3 };
export const UNITS_PER_MS = [1e-3, 1, 1e3, 1e6];

/** The Arrow type of a plan's DataType JSON. */
export function arrowType(t) {
  if (TYPE_IDS[t.id]) return TYPE_IDS[t.id]();
  if (t.id === 'TIMESTAMP') return timestampType(UNIT_INDEX[t.unit || 'MICROSECOND'], t.timeZone);
  throw new OpsError(`the type ${t.id} is not supported in the page`);
}

/** The length of the result of columns: one when all are scalars. */
export function lengthOf(cols, ctx) {
  return cols.every((c) => c.scalar) ? 1 : ctx.n;
}

/** f(row values...) per row, null when any input is null (unless `nulls` says otherwise). */
/** f(row values...) per row, null when any input is null (unless `nulls` is false). */
export function mapRows(cols, ctx, f, nulls = true) {
  const n = lengthOf(cols, ctx);
  const out = new Array(n);
  const args = new Array(cols.length);
  rows: for (let i = 0; i < n; i++) {
    for (let k = 0; k < cols.length; k++) {
      const v = cols[k].at(i);
      if (v === null && nulls) { out[i] = null; continue rows; }
      args[k] = v;
    }
    out[i] = f(...args);
  }
  return out;
}

/** A computed column: a scalar or literal when all its inputs are. */
export function result(kind, type, values, cols) {
  return new Col({ kind, type, values, scalar: cols.every((c) => c.scalar), literal: cols.every((c) => c.literal) });
}

/** Whether a column computes as numbers (a null literal adapts; booleans count as 0/1). */
export function isNumeric(c) {
  return c.kind === 'int' || c.kind === 'float' || c.kind === 'null' || c.kind === 'bool';
}

/** The wider of two integer types (a signed/unsigned mix: Int64). */
export function intSuper(a, b) {
  if (a.isSigned === b.isSigned) return a.bitWidth >= b.bitWidth ? a : b;
  const [s, u] = a.isSigned ? [a, b] : [b, a];
  return s.bitWidth > u.bitWidth ? s : new Int64();
}

/** The type of a numeric result of columns; `float` forces a float (true division). */
export function numericType(cols, float) {
  const real = cols.filter((c) => c.kind !== 'null');
  const typed = real.filter((c) => !c.literal);
  if (float || real.some((c) => c.kind === 'float')) {
    const floats = typed.filter((c) => c.kind === 'float');
    const only32 = floats.length && floats.every((c) => c.type.precision === 1) && typed.every((c) => c.kind === 'float');
    return ['float', only32 ? new Float32() : new Float64()];
  }
  const ints = typed.filter((c) => c.kind === 'int');
  if (!ints.length) return ['int', new Int64()];
  return ['int', ints.map((c) => c.type).reduce(intSuper)];
}

/** A column's type for messages. */
export function describeType(c) {
  return c.kind === 'null' ? 'null' : String(c.type);
}
