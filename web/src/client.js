/**
 * A client of the coordinator's HTTP API (`/api/v1/...`): queries as plans or SQL, results as
 * apache-arrow Tables read batch by batch from the Arrow IPC stream, query status, cancel,
 * workers and the catalog. Works with the fetch of browsers and Node 18+.
 * @module client
 */
import { RecordBatchReader, Table } from 'apache-arrow';
import { LazyFrame } from './lazy.js';

const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
const QUERY_ID_HEADER = 'X-Polaroid-Query-Id';
const STATUS_CODES = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'CANCELLED',
  429: 'RESOURCE_EXHAUSTED', 499: 'CANCELLED', 500: 'INTERNAL', 501: 'UNIMPLEMENTED', 503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
// The Arrow IPC end-of-stream marker: continuation 0xFFFFFFFF, then a zero length.
const EOS = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];

/**
 * A failed call: `status` (HTTP; 0 when the server was not reached), `code` (gRPC status name),
 * `errorCode` (Polaroid's, e.g. COLUMN_NOT_FOUND), `queryId`, and for a result stream that broke,
 * `partial`: a Table of the rows received before it did.
 */
export class PolaroidError extends Error {
  /**
   * @param {string} message
   * @param {{status?: number, code?: string, errorCode?: string, queryId?: string,
   *          partial?: import('apache-arrow').Table|null, cause?: *}} [details]
   */
  constructor(message, { status = 0, code = 'UNKNOWN', errorCode = '', queryId = '', partial = null, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'PolaroidError';
    /** @type {number} */
    this.status = status;
    /** @type {string} */
    this.code = code;
    /** @type {string} */
    this.errorCode = errorCode;
    /** @type {string} */
    this.queryId = queryId;
    /** @type {import('apache-arrow').Table|null} */
    this.partial = partial;
  }
}

const num = (v) => (v === undefined || v === null || v === '' ? 0 : Number(v));
const str = (v) => (v === undefined || v === null ? '' : String(v));

/**
 * A QueryStatus with protobuf JSON's gaps filled: int64 text as numbers, absent numbers 0, absent
 * text '', absent stages [].
 * @param {object} s
 */
export function normalizeStatus(s = {}) {
  const out = { ...s, queryId: str(s.queryId), state: str(s.state), error: str(s.error), text: str(s.text) };
  for (const k of ['stagesDone', 'stagesTotal', 'tasksDone', 'tasksTotal', 'rows', 'bytes', 'rowsScanned', 'bytesScanned',
    'elapsedMs', 'tasksRetried', 'spilledBytes', 'startedAtMs']) out[k] = num(s[k]);
  out.stages = (s.stages || []).map((st) => ({
    ...st, stageId: num(st.stageId), kind: str(st.kind), tasks: num(st.tasks), tasksDone: num(st.tasksDone),
    rows: num(st.rows), bytes: num(st.bytes), startMs: num(st.startMs), endMs: num(st.endMs),
  }));
  return out;
}

function normalizeWorker(w = {}) {
  return { ...w, id: str(w.id), address: str(w.address), slots: num(w.slots), runningTasks: num(w.runningTasks),
    millisSinceHeartbeat: num(w.millisSinceHeartbeat), epoch: num(w.epoch), memoryBytes: num(w.memoryBytes),
    memoryLimitBytes: num(w.memoryLimitBytes) };
}

function normalizeTable(t = {}) {
  return { ...t, name: str(t.name),
    fields: (t.fields || []).map((f) => ({ ...f, name: str(f.name), type: f.type ?? '', nullable: !!f.nullable })) };
}

/** An array that also answers to the server's field name (`list.queries`, `list.workers`, ...). */
function listOf(items, name) {
  Object.defineProperty(items, name, { value: items, enumerable: false });
  return items;
}

/** A random query id: randomUUID where the page is a secure context, else 16 random bytes in hex. */
export function newQueryId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return 'q-' + Array.from(c.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The request body of a query: a plan, `{sql}`, a LazyFrame, or SQL text. */
function queryBody(source) {
  if (source instanceof LazyFrame || (source && typeof source.toPlan === 'function')) return source.toPlan();
  if (typeof source === 'string') return { sql: source };
  if (source && typeof source === 'object' && (source.root || typeof source.sql === 'string')) return source;
  throw new TypeError('query takes a LazyFrame, a plan {root: ...}, {sql: "..."} or SQL text');
}

/**
 * A body stream that notes whether the bytes ended with the Arrow end-of-stream marker and
 * whether reading them failed (which an Arrow reader may not pass on).
 */
function watched(body) {
  const state = { tail: [], error: null, bytes: 0, cancelled: false };
  const reader = body.getReader();
  const stream = new ReadableStream({
    async pull(controller) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (state.cancelled) return;
        state.error = e;
        controller.error(e);
        return;
      }
      if (state.cancelled) return;
      if (chunk.done) { controller.close(); return; }
      const value = chunk.value;
      state.bytes += value.length;
      state.tail = [...state.tail, ...value.subarray(Math.max(0, value.length - 8))].slice(-8);
      controller.enqueue(value);
    },
    cancel(reason) {
      state.cancelled = true;
      return reader.cancel(reason).catch(() => {});
    },
  });
  state.ended = () => state.tail.length === 8 && state.tail.every((b, i) => b === EOS[i]);
  return [stream, state];
}

