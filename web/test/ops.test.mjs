// In-page operations on apache-arrow Tables. Expected results are computed here from the source
// arrays with plain JS, not with the evaluator under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Table, vectorFromArray, makeVector, makeData, Int8, Int32, Int64, Float32, Float64, Utf8, Bool, DateDay,
  TimestampMicrosecond, Decimal, Dictionary, List, Field, RecordBatchStreamWriter, tableFromIPC, Uint32,
} from 'apache-arrow';
import { ops, pl, parseExpr } from '../src/index.js';

const { col, lit } = pl;

/** A seeded random generator (mulberry32), so the data is the same on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 200;
const rnd = random(42);
const maybe = (f) => (rnd() < 0.15 ? null : f());
const SYMBOLS = ['AAPL', 'MSFT', 'GOOG', 'b', 'a,b', 'say "hi"'];
const src = {
  i: Array.from({ length: N }, () => maybe(() => Math.floor(rnd() * 200) - 100)),
  x: Array.from({ length: N }, () => maybe(() => Math.round(rnd() * 10000) / 100)),
  s: Array.from({ length: N }, () => maybe(() => SYMBOLS[Math.floor(rnd() * SYMBOLS.length)])),
  d: Array.from({ length: N }, () => maybe(() => Date.UTC(2023, 0, 1) + Math.floor(rnd() * 730) * 86_400_000)),
  f: Array.from({ length: N }, () => maybe(() => rnd() < 0.5)),
};

function bigTable() {
  return new Table({
    i: vectorFromArray(src.i, new Int32()),
    x: vectorFromArray(src.x, new Float64()),
    s: vectorFromArray(src.s, new Utf8()),
    d: vectorFromArray(src.d.map((v) => (v === null ? null : new Date(v))), new DateDay()),
    f: vectorFromArray(src.f, new Bool()),
  });
}

/** Row objects of a table (bigints as numbers, to compare with plain JS). */
function rows(table) {
  return table.toArray().map((r) => Object.fromEntries(Object.entries(r.toJSON())
    .map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

function sourceRows(indices) {
  return indices.map((k) => ({ i: src.i[k], x: src.x[k], s: src.s[k], d: src.d[k], f: src.f[k] }));
}

const indices = (pred) => [...Array(N).keys()].filter(pred);

test('filter: comparisons with null drop the row; the column types stay', () => {
  const t = bigTable();
  const out = ops.filter(t, col('i').gt(10));
  assert.deepStrictEqual(rows(out), sourceRows(indices((k) => src.i[k] !== null && src.i[k] > 10)));
  assert.deepStrictEqual(out.schema.fields.map((f) => String(f.type)), ['Int32', 'Float64', 'Utf8', 'Date32<DAY>', 'Bool']);
});

test('filter with text: and/or/not, IN, BETWEEN, IS NULL, LIKE as Polars would', () => {
  const t = bigTable();
  const cases = [
    ["i > 10 and s != 'b'", (k) => src.i[k] !== null && src.i[k] > 10 && src.s[k] !== null && src.s[k] !== 'b'],
    // Kleene: null OR true is true, null AND x is null (dropped) unless x is false
    ["i < 0 or s = 'AAPL'", (k) => (src.i[k] !== null && src.i[k] < 0) || (src.s[k] === 'AAPL')],
    ['not (x >= 50)', (k) => src.x[k] !== null && !(src.x[k] >= 50)],
    ["s in ('AAPL', 'GOOG')", (k) => src.s[k] === 'AAPL' || src.s[k] === 'GOOG'],
    ["s not in ('AAPL', 'GOOG')", (k) => src.s[k] !== null && src.s[k] !== 'AAPL' && src.s[k] !== 'GOOG'],
    ['x between 20 and 40.5', (k) => src.x[k] !== null && src.x[k] >= 20 && src.x[k] <= 40.5],
    ['i is null', (k) => src.i[k] === null],
    ['i is not null and f', (k) => src.i[k] !== null && src.f[k] === true],
    ["s like 'a%'", (k) => src.s[k] !== null && src.s[k].startsWith('a')],
    ['i % 3 = 0 and i + x > 0', (k) => src.i[k] !== null && src.x[k] !== null &&
      (((src.i[k] % 3) + 3) % 3) === 0 && src.i[k] + src.x[k] > 0],
    ["d >= '2024-01-01'", (k) => src.d[k] !== null && src.d[k] >= Date.UTC(2024, 0, 1)],
    ['-i > 50', (k) => src.i[k] !== null && -src.i[k] > 50],
    ['coalesce(i, 0) = 0', (k) => (src.i[k] ?? 0) === 0],
    ['length(s) > 2 and upper(s) = s', (k) => src.s[k] !== null && [...src.s[k]].length > 2 && src.s[k].toUpperCase() === src.s[k]],
  ];
  for (const [text, pred] of cases) {
    assert.deepStrictEqual(rows(ops.filter(t, text)), sourceRows(indices(pred)), text);
    assert.deepStrictEqual(rows(ops.filter(t, parseExpr(text))), sourceRows(indices(pred)), text);
  }
});

test('filter by dates compares with Date literals', () => {
  const t = bigTable();
  const cut = Date.UTC(2023, 6, 1);
  const expected = sourceRows(indices((k) => src.d[k] !== null && src.d[k] < cut));
  assert.deepStrictEqual(rows(ops.filter(t, col('d').lt(new Date(cut)))), expected);
  assert.deepStrictEqual(rows(ops.filter(t, col('d').lt(pl.date(2023, 7, 1)))), expected);
  assert.deepStrictEqual(rows(ops.filter(t, col('d').dt.year().eq(2024).and(col('d').dt.month().le(2)))),
    sourceRows(indices((k) => src.d[k] !== null && new Date(src.d[k]).getUTCFullYear() === 2024 && new Date(src.d[k]).getUTCMonth() < 2)));
});

test('filter keeps timestamps exact to the microsecond, decimals, dictionaries and lists', () => {
  const ts = makeVector(makeData({ type: new TimestampMicrosecond(), length: 3, nullCount: 0,
    data: BigInt64Array.from([1704067200000001n, 1704067200000002n, 1704067200500003n]) }));
  const dec = makeVector(makeData({ type: new Decimal(2, 10, 128), length: 3, nullCount: 0,
    data: new Uint32Array([12345, 0, 0, 0, 1, 0, 0, 0, 4294967295, 4294967295, 4294967295, 4294967295]) }));
  const dict = vectorFromArray(['p', 'q', 'p'], new Dictionary(new Utf8(), new Int32()));
  const list = vectorFromArray([[1, 2], null, [3]], new List(new Field('item', new Int32(), true)));
  const t = new Table({ ts, dec, dict, list, k: vectorFromArray([1, 2, 3], new Int8()) });
  const out = ops.filter(t, 'k != 2');
  assert.equal(out.numRows, 2);
  const raw = out.getChild('ts').data[0];
  assert.deepStrictEqual([raw.values[raw.offset], raw.values[raw.offset + 1]], [1704067200000001n, 1704067200500003n]);
  assert.deepStrictEqual(out.schema.fields.map((f) => String(f.type)),
    ['Timestamp<MICROSECOND>', 'Decimal[10e+2]', 'Dictionary<Int32, Utf8>', 'List<Int32>', 'Int8']);
  assert.deepStrictEqual([String(out.getChild('dec').get(0)), String(out.getChild('dec').get(1))], ['12345', '-1']);
  assert.deepStrictEqual([...out.getChild('dict')], ['p', 'p']);
  assert.deepStrictEqual([...out.getChild('list').get(0)], [1, 2]);
  assert.deepStrictEqual([...out.getChild('list').get(1)], [3]);
  assert.equal(ops.filter(t, 'ts > \'2024-01-01 00:00:00.000001\'').numRows, 2);
  assert.equal(ops.filter(t, col('ts').ge(pl.datetime(2024, 1, 1, 0, 0, 0, 500000))).numRows, 1);
  assert.equal(ops.filter(t, 'dec > 100').numRows, 1); // 123.45
});

test('filter across several record batches, with a dictionary per batch', () => {
  const part = (a, s) => new Table({ a: vectorFromArray(a, new Int32()), s: vectorFromArray(s, new Dictionary(new Utf8(), new Int32())) });
  const t = part([1, 5, 9], ['x', 'y', 'z']).concat(part([2, 6, null], ['u', 'v', 'w']));
  assert.equal(t.batches.length, 2);
  assert.notStrictEqual(t.getChild('s').data[0].dictionary, t.getChild('s').data[1].dictionary);
  const out = ops.filter(t, 'a > 4');
  assert.deepStrictEqual(rows(out), [{ a: 5, s: 'y' }, { a: 9, s: 'z' }, { a: 6, s: 'v' }]);
  assert.equal(String(out.getChild('s').type), 'Dictionary<Int32, Utf8>');
  const sorted = ops.sort(t, 's', { descending: true });
  assert.deepStrictEqual([...sorted.getChild('s')], ['z', 'y', 'x', 'w', 'v', 'u']);
  const writer = RecordBatchStreamWriter.writeAll(t);
  assert.deepStrictEqual(rows(ops.filter(tableFromIPC(writer.toUint8Array(true)), 'a < 3')), [{ a: 1, s: 'x' }, { a: 2, s: 'u' }]);
});

test('filter: a non-boolean predicate and unknown columns are errors', () => {
  const t = bigTable();
  assert.throws(() => ops.filter(t, 'i + 1'), ops.OpsError);
  assert.throws(() => ops.filter(t, 'nope > 1'), /column 'nope' not found/);
  assert.throws(() => ops.filter(t, "s > 1"), /cannot compare/);
  assert.throws(() => ops.filter(t, 'price >'), /expected an expression at position 7/);
  assert.equal(ops.filter(t, 'true').numRows, N);
  assert.equal(ops.filter(t, 'null').numRows, 0);
});

test('select: columns as they are, computed columns by alias, Polars arithmetic', () => {
  const t = new Table({
    a: vectorFromArray([7, -7, 6, null, 0], new Int32()),
    b: vectorFromArray([2, 2, 0, 1, 3], new Int32()),
    x: vectorFromArray([1.5, 2.5, -0.5, 3.25, null], new Float32()),
  });
  const out = ops.select(t, 'a',
    col('a').add(1).alias('a1'), col('a').truediv(col('b')).alias('q'), col('a').floordiv(col('b')).alias('fd'),
    col('a').mod(3).alias('m'), col('a').neg().alias('n'), col('x').mul(2).alias('x2'), col('a').add(col('x')).alias('ax'),
    col('x').round(0).alias('r'), col('a').cast('f64').alias('af'), col('a').cast(pl.String).alias('as'));
  assert.deepStrictEqual(out.schema.fields.map((f) => `${f.name}:${f.type}`),
    ['a:Int32', 'a1:Int32', 'q:Float64', 'fd:Int32', 'm:Int32', 'n:Int32', 'x2:Float32', 'ax:Float64', 'r:Float32', 'af:Float64', 'as:Utf8']);
  assert.strictEqual(out.getChild('a').data[0], t.getChild('a').data[0]); // kept as it is
  assert.deepStrictEqual([...out.getChild('a1')], [8, -6, 7, null, 1]);
  assert.deepStrictEqual([...out.getChild('q')], [3.5, -3.5, Infinity, null, 0]);
  assert.deepStrictEqual([...out.getChild('fd')], [3, -4, null, null, 0]);
  assert.deepStrictEqual([...out.getChild('m')], [1, 2, 0, null, 0]);
  assert.deepStrictEqual([...out.getChild('n')], [-7, 7, -6, null, 0]);
  assert.deepStrictEqual([...out.getChild('x2')], [3, 5, -1, 6.5, null]);
  assert.deepStrictEqual([...out.getChild('ax')], [8.5, -4.5, 5.5, null, null]);
  assert.deepStrictEqual([...out.getChild('r')], [2, 2, -0, 3, null]); // halves to even
  assert.deepStrictEqual([...out.getChild('as')], ['7', '-7', '6', null, '0']);
});

test('select: Int64 columns compute as numbers and come back as Int64', () => {
  const t = new Table({ big: vectorFromArray([1n, 2n, null, 40n], new Int64()) });
  const out = ops.select(t, col('big').mul(10).alias('x'), col('big').sum().alias('s'));
  assert.equal(String(out.getChild('x').type), 'Int64');
  assert.deepStrictEqual([...out.getChild('x')], [10n, 20n, null, 400n]);
  assert.deepStrictEqual([...out.getChild('s')], [43n, 43n, 43n, 43n]);
});

test('select of aggregations gives one row, and they match sums computed here', () => {
  const t = bigTable();
  const xs = src.x.filter((v) => v !== null);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  const sorted = [...xs].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const out = ops.select(t, col('x').sum().alias('sum'), col('x').mean().alias('mean'), col('x').min().alias('min'),
    col('x').max().alias('max'), col('x').count().alias('count'), pl.len().alias('len'), col('s').nUnique().alias('u'),
    col('x').first().alias('first'), col('x').last().alias('last'), col('x').median().alias('median'),
    col('x').std().alias('std'), col('x').var().alias('var'), col('s').min().alias('smin'), col('i').sum().alias('isum'));
  assert.equal(out.numRows, 1);
  const [r] = rows(out);
  assert.ok(Math.abs(r.sum - xs.reduce((a, b) => a + b, 0)) < 1e-9);
  assert.ok(Math.abs(r.mean - mean) < 1e-9);
  assert.equal(r.min, Math.min(...xs));
  assert.equal(r.max, Math.max(...xs));
  assert.equal(r.count, xs.length);
  assert.equal(r.len, N);
  assert.equal(r.u, new Set(src.s).size); // null counts as a value, as in Polars
  assert.equal(r.first, src.x[0]);
  assert.equal(r.last, src.x[N - 1]);
  assert.equal(r.median, median);
  assert.ok(Math.abs(r.var - variance) < 1e-9);
  assert.ok(Math.abs(r.std - Math.sqrt(variance)) < 1e-9);
  assert.equal(r.smin, src.s.filter((v) => v !== null).sort()[0]);
  assert.equal(r.isum, src.i.reduce((a, b) => a + (b ?? 0), 0));
});

test('select: an aggregation next to a column is repeated; ratios of sums', () => {
  const t = new Table({ x: vectorFromArray([1, 2, 3], new Float64()), y: vectorFromArray([2, 2, 4], new Float64()) });
  const out = ops.select(t, 'x', col('x').truediv(col('x').sum()).alias('share'), col('x').sum().truediv(col('y').sum()).alias('ratio'));
  assert.deepStrictEqual([...out.getChild('share')], [1 / 6, 2 / 6, 3 / 6]);
  assert.deepStrictEqual([...out.getChild('ratio')], [0.75, 0.75, 0.75]);
  assert.throws(() => ops.select(t, 'x', col('y').alias('x')), /used twice/);
  assert.deepStrictEqual(rows(ops.select(t, 'x * 2')), [{ x: 2 }, { x: 4 }, { x: 6 }]);
});

test('three-valued logic, null tests and fills', () => {
  const t = new Table({
    p: vectorFromArray([true, true, true, false, false, false, null, null, null], new Bool()),
    q: vectorFromArray([true, false, null, true, false, null, true, false, null], new Bool()),
    n: vectorFromArray([1, null, 3, null, 5, 6, null, 8, 9], new Int32()),
  });
  const out = ops.select(t, col('p').and(col('q')).alias('and'), col('p').or(col('q')).alias('or'), col('p').not().alias('not'),
    col('n').isNull().alias('isnull'), col('n').fillNull(0).alias('filled'), pl.coalesce('n', lit(-1)).alias('c'),
    col('p').eq(col('q')).alias('eq'));
  assert.deepStrictEqual([...out.getChild('and')], [true, false, null, false, false, false, null, false, null]);
  assert.deepStrictEqual([...out.getChild('or')], [true, true, true, true, false, null, true, null, null]);
  assert.deepStrictEqual([...out.getChild('not')], [false, false, false, true, true, true, null, null, null]);
  assert.deepStrictEqual([...out.getChild('isnull')], [false, true, false, true, false, false, true, false, false]);
  assert.deepStrictEqual([...out.getChild('filled')], [1, 0, 3, 0, 5, 6, 0, 8, 9]);
  assert.equal(String(out.getChild('filled').type), 'Int32');
  assert.deepStrictEqual([...out.getChild('c')], [1, -1, 3, -1, 5, 6, -1, 8, 9]);
  assert.deepStrictEqual([...out.getChild('eq')], [true, false, null, false, true, null, null, null, null]);
});

test('when/then/otherwise, strings and dates', () => {
  const t = new Table({
    x: vectorFromArray([5, -2, 0, null], new Int32()),
    s: vectorFromArray(['Hello', 'wörld', null, '  pad  '], new Utf8()),
    d: vectorFromArray([new Date('2024-02-29'), new Date('2023-12-31'), null, new Date('2024-07-01')], new DateDay()),
  });
  const out = ops.select(t,
    pl.when(col('x').gt(0)).then(lit('pos')).when(col('x').lt(0)).then(lit('neg')).otherwise(lit('zero')).alias('sign'),
    pl.when(col('x').gt(0)).then(col('x')).alias('pos'),
    col('s').str.toUppercase().alias('up'), col('s').str.lenChars().alias('n'), col('s').str.slice(1, 3).alias('sl'),
    col('s').str.contains('l+', false).alias('re'), col('s').str.contains('l+', true).alias('lit'),
    col('s').str.startsWith('H').alias('sw'), col('s').str.stripChars().alias('st'),
    pl.concatStr('s', lit('-'), 'x').alias('cat'),
    col('d').dt.year().alias('y'), col('d').dt.month().alias('m'), col('d').dt.day().alias('dd'),
    col('d').dt.quarter().alias('q'), col('d').dt.weekday().alias('wd'), col('d').dt.ordinalDay().alias('od'));
  assert.deepStrictEqual([...out.getChild('sign')], ['pos', 'neg', 'zero', 'zero']);
  assert.deepStrictEqual([...out.getChild('pos')], [5, null, null, null]);
  assert.deepStrictEqual([...out.getChild('up')], ['HELLO', 'WÖRLD', null, '  PAD  ']);
  assert.deepStrictEqual([...out.getChild('n')], [5, 5, null, 7]);
  assert.equal(String(out.getChild('n').type), String(new Uint32()));
  assert.deepStrictEqual([...out.getChild('sl')], ['ell', 'örl', null, ' pa']);
  assert.deepStrictEqual([...out.getChild('re')], [true, true, null, false]);
  assert.deepStrictEqual([...out.getChild('lit')], [false, false, null, false]);
  assert.deepStrictEqual([...out.getChild('sw')], [true, false, null, false]);
  assert.deepStrictEqual([...out.getChild('st')], ['Hello', 'wörld', null, 'pad']);
  assert.deepStrictEqual([...out.getChild('cat')], ['Hello-5', 'wörld--2', null, null]);
  assert.deepStrictEqual([...out.getChild('y')], [2024, 2023, null, 2024]);
  assert.deepStrictEqual([...out.getChild('m')], [2, 12, null, 7]);
  assert.deepStrictEqual([...out.getChild('dd')], [29, 31, null, 1]);
  assert.deepStrictEqual([...out.getChild('q')], [1, 4, null, 3]);
  assert.deepStrictEqual([...out.getChild('wd')], [4, 7, null, 1]); // Thursday, Sunday, Monday
  assert.deepStrictEqual([...out.getChild('od')], [60, 365, null, 183]);
});

test('casts: strict failures throw, lenient ones are null', () => {
  const t = new Table({ s: vectorFromArray(['12', 'x', null, '2024-03-01'], new Utf8()) });
  assert.throws(() => ops.select(t, col('s').cast(pl.Int32).alias('n')), /cannot cast 'x'|cannot cast x/);
  const out = ops.select(t, col('s').cast(pl.Int32, false).alias('n'), col('s').cast(pl.Date, false).alias('d'));
  assert.deepStrictEqual([...out.getChild('n')], [12, null, null, null]);
  assert.deepStrictEqual([...out.getChild('d')], [null, null, null, Date.UTC(2024, 2, 1)]);
});

test('unsupported expressions say so', () => {
  const t = bigTable();
  assert.throws(() => ops.select(t, col('x').sum().over('s')), /not supported in the page/);
  assert.throws(() => ops.select(t, col('x').pow(2).alias('p'), col('s').str.toDate('%j').alias('q')), /not supported/);
  assert.throws(() => ops.select(t, col('d').add(pl.duration({ days: 1 }))), ops.OpsError);
});

/** A reference stable sort of row indices, written differently from the one under test. */
function referenceSort(keys, descending, nullsLast) {
  const order = [...Array(N).keys()];
  // a stable insertion sort: move each row left past the rows it sorts before
  for (let i = 1; i < order.length; i++) {
    const r = order[i];
    let j = i - 1;
    const before = (p, q) => {
      for (let k = 0; k < keys.length; k++) {
        const x = keys[k][p];
        const y = keys[k][q];
        if (x === y) continue;
        if (x === null) return !nullsLast[k];
        if (y === null) return nullsLast[k];
        return descending[k] ? x > y : x < y;
      }
      return false;
    };
    while (j >= 0 && before(r, order[j])) { order[j + 1] = order[j]; j--; }
    order[j + 1] = r;
  }
  return order;
}

test('sort: stable, nulls first unless nullsLast, several keys and directions', () => {
  const t = bigTable();
  const check = (by, keys, descending, nullsLast) => {
    const out = ops.sort(t, by, { descending, nullsLast });
    assert.deepStrictEqual(rows(out), sourceRows(referenceSort(keys, [descending].flat(), [nullsLast].flat())), JSON.stringify(by));
  };
  check('i', [src.i], false, false);
  check('i', [src.i], true, false);
  check('x', [src.x], false, true);
  check(['s', 'i'], [src.s, src.i], [false, true], [true, false]);
  check(['f', 'd', 'x'], [src.f, src.d, src.x], [true, false, false], [false, true, false]);
  const byExpr = ops.sort(t, col('i').abs(), { nullsLast: true });
  assert.deepStrictEqual(rows(byExpr), sourceRows(referenceSort([src.i.map((v) => (v === null ? null : Math.abs(v)))], [false], [true])));
  assert.throws(() => ops.sort(t, ['i', 'x'], { descending: [true] }), /one value per sort key/);
});

test('sort puts NaN above every number', () => {
  const t = new Table({ v: vectorFromArray([3, NaN, null, -1, Infinity], new Float64()) });
  assert.deepStrictEqual([...ops.sort(t, 'v').getChild('v')], [null, -1, 3, Infinity, NaN]);
  assert.deepStrictEqual([...ops.sort(t, 'v', { descending: true, nullsLast: true }).getChild('v')], [NaN, Infinity, 3, -1, null]);
});

test('head and tail', () => {
  const t = bigTable();
  assert.deepStrictEqual(rows(ops.head(t)), sourceRows([0, 1, 2, 3, 4]));
  assert.deepStrictEqual(rows(ops.head(t, 2)), sourceRows([0, 1]));
  assert.equal(ops.head(t, 10_000).numRows, N);
  assert.equal(ops.head(t, -N + 3).numRows, 3);
  assert.deepStrictEqual(rows(ops.tail(t, 2)), sourceRows([N - 2, N - 1]));
  assert.equal(ops.head(t, 0).numRows, 0);
});

test('withColumns replaces and appends', () => {
  const t = new Table({ a: vectorFromArray([1, 2], new Int32()), b: vectorFromArray(['x', 'y'], new Utf8()) });
  const out = ops.withColumns(t, col('a').mul(10).alias('a'), lit(true).alias('c'));
  assert.deepStrictEqual(out.schema.fields.map((f) => f.name), ['a', 'b', 'c']);
  assert.deepStrictEqual(rows(out), [{ a: 10, b: 'x', c: true }, { a: 20, b: 'y', c: true }]);
});

test('IPC bytes both ways', () => {
  const t = bigTable();
  const bytes = ops.toIPC(t);
  assert.ok(bytes instanceof Uint8Array);
  assert.deepStrictEqual(rows(ops.fromIPC(bytes)), rows(t));
  assert.deepStrictEqual(rows(ops.fromIPC(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))), rows(t));
});

test('toCSV: header, RFC 4180 quoting, nulls empty, ISO dates and timestamps', () => {
  const ts = makeVector(makeData({ type: new TimestampMicrosecond(), length: 2, nullCount: 0,
    data: BigInt64Array.from([1704110400123456n, -1n]) }));
  const t = new Table({
    'name, "q"': vectorFromArray(['plain', 'a,b', 'say "hi"', 'two\nlines', '', null].slice(0, 2), new Utf8()),
    n: vectorFromArray([1n, null], new Int64()),
    x: vectorFromArray([2, NaN], new Float64()),
    b: vectorFromArray([true, false], new Bool()),
    d: vectorFromArray([new Date('2024-01-31'), null], new DateDay()),
    ts,
    dec: makeVector(makeData({ type: new Decimal(2, 10, 128), length: 2, nullCount: 0,
      data: new Uint32Array([5, 0, 0, 0, 4294966062, 4294967295, 4294967295, 4294967295]) })),
  });
  assert.equal(ops.toCSV(t),
    '"name, ""q""",n,x,b,d,ts,dec\n' +
    'plain,1,2.0,true,2024-01-31,2024-01-01T12:00:00.123456,0.05\n' +
    '"a,b",,NaN,false,,1969-12-31T23:59:59.999999,-12.34\n');
  const texts = new Table({ s: vectorFromArray(['say "hi"', 'two\nlines', '', null, 'cr\r'], new Utf8()) });
  assert.equal(ops.toCSV(texts), 's\n"say ""hi"""\n"two\nlines"\n""\n\n"cr\r"\n');
  assert.equal(ops.toCSV(texts, { separator: ';', lineTerminator: '\r\n', header: false }),
    '"say ""hi"""\r\n"two\nlines"\r\n""\r\n\r\n"cr\r"\r\n');
});
