/**
 * Evaluates the builder's Expr trees (the `polaroid.v1.Expr` JSON objects) column-wise over an
 * apache-arrow Table, with Polars' semantics: nulls propagate through arithmetic and comparisons,
 * and/or are three-valued (Kleene), integer literals adapt to the column they meet, `/` is a true
 * division, `//` and `%` floor, aggregations make one value that broadcasts.
 * @module ops/eval
 */
import { Int64, Float64, Bool, Utf8, DateDay, Null } from 'apache-arrow';
import { Expr } from '../expr.js';
import { parseExpr } from '../parse.js';
import { OpsError, kindOf, timestampType } from './values.js';
import { compareValues, parseISO } from './compare.js';
import { STRING_FUNCTIONS, DATE_FUNCTIONS } from './functions.js';
import { Col, DAY_MS, UNIT_INDEX, UNITS_PER_MS, scalarCol, arrowType, lengthOf, mapRows, result, isNumeric,
  numericType, describeType } from './column.js';
import { aggregate, AGGREGATIONS } from './aggregate.js';
import { castColumn } from './cast.js';

export { Col };

/** The Expr node of an Expr, a parsed string, or a node. */
export function nodeOf(e) {
  if (e instanceof Expr) return e.node;
  if (typeof e === 'string') return parseExpr(e).node;
  if (e && typeof e === 'object') return e;
  throw new TypeError(`not an expression: ${String(e)}`);
}

/** The evaluation context of one table. */
export class Context {
  /** @param {import('apache-arrow').Table} table */
  constructor(table) {
    this.table = table;
    this.n = table.numRows;
  }

  column(name) {
    const index = this.table.schema.fields.findIndex((f) => f.name === name);
    if (index < 0) {
      const known = this.table.schema.fields.map((f) => f.name).join(', ');
      throw new OpsError(`column '${name}' not found (columns: ${known})`);
    }
    const field = this.table.schema.fields[index];
    const vector = this.table.getChildAt(index);
    return new Col({ kind: kindOf(field.type), type: field.type, values: null, vector, field });
  }
}

function literal(l) {
  const [form] = Object.keys(l);
  const v = l[form];
  switch (form) {
    case 'integer': return scalarCol('int', new Int64(), Number(v), true);
    case 'float': return scalarCol('float', new Float64(), Number(v), true);
    case 'string': return scalarCol('str', new Utf8(), v, true);
    case 'boolean': return scalarCol('bool', new Bool(), v, true);
    case 'null': {
      const type = v.id === 'NULL' ? new Null() : arrowType(v);
      return scalarCol(kindOf(type), type, null, true);
    }
    case 'date': return scalarCol('date', new DateDay(), v * DAY_MS, true);
    case 'timestamp': {
      const unit = UNIT_INDEX[v.unit || 'MICROSECOND'];
      return scalarCol('timestamp', timestampType(unit, v.timeZone), Number(v.value) / UNITS_PER_MS[unit], true);
    }
    case 'decimal': return scalarCol('float', new Float64(), Number(v.value), true);
    case 'typed': {
      if (/^(U?INT|FLOAT)/.test(v.type.id)) {
        const type = arrowType(v.type);
        return scalarCol(kindOf(type), type, Number(v.value), false);
      }
      throw new OpsError(`a ${v.type.id} literal is not supported in the page`);
    }
    default: throw new OpsError(`a ${form} literal is not supported in the page`);
  }
}

/** The length of the result of columns: one when all are scalars. */
function arithmetic(fn, a, b, ctx) {
  if (fn === 'add' && a.kind === 'str' && b.kind === 'str') {
    return result('str', new Utf8(), mapRows([a, b], ctx, (x, y) => x + y), [a, b]);
  }
  if (!isNumeric(a) || !isNumeric(b)) {
    throw new OpsError(`'${fn}' of ${describeType(a)} and ${describeType(b)} is not supported in the page`);
  }
  const [kind, type] = numericType([a, b], fn === 'truediv');
  const int = kind === 'int';
  const ops = {
    add: (x, y) => x + y,
    sub: (x, y) => x - y,
    mul: (x, y) => x * y,
    truediv: (x, y) => x / y,
    floordiv: (x, y) => (int ? (y === 0 ? null : Math.floor(x / y)) : Math.floor(x / y)),
    mod: (x, y) => (int && y === 0 ? null : x - y * Math.floor(x / y)),
    pow: (x, y) => x ** y,
  };
  const values = mapRows([a, b], ctx, (x, y) => ops[fn](+x, +y));
  if (fn === 'pow' && int && values.some((v) => v !== null && !Number.isInteger(v))) {
    return result('float', new Float64(), values, [a, b]);
  }
  return result(kind, type, values, [a, b]);
}

