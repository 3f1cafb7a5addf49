// The golden sample plans of the wire contract (testdata/golden-plans, written by the Java SDK),
// built with the JS builder as python/tests/test_golden_plans.py builds them: each must be the same
// JSON object (deepStrictEqual with JSON.parse of the file) and, written canonically, the same text
// byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pl } from '../src/index.js';

const GOLDEN = fileURLToPath(new URL('../../testdata/golden-plans/', import.meta.url));
const t = () => pl.scanParquet('t.parquet');
const { col, lit } = pl;

const PLANS = {
  '01_scan_parquet': () => pl.scanParquet('data/trades.parquet'),
  '02_scan_parquet_glob': () => pl.scanParquet(['data/trades/*.parquet', 's3a://bucket/more/']),
  '03_scan_csv_options': () => pl.scanCsv('data/prices.csv', {
    separator: ';', quoteChar: "'", hasHeader: false, nullValues: ['NA', ''], inferSchemaLength: 500,
    ignoreErrors: true, schemaOverrides: { price: pl.Decimal(10, 2), day: pl.Date } }),
  '04_scan_ipc': () => pl.scanIpc('data/events.arrow'),
  '05_filter_compare': () => t().filter(col('price').gt(100).and(col('symbol').eq('AAPL'))),
  '06_filter_string': () => t().filter(col('price').gt(100), col('symbol').eq('AAPL')),
  '07_select_arithmetic': () => t().select(
    col('a').add(1).alias('a1'), col('a').sub(col('b')).mul(2.5).alias('x'),
    col('a').truediv(col('b')).alias('ratio'), col('a').floordiv(3).alias('fd'), col('a').mod(3).alias('m'),
    col('a').neg().alias('neg'), col('a').abs().round(2).alias('r')),
  '08_with_columns_cast': () => t().withColumns(
    col('qty').cast(pl.Int64).alias('qty64'), col('s').cast(pl.Decimal(15, 2), { strict: true }).alias('amount')),
  '10_when_then_otherwise': () => t().select(
    pl.when(col('x').gt(0)).then(lit('pos')).when(col('x').lt(0)).then(lit('neg')).otherwise(lit('zero')).alias('sign'),
    pl.when(col('x').isNull()).then(0).alias('no_otherwise')),
  '11_null_handling': () => t().select(
    col('a').isNull().alias('na'), col('a').isNotNull().alias('nn'),
    col('a').fillNull(0).alias('filled'), pl.coalesce(col('a'), col('b'), 0).alias('c')),
  '12_sets_and_ranges': () => t().filter(
    col('k').isIn([1, 2, 3]).or(col('d').isBetween(new Date('1994-01-01'), pl.date(1994, 12, 31)))
      .and(col('s').isIn(['a', 'b']).not())),
  '13_strings': () => t().select(
    col('s').str.contains('x', { literal: true }), col('s').str.startsWith('a').alias('sw'),
    col('s').str.endsWith('z').alias('ew'), col('s').str.like('%a_b%').alias('lk'),
    col('s').str.slice(1, 3).alias('sub'), col('s').str.lenChars().alias('n'),
    col('s').str.toUppercase().alias('up'), col('s').str.toLowercase().alias('lo'),
    col('s').str.stripChars().alias('st'), pl.concatStr(col('s'), lit('-'), col('t')).alias('cat'),
    col('s').str.contains('^a.*z$').alias('re')),
  '14_dates': () => t().select(
    col('d').dt.year().alias('y'), col('d').dt.month().alias('m'), col('d').dt.day().alias('dd'),
    col('d').dt.quarter().alias('q'), col('d').add(pl.duration({ days: 30 })).alias('later'),
    col('d').dt.offsetBy('-3mo').alias('earlier'), col('ds').str.toDate().alias('parsed')),
  '15_group_by_agg': () => t().groupBy('symbol').agg(
    col('price').sum().alias('sum'), col('price').mean().alias('mean'), col('price').min().alias('min'),
    col('price').max().alias('max'), col('price').count().alias('count'), pl.len().alias('len'),
    col('trader').nUnique().alias('traders'), col('price').first().alias('first'),
    col('price').last().alias('last'), col('price').median().alias('median'),
    col('price').std().alias('std'), col('price').var().alias('var')),
  '16_group_by_expressions': () => t().groupBy('a', 'b', { maintainOrder: true }).agg(
    col('x').sum().truediv(col('y').sum()).alias('ratio')),
  '17_global_aggregate': () => t().select(col('x').sum(), pl.len()),
  '18_joins': () => pl.scanParquet('a.parquet').join(pl.scanParquet('b.parquet'), { on: 'id' })
    .join(pl.scanParquet('c.parquet'), { leftOn: 'cid', rightOn: 'id', how: 'left' })
    .join(pl.scanParquet('d.parquet'), { on: ['x', 'y'], how: 'full' }),
  '19_semi_anti_right_cross': () => pl.scanParquet('a.parquet').join(pl.scanParquet('b.parquet'), { on: 'id', how: 'semi' })
    .join(pl.scanParquet('c.parquet'), { on: 'id', how: 'anti' })
    .join(pl.scanParquet('d.parquet'), { leftOn: ['k1', 'k2'], rightOn: ['j1', 'j2'], how: 'right' })
    .join(pl.scanParquet('e.parquet'), { how: 'cross' }),
  '20_join_expressions_suffix': () => pl.scanParquet('a.parquet').join(pl.scanParquet('b.parquet'), {
    leftOn: col('key').str.toLowercase(), rightOn: col('KEY').str.toLowercase(), suffix: '_b' }),
  '21_sort': () => t().sort([col('a'), col('b').abs()], { descending: [true, false], nullsLast: true }),
  '22_slice_head': () => t().sort('a').slice(10, 5).head(3).slice(1),
  '23_unique_rename_drop': () => t().unique(['a', 'b'], { keep: 'first', maintainOrder: true }).unique()
    .rename({ a: 'alpha' }).drop('b', 'c'),
  '24_concat': () => pl.concat([pl.scanParquet('2023.parquet'), pl.scanParquet('2024.parquet'), pl.scanCsv('2025.csv')]),
  '26_timestamp_types': () => t().filter(
    col('ts').ge(pl.datetime(2024, 1, 1)).and(col('ts').cast(pl.Datetime('ms', 'UTC')).dt.hour().eq(12))),
  '28_scan_storage_options': () => pl.scanParquet('s3://bucket/t.parquet', { storageOptions: {
    aws_region: 'eu-west-1', aws_endpoint_url: 'http://127.0.0.1:9000', aws_access_key_id: 'AKIDEXAMPLE',
    aws_secret_access_key: 'example-secret' } }),
  '29_sql': () => pl.scanParquet('t.parquet').sql('SELECT a, sum(b) AS s FROM self WHERE c > 1 GROUP BY a')
    .filter(col('s').gt(10)),
};

