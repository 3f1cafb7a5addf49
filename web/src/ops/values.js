/**
 * Between apache-arrow vectors and the plain JS values the in-page evaluator computes with:
 * reading a vector's values, building a vector of a type from values, taking rows by index, and
 * assembling a Table that keeps its schema.
 * @module ops/values
 */
import {
  DataType, Type, Schema, Struct, Table, RecordBatch, makeData, makeVector, makeBuilder,
  TimestampSecond, TimestampMillisecond, TimestampMicrosecond, TimestampNanosecond,
} from 'apache-arrow';

/** An error of the in-page evaluation (an unsupported function, a type mismatch, a failed cast). */
export class OpsError extends Error {
  constructor(message) {
    super(message);
    this.name = 'OpsError';
  }
}

/**
 * What the evaluator computes with, by Arrow type: 'int', 'float', 'bool', 'str', 'date'
 * (ms since the epoch), 'timestamp' (ms), 'null', 'other'.
 * @param {DataType} type
 * @returns {string}
 */
export function kindOf(type) {
  if (DataType.isDictionary(type)) return kindOf(type.dictionary);
  if (DataType.isInt(type)) return 'int';
  if (DataType.isFloat(type) || DataType.isDecimal(type)) return 'float';
  if (DataType.isBool(type)) return 'bool';
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isUtf8View(type)) return 'str';
  if (DataType.isDate(type)) return 'date';
  if (DataType.isTimestamp(type)) return 'timestamp';
  if (DataType.isNull(type)) return 'null';
  return 'other';
}

/** Decimal text of an Arrow decimal value (its unscaled integer and the scale). */
export function decimalText(value, scale) {
  const raw = String(value);
  if (!scale) return raw;
  const negative = raw.startsWith('-');
  const digits = (negative ? raw.slice(1) : raw).padStart(scale + 1, '0');
  return (negative ? '-' : '') + digits.slice(0, -scale) + '.' + digits.slice(-scale);
}

/**
 * The values of a vector as JS values the evaluator compares and computes with (null for null):
 * int64 as numbers, decimals as numbers, dates and timestamps as ms since the epoch.
 * @param {import('apache-arrow').Vector} vector
 * @returns {Array}
 */
export function readValues(vector) {
  const type = DataType.isDictionary(vector.type) ? vector.type.dictionary : vector.type;
  const values = Array.from(vector);
  if (DataType.isInt(type) && type.bitWidth === 64) {
    for (let i = 0; i < values.length; i++) if (values[i] !== null) values[i] = Number(values[i]);
  } else if (DataType.isDecimal(type)) {
    for (let i = 0; i < values.length; i++) if (values[i] !== null) values[i] = Number(decimalText(values[i], type.scale));
  }
  return values;
}

const MS_PER = { [0]: 1e-3, [1]: 1, [2]: 1e3, [3]: 1e6 }; // units per ms, by TimeUnit
const DAY_MS = 86_400_000;

/** The Arrow timestamp type of a unit (0..3) and time zone. */
export function timestampType(unit, timezone) {
  const T = [TimestampSecond, TimestampMillisecond, TimestampMicrosecond, TimestampNanosecond][unit];
  return new T(timezone || null);
}

function validity(values) {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nulls++;
    else bitmap[i >> 3] |= 1 << (i & 7);
  }
  return [nulls ? bitmap : undefined, nulls];
}

/**
 * A vector of `type` from the evaluator's JS values (see readValues).
 * @param {DataType} type
 * @param {Array} values
 */
export function buildVector(type, values) {
  const length = values.length;
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDate(type) || DataType.isTimestamp(type)) {
    const [nullBitmap, nullCount] = validity(values);
    const data = new type.ArrayType(length);
    const big = data instanceof BigInt64Array || data instanceof BigUint64Array;
    const scale = DataType.isDate(type) ? (type.unit === 0 ? 1 / DAY_MS : 1) : DataType.isTimestamp(type) ? MS_PER[type.unit] : 1;
    for (let i = 0; i < length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const x = scale === 1 ? v : v * scale;
      data[i] = big ? BigInt(Math.round(x)) : DataType.isInt(type) || DataType.isDate(type) ? Math.round(x) : x;
    }
    return makeVector(makeData({ type, length, nullCount, nullBitmap, data }));
  }
  if (DataType.isNull(type)) return makeVector(makeData({ type, length, nullCount: length }));
  const builder = makeBuilder({ type, nullValues: [null, undefined] });
  for (const v of values) builder.append(v);
  return makeVector(builder.finish().flush());
}

