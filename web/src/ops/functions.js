/**
 * The text (`str.*`, `concat_str`) and date (`dt.*`) functions of the in-page evaluator. Each
 * entry gives the result's kind and Arrow type and a function of one row's value.
 * @module ops/functions
 */
import { Bool, Utf8, Uint32, Int32, Int8, Int16, DateDay } from 'apache-arrow';
import { OpsError, timestampType } from './values.js';
import { formatValue, parseISO } from './compare.js';

const DAY_MS = 86_400_000;

function regex(pattern, flags = 'u') {
  try {
    return new RegExp(pattern, flags);
  } catch (e) {
    throw new OpsError(`not a regular expression: ${pattern} (${e.message})`);
  }
}

/** SQL LIKE (% any text, _ one character) as an anchored regular expression. */
export function likeRegex(pattern) {
  let out = '';
  for (const ch of pattern) {
    if (ch === '%') out += '.*';
    else if (ch === '_') out += '.';
    else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return regex(`^${out}$`, 'su');
}

/** Characters `offset` (negative: from the end) for `length` (all when null), by code point. */
function sliceChars(x, offset, length) {
  const chars = Array.from(x);
  const start = offset < 0 ? Math.max(chars.length + offset, 0) : Math.min(offset, chars.length);
  const end = length === null || length === undefined ? chars.length : Math.min(start + length, chars.length);
  return chars.slice(start, end).join('');
}

function stripChars(x, chars) {
  if (chars === null || chars === undefined) return x.trim();
  const set = new Set(Array.from(chars));
  const a = Array.from(x);
  let i = 0; let j = a.length;
  while (i < j && set.has(a[i])) i++;
  while (j > i && set.has(a[j - 1])) j--;
  return a.slice(i, j).join('');
}

const STRFTIME = { Y: '([+-]?\\d{4})', m: '(\\d{1,2})', d: '(\\d{1,2})', H: '(\\d{1,2})', M: '(\\d{2})', S: '(\\d{2})' };

/** A parser of text in a small strftime subset (%Y %m %d %H %M %S %%) to ms, or null. */
function strptime(format) {
  if (!format) return (x) => parseISO(x, false);
  const fields = [];
  let pattern = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '%' && format[i + 1] === '%') { pattern += '%'; i++; continue; }
    if (ch === '%') {
      const f = format[i + 1];
      if (!STRFTIME[f]) throw new OpsError(`the format %${f} is not supported in the page`);
      fields.push(f); pattern += STRFTIME[f]; i++; continue;
    }
    pattern += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const re = new RegExp(`^${pattern}$`);
  return (x) => {
    const m = re.exec(x);
    if (!m) return null;
    const p = { Y: 1970, m: 1, d: 1, H: 0, M: 0, S: 0 };
    fields.forEach((f, k) => { p[f] = Number(m[k + 1]); });
    const date = new Date(0);
    date.setUTCFullYear(p.Y, p.m - 1, p.d);
    date.setUTCHours(p.H, p.M, p.S, 0);
    return date.getUTCDate() === p.d && date.getUTCMonth() === p.m - 1 ? date.getTime() : null;
  };
}

const UNIT = { ms: 1, us: 2, ns: 3 };

/**
 * Text functions: (constant arguments after the first, argument columns) → [kind, type, f(value)].
 * `concat_str`'s f takes every argument's value.
 */
export const STRING_FUNCTIONS = {
  'str.contains': ([p]) => ['bool', new Bool(), (x) => x.includes(p)],
  'str.contains_regex': ([p]) => { const re = regex(p); return ['bool', new Bool(), (x) => re.test(x)]; },
  'str.starts_with': ([p]) => ['bool', new Bool(), (x) => x.startsWith(p)],
  'str.ends_with': ([p]) => ['bool', new Bool(), (x) => x.endsWith(p)],
  'str.like': ([p]) => { const re = likeRegex(p); return ['bool', new Bool(), (x) => re.test(x)]; },
  'str.len_chars': () => ['int', new Uint32(), (x) => Array.from(x).length],
  'str.to_uppercase': () => ['str', new Utf8(), (x) => x.toUpperCase()],
  'str.to_lowercase': () => ['str', new Utf8(), (x) => x.toLowerCase()],
  'str.strip_chars': ([chars]) => ['str', new Utf8(), (x) => stripChars(x, chars)],
  'str.slice': ([offset, length]) => ['str', new Utf8(), (x) => sliceChars(x, offset, length ?? null)],
  'str.strptime': ([kind, format, unit, timeZone, strict]) => {
    const parse = strptime(format);
    const fail = (x) => {
      if (strict) throw new OpsError(`cannot parse '${x}' as a ${kind}${format ? ' with ' + format : ''}`);
      return null;
    };
    if (kind === 'date') {
      return ['date', new DateDay(), (x) => { const ms = parse(x); return ms === null ? fail(x) : Math.floor(ms / DAY_MS) * DAY_MS; }];
    }
    return ['timestamp', timestampType(UNIT[unit] ?? 2, timeZone || null), (x) => { const ms = parse(x); return ms === null ? fail(x) : ms; }];
  },
  concat_str: (_, cols) => ['str', new Utf8(), (...xs) => xs.map((x, k) => formatValue(x, cols[k])).join('')],
};

const formatters = new Map();

/** Wall-clock parts of ms since the epoch, in a time zone (UTC when none). */
function parts(ms, timeZone) {
  if (!timeZone || /^(UTC|Z|Etc\/UTC|\+00:?00)$/i.test(timeZone)) {
    const d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
      minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  }
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const out = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

function civil(p) {
  return Date.UTC(p.year, p.month - 1, p.day);
}

/** Date functions: (time zone) → [type, f(ms)]. */
export const DATE_FUNCTIONS = {
  'dt.year': (tz) => [new Int32(), (x) => parts(x, tz).year],
  'dt.month': (tz) => [new Int8(), (x) => parts(x, tz).month],
  'dt.day': (tz) => [new Int8(), (x) => parts(x, tz).day],
  'dt.quarter': (tz) => [new Int8(), (x) => Math.floor((parts(x, tz).month - 1) / 3) + 1],
  'dt.hour': (tz) => [new Int8(), (x) => parts(x, tz).hour],
  'dt.minute': (tz) => [new Int8(), (x) => parts(x, tz).minute],
  'dt.second': (tz) => [new Int8(), (x) => parts(x, tz).second],
  'dt.weekday': (tz) => [new Int8(), (x) => ((new Date(civil(parts(x, tz))).getUTCDay() + 6) % 7) + 1],
  'dt.ordinal_day': (tz) => [new Int16(), (x) => {
    const p = parts(x, tz);
    return (civil(p) - Date.UTC(p.year, 0, 1)) / DAY_MS + 1;
  }],
};
