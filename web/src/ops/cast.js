/**
 * Casts of the evaluator (`cast` expressions): numbers, text, booleans, dates and timestamps;
 * a value that does not convert fails a strict cast and is null otherwise.
 * @module ops/cast
 */
import { Col, DAY_MS, UNITS_PER_MS, arrowType, mapRows, isNumeric, describeType } from './column.js';
import { OpsError, kindOf } from './values.js';
import { formatValue, parseISO } from './compare.js';

/**
 * The column `a` cast to the plan type `typeNode`.
 * @param {Col} a
 * @param {object} typeNode a `polaroid.v1.DataType` JSON object
 * @param {boolean} strict
 * @param {object} ctx the evaluation context
 */
export function castColumn(a, typeNode, strict, ctx) {
  const type = arrowType(typeNode);
  const kind = kindOf(type);
  const fail = (x) => {
    if (strict) throw new OpsError(`cannot cast ${formatValue(x, a)} from ${describeType(a)} to ${String(type)}`);
    return null;
  };
  let f;
  switch (kind) {
    case 'int':
      f = (x) => {
        let v = x;
        if (a.kind === 'str') v = /^\s*[+-]?\d+\s*$/.test(x) ? Number(x) : NaN;
        else if (a.kind === 'bool') v = x ? 1 : 0;
        else if (a.kind === 'date') v = x / DAY_MS;
        else if (a.kind === 'timestamp') v = x * UNITS_PER_MS[a.type.unit];
        else if (!isNumeric(a)) v = NaN;
        v = Math.trunc(v);
        if (!Number.isFinite(v)) return fail(x);
        const bits = type.bitWidth;
        const min = type.isSigned ? -(2 ** (bits - 1)) : 0;
        const max = type.isSigned ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
        return v < min || v > max ? fail(x) : v;
      };
      break;
    case 'float':
      f = (x) => {
        if (a.kind === 'str') {
          const v = Number(x.trim());
          return x.trim() === '' || Number.isNaN(v) && !/^\s*[+-]?nan\s*$/i.test(x) ? fail(x) : v;
        }
        if (a.kind === 'bool') return x ? 1 : 0;
        return isNumeric(a) ? Number(x) : fail(x);
      };
      break;
    case 'str': f = (x) => formatValue(x, a); break;
    case 'bool':
      f = (x) => {
        if (a.kind === 'bool') return x;
        if (isNumeric(a)) return x !== 0;
        return fail(x);
      };
      break;
    case 'date':
      f = (x) => {
        if (a.kind === 'date' || a.kind === 'timestamp') return Math.floor(x / DAY_MS) * DAY_MS;
        if (a.kind === 'str') { const ms = parseISO(x, false); return ms === null ? fail(x) : Math.floor(ms / DAY_MS) * DAY_MS; }
        if (a.kind === 'int') return x * DAY_MS;
        return fail(x);
      };
      break;
    case 'timestamp':
      f = (x) => {
        if (a.kind === 'date' || a.kind === 'timestamp') return x;
        if (a.kind === 'str') { const ms = parseISO(x, false); return ms === null ? fail(x) : ms; }
        if (a.kind === 'int') return x / UNITS_PER_MS[type.unit];
        return fail(x);
      };
      break;
    case 'null': f = () => null; break;
    default: throw new OpsError(`cast to ${String(type)} is not supported in the page`);
  }
  return new Col({ kind, type, values: mapRows([a], ctx, f), scalar: a.scalar, literal: false });
}
