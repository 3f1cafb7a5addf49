/**
 * Data types of a Polaroid plan (`polaroid.v1.DataType`), named as in Polars: `pl.Int64`,
 * `pl.Decimal(15, 2)`, `pl.Datetime('ms', 'UTC')`. A type is a plain frozen object `{id, ...}`
 * whose `toNode()` is its protobuf JSON form; `dtype('i64')` also takes names.
 * @module types
 */

const UNITS = { s: 'SECOND', ms: 'MILLISECOND', us: 'MICROSECOND', ns: 'NANOSECOND' };

/**
 * A data type of the plan.
 * @typedef {{id: string, precision?: number, scale?: number, unit?: string, timeZone?: string,
 *            element?: DataType, toNode(): object}} DataType
 */

/** @returns {DataType} */
function make(node) {
  const t = { ...node, toNode: () => JSON.parse(JSON.stringify(node)) };
  return Object.freeze(t);
}

const simple = (id) => make({ id });

export const Null = simple('NULL');
const BooleanT = simple('BOOL');
export const Int8 = simple('INT8');
export const Int16 = simple('INT16');
export const Int32 = simple('INT32');
export const Int64 = simple('INT64');
export const Float32 = simple('FLOAT32');
export const Float64 = simple('FLOAT64');
export const Utf8 = simple('UTF8');
const DateT = simple('DATE32');
export const Time = simple('TIME');
export const Binary = simple('BINARY');

/**
 * A decimal of `precision` digits, `scale` of them after the point (Polars' defaults: 38, 0).
 * @param {number} [precision]
 * @param {number} [scale]
 * @returns {DataType}
 */
export function Decimal(precision = 38, scale = 0) {
  const node = { id: 'DECIMAL' };
  if (precision) node.precision = precision;
  if (scale) node.scale = scale;
  return make(node);
}

/**
 * A timestamp in `timeUnit` ('s', 'ms', 'us', 'ns'), optionally in a time zone.
 * @param {string} [timeUnit]
 * @param {string|null} [timeZone]
 * @returns {DataType}
 */
export function Datetime(timeUnit = 'us', timeZone = null) {
  if (!(timeUnit in UNITS)) throw new RangeError(`time unit is one of s, ms, us, ns, not ${timeUnit}`);
  const node = { id: 'TIMESTAMP', unit: UNITS[timeUnit] };
  if (timeZone) node.timeZone = timeZone;
  return make(node);
}

/**
 * A signed length of time in `timeUnit` ('ms', 'us', 'ns').
 * @param {string} [timeUnit]
 * @returns {DataType}
 */
export function Duration(timeUnit = 'us') {
  if (!['ms', 'us', 'ns'].includes(timeUnit)) throw new RangeError(`time unit is one of ms, us, ns, not ${timeUnit}`);
  return make({ id: 'DURATION', unit: UNITS[timeUnit] });
}

/**
 * A list of values of one type per row.
 * @param {DataType|string} inner
 * @returns {DataType}
 */
export function List(inner) {
  return make({ id: 'LIST', element: dtype(inner).toNode() });
}

const NAMES = {
  null: Null, bool: BooleanT, boolean: BooleanT,
  int8: Int8, i8: Int8, int16: Int16, i16: Int16, int32: Int32, i32: Int32, int64: Int64, i64: Int64,
  float32: Float32, f32: Float32, float64: Float64, f64: Float64, float: Float64, double: Float64,
  utf8: Utf8, str: Utf8, string: Utf8, text: Utf8, varchar: Utf8,
  date: DateT, date32: DateT, time: Time, binary: Binary,
  datetime: Datetime('us'), timestamp: Datetime('us'), decimal: Decimal(), duration: Duration('us'),
};

/**
 * A data type from a type or a name: 'Int64', 'i64', 'f64', 'str', 'Date', 'Datetime',
 * 'Datetime(ms, UTC)', 'Decimal(15, 2)' (case-insensitive).
 * @param {DataType|string|object} t
 * @returns {DataType}
 */
export function dtype(t) {
  if (t && typeof t === 'object' && typeof t.id === 'string') {
    return typeof t.toNode === 'function' ? t : make(t);
  }
  if (typeof t === 'string') {
    const text = t.trim();
    const m = /^(\w+)\s*(?:\((.*)\))?$/.exec(text);
    if (m) {
      const name = m[1].toLowerCase();
      const args = m[2] == null ? [] : m[2].split(',').map((a) => a.trim().replace(/^['"]|['"]$/g, '')).filter((a) => a);
      if (name === 'decimal' && args.length) return Decimal(Number(args[0]), Number(args[1] ?? 0));
      if ((name === 'datetime' || name === 'timestamp') && args.length) return Datetime(args[0], args[1] || null);
      if (name === 'duration' && args.length) return Duration(args[0]);
      if (name === 'list' && args.length) return List(args.join(','));
      if (!args.length && NAMES[name]) return NAMES[name];
    }
  }
  throw new TypeError(`not a data type: ${JSON.stringify(t)} (use pl.Int64, pl.Decimal(15, 2), 'f64', ...)`);
}

export { BooleanT as Boolean, DateT as Date, Utf8 as String };

/** Every type and type constructor, as `pl` offers them. */
export const dtypes = { Null, Boolean: BooleanT, Int8, Int16, Int32, Int64, Float32, Float64, Utf8, String: Utf8, Date: DateT, Time, Binary,
  Decimal, Datetime, Duration, List };
