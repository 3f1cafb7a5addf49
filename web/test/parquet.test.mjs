// ops.toParquet: an Arrow table written as Parquet in the page, read back by another library
// (hyparquet, a reader written apart from the writer) value by value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeVector, Int32, Uint64, List, Field, Table, vectorFromArray, Decimal, Int64, TimestampMicrosecond, DateDay, Utf8, Float64, Bool } from 'apache-arrow';
import { parquetReadObjects, parquetMetadata } from 'hyparquet';
import { ops } from '../src/index.js';

function decimalVector(unscaled, precision, scale) {
  const words = new Uint32Array(unscaled.length * 4);
  unscaled.forEach((v, i) => {
    let x = BigInt.asUintN(128, v === null ? 0n : v);
    for (let w = 0; w < 4; w++) { words[i * 4 + w] = Number(x & 0xffffffffn); x >>= 32n; }
  });
  const nullBitmap = new Uint8Array([unscaled.reduce((m, v, i) => (v === null ? m : m | (1 << i)), 0)]);
  return makeVector({ type: new Decimal(scale, precision, 128), data: words, length: unscaled.length,
    nullCount: unscaled.filter((v) => v === null).length, nullBitmap });
}

test('toParquet writes every common type so that another reader gets the same values', async () => {
  const day = (y, m, d) => Date.UTC(y, m - 1, d);
  const table = new Table({
    id: vectorFromArray([1n, -2n, null, 9007199254740993n], new Int64()),
    price: vectorFromArray([1.5, null, -0.25, 1e300], new Float64()),
    ok: vectorFromArray([true, false, null, true], new Bool()),
    name: vectorFromArray(['a', 'héllo', null, ''], new Utf8()),
    day: vectorFromArray([day(1994, 1, 1), day(1969, 12, 31), null, day(2024, 2, 29)].map((t) => (t === null ? null : new Date(t))), new DateDay()),
    at: vectorFromArray([1_700_000_000_123_456n, null, -1n, 0n].map((v) => (v === null ? null : Number(v) / 1000)), new TimestampMicrosecond('UTC')),
    amount: decimalVector([12345n, -1n, null, 999999999999999n], 15, 2),
  });
  const bytes = ops.toParquet(table);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const schema = parquetMetadata(file).schema;
  assert.deepEqual(schema.map((e) => e.name), ['root', 'id', 'price', 'ok', 'name', 'day', 'at', 'amount']);
  assert.equal(schema[5].converted_type, 'DATE');
  assert.equal(schema[7].converted_type, 'DECIMAL');
  assert.equal(schema[7].scale, 2);
  const rows = await parquetReadObjects({ file, utf8: true });
  assert.deepEqual(rows.map((r) => r.id), [1n, -2n, null, 9007199254740993n]);
  assert.deepEqual(rows.map((r) => r.price), [1.5, null, -0.25, 1e300]);
  assert.deepEqual(rows.map((r) => r.ok), [true, false, null, true]);
  assert.deepEqual(rows.map((r) => r.name), ['a', 'héllo', null, '']);
  assert.deepEqual(rows.map((r) => (r.day === null ? null : r.day.toISOString().slice(0, 10))),
    ['1994-01-01', '1969-12-31', null, '2024-02-29']);
  assert.equal(rows[1].at, null);
  assert.equal(rows[0].at.toISOString(), '2023-11-14T22:13:20.123Z');
  assert.deepEqual(rows.map((r) => r.amount), [123.45, -0.01, null, 9999999999999.99]);
});

test('toParquet writes a column type Parquet lacks as its text', async () => {
  const table = new Table({ n: vectorFromArray([1, 2, null], new Int32()),
    xs: vectorFromArray([[1, 2], null, []], new List(new Field('item', new Int32(), true))) });
  const rows = await parquetReadObjects({ file: toBuffer(ops.toParquet(table)), utf8: true });
  assert.deepEqual(rows.map((r) => r.n), [1, 2, null]);
  assert.deepEqual(rows.map((r) => r.xs), ['[1,2]', null, '[]']);
});

function toBuffer(bytes) {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

test('toParquet keeps unsigned 64-bit integers above 2^63', async () => {
  const table = new Table({ u: vectorFromArray([0n, 18446744073709551615n, null, 9223372036854775808n], new Uint64()) });
  const rows = await parquetReadObjects({ file: toBuffer(ops.toParquet(table)) });
  assert.deepEqual(rows.map((r) => r.u), [0n, 18446744073709551615n, null, 9223372036854775808n]);
});