/** Comparable forms of two columns' values: [kind, convertA, convertB]. */
function comparable(a, b, fn) {
  const temporal = (k) => k === 'date' || k === 'timestamp';
  if (a.kind === 'null' || b.kind === 'null') return 'null';
  if (isNumeric(a) && isNumeric(b)) return (x) => +x;
  if (a.kind === 'str' && b.kind === 'str') return (x) => x;
  if (temporal(a.kind) && temporal(b.kind)) return (x) => x;
  if ((temporal(a.kind) && b.kind === 'str') || (a.kind === 'str' && temporal(b.kind))) {
    return (x) => (typeof x === 'string' ? parseISO(x, true) : x);
  }
  throw new OpsError(`cannot compare ${describeType(a)} with ${describeType(b)} ('${fn}')`);
}

const COMPARISONS = {
  eq: (c) => c === 0, ne: (c) => c !== 0, lt: (c) => c < 0, le: (c) => c <= 0, gt: (c) => c > 0, ge: (c) => c >= 0,
};

function comparison(fn, a, b, ctx) {
  const convert = comparable(a, b, fn);
  if (convert === 'null') return result('bool', new Bool(), new Array(lengthOf([a, b], ctx)).fill(null), [a, b]);
  const test = COMPARISONS[fn];
  return result('bool', new Bool(), mapRows([a, b], ctx, (x, y) => test(compareValues(convert(x), convert(y)))), [a, b]);
}

function requireBool(c, fn) {
  if (c.kind !== 'bool' && c.kind !== 'null') throw new OpsError(`'${fn}' takes booleans, not ${describeType(c)}`);
}

function logic(fn, args, ctx) {
  args.forEach((c) => requireBool(c, fn));
  const dominant = fn === 'or';
  const values = mapRows(args, ctx, (...xs) => {
    let sawNull = false;
    for (const x of xs) {
      if (x === dominant) return dominant;
      if (x === null) sawNull = true;
    }
    return sawNull ? null : !dominant;
  }, false);
  return result('bool', new Bool(), values, args);
}

/** The common kind and type of columns that meet in one result (when/then, coalesce, fill_null). */
export function unify(cols, what) {
  const real = cols.filter((c) => c.kind !== 'null');
  if (!real.length) return ['null', cols.find((c) => !c.literal)?.type || new Null()];
  const kinds = new Set(real.map((c) => c.kind));
  if ([...kinds].every((k) => k === 'int' || k === 'float')) return numericType(real, false);
  if (kinds.size === 2 && kinds.has('date') && kinds.has('timestamp')) {
    return ['timestamp', real.find((c) => c.kind === 'timestamp').type];
  }
  if (kinds.size === 1) {
    const typed = real.find((c) => !c.literal) || real[0];
    const [kind] = kinds;
    return [kind, kind === 'str' ? new Utf8() : typed.type];
  }
  throw new OpsError(`${what} cannot combine ${real.map(describeType).join(' and ')}`);
}

function coalesce(args, ctx) {
  const [kind, type] = unify(args, 'coalesce');
  const values = mapRows(args, ctx, (...xs) => {
    for (const x of xs) if (x !== null) return x;
    return null;
  }, false);
  return result(kind, type, values, args);
}

function whenThen(body, ctx) {
  const conditions = body.branches.map((b) => evaluate(b.condition, ctx));
  conditions.forEach((c) => requireBool(c, 'when'));
  const thens = body.branches.map((b) => evaluate(b.then, ctx));
  const otherwise = body.otherwise ? evaluate(body.otherwise, ctx) : scalarCol('null', new Null(), null, true);
  const all = [...conditions, ...thens, otherwise];
  const [kind, type] = unify([...thens, otherwise], 'when/then');
  const values = mapRows(all, ctx, (...xs) => {
    for (let k = 0; k < conditions.length; k++) if (xs[k] === true) return xs[conditions.length + k];
    return xs[xs.length - 1];
  }, false);
  return result(kind, type, values, all);
}

function isIn(a, values, ctx) {
  const convert = values.length ? values.map((v) => comparable(a, v, 'is_in')) : [];
  const out = mapRows([a], ctx, (x) => values.some((v, k) => {
    const y = v.at(0);
    if (y === null || convert[k] === 'null') return false;
    return compareValues(convert[k](x), convert[k](y)) === 0;
  }));
  return result('bool', new Bool(), out, [a]);
}

function isBetween(a, lower, upper, closed, ctx) {
  const cl = comparable(a, lower, 'is_between');
  const cu = comparable(a, upper, 'is_between');
  if (cl === 'null' || cu === 'null') return result('bool', new Bool(), new Array(lengthOf([a, lower, upper], ctx)).fill(null), [a]);
  const leftOpen = closed === 'right' || closed === 'none';
  const rightOpen = closed === 'left' || closed === 'none';
  const values = mapRows([a, lower, upper], ctx, (x, lo, hi) => {
    const l = compareValues(cl(x), cl(lo));
    const u = compareValues(cu(x), cu(hi));
    return (leftOpen ? l > 0 : l >= 0) && (rightOpen ? u < 0 : u <= 0);
  });
  return result('bool', new Bool(), values, [a, lower, upper]);
}

