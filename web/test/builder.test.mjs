// The lazy builder beyond the golden samples: literal forms, options, errors, and the canonical
// printer's number and text forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pl, LazyFrame, Expr } from '../src/index.js';
import { javaDouble, canonicalJSON } from '../src/wire.js';

const { col, lit } = pl;
const t = () => pl.scanParquet('t.parquet');
const scanT = { scan: { format: 'PARQUET', paths: ['t.parquet'] } };

test('literals of plain JS values', () => {
  assert.deepStrictEqual(lit(7).node, { literal: { integer: '7' } });
  assert.deepStrictEqual(lit(-0).node, { literal: { integer: '0' } });
  assert.deepStrictEqual(lit(123456789012345678901234567890n).node.literal.integer, '123456789012345678901234567890');
  assert.deepStrictEqual(lit(1e20).node, { literal: { float: 1e20 } });
  assert.deepStrictEqual(lit(2 ** 62).node, { literal: { integer: '4611686018427387904' } });
  assert.deepStrictEqual(lit(0.1).node, { literal: { float: 0.1 } });
  assert.deepStrictEqual(lit(NaN).node, { literal: { float: 'NaN' } });
  assert.deepStrictEqual(lit(-Infinity).node, { literal: { float: '-Infinity' } });
  assert.deepStrictEqual(lit('x').node, { literal: { string: 'x' } });
  assert.deepStrictEqual(lit(false).node, { literal: { boolean: false } });
  assert.deepStrictEqual(lit(null).node, { literal: { null: { id: 'NULL' } } });
  assert.deepStrictEqual(lit(new Date(Date.UTC(1970, 0, 2))).node, { literal: { date: 1 } });
  assert.deepStrictEqual(lit(new Date(Date.UTC(1969, 11, 31))).node, { literal: { date: -1 } });
  assert.deepStrictEqual(lit(new Date('2024-01-01T00:00:00.001Z')).node,
    { literal: { timestamp: { value: '1704067200001000', unit: 'MICROSECOND' } } });
  assert.deepStrictEqual(lit(new Uint8Array([1, 2, 3])).node, { literal: { binary: 'AQID' } });
  assert.deepStrictEqual(lit(5, pl.Int8).node,
    { cast: { expr: { literal: { integer: '5' } }, type: { id: 'INT8' }, strict: true } });
  assert.throws(() => lit({ a: 1 }), TypeError);
  assert.throws(() => lit(new Date('nope')), TypeError);
  assert.throws(() => col(5), TypeError);
});

test('plain values where an Expr is expected are literals; strings are text', () => {
  assert.deepStrictEqual(col('s').eq('a').node.call.args[1], { literal: { string: 'a' } });
  assert.deepStrictEqual(col('x').add(1.5).node.call.args[1], { literal: { float: 1.5 } });
  assert.deepStrictEqual(col('x').isIn(['a', 1, null]).node.call.args.slice(1),
    [{ literal: { string: 'a' } }, { literal: { integer: '1' } }, { literal: { null: { id: 'NULL' } } }]);
});

test('in select, groupBy and sort a string is a column; other values literals', () => {
  const plan = t().select('a', ['b', col('c')], 1).toPlan();
  assert.deepStrictEqual(plan.root.select.exprs, [col('a').node, col('b').node, col('c').node, lit(1).node]);
  assert.deepStrictEqual(t().groupBy(['a', 'b']).agg('c').toPlan().root.aggregate,
    { input: scanT, keys: [col('a').node, col('b').node], aggs: [col('c').node] });
  assert.deepStrictEqual(t().sort('a', 'b', { descending: true }).toPlan().root.sort.keys,
    [{ expr: col('a').node, descending: true }, { expr: col('b').node, descending: true }]);
  assert.deepStrictEqual(t().sort('a', { maintainOrder: true }).toPlan().root.sort,
    { input: scanT, keys: [{ expr: col('a').node }], maintainOrder: true });
  assert.throws(() => t().sort(['a', 'b'], { descending: [true] }), RangeError);
  assert.throws(() => t().sort(), TypeError);
});

test('when/then/otherwise, coalesce and concatStr read strings as columns, as in Polars', () => {
  assert.deepStrictEqual(pl.when('flag').then('a').otherwise('b').node,
    { when: { branches: [{ condition: col('flag').node, then: col('a').node }], otherwise: col('b').node } });
  assert.deepStrictEqual(pl.coalesce('a', ['b'], 0).node.call.args, [col('a').node, col('b').node, lit(0).node]);
  assert.deepStrictEqual(pl.concatStr(['a', 'b'], '-').node,
    { call: { function: 'concat_str', args: [col('a').node, lit('-').node, col('b').node] } });
  assert.deepStrictEqual(pl.concatStr('a', 'b', { separator: '/' }).node,
    { call: { function: 'concat_str', args: [col('a').node, lit('/').node, col('b').node] } });
});

