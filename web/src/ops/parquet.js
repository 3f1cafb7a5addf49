/**
 * An Arrow table as a Parquet file, written in the page (hyparquet-writer): the console's
 * "download as Parquet". Column types map to Parquet's as Arrow's own writer maps them: integers,
 * floats, booleans and strings as such, dates as DATE, timestamps as TIMESTAMP with their unit and
 * whether they are UTC, decimals as DECIMAL (INT64 up to 18 digits, 16-byte fixed beyond).
 * Other types (lists, structs, durations, times) are written as their text, as the CSV shows them.
 * @module ops/parquet
 */
import { DataType } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';

const TIME_UNITS = ['MILLIS', 'MILLIS', 'MICROS', 'NANOS']; // Arrow's SECOND, MILLISECOND, MICROSECOND, NANOSECOND

/**
 * The Parquet bytes of {@code table}, in one row group.
 * @param {import('apache-arrow').Table} table
 * @returns {Uint8Array}
 */
export function toParquet(table) {
  const fields = table.schema.fields;
  const schema = [{ name: 'root', num_children: fields.length }];
  const columnData = fields.map((field, c) => {
    const vector = table.getChildAt(c);
    const { element, data } = column(field.name, field.type, vector);
    schema.push({ name: field.name, repetition_type: 'OPTIONAL', ...element });
    return { name: field.name, data };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, schema }));
}

/** The schema element of one column and its values as hyparquet-writer takes them (null for null). */
function column(name, type, vector) {
  if (DataType.isInt(type)) {
    if (type.bitWidth === 64 && !type.isSigned) { // above 2^63 only the unsigned logical type reads back right
      return { element: { type: 'INT64', logical_type: { type: 'INTEGER', bitWidth: 64, isSigned: false } },
        data: raw(vector, (v, i) => BigInt(v[i])) };
    }
    if (type.bitWidth === 64 || (type.bitWidth === 32 && !type.isSigned)) {
      return { element: { type: 'INT64' }, data: raw(vector, (v, i) => BigInt(v[i])) };
    }
    return { element: { type: 'INT32' }, data: values(vector, (v) => Number(v)) };
  }
  if (DataType.isFloat(type)) {
    return { element: { type: type.precision === 2 ? 'DOUBLE' : 'FLOAT' }, data: values(vector, (v) => v) };
  }
  if (DataType.isBool(type)) {
    return { element: { type: 'BOOLEAN' }, data: values(vector, (v) => v) };
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    return { element: { type: 'BYTE_ARRAY', converted_type: 'UTF8' }, data: values(vector, (v) => v) };
  }
  if (DataType.isDate(type)) {
    const perDay = type.unit === 0 ? 1 : 86_400_000; // DateDay holds days, DateMillisecond ms
    return { element: { type: 'INT32', converted_type: 'DATE' },
      data: raw(vector, (v, i) => Math.floor(Number(v[i]) / perDay)) };
  }
  if (DataType.isTimestamp(type)) {
    const seconds = type.unit === 0; // Parquet has no seconds: written as milliseconds
    return {
      element: { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: !!type.timezone,
        unit: TIME_UNITS[type.unit] } },
      data: raw(vector, (v, i) => (seconds ? BigInt(v[i]) * 1000n : BigInt(v[i]))),
    };
  }
  if (DataType.isDecimal(type)) {
    const small = type.precision <= 18;
    const element = small
      ? { type: 'INT64', converted_type: 'DECIMAL', precision: type.precision, scale: type.scale }
      : { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', precision: type.precision,
        scale: type.scale };
    return { element, data: raw(vector, (v, i) => unscaled(v, i, type.bitWidth / 32)) };
  }
  return { element: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
    data: values(vector, (v) => (typeof v?.toJSON === 'function' ? JSON.stringify(v.toJSON()) : String(v))) };
}

/** Each row's value through {@code map}, null where the column is null. */
function values(vector, map) {
  const out = new Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const v = vector.get(i);
    out[i] = v === null || v === undefined ? null : map(v);
  }
  return out;
}

/**
 * Each row's value read from the chunk's buffer ({@code read(values, index)}), null where null:
 * 64-bit and 128-bit values are taken whole, never through a float.
 */
function raw(vector, read) {
  const out = new Array(vector.length);
  let row = 0;
  for (const data of vector.data) {
    for (let j = 0; j < data.length; j++, row++) {
      out[row] = data.getValid(j) ? read(data.values, data.offset + j) : null;
    }
  }
  return out;
}

/** A decimal's unscaled value: {@code words} little-endian 32-bit words, two's complement. */
function unscaled(words, index, count) {
  let v = 0n;
  for (let w = count - 1; w >= 0; w--) {
    v = (v << 32n) | BigInt(words[index * count + w]);
  }
  return BigInt.asIntN(count * 32, v);
}
