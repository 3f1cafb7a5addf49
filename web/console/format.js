// Formatting of numbers, sizes, durations, Arrow types and Arrow cell values.
import { Type, DateUnit, TimeUnit } from 'apache-arrow';

const intFmt = new Intl.NumberFormat('en-US');

export function fmtInt(n) {
  if (n == null || n === '') return '–';
  const v = typeof n === 'bigint' ? n : Number(n);
  if (typeof v === 'number' && !Number.isFinite(v)) return String(n);
  return intFmt.format(v);
}

export function fmtBytes(n) {
  if (n == null || n === '') return '–';
  let v = Number(n);
  if (!Number.isFinite(v)) return String(n);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return (u === 0 ? String(v) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)) + ' ' + units[u];
}

export function fmtMs(ms) {
  if (ms == null || ms === '') return '–';
  const v = Number(ms);
  if (!Number.isFinite(v)) return String(ms);
  if (v < 1000) return Math.round(v) + ' ms';
  if (v < 60_000) return (v / 1000).toFixed(v < 10_000 ? 2 : 1) + ' s';
  const m = Math.floor(v / 60_000), s = Math.round((v % 60_000) / 1000);
  if (m < 60) return m + ' min ' + s + ' s';
  return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

export function fmtAgo(ms) {
  if (ms == null || ms === '') return '–';
  return fmtMs(ms) + ' ago';
}

/** A short, Polars-like name of an Arrow type. */
export function typeLabel(t) {
  if (!t) return '';
  switch (t.typeId) {
    case Type.Null: return 'null';
    case Type.Int: return (t.isSigned ? 'i' : 'u') + t.bitWidth;
    case Type.Float: return 'f' + [16, 32, 64][t.precision];
    case Type.Utf8: case Type.LargeUtf8: case Type.Utf8View: return 'str';
    case Type.Binary: case Type.LargeBinary: case Type.BinaryView: case Type.FixedSizeBinary: return 'binary';
    case Type.Bool: return 'bool';
    case Type.Decimal: return `decimal(${t.precision},${t.scale})`;
    case Type.Date: return t.unit === DateUnit.DAY ? 'date' : 'date[ms]';
    case Type.Time: return 'time';
    case Type.Timestamp: return 'datetime[' + ['s', 'ms', 'μs', 'ns'][t.unit] + (t.timezone ? ', ' + t.timezone : '') + ']';
    case Type.Duration: return 'duration[' + ['s', 'ms', 'μs', 'ns'][t.unit] + ']';
    case Type.Interval: return 'interval';
    case Type.List: case Type.LargeList: case Type.FixedSizeList:
      return 'list[' + typeLabel(t.children?.[0]?.type) + ']';
    case Type.Struct: return 'struct';
    case Type.Map: return 'map';
    case Type.Dictionary: return typeLabel(t.dictionary);
    default: return String(t);
  }
}

/** Whether values of the type read best right-aligned. */
export function isNumeric(t) {
  if (!t) return false;
  const id = t.typeId === Type.Dictionary ? t.dictionary.typeId : t.typeId;
  return id === Type.Int || id === Type.Float || id === Type.Decimal || id === Type.Duration;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

function isoDate(ms) {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const y = d.getUTCFullYear();
  const ys = y < 0 ? '-' + pad(-y, 4) : y > 9999 ? '+' + y : pad(y, 4);
  return ys + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
}

function isoDateTime(ms, withZone) {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  let s = isoDate(ms) + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
  const frac = d.getUTCMilliseconds();
  if (frac) s += '.' + pad(frac, 3);
  return withZone ? s + 'Z' : s;
}

function decimalString(v, scale) {
  let s = String(v);
  if (!scale || scale <= 0) return s;
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  s = s.padStart(scale + 1, '0');
  return (neg ? '-' : '') + s.slice(0, s.length - scale) + '.' + s.slice(s.length - scale);
}

function floatString(v) {
  if (Number.isInteger(v)) return Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  if (!Number.isFinite(v)) return String(v);
  const p = Number(v.toPrecision(12));
  return String(p);
}

function jsonish(v) {
  try {
    const seen = new WeakSet();
    const s = JSON.stringify(v && typeof v.toJSON === 'function' ? v.toJSON() : v, (k, x) => {
      if (typeof x === 'bigint') return x.toString();
      if (x && typeof x === 'object') {
        if (seen.has(x)) return '…';
        seen.add(x);
        if (ArrayBuffer.isView(x)) return Array.from(x, (e) => (typeof e === 'bigint' ? e.toString() : e));
      }
      return x;
    });
    return s === undefined ? String(v) : s;
  } catch {
    return String(v);
  }
}

const MAX_CELL = 300;
const clip = (s) => (s.length > MAX_CELL ? s.slice(0, MAX_CELL) + '…' : s);

/** A function that turns one value of the Arrow type (as vector.get returns it) into display text. */
export function formatterFor(t) {
  if (!t) return (v) => clip(String(v));
  switch (t.typeId) {
    case Type.Int: return (v) => String(v);
    case Type.Float: return floatString;
    case Type.Decimal: return (v) => decimalString(v, t.scale);
    case Type.Bool: return (v) => (v ? 'true' : 'false');
    case Type.Utf8: case Type.LargeUtf8: case Type.Utf8View: return (v) => clip(v);
    case Type.Date: return t.unit === DateUnit.DAY ? isoDate : (v) => isoDateTime(v, false);
    case Type.Timestamp: return (v) => isoDateTime(Number(v), !!t.timezone);
    case Type.Time: {
      const perSec = [1, 1e3, 1e6, 1e9][t.unit ?? TimeUnit.MILLISECOND];
      return (v) => {
        const n = Number(v), secs = Math.floor(n / perSec), frac = n - secs * perSec;
        let s = pad(Math.floor(secs / 3600)) + ':' + pad(Math.floor(secs / 60) % 60) + ':' + pad(secs % 60);
        if (frac) s += '.' + String(frac).padStart(String(perSec).length - 1, '0').replace(/0+$/, '');
        return s;
      };
    }
    case Type.Duration: return (v) => String(v) + ['s', 'ms', 'μs', 'ns'][t.unit];
    case Type.Binary: case Type.LargeBinary: case Type.BinaryView: case Type.FixedSizeBinary:
      return (v) => {
        const n = Math.min(v.length, 32);
        let s = '';
        for (let i = 0; i < n; i++) s += v[i].toString(16).padStart(2, '0');
        return '0x' + s + (v.length > n ? '… (' + v.length + ' bytes)' : '');
      };
    case Type.Dictionary: return formatterFor(t.dictionary);
    default: return (v) => clip(typeof v === 'object' ? jsonish(v) : String(v));
  }
}

/** Removes anything that looks like a Java or JS stack trace, and HTML, from a message shown to people. */
export function cleanMessage(msg) {
  let s = String(msg ?? '').replace(/\r/g, '');
  if (/<html|<body|<!doctype/i.test(s)) s = s.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, '').replace(/<[^>]+>/g, ' ');
  const lines = s.split('\n');
  const out = [];
  for (const line of lines) {
    if (/^\s+at\s+\S/.test(line) || /^\s*\.\.\. \d+ more/.test(line) || /^\s*Caused by:/.test(line)) break;
    out.push(line);
  }
  s = out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  // A Java exception class name in front of the message tells a person nothing.
  s = s.replace(/^(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error):\s*/, '');
  if (s.length > 4000) s = s.slice(0, 4000) + '…';
  return s || 'Something went wrong.';
}

/** The line and column of an error in a SQL text, from the server's message, or null. */
export function errorPosition(message, text) {
  const m = /line (\d+),? col(?:umn)? (\d+)/i.exec(message) || /\bat (\d+):(\d+)\b/.exec(message);
  if (m) return { line: +m[1], column: +m[2] };
  const p = /\b(?:position|offset|char(?:acter)?) (\d+)\b/i.exec(message);
  if (p && text != null) {
    const pos = +p[1];
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    return { line, column: pos - before.lastIndexOf('\n') };
  }
  return null;
}
