// The per-stage timeline of a query: an inline SVG, one bar per stage from its start to its end (a stage
// still running: to now), labelled with its kind, tasks and rows.
import { svg } from './dom.js';
import { fmtInt, fmtMs } from './format.js';

const LANE = 30;
const BAR = 20;
const AXIS = 24;
const LABEL_W = 160;

const kindOf = (s) => String(s.kind || 'stage').toLowerCase().replace(/_/g, ' ');
const num = (v) => (v == null || v === '' ? null : Number(v));

/**
 * Stage times may be epoch milliseconds or milliseconds since the query started; both come out relative to
 * the query's start. A stage that has not started has no bar.
 */
export function stageSpans(q, now = Date.now()) {
  const raw = (q.stages || []).map((s) => ({ ...s, start: num(s.startMs), end: num(s.endMs) }));
  const started = num(q.startedAtMs);
  const elapsed = num(q.elapsedMs);
  const absolute = raw.some((s) => s.start > 1e11);
  let origin = 0;
  if (absolute) origin = Math.min(started > 1e11 ? started : Infinity, ...raw.map((s) => (s.start > 1e11 ? s.start : Infinity)));
  const finished = !!q.state && q.state !== 'RUNNING';
  // where a stage without an end stops: now while the query runs, else where the query ended
  const stop = finished ? (elapsed != null ? elapsed + (absolute && started > 1e11 ? started - origin : 0) : null)
    : absolute ? now - origin : elapsed;
  return raw.map((s, i) => {
    // absent values come as 0 or not at all; in relative times a first stage may well start at 0
    const hasStart = absolute ? s.start > 1e11
      : s.start > 0 || s.end > 0 || num(s.tasksDone) > 0 || num(s.rows) > 0 || i === 0;
    if (!hasStart) return { ...s, start: null, end: null, ongoing: false };
    const start = absolute ? s.start - origin : s.start || 0;
    const hasEnd = absolute ? s.end > 1e11 : s.end > 0;
    let end = hasEnd ? s.end - (absolute ? origin : 0) : stop ?? start;
    if (end < start) end = start;
    return { ...s, start, end, ongoing: !hasEnd && !finished };
  });
}

function niceStep(span, target) {
  const raw = span / Math.max(target, 1);
  const p = Math.pow(10, Math.floor(Math.log10(raw || 1)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}

export function timelineSvg(q, width, now = Date.now()) {
  const spans = stageSpans(q, now);
  const w = Math.max(width, 320);
  // lane labels: the stage and its kind, or on narrow screens the stage alone (the bar says the kind)
  const narrow = w < 560;
  const laneLabel = (s, i) => (narrow ? `#${s.stageId ?? i}` : `${s.stageId ?? i} · ${kindOf(s)}`);
  const labelW = Math.min(Math.max(...spans.map((s, i) => laneLabel(s, i).length * 7 + 18), narrow ? 30 : 60), narrow ? 60 : LABEL_W);
  const plotW = w - labelW - 12;
  const height = AXIS + Math.max(spans.length, 1) * LANE + 8;
  const total = Math.max(1, num(q.elapsedMs) || 0, ...spans.map((s) => s.end || 0));
  const x = (t) => labelW + (Math.max(0, t) / total) * plotW;
  const root = svg('svg', {
    class: 'timeline', width: w, height, viewBox: `0 0 ${w} ${height}`, role: 'img',
    'aria-label': `Timeline of ${spans.length} stages over ${fmtMs(total)}`,
  });
  // the time axis
  const step = niceStep(total, Math.max(2, Math.floor(plotW / 90)));
  for (let t = 0; t <= total + 1e-9; t += step) {
    const xx = x(t);
    root.append(svg('line', { class: 'tick', x1: xx, x2: xx, y1: AXIS - 6, y2: height - 4 }));
    root.append(svg('text', { class: 'tick-label', x: xx, y: AXIS - 10, 'text-anchor': t === 0 ? 'start' : 'middle' }, fmtMs(t)));
  }
  if (!spans.length) {
    root.append(svg('text', { class: 'lane-label', x: 8, y: AXIS + LANE / 2 + 4 }, 'No stages reported yet.'));
    return root;
  }
  spans.forEach((s, i) => {
    const y = AXIS + i * LANE + (LANE - BAR) / 2;
    const kind = kindOf(s);
    root.append(svg('text', { class: 'lane-label', x: 8, y: y + BAR / 2 + 4 }, laneLabel(s, i)));
    const tasks = num(s.tasks), done = num(s.tasksDone);
    const detail = `${kind} · ${done != null && tasks != null && done !== tasks ? fmtInt(done) + '/' : ''}${fmtInt(tasks ?? 0)} task${tasks === 1 ? '' : 's'} · ${fmtInt(num(s.rows) ?? 0)} rows`;
    const title = svg('title', null, `Stage ${s.stageId ?? i}: ${detail}` +
      (s.start != null ? ` · ${fmtMs(s.start)} → ${s.ongoing ? 'now' : fmtMs(s.end)} (${fmtMs(s.end - s.start)})` : ' · not started'));
    if (s.start == null) {
      const t = svg('text', { class: 'bar-label outside', x: labelW + 4, y: y + BAR / 2 + 4 }, detail + ' · waiting');
      t.append(title);
      root.append(t);
      return;
    }
    const x0 = x(s.start), x1 = Math.max(x(s.end), x0 + 3);
    const g = svg('g', { class: 'bar ' + (s.ongoing ? 'ongoing' : 'done') + ' kind-' + kind.replace(/\W+/g, '-') });
    g.append(title);
    g.append(svg('rect', { x: x0, y, width: x1 - x0, height: BAR, rx: 3 }));
    if (s.ongoing) g.append(svg('circle', { class: 'now-dot', cx: x1, cy: y + BAR / 2, r: 5 }));
    const textW = detail.length * 6.3;
    const inside = x1 - x0 > textW + 12;
    const outsideRight = x1 + 6 + textW < w;
    g.append(svg('text', {
      class: 'bar-label ' + (inside ? 'inside' : 'outside'),
      x: inside ? x0 + 6 : outsideRight ? x1 + 6 : x0 - 6,
      y: y + BAR / 2 + 4,
      'text-anchor': inside || outsideRight ? 'start' : 'end',
    }, detail));
    root.append(g);
  });
  return root;
}