test('filter: several predicates and predicate text are and-ed into one flat call', () => {
  const f = t().filter('a > 1', [col('b').lt(2)], 'c = 3 and d').toPlan().root.filter.predicate;
  assert.equal(f.call.function, 'and');
  assert.deepStrictEqual(f.call.args, [col('a').gt(1).node, col('b').lt(2).node, col('c').eq(3).node, col('d').node]);
  assert.deepStrictEqual(t().filter(col('a')).toPlan().root.filter.predicate, col('a').node);
  assert.throws(() => t().filter(), TypeError);
  assert.throws(() => t().filter('a >'), /expected an expression at position 3/);
});

test('casts take types and type names', () => {
  const type = (d) => col('x').cast(d).node.cast.type;
  assert.deepStrictEqual(type('f64'), { id: 'FLOAT64' });
  assert.deepStrictEqual(type('Int32'), { id: 'INT32' });
  assert.deepStrictEqual(type('str'), { id: 'UTF8' });
  assert.deepStrictEqual(type(pl.String), { id: 'UTF8' });
  assert.deepStrictEqual(type('Decimal(15, 2)'), { id: 'DECIMAL', precision: 15, scale: 2 });
  assert.deepStrictEqual(type('Datetime(ms, UTC)'), { id: 'TIMESTAMP', unit: 'MILLISECOND', timeZone: 'UTC' });
  assert.deepStrictEqual(type(pl.List(pl.Int64)), { id: 'LIST', element: { id: 'INT64' } });
  assert.deepStrictEqual(type(pl.Decimal()), { id: 'DECIMAL', precision: 38 });
  assert.deepStrictEqual(col('x').cast(pl.Int64, false).node, { cast: { expr: col('x').node, type: { id: 'INT64' } } });
  assert.deepStrictEqual(col('x').cast(pl.Int64, { strict: false }).node.cast.strict, undefined);
  assert.throws(() => col('x').cast('int7'), TypeError);
  assert.throws(() => pl.Datetime('h'), RangeError);
});

test('slices, heads and limits', () => {
  assert.deepStrictEqual(t().head().toPlan().root.slice, { input: scanT, length: '5' });
  assert.deepStrictEqual(t().limit(2).toPlan().root.slice, { input: scanT, length: '2' });
  assert.deepStrictEqual(t().slice(-3).toPlan().root.slice, { input: scanT, offset: '-3' });
  assert.deepStrictEqual(t().slice(0).toPlan().root.slice, { input: scanT });
});

test('unique, rename, drop, explode', () => {
  assert.deepStrictEqual(t().unique('a').toPlan().root.unique, { input: scanT, subset: ['a'], keep: 'ANY' });
  assert.deepStrictEqual(t().unique({ subset: ['a', 'b'], keep: 'last' }).toPlan().root.unique,
    { input: scanT, subset: ['a', 'b'], keep: 'LAST' });
  assert.throws(() => t().unique('a', { keep: 'middle' }), RangeError);
  assert.deepStrictEqual(t().rename({ a: 'x', b: 'y' }).toPlan().root.rename.columns,
    [{ from: 'a', to: 'x' }, { from: 'b', to: 'y' }]);
  assert.deepStrictEqual(t().drop(['a', 'b'], 'c').toPlan().root.drop.columns, ['a', 'b', 'c']);
  assert.throws(() => t().drop(col('a')), TypeError);
  assert.deepStrictEqual(t().explode('l').toPlan().root.explode, { input: scanT, columns: ['l'] });
});

test('joins need keys unless cross, and know their hows', () => {
  const b = pl.scanParquet('b.parquet');
  assert.throws(() => t().join(b, {}), TypeError);
  assert.throws(() => t().join(b, { on: 'id', how: 'sideways' }), RangeError);
  assert.throws(() => t().join({}, { on: 'id' }), TypeError);
  assert.deepStrictEqual(t().join(b, 'id').toPlan().root.join.leftOn, [col('id').node]);
  assert.equal(t().join(b, { on: 'id', how: 'outer' }).toPlan().root.join.how, 'FULL');
});

