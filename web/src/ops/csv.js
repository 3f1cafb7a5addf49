/**
 * `toCSV(table)`: a Table as CSV text: a header row, RFC 4180 quoting (a field with the separator,
 * a quote or a line break is quoted, quotes doubled; an empty string is "" so that it differs from
 * a null, which is empty), dates and timestamps ISO 8601.
 * @module ops/csv
 */
import { DataType, makeVector } from 'apache-arrow';
import { decimalText } from './values.js';
import { isoDate, isoDateTime } from './compare.js';

const UNITS_PER_SECOND = [1n, 1000n, 1_000_000n, 1_000_000_000n];

function quote(text, separator) {
  if (text === '') return '""';
  if (text.includes(separator) || /["\r\n]/.test(text)) return '"' + text.replace(/"/g, '""') + '"';
  return text;
}

function plain(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v !== 'object') return v;
  if (v.type instanceof DataType && typeof v[Symbol.iterator] === 'function') return Array.from(v, plain);
  if (typeof v.toJSON === 'function' && !(v instanceof Date)) return plain(v.toJSON());
  if (ArrayBuffer.isView(v)) return Array.from(v, plain);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** A function of (value, chunk, index in chunk) → cell text, for a column's type. */
function formatter(type) {
  if (DataType.isDictionary(type)) return formatter(type.dictionary);
  if (DataType.isTimestamp(type)) {
    const per = UNITS_PER_SECOND[type.unit];
    const zone = type.timezone ? 'Z' : '';
    return (v, data, j) => {
      const raw = BigInt(data.values[data.offset + j]);
      let frac = raw % per;
      if (frac < 0n) frac += per;
      const ms = Number((raw - frac) / per) * 1000;
      return isoDateTime(ms, type.unit, 'T', frac) + zone;
    };
  }
  if (DataType.isDate(type)) return (v) => isoDate(v);
  if (DataType.isDecimal(type)) return (v) => decimalText(v, type.scale);
  if (DataType.isFloat(type)) {
    // as Polars writes floats: a whole number keeps its '.0'
    return (v) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'inf' : v === -Infinity ? '-inf'
      : Number.isInteger(v) && Math.abs(v) < 1e16 ? v.toFixed(1) : String(v));
  }
  if (DataType.isTime(type)) {
    return (v, data, j) => {
      const raw = BigInt(data.values[data.offset + j]);
      const per = UNITS_PER_SECOND[type.unit];
      const seconds = Number(raw / per);
      const text = isoDateTime(seconds * 1000, 0, 'T').slice(11);
      return type.unit ? `${text}.${(raw % per).toString().padStart(String(per).length - 1, '0')}` : text;
    };
  }
  if (DataType.isDuration(type)) return (v) => String(v);
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) {
    return (v) => Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  if (DataType.isList(type) || DataType.isStruct(type) || DataType.isMap(type) || DataType.isFixedSizeList(type)) {
    return (v) => JSON.stringify(plain(v));
  }
  return (v) => (typeof v === 'bigint' ? v.toString() : String(v));
}

/**
 * CSV text of a table.
 * @param {import('apache-arrow').Table} table
 * @param {{separator?: string, lineTerminator?: string, header?: boolean}} [options]
 *   separator ',', lineTerminator '\n' (as Polars' write_csv; '\r\n' for RFC 4180's CRLF), header true
 * @returns {string}
 */
export function toCSV(table, { separator = ',', lineTerminator = '\n', header = true } = {}) {
  const fields = table.schema.fields;
  const n = table.numRows;
  const cells = fields.map((field, c) => {
    const format = formatter(field.type);
    const out = new Array(n);
    let row = 0;
    for (const data of table.getChildAt(c).data) {
      const chunk = makeVector(data);
      for (let j = 0; j < data.length; j++, row++) {
        out[row] = data.getValid(j) ? quote(format(chunk.get(j), data, j), separator) : '';
      }
    }
    return out;
  });
  const lines = [];
  if (header) lines.push(fields.map((f) => quote(f.name, separator)).join(separator));
  for (let i = 0; i < n; i++) lines.push(cells.map((col) => col[i]).join(separator));
  return lines.length ? lines.join(lineTerminator) + lineTerminator : '';
}