// Not built here, and why:
const SKIPPED = {
  // Java's untyped literal forms (int8, float32, typed nulls) and a Decimal literal have no JS
  // value; the first six literals are checked against its prefix below.
  '09_literals': 'Java-only literal forms',
  // Arrow IPC bytes written by Java; another writer pads the same table differently.
  '25_in_memory': 'IPC bytes of the Java writer',
  // Business-day arithmetic, dt.replace and rolling covariance/correlation compositions: Python
  // helpers this library does not offer.
  '27_calendar_more': 'business days, dt.replace, rolling_cov/corr not in the JS builder',
};

function golden(name) {
  return readFileSync(GOLDEN + name + '.json', 'utf8');
}

for (const [name, build] of Object.entries(PLANS)) {
  test(`golden plan ${name}: the JS plan is the Java plan`, () => {
    const text = golden(name);
    const lf = build();
    assert.deepStrictEqual(lf.toPlan(), JSON.parse(text));
    assert.deepStrictEqual(JSON.parse(lf.toJSON()), JSON.parse(text));
    assert.equal(lf.toCanonicalJSON(), text.replace(/\n$/, ''));
  });
}

test('every golden plan is built or its skip explained', () => {
  const names = readdirSync(GOLDEN).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
  assert.deepStrictEqual(names, [...Object.keys(PLANS), ...Object.keys(SKIPPED)].sort());
  assert.ok(Object.keys(PLANS).length >= 15);
});

test('the literals JS can express are the first ones of golden 09', () => {
  const plan = t().select(lit(true).alias('b'), lit(7).alias('i'), lit(3_000_000_000).alias('big'),
    lit(1.5).alias('f'), lit('text').alias('s'), lit(new Date(Date.UTC(1994, 0, 1))).alias('d')).toPlan();
  const expected = JSON.parse(golden('09_literals'));
  expected.root.select.exprs = expected.root.select.exprs.slice(0, 6);
  assert.deepStrictEqual(plan, expected);
  const ts = t().select(lit(new Date(Date.UTC(2024, 4, 6, 7, 8, 9))).alias('ts')).toPlan();
  assert.deepStrictEqual(ts.root.select.exprs[0], JSON.parse(golden('09_literals')).root.select.exprs[7]);
  assert.deepStrictEqual(pl.datetime(2024, 5, 6, 7, 8, 9).alias('ts').node, ts.root.select.exprs[0]);
});

test('a string predicate builds the plan of golden 06', () => {
  const lf = t().filter('price > 100', "symbol = 'AAPL'");
  assert.deepStrictEqual(lf.toPlan(), JSON.parse(golden('06_filter_string')));
  const one = t().filter("price > 100 AND symbol == 'AAPL'");
  assert.deepStrictEqual(one.toPlan(), JSON.parse(golden('05_filter_compare')));
});

test('a changed plan fails the comparison', () => {
  const wrong = t().filter(col('price').ge(100), col('symbol').eq('AAPL'));
  assert.throws(() => assert.deepStrictEqual(wrong.toPlan(), JSON.parse(golden('06_filter_string'))));
  const floatNotInt = t().filter(col('price').gt(100.5), col('symbol').eq('AAPL'));
  assert.notDeepStrictEqual(floatNotInt.toPlan(), JSON.parse(golden('06_filter_string')));
});