/** A JS value of `get()` that a builder of the same type takes back (lists and structs as plain values). */
function plain(v) {
  if (v === null || v === undefined || typeof v !== 'object') return v;
  if (typeof v.toJSON === 'function' && !(v instanceof Date) && !ArrayBuffer.isView(v) && !('type' in v)) return v.toJSON();
  if (v && v.type instanceof DataType && typeof v[Symbol.iterator] === 'function') return Array.from(v, plain);
  return v;
}

const RAW_TYPES = new Set([Type.Int, Type.Float, Type.Date, Type.Timestamp, Type.Time, Type.Duration, Type.Decimal,
  Type.Interval, Type.FixedSizeBinary]);

/**
 * The rows `indices` of a vector, as a one-chunk vector of the same type.
 * @param {import('apache-arrow').Vector} vector
 * @param {ArrayLike<number>} indices
 */
export function take(vector, indices) {
  const { type } = vector;
  const length = indices.length;
  const chunks = vector.data;
  const starts = [];
  let total = 0;
  for (const d of chunks) { starts.push(total); total += d.length; }
  const locate = (i) => {
    let lo = 0; let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  const sharedDictionary = DataType.isDictionary(type) && chunks.every((d) => d.dictionary === chunks[0].dictionary);
  if (RAW_TYPES.has(type.typeId) || sharedDictionary) {
    const stride = chunks.length ? chunks[0].stride : 1;
    const ArrayType = sharedDictionary ? type.indices.ArrayType : type.ArrayType;
    const data = new ArrayType(length * stride);
    const bitmap = new Uint8Array((length + 7) >> 3);
    let nullCount = 0;
    for (let k = 0; k < length; k++) {
      const c = locate(indices[k]);
      const d = chunks[c];
      const local = indices[k] - starts[c];
      if (!d.getValid(local)) { nullCount++; continue; }
      bitmap[k >> 3] |= 1 << (k & 7);
      const from = (d.offset + local) * stride;
      for (let s = 0; s < stride; s++) data[k * stride + s] = d.values[from + s];
    }
    const props = { type, length, nullCount, nullBitmap: nullCount ? bitmap : undefined, data };
    if (sharedDictionary) props.dictionary = chunks[0]?.dictionary;
    return makeVector(makeData(props));
  }
  if (DataType.isNull(type)) return makeVector(makeData({ type, length, nullCount: length }));
  const builder = makeBuilder({ type, nullValues: [null, undefined] });
  for (let k = 0; k < length; k++) builder.append(plain(vector.get(indices[k])));
  return makeVector(builder.finish().flush());
}

/**
 * A Table of one-chunk vectors with these fields (names, types, nullability, metadata kept).
 * @param {Field[]} fields
 * @param {import('apache-arrow').Vector[]} vectors each of one chunk, all of one length
 * @param {Map<string, string>} [metadata]
 * @param {number} [length] rows (for a table without columns)
 */
export function assemble(fields, vectors, metadata, length = vectors.length ? vectors[0].length : 0) {
  const schema = new Schema(fields, metadata);
  const children = vectors.map((v) => (v.data.length === 1 ? v.data[0] : take(v, range(v.length)).data[0]));
  const data = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  return new Table(schema, [new RecordBatch(schema, data)]);
}

/** 0, 1, ..., n - 1 */
export function range(n) {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** The rows `indices` of a table, every column's type and the schema kept. */
export function takeRows(table, indices) {
  const vectors = table.schema.fields.map((_, i) => take(table.getChildAt(i), indices));
  return assemble(table.schema.fields, vectors, table.schema.metadata, indices.length);
}