/** A client of one coordinator. */
export class PolaroidClient {
  /**
   * @param {{url?: string, token?: string, fetch?: typeof fetch}} [options] `url` of the coordinator's
   *   HTTP endpoint ('' : the page's own origin); `token` sent as `Authorization: Bearer <token>`
   */
  constructor({ url = '', token, fetch: fetchImpl } = {}) {
    /** @type {string} */
    this.url = String(url || '').replace(/\/+$/, '');
    /** @type {string|undefined} */
    this.token = token || undefined;
    this.fetchImpl = fetchImpl || ((...args) => globalThis.fetch(...args));
  }

  /** @private */
  headers(extra = {}) {
    const h = { ...extra };
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    return h;
  }

  /** @private the Response of a call, or a PolaroidError for a failed one */
  async request(method, path, { body, headers = {}, signal, queryId = '' } = {}) {
    let response;
    try {
      response = await this.fetchImpl(this.url + path, {
        method,
        // every POST says JSON, body or not: the server takes no other (no cross-site form can send it)
        headers: this.headers(body === undefined && method !== 'POST' ? headers : { 'Content-Type': 'application/json', ...headers }),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if (signal && signal.aborted) {
        throw new PolaroidError('the query was cancelled', { code: 'CANCELLED', queryId, cause: e });
      }
      throw new PolaroidError(`cannot reach ${this.url || 'the server'}: ${e.message}`, { code: 'UNAVAILABLE', queryId, cause: e });
    }
    if (!response.ok) throw await errorOf(response, queryId);
    return response;
  }

  /** @private */
  async json(method, path, options) {
    const response = await this.request(method, path, { ...options, headers: { Accept: 'application/json' } });
    const text = await response.text();
    try {
      return text ? JSON.parse(text) : {};
    } catch (e) {
      throw new PolaroidError(`${method} ${path}: the answer is not JSON: ${text.slice(0, 200)}`,
        { status: response.status, code: 'INTERNAL', cause: e });
    }
  }

  /**
   * Who the token authenticates (401: a PolaroidError with code UNAUTHENTICATED).
   * @returns {Promise<{principal: string, authentication: boolean}>}
   */
  async session() {
    const s = await this.json('GET', '/api/v1/session');
    return { ...s, principal: str(s.principal), authentication: !!s.authentication };
  }

  /**
   * Trades this client's credential for a session token that expires (POST /api/v1/session), for a
   * page that should not keep the long-lived token; `token` is '' when the cluster checks no credentials.
   * @returns {Promise<{principal: string, authentication: boolean, token: string}>}
   */
  async login() {
    const s = await this.json('POST', '/api/v1/session');
    return { ...s, principal: str(s.principal), authentication: !!s.authentication, token: str(s.token) };
  }

  /**
   * Runs a query and reads its result as it streams in.
   * @param {LazyFrame|object|string} source a LazyFrame, a plan `{root}`, `{sql}` or SQL text
   * @param {{queryId?: string, signal?: AbortSignal, onBatch?: (batch: import('apache-arrow').RecordBatch, rowsSoFar: number) => void,
   *          cancelOnAbort?: boolean}} [options] `queryId` (default: a new UUID, sent as
   *   X-Polaroid-Query-Id so the query can be cancelled before results arrive); `signal` aborts the
   *   request (and, unless cancelOnAbort is false, cancels the query on the server)
   * @returns {Promise<{table: import('apache-arrow').Table, queryId: string, rows: number}>}
   * @throws {PolaroidError} with `partial` (the rows so far) when the stream breaks
   */
  async query(source, { queryId = newQueryId(), signal, onBatch, cancelOnAbort = true } = {}) {
    const body = queryBody(source);
    const onAbort = () => { this.cancel(queryId).catch(() => {}); };
    if (signal && cancelOnAbort) signal.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.request('POST', '/api/v1/query', {
        body, signal, queryId, headers: { Accept: ARROW_STREAM, [QUERY_ID_HEADER]: queryId },
      });
      const id = response.headers.get(QUERY_ID_HEADER) || queryId;
      return await this.readStream(response, id, signal, onBatch);
    } finally {
      if (signal && cancelOnAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  /** @private */
  async readStream(response, queryId, signal, onBatch) {
    const [stream, state] = watched(response.body);
    const batches = [];
    let rows = 0;
    let schema = null;
    let failure = null;
    let callbackError = null;
    try {
      const reader = await RecordBatchReader.from(stream);
      await reader.open();
      schema = reader.schema || null;
      for await (const batch of reader) {
        batches.push(batch);
        rows += batch.numRows;
        if (onBatch) {
          try {
            onBatch(batch, rows);
          } catch (e) {
            callbackError = e;
            throw e;
          }
        }
      }
    } catch (e) {
      failure = e;
    }
    if (callbackError) {
      stream.cancel(callbackError).catch(() => {});
      throw callbackError;
    }
    if (!failure && !state.error && state.ended()) {
      return { table: batches.length ? new Table(batches) : new Table(schema || undefined), queryId, rows };
    }
    const partial = batches.length ? new Table(batches) : schema ? new Table(schema) : null;
    const cause = state.error || failure;
    if (signal && signal.aborted) {
      throw new PolaroidError('the query was cancelled', { status: response.status, code: 'CANCELLED', queryId, partial, cause });
    }
    let status = null;
    try {
      status = await this.queryStatus(queryId);
    } catch (e) {
      if (e.status === 401 || e.code === 'UNAUTHENTICATED') throw e; // the session ended: the page signs in again
      status = null;
    }
    const why = cause ? cause.message : 'it ended without the Arrow end-of-stream marker';
    const message = status && status.error ? status.error : `the result stream broke after ${rows} rows: ${why}`;
    throw new PolaroidError(message, {
      status: response.status, code: status && status.state === 'CANCELLED' ? 'CANCELLED' : 'INTERNAL', queryId, partial, cause,
    });
  }

  /**
   * Runs SQL text (Polaroid's dialect; names in FROM are tables of the catalog).
   * @param {string} text
   * @param {object} [options] as for query
   */
  sql(text, options) {
    if (typeof text !== 'string' || !text.trim()) throw new TypeError('sql() needs a query text');
    return this.query({ sql: text }, options);
  }

  /**
   * The server's queries, newest first (an array, also as `.queries`).
   * @returns {Promise<object[]>}
   */
  async queries() {
    const answer = await this.json('GET', '/api/v1/queries');
    return listOf((answer.queries || []).map(normalizeStatus), 'queries');
  }

  /**
   * State and progress of one query.
   * @param {string} queryId
   */
  async queryStatus(queryId) {
    return normalizeStatus(await this.json('GET', `/api/v1/queries/${encodeURIComponent(queryId)}`, { queryId }));
  }

  /**
   * Cancels a running query; `cancelled` is false when no running query has that id.
   * @param {string} queryId
   * @returns {Promise<{queryId: string, cancelled: boolean}>}
   */
  async cancel(queryId) {
    const a = await this.json('POST', `/api/v1/queries/${encodeURIComponent(queryId)}/cancel`, { queryId });
    return { ...a, queryId: str(a.queryId || queryId), cancelled: !!a.cancelled };
  }

  /**
   * The registered, living workers (an array, also as `.workers`).
   * @returns {Promise<object[]>}
   */
  async workers() {
    const answer = await this.json('GET', '/api/v1/workers');
    return listOf((answer.workers || []).map(normalizeWorker), 'workers');
  }

  /**
   * The catalog's tables with their fields (an array, also as `.tables`).
   * @returns {Promise<{name: string, fields: {name: string, type: *, nullable: boolean}[]}[]>}
   */
  async catalog() {
    const answer = await this.json('GET', '/api/v1/catalog');
    return listOf((answer.tables || []).map(normalizeTable), 'tables');
  }
}

/** A PolaroidError of a failed response (its JSON error body when it has one). */
async function errorOf(response, queryId) {
  let text = '';
  try {
    text = await response.text();
  } catch {
    text = '';
  }
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const status = response.status;
  const code = status === 401 ? 'UNAUTHENTICATED' : (body && body.code) || STATUS_CODES[status] || 'UNKNOWN';
  const message = (body && body.message) ||
    `${status} ${response.statusText || ''}`.trim() + (text && !body ? `: ${text.slice(0, 200)}` : '');
  return new PolaroidError(message, {
    status, code, errorCode: (body && body.errorCode) || '', queryId: (body && body.queryId) || queryId,
  });
}

/**
 * A client of the coordinator at `url` ('' : the page's own origin).
 * @param {string} [url]
 * @param {{token?: string, fetch?: typeof fetch}} [options]
 * @returns {PolaroidClient}
 */
export function connect(url = '', { token, fetch: fetchImpl } = {}) {
  return new PolaroidClient({ url, token, fetch: fetchImpl });
}
