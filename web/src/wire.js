/**
 * The canonical text of a `polaroid.v1` plan: exactly what protobuf-java's `JsonFormat.printer()`
 * writes (two-space indents, Gson's HTML-safe escapes, doubles as Java's `Double.toString`), so a
 * plan built here is byte for byte the plan the Java SDK writes. Plans travel as any JSON; this
 * form is for comparing plans as text (the golden samples) and for showing them.
 * @module wire
 */

const ESCAPES = {
  '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f',
  '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '=': '\\u003d', "'": '\\u0027',
  '\u2028': '\\u2028', '\u2029': '\\u2029',
};

function string(s) {
  let out = '"';
  for (const ch of s) {
    const esc = ESCAPES[ch];
    if (esc) out += esc;
    else if (ch.charCodeAt(0) < 0x20) out += '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/**
 * Java's `Double.toString` of a finite double (the shortest digits that read back, as JDK 19+).
 * @param {number} v
 * @returns {string}
 */
export function javaDouble(v) {
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e7) {
    const r = String(v);
    return /[.e]/.test(r) ? r : r + '.0';
  }
  const [mantissa, exp] = v.toExponential().split('e');
  return (mantissa.includes('.') ? mantissa : mantissa + '.0') + 'E' + Number(exp);
}

// Bytes fields: protobuf-java prints their base64 as it is, without Gson's escapes.
const BYTES_KEYS = new Set(['arrowIpc', 'binary', 'payload']);

function value(v, key, indent) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    // Literal.float is the plan's only double field; every other number is an int32.
    return key === 'float' && Number.isFinite(v) ? javaDouble(v) : String(v);
  }
  if (typeof v === 'string') return BYTES_KEYS.has(key) ? `"${v}"` : string(v);
  if (Array.isArray(v)) return '[' + v.map((x) => value(x, key, indent)).join(', ') + ']';
  return object(v, indent);
}

function object(o, indent) {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (!keys.length) return '{\n' + '  '.repeat(indent) + '}';
  const pad = '  '.repeat(indent + 1);
  return '{\n' + keys.map((k) => pad + string(k) + ': ' + value(o[k], k, indent + 1)).join(',\n') +
    '\n' + '  '.repeat(indent) + '}';
}

/**
 * The canonical JSON text of a plan object (`{root: relation}`), as the Java SDK writes it.
 * @param {object} plan
 * @returns {string}
 */
export function canonicalJSON(plan) {
  return object(plan, 0);
}
