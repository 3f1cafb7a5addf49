// The HTTP client against a tiny in-test server (node:http) that speaks the coordinator's
// /api/v1 contract: a fake for this unit test; the real server is tested end to end elsewhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Table, vectorFromArray, Int32, Utf8, RecordBatchStreamWriter } from 'apache-arrow';
import { pl, connect, PolaroidClient, PolaroidError } from '../src/index.js';

const TOKEN = 'secret-token';
const batch = (from, n) => new Table({
  id: vectorFromArray(Array.from({ length: n }, (_, i) => from + i), new Int32()),
  name: vectorFromArray(Array.from({ length: n }, (_, i) => `row${from + i}`), new Utf8()),
}).batches[0];

const requests = [];
const statuses = new Map();
let server;
let url;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Streams batches with RecordBatchStreamWriter; `cut` ends the connection after that many batches. */
async function streamBatches(res, queryId, batches, { cut = null, clean = false } = {}) {
  res.writeHead(200, { 'Content-Type': 'application/vnd.apache.arrow.stream', 'X-Polaroid-Query-Id': queryId });
  const writer = new RecordBatchStreamWriter();
  let stopped = false;
  const pump = (async () => {
    for await (const chunk of writer) if (!stopped) res.write(chunk);
  })().catch(() => {});
  if (!batches.length) writer.write(new Table(batch(0, 0).schema)); // the schema, no rows
  for (let k = 0; k < batches.length; k++) {
    if (cut !== null && k === cut) {
      await sleep(20);
      stopped = true;
      if (clean) res.end(); else res.destroy();
      writer.close();
      await pump;
      return;
    }
    writer.write(batches[k]);
    await sleep(10);
  }
  writer.close();
  await pump;
  res.end();
}

async function handle(req, res) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
  requests.push({ method: req.method, url: req.url, headers: req.headers, body });
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    json(res, 401, { code: 'UNAUTHENTICATED', message: 'a bearer token is required' });
    return;
  }
  const path = req.url.split('?')[0];
  const queryId = req.headers['x-polaroid-query-id'] || 'server-id';
  if (req.method === 'GET' && path === '/api/v1/session') return json(res, 200, { principal: 'alice', authentication: true });
  if (req.method === 'POST' && path === '/api/v1/session') {
    return json(res, 200, { principal: 'alice', authentication: true, token: 'polaroid-session.alice' });
  }
  if (req.method === 'POST' && path === '/api/v1/query') {
    const what = body.sql || 'plan';
    if (what === 'SELECT nope FROM t') {
      return json(res, 400, { code: 'INVALID_ARGUMENT', errorCode: 'COLUMN_NOT_FOUND', message: 'column nope not found', queryId });
    }
    if (what === 'busy') return json(res, 503, { code: 'RESOURCE_EXHAUSTED', errorCode: 'QUEUE_FULL', message: 'too many queries', queryId });
    if (what === 'proxy') { res.writeHead(502, { 'Content-Type': 'text/html' }); res.end('<html>bad gateway</html>'); return; }
    if (what === 'cut' || what === 'cut-clean') {
      statuses.set(queryId, { queryId, state: 'FAILED', error: 'worker w2 lost while sending the result', rows: '3' });
      return streamBatches(res, queryId, [batch(0, 3), batch(3, 3)], { cut: 1, clean: what === 'cut-clean' });
    }
    if (what === 'cut-unknown') return streamBatches(res, queryId, [batch(0, 2), batch(2, 2)], { cut: 1 });
    if (what === 'empty') return streamBatches(res, queryId, []);
    if (what === 'slow') {
      res.writeHead(200, { 'Content-Type': 'application/vnd.apache.arrow.stream', 'X-Polaroid-Query-Id': queryId });
      res.flushHeaders();
      req.socket.on('close', () => {});
      return undefined; // never answers: the client aborts
    }
    return streamBatches(res, queryId, [batch(0, 2), batch(2, 3), batch(5, 4)]);
  }
  if (req.method === 'GET' && path === '/api/v1/queries') {
    return json(res, 200, { queries: [
      { queryId: 'q2', state: 'RUNNING', stagesTotal: 3, rows: '12', startedAtMs: '1700000000000',
        stages: [{ stageId: 1, kind: 'Scan -> hash(4)', tasks: 4, startMs: '5', endMs: '-1' }] },
      { queryId: 'q1', state: 'SUCCEEDED' },
    ] });
  }
  const status = /^\/api\/v1\/queries\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && status) {
    const id = decodeURIComponent(status[1]);
    if (!statuses.has(id)) return json(res, 404, { code: 'NOT_FOUND', message: `no query ${id}`, queryId: id });
    return json(res, 200, statuses.get(id));
  }
  const cancel = /^\/api\/v1\/queries\/([^/]+)\/cancel$/.exec(path);
  if (req.method === 'POST' && cancel) {
    const id = decodeURIComponent(cancel[1]);
    return json(res, 200, { queryId: id, cancelled: id !== 'gone' });
  }
  if (req.method === 'GET' && path === '/api/v1/workers') {
    return json(res, 200, { workers: [{ id: 'w1', address: '10.0.0.1:50060', slots: 4, runningTasks: 1,
      millisSinceHeartbeat: '250', epoch: '3', memoryBytes: '1073741824', memoryLimitBytes: '2147483648' }, { id: 'w2', address: '10.0.0.2:50060' }] });
  }
  if (req.method === 'GET' && path === '/api/v1/catalog') {
    return json(res, 200, { tables: [{ name: 'trades', fields: [{ name: 'id', type: 'Int64', nullable: true }, { name: 'sym', type: 'Utf8' }] }, { name: 'empty' }] });
  }
  return json(res, 404, { code: 'NOT_FOUND', message: `no route ${req.method} ${path}` });
}

