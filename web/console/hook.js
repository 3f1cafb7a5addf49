// What the page exposes for tests and for the curious, as window.__polaroid: the Arrow table it holds
// (`table`: the whole result; `view`: after the in-page filter, sort and head), the running query's id and
// state, and timings (performance.now()): `runAt` when Run was pressed, `firstRowsAt` when the first
// streamed rows were shown, `streamEndAt` when the result stream ended, `firstScreenAt` when the first
// screen of the whole result had been drawn.
export const hook = {
  table: null,
  view: null,
  state: 'idle',
  queryId: null,
  rows: 0,
  runAt: null,
  firstRowsAt: null,
  streamEndAt: null,
  firstScreenAt: null,
  error: null,
  grid: null,
};
if (typeof window !== 'undefined') window.__polaroid = hook;
