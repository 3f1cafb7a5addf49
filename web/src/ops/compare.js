/**
 * Ordering, equality, ISO date text and value text for the in-page evaluator.
 * @module ops/compare
 */
import { OpsError } from './values.js';

/**
 * A total order of two non-null values of one kind (numbers with NaN greatest and equal to
 * itself, as Polars orders floats; text by UTF-16 code units; booleans false first).
 * @returns {number} negative, 0 or positive
 */
export function compareValues(x, y) {
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof x === 'boolean' && typeof y === 'boolean') return (x ? 1 : 0) - (y ? 1 : 0);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether two values (null included) are the same value for grouping (NaN is NaN). */
export function sameValue(x, y) {
  if (x === null || y === null) return x === y;
  return compareValues(x, y) === 0;
}

const ISO = /^\s*([+-]?\d{4,6})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

/**
 * Milliseconds since the epoch of ISO date or date-time text ('2024-01-31', '2024-01-31 12:00:00.5',
 * '2024-01-31T12:00Z'); without a zone the text is UTC wall-clock time (as a naive timestamp).
 * @param {string} text
 * @param {boolean} [raise] throw on text that is no date (else return null)
 * @returns {number|null}
 */
export function parseISO(text, raise = false) {
  const m = ISO.exec(text);
  if (!m) {
    if (raise) throw new OpsError(`'${text}' is not an ISO date or date-time`);
    return null;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  let ms = date.getTime() + (frac ? Number('0.' + frac) * 1000 : 0);
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || date.getUTCDate() !== Number(d)) {
    if (raise) throw new OpsError(`'${text}' is not a valid date`);
    return null;
  }
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  }
  return ms;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** 'YYYY-MM-DD' of ms since the epoch. */
export function isoDate(ms) {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? '-' : '+') + pad(Math.abs(y), 6);
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * 'YYYY-MM-DD HH:MM:SS.fff…' (separator 'T' or ' ') of ms since the epoch, with the fraction
 * digits of the unit (0 s, 1 ms, 2 us, 3 ns); `fraction` (a bigint of units below the second)
 * makes the digits exact.
 */
export function isoDateTime(ms, unit = 2, separator = ' ', fraction = null) {
  const d = new Date(Math.floor(ms));
  let text = `${isoDate(ms)}${separator}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const digits = [0, 3, 6, 9][unit];
  if (digits) {
    let f = fraction;
    if (f === null) {
      const subMs = ms - Math.floor(ms / 1000) * 1000;
      f = BigInt(Math.round(subMs * 10 ** (digits - 3)));
    }
    text += '.' + f.toString().padStart(digits, '0').slice(0, digits);
  }
  return text;
}

/**
 * Text of one value of a column (as Polars casts to text): floats keep a '.0', dates are ISO.
 * @param {*} x
 * @param {{kind: string, type: object}} col
 */
export function formatValue(x, col) {
  if (x === null || x === undefined) return null;
  switch (col.kind) {
    case 'float':
      if (Number.isNaN(x)) return 'NaN';
      if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
      return Number.isInteger(x) && Math.abs(x) < 1e21 ? x.toFixed(1) : String(x);
    case 'bool': return x ? 'true' : 'false';
    case 'date': return isoDate(x);
    case 'timestamp': return isoDateTime(x, col.type.unit);
    default: return String(x);
  }
}