before(async () => {
  server = http.createServer((req, res) => {
    handle(req, res).catch((e) => { res.destroy(e); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
});

const last = () => requests[requests.length - 1];

test('session: the bearer token is sent; a wrong one is UNAUTHENTICATED', async () => {
  const client = connect(url, { token: TOKEN });
  assert.deepStrictEqual(await client.session(), { principal: 'alice', authentication: true });
  assert.equal(last().headers.authorization, `Bearer ${TOKEN}`);
  const wrong = new PolaroidClient({ url: url + '/', token: 'nope' });
  await assert.rejects(wrong.session(), (e) => {
    assert.ok(e instanceof PolaroidError);
    assert.equal(e.status, 401);
    assert.equal(e.code, 'UNAUTHENTICATED');
    assert.equal(e.message, 'a bearer token is required');
    return true;
  });
  assert.equal(last().url, '/api/v1/session');
  await assert.rejects(new PolaroidClient({ url }).session(), (e) => e.status === 401 && e.code === 'UNAUTHENTICATED');
  assert.equal(last().headers.authorization, undefined);
});

test('query: a LazyFrame plan streams back in several batches', async () => {
  const client = connect(url, { token: TOKEN });
  const seen = [];
  const lf = pl.scanTable('trades').filter('id > 0');
  const { table, queryId, rows } = await client.query(lf, { onBatch: (b, n) => seen.push([b.numRows, n]) });
  assert.equal(rows, 9);
  assert.equal(table.numRows, 9);
  assert.deepStrictEqual(seen, [[2, 2], [3, 5], [4, 9]]);
  assert.deepStrictEqual([...table.getChild('id')], [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(table.getChild('name').get(8), 'row8');
  const req = last();
  assert.deepStrictEqual(req.body, lf.toPlan());
  assert.equal(req.method, 'POST');
  assert.equal(req.url, '/api/v1/query');
  assert.equal(req.headers['content-type'], 'application/json');
  assert.match(req.headers['x-polaroid-query-id'], /^[0-9a-f-]{36}$/);
  assert.equal(queryId, req.headers['x-polaroid-query-id']);
});

test('query: plans, {sql} objects, SQL text and a chosen query id', async () => {
  const client = connect(url, { token: TOKEN });
  const plan = pl.scanParquet('t.parquet').toPlan();
  await client.query(plan, { queryId: 'mine-1' });
  assert.deepStrictEqual(last().body, plan);
  assert.equal(last().headers['x-polaroid-query-id'], 'mine-1');
  const r = await client.sql('SELECT 1', { queryId: 'mine-2' });
  assert.deepStrictEqual(last().body, { sql: 'SELECT 1' });
  assert.equal(r.queryId, 'mine-2');
  await client.query({ sql: 'SELECT 2' });
  assert.deepStrictEqual(last().body, { sql: 'SELECT 2' });
  await client.query('SELECT 3');
  assert.deepStrictEqual(last().body, { sql: 'SELECT 3' });
  await assert.rejects(client.query(42), TypeError);
  assert.throws(() => client.sql(''), TypeError);
});

test('query: an empty result has the schema and no rows', async () => {
  const { table, rows } = await connect(url, { token: TOKEN }).sql('empty');
  assert.equal(rows, 0);
  assert.equal(table.numRows, 0);
  assert.deepStrictEqual(table.schema.fields.map((f) => f.name), ['id', 'name']);
});

test('query: a JSON error before the stream is a PolaroidError with its codes', async () => {
  const client = connect(url, { token: TOKEN });
  await assert.rejects(client.sql('SELECT nope FROM t', { queryId: 'bad-1' }), (e) => {
    assert.ok(e instanceof PolaroidError);
    assert.equal(e.status, 400);
    assert.equal(e.code, 'INVALID_ARGUMENT');
    assert.equal(e.errorCode, 'COLUMN_NOT_FOUND');
    assert.equal(e.message, 'column nope not found');
    assert.equal(e.queryId, 'bad-1');
    assert.equal(e.partial, null);
    return true;
  });
  await assert.rejects(client.sql('busy'), (e) => e.status === 503 && e.code === 'RESOURCE_EXHAUSTED' && e.errorCode === 'QUEUE_FULL');
  await assert.rejects(client.sql('proxy'), (e) => {
    assert.equal(e.status, 502);
    assert.equal(e.code, 'UNKNOWN');
    assert.match(e.message, /^502 Bad Gateway: <html>bad gateway<\/html>$/);
    return true;
  });
});

for (const kind of ['cut', 'cut-clean']) {
  test(`query: a stream ${kind === 'cut' ? 'whose connection breaks' : 'that ends without the end-of-stream marker'} gives the rows so far and the query's error`, async () => {
    const client = connect(url, { token: TOKEN });
    const seen = [];
    await assert.rejects(client.sql(kind, { queryId: `${kind}-1`, onBatch: (b, n) => seen.push(n) }), (e) => {
      assert.ok(e instanceof PolaroidError);
      assert.equal(e.message, 'worker w2 lost while sending the result');
      assert.equal(e.queryId, `${kind}-1`);
      assert.ok(e.partial);
      assert.equal(e.partial.numRows, 3);
      assert.deepStrictEqual([...e.partial.getChild('id')], [0, 1, 2]);
      return true;
    });
    assert.deepStrictEqual(seen, [3]);
    assert.equal(last().url, `/api/v1/queries/${kind}-1`);
  });
}

test('query: a broken stream of a query the server no longer knows says how many rows came', async () => {
  const client = connect(url, { token: TOKEN });
  await assert.rejects(client.sql('cut-unknown', { queryId: 'lost-1' }), (e) => {
    assert.match(e.message, /^the result stream broke after 2 rows: /);
    assert.equal(e.partial.numRows, 2);
    return true;
  });
});

test('query: aborting the signal cancels the query on the server', async () => {
  const client = connect(url, { token: TOKEN });
  const controller = new AbortController();
  const pending = client.sql('slow', { queryId: 'slow-1', signal: controller.signal });
  await sleep(50);
  controller.abort();
  await assert.rejects(pending, (e) => e instanceof PolaroidError && e.code === 'CANCELLED' && e.queryId === 'slow-1');
  for (let k = 0; k < 50 && !requests.some((r) => r.url === '/api/v1/queries/slow-1/cancel'); k++) await sleep(10);
  assert.ok(requests.some((r) => r.method === 'POST' && r.url === '/api/v1/queries/slow-1/cancel'));
});

test('an unreachable server is UNAVAILABLE with status 0', async () => {
  const client = connect('http://127.0.0.1:1', { token: TOKEN });
  await assert.rejects(client.session(), (e) => e instanceof PolaroidError && e.status === 0 && e.code === 'UNAVAILABLE');
});

test('queries and queryStatus: int64 text as numbers, absent fields filled', async () => {
  const client = connect(url, { token: TOKEN });
  const list = await client.queries();
  assert.equal(list.length, 2);
  assert.strictEqual(list.queries, list);
  const [q2, q1] = list;
  assert.equal(q2.queryId, 'q2');
  assert.equal(q2.rows, 12);
  assert.equal(q2.startedAtMs, 1700000000000);
  assert.equal(q2.stagesTotal, 3);
  assert.equal(q2.tasksDone, 0);
  assert.equal(q2.error, '');
  assert.deepStrictEqual(q2.stages, [{ stageId: 1, kind: 'Scan -> hash(4)', tasks: 4, tasksDone: 0, rows: 0, bytes: 0, startMs: 5, endMs: -1 }]);
  assert.deepStrictEqual(q1, { queryId: 'q1', state: 'SUCCEEDED', error: '', text: '', stagesDone: 0, stagesTotal: 0,
    tasksDone: 0, tasksTotal: 0, rows: 0, bytes: 0, rowsScanned: 0, bytesScanned: 0, elapsedMs: 0, tasksRetried: 0,
    spilledBytes: 0, startedAtMs: 0, stages: [] });
  statuses.set('s/1', { queryId: 's/1', state: 'RUNNING', bytesScanned: '4096' });
  const s = await client.queryStatus('s/1');
  assert.equal(last().url, '/api/v1/queries/s%2F1');
  assert.equal(s.bytesScanned, 4096);
  assert.equal(s.state, 'RUNNING');
  await assert.rejects(client.queryStatus('nope'), (e) => e.status === 404 && e.code === 'NOT_FOUND' && e.queryId === 'nope');
});

test('cancel, workers and catalog', async () => {
  const client = connect(url, { token: TOKEN });
  assert.deepStrictEqual(await client.cancel('q9'), { queryId: 'q9', cancelled: true });
  assert.equal(last().method, 'POST');
  assert.equal(last().url, '/api/v1/queries/q9/cancel');
  assert.deepStrictEqual(await client.cancel('gone'), { queryId: 'gone', cancelled: false });
  const workers = await client.workers();
  assert.strictEqual(workers.workers, workers);
  assert.deepStrictEqual([...workers], [
    { id: 'w1', address: '10.0.0.1:50060', slots: 4, runningTasks: 1, millisSinceHeartbeat: 250, epoch: 3, memoryBytes: 1073741824, memoryLimitBytes: 2147483648 },
    { id: 'w2', address: '10.0.0.2:50060', slots: 0, runningTasks: 0, millisSinceHeartbeat: 0, epoch: 0, memoryBytes: 0, memoryLimitBytes: 0 },
  ]);
  const tables = await client.catalog();
  assert.strictEqual(tables.tables, tables);
  assert.deepStrictEqual([...tables], [
    { name: 'trades', fields: [{ name: 'id', type: 'Int64', nullable: true }, { name: 'sym', type: 'Utf8', nullable: false }] },
    { name: 'empty', fields: [] },
  ]);
});

test('login trades the token for a session token', async () => {
  const client = connect(url, { token: TOKEN });
  const s = await client.login();
  assert.deepStrictEqual(s, { principal: 'alice', authentication: true, token: 'polaroid-session.alice' });
  assert.equal(last().method, 'POST');
  assert.equal(last().url, '/api/v1/session');
  await assert.rejects(new PolaroidClient({ url, token: 'wrong' }).login(), (e) => e.status === 401);
});