function roundHalfEven(x, decimals) {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** decimals;
  const y = x * f;
  const r = Math.round(y);
  const exactHalf = Math.abs(y - Math.trunc(y)) === 0.5;
  return (exactHalf ? 2 * Math.round(y / 2) : r) / f;
}

function unaryMath(fn, a, ctx) {
  if (!isNumeric(a) || a.kind === 'bool') throw new OpsError(`'${fn}' of ${describeType(a)} is not supported in the page`);
  const f = { abs: Math.abs, neg: (x) => -x, floor: Math.floor, ceil: Math.ceil, sqrt: Math.sqrt }[fn];
  if (fn === 'sqrt') return result('float', new Float64(), mapRows([a], ctx, f), [a]);
  return result(a.kind, a.type, mapRows([a], ctx, f), [a]);
}

// ---- calls ----------------------------------------------------------------------------------------

function callCol(body, ctx) {
  const fn = body.function;
  const argNodes = body.args || [];
  if (fn === 'len' && !argNodes.length) return scalarCol('int', new Int64(), ctx.n);
  const args = argNodes.map((a) => evaluate(a, ctx));
  const [a] = args;
  if (COMPARISONS[fn]) return comparison(fn, a, args[1], ctx);
  switch (fn) {
    case 'add': case 'sub': case 'mul': case 'truediv': case 'floordiv': case 'mod': case 'pow':
      return arithmetic(fn, a, args[1], ctx);
    case 'and': case 'or': return logic(fn, args, ctx);
    case 'not':
      requireBool(a, 'not');
      return result('bool', new Bool(), mapRows([a], ctx, (x) => !x), [a]);
    case 'neg': case 'abs': case 'floor': case 'ceil': case 'sqrt': return unaryMath(fn, a, ctx);
    case 'round': {
      const decimals = args[1] ? Number(args[1].at(0)) : 0;
      if (a.kind === 'int') return a;
      if (a.kind !== 'float') throw new OpsError(`'round' of ${describeType(a)} is not supported in the page`);
      return result('float', a.type, mapRows([a], ctx, (x) => roundHalfEven(x, decimals)), [a]);
    }
    case 'is_null': return result('bool', new Bool(), mapRows([a], ctx, (x) => x === null, false), [a]);
    case 'is_not_null': return result('bool', new Bool(), mapRows([a], ctx, (x) => x !== null, false), [a]);
    case 'is_nan': return result('bool', new Bool(), mapRows([a], ctx, (x) => Number.isNaN(x)), [a]);
    case 'is_not_nan': return result('bool', new Bool(), mapRows([a], ctx, (x) => !Number.isNaN(x)), [a]);
    case 'fill_null': case 'coalesce': return coalesce(args, ctx);
    case 'is_in': return isIn(a, args.slice(1), ctx);
    case 'is_between': return isBetween(a, args[1], args[2], args[3] ? args[3].at(0) : 'both', ctx);
    case 'len': return scalarCol('int', new Int64(), lengthOf([a], ctx));
    default:
  }
  if (AGGREGATIONS.has(fn)) return aggregate(fn, a, ctx);
  const stringFn = STRING_FUNCTIONS[fn];
  if (stringFn) {
    if (fn !== 'concat_str' && a.kind !== 'str' && a.kind !== 'null') {
      throw new OpsError(`'${fn}' takes text, not ${describeType(a)}`);
    }
    const [kind, type, f] = stringFn(args.slice(1).map((c) => c.at(0)), args);
    return result(kind, type, mapRows(fn === 'concat_str' ? args : [a], ctx, f), args);
  }
  const dateFn = DATE_FUNCTIONS[fn];
  if (dateFn) {
    if (a.kind !== 'date' && a.kind !== 'timestamp' && a.kind !== 'null') {
      throw new OpsError(`'${fn}' takes dates or timestamps, not ${describeType(a)}`);
    }
    const [type, f] = dateFn(a.kind === 'timestamp' ? a.type.timezone : null);
    return result('int', type, mapRows([a], ctx, f), [a]);
  }
  throw new OpsError(`the function '${fn}' is not supported in the page (run the query on the server)`);
}

/**
 * The column an Expr node makes over the context's table.
 * @param {object} node a `polaroid.v1.Expr` JSON object
 * @param {Context} ctx
 * @returns {Col}
 */
export function evaluate(node, ctx) {
  const [kind] = Object.keys(node);
  const body = node[kind];
  switch (kind) {
    case 'column': return ctx.column(body.name);
    case 'literal': return literal(body);
    case 'alias': return evaluate(body.expr, ctx);
    case 'cast': return castColumn(evaluate(body.expr, ctx), body.type, !!body.strict, ctx);
    case 'call': return callCol(body, ctx);
    case 'when': return whenThen(body, ctx);
    default: throw new OpsError(`'${kind}' expressions are not supported in the page (run the query on the server)`);
  }
}