test('scans of catalog tables, SQL, in-memory rows and plans read back', () => {
  assert.deepStrictEqual(pl.scanTable('trades').toPlan(), { root: { scan: { table: 'trades' } } });
  assert.deepStrictEqual(pl.sql('SELECT 1').toPlan(), { root: { sql: { query: 'SELECT 1' } } });
  const two = pl.sql('SELECT * FROM a JOIN b USING (id)', { a: t(), b: pl.scanTable('b') }).toPlan();
  assert.deepStrictEqual(two.root.sql.tables, { a: scanT, b: { scan: { table: 'b' } } });
  assert.deepStrictEqual(t().sql('SELECT * FROM me', { tableName: 'me' }).toPlan().root.sql.tables, { me: scanT });
  assert.throws(() => pl.sql('  '), TypeError);
  assert.throws(() => pl.scanTable(''), TypeError);
  assert.deepStrictEqual(pl.inMemory(new Uint8Array([0, 1, 2, 255])).toPlan(), { root: { inMemory: { arrowIpc: 'AAEC/w==' } } });
  const lf = t().filter(col('a').gt(1)).select('a');
  assert.deepStrictEqual(LazyFrame.fromPlan(lf.toJSON()).toPlan(), lf.toPlan());
  assert.deepStrictEqual(pl.fromPlan(lf.toPlan()).toPlan(), lf.toPlan());
  assert.equal(lf.toJSON(), JSON.stringify(lf.toPlan()));
  assert.throws(() => LazyFrame.fromPlan('{"nope": 1}'), TypeError);
  assert.throws(() => pl.concat([]), TypeError);
});

test('golden 25 from its own IPC bytes: the in-memory relation carries them as base64', () => {
  const golden = readFileSync(new URL('../../testdata/golden-plans/25_in_memory.json', import.meta.url), 'utf8');
  const ipc = JSON.parse(golden).root.filter.input.inMemory.arrowIpc;
  const lf = pl.inMemory(Uint8Array.from(atob(ipc), (ch) => ch.charCodeAt(0))).filter(col('id').gt(1));
  assert.equal(lf.toCanonicalJSON(), golden.replace(/\n$/, ''));
});

test('the plan is a copy: changing it does not change the frame', () => {
  const lf = t();
  lf.toPlan().root.scan.paths.push('other');
  assert.deepStrictEqual(lf.toPlan().root.scan.paths, ['t.parquet']);
});

test('groupBy().len(), over, offsetBy and duration', () => {
  assert.deepStrictEqual(t().groupBy('k').len().toPlan().root.aggregate.aggs,
    [{ alias: { expr: { call: { function: 'len' } }, name: 'len' } }]);
  assert.deepStrictEqual(col('x').sum().over('g', col('h')).node,
    { window: { expr: col('x').sum().node, partitionBy: [col('g').node, col('h').node] } });
  assert.deepStrictEqual(col('d').dt.offsetBy('1y2w3h').node.call.args[1],
    { literal: { interval: { months: 12, days: 14, nanos: '10800000000000' } } });
  assert.throws(() => col('d').dt.offsetBy('3x'), RangeError);
  assert.deepStrictEqual(pl.duration({ hours: 1, nanoseconds: 5 }).node,
    { literal: { typed: { type: { id: 'DURATION', unit: 'NANOSECOND' }, value: '3600000000005' } } });
  assert.throws(() => pl.duration({ days: 1.5 }), TypeError);
});

test('Exprs print as their nodes', () => {
  const e = col('a').gt(1);
  assert.ok(e instanceof Expr);
  assert.equal(JSON.stringify(e), JSON.stringify(e.node));
  assert.equal(JSON.stringify({ e }), `{"e":${JSON.stringify(e.node)}}`);
});

test('canonical text: Java doubles and Gson escapes', () => {
  assert.equal(javaDouble(2), '2.0');
  assert.equal(javaDouble(2.5), '2.5');
  assert.equal(javaDouble(-0), '-0.0');
  assert.equal(javaDouble(0.001), '0.001');
  assert.equal(javaDouble(0.0001), '1.0E-4');
  assert.equal(javaDouble(1e7), '1.0E7');
  assert.equal(javaDouble(9999999.5), '9999999.5');
  assert.equal(javaDouble(1.2345e-10), '1.2345E-10');
  assert.equal(javaDouble(-1.5e300), '-1.5E300');
  assert.equal(canonicalJSON({ root: { a: "<'&=>\u0001" } }), '{\n  "root": {\n    "a": "\\u003c\\u0027\\u0026\\u003d\\u003e\\u0001"\n  }\n}');
  assert.equal(t().select(lit(12500000.5).alias('big')).toCanonicalJSON().includes('"float": 1.25000005E7'), true);
  assert.equal(t().select(lit(1e7).alias('big')).toCanonicalJSON().includes('"integer": "10000000"'), true);
  assert.equal(canonicalJSON({ root: {} }), '{\n  "root": {\n  }\n}');
});
