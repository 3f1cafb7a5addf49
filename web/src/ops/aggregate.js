/**
 * Aggregations of the evaluator: one value (a scalar column) of a column, as Polars computes them.
 * @module ops/aggregate
 */
import { Int64, Float64, Utf8 } from 'apache-arrow';
import { OpsError } from './values.js';
import { compareValues, sameValue } from './compare.js';
import { scalarCol, lengthOf, isNumeric, describeType } from './column.js';

function nonNull(a, ctx) {
  const out = [];
  const n = lengthOf([a], ctx);
  for (let i = 0; i < n; i++) {
    const v = a.at(i);
    if (v !== null) out.push(v);
  }
  return out;
}

function moments(xs) {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const ss = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return [mean, ss];
}

export function aggregate(fn, a, ctx) {
  const n = lengthOf([a], ctx);
  const xs = fn === 'first' || fn === 'last' || fn === 'n_unique' ? null : nonNull(a, ctx);
  const numeric = () => {
    if (!isNumeric(a)) throw new OpsError(`'${fn}' of ${describeType(a)} is not supported in the page`);
    return xs.map(Number);
  };
  switch (fn) {
    case 'sum': {
      const vs = numeric();
      const s = vs.reduce((t, x) => t + x, 0);
      if (a.kind === 'float') return scalarCol('float', a.type, s);
      const small = a.kind === 'int' && a.type.bitWidth >= 32 ? a.type : new Int64();
      return scalarCol('int', small, s);
    }
    case 'mean': {
      const vs = numeric();
      return scalarCol('float', new Float64(), vs.length ? moments(vs)[0] : null);
    }
    case 'median': {
      const vs = numeric().sort((x, y) => x - y);
      const m = vs.length >> 1;
      return scalarCol('float', new Float64(), !vs.length ? null : vs.length % 2 ? vs[m] : (vs[m - 1] + vs[m]) / 2);
    }
    case 'std':
    case 'var': {
      const vs = numeric();
      if (vs.length < 2) return scalarCol('float', new Float64(), null);
      const v = moments(vs)[1] / (vs.length - 1);
      return scalarCol('float', new Float64(), fn === 'std' ? Math.sqrt(v) : v);
    }
    case 'min':
    case 'max': {
      if (a.kind === 'other') throw new OpsError(`'${fn}' of ${describeType(a)} is not supported in the page`);
      let best = null;
      for (const x of xs) {
        if (best === null) best = x;
        else {
          const c = compareValues(x, best);
          if (fn === 'min' ? c < 0 : c > 0) best = x;
        }
      }
      return scalarCol(a.kind, a.kind === 'str' ? new Utf8() : a.type, best);
    }
    case 'count': return scalarCol('int', new Int64(), xs.length);
    case 'len': return scalarCol('int', new Int64(), n);
    case 'first': return scalarCol(a.kind, a.type, n ? a.at(0) : null);
    case 'last': return scalarCol(a.kind, a.type, n ? a.at(n - 1) : null);
    case 'n_unique': {
      const seen = [];
      for (let i = 0; i < n; i++) {
        const v = a.at(i);
        if (!seen.some((s) => sameValue(s, v))) seen.push(v);
      }
      return scalarCol('int', new Int64(), seen.length);
    }
    default: throw new OpsError(`the aggregation '${fn}' is not supported in the page`);
  }
}

export const AGGREGATIONS = new Set(['sum', 'mean', 'median', 'std', 'var', 'min', 'max', 'count', 'first', 'last', 'n_unique']);
