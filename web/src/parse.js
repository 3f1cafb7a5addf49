/**
 * `parseExpr('price > 100 and symbol = \'AAPL\'')`: a small recursive-descent parser of SQL-like
 * expression text into the builder's Expr objects.
 *
 * Grammar, loosest binding first:
 *   or      := and (OR and)*
 *   and     := not (AND not)*
 *   not     := NOT not | compare
 *   compare := sum [ (= | == | != | <> | < | <= | > | >=) sum
 *                  | IS [NOT] NULL | [NOT] IN (value, ...) | [NOT] BETWEEN sum AND sum
 *                  | [NOT] LIKE sum ]
 *   sum     := product ((+ | -) product)*
 *   product := unary ((* | / | %) unary)*
 *   unary   := (- | +) unary | primary
 *   primary := number | 'text' | TRUE | FALSE | NULL | name | "quoted name"
 *            | function '(' [expr (, expr)*] ')' | '(' expr ')'
 * Keywords and function names are case-insensitive; `''` in a string and `""` in a quoted name
 * stand for one quote. Functions: abs, round, upper, lower, length, coalesce.
 * @module parse
 */
import { Expr, call, col, lit, coalesce, literalNode } from './expr.js';

/** A syntax error in expression text; `position` is the 0-based offset where it broke. */
export class ExprSyntaxError extends Error {
  /**
   * @param {string} what what went wrong, e.g. 'expected an expression'
   * @param {number} position 0-based offset in `text`
   * @param {string} text the whole text
   */
  constructor(what, position, text) {
    super(`${what} at position ${position}: ${text}`);
    this.name = 'ExprSyntaxError';
    /** @type {number} */
    this.position = position;
    /** @type {string} */
    this.text = text;
    /** @type {string} */
    this.reason = what;
  }
}

const KEYWORDS = new Set(['and', 'or', 'not', 'is', 'null', 'in', 'between', 'like', 'true', 'false']);
const OPERATORS = ['<=', '>=', '<>', '!=', '==', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ','];
const COMPARE = { '=': 'eq', '==': 'eq', '!=': 'ne', '<>': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };
const INT64_MAX = 2n ** 63n - 1n;

/**
 * @typedef {{kind: 'number'|'string'|'name'|'quoted'|'keyword'|'op'|'end', value: string, pos: number}} Token
 */

/**
 * The tokens of `text`.
 * @param {string} text
 * @returns {Token[]}
 */
function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i += 1; continue; }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] || ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
      i += m[0].length;
      if (/[A-Za-z_]/.test(text[i] || '')) throw new ExprSyntaxError('expected an operator after the number', i, text);
      tokens.push({ kind: 'number', value: m[0], pos: start });
    } else if (c === "'" || c === '"') {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) {
          throw new ExprSyntaxError(c === "'" ? 'unterminated string' : 'unterminated quoted name', start, text);
        }
        if (text[i] === c) {
          if (text[i + 1] === c) { value += c; i += 2; continue; }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', value, pos: start });
    } else if (/[A-Za-z_\u00C0-\uFFFF]/.test(c)) {
      const m = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_$\u00C0-\uFFFF]*/.exec(text.slice(i));
      i += m[0].length;
      const lower = m[0].toLowerCase();
      tokens.push(KEYWORDS.has(lower) ? { kind: 'keyword', value: lower, pos: start } : { kind: 'name', value: m[0], pos: start });
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw new ExprSyntaxError(`unexpected character '${c}'`, i, text);
      i += op.length;
      tokens.push({ kind: 'op', value: op, pos: start });
    }
  }
  tokens.push({ kind: 'end', value: '', pos: text.length });
  return tokens;
}

/** A number's literal: an integer (int64 text) or a float. */
function numberLiteral(text) {
  if (/^-?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n <= INT64_MAX && n >= -INT64_MAX - 1n) return lit(n);
  }
  const v = Number(text); // a decimal or exponent form stays a float, even when whole ('2.0')
  return new Expr({ literal: Number.isFinite(v) ? { float: v } : literalNode(v) });
}

const FUNCTIONS = {
  abs: { args: [1, 1], make: (a) => a[0].abs() },
  round: { args: [1, 2], make: (a, p) => (a.length === 1 ? a[0].round() : a[0].round(p.integerArg(a[1]))) },
  upper: { args: [1, 1], make: (a) => a[0].str.toUppercase() },
  lower: { args: [1, 1], make: (a) => a[0].str.toLowercase() },
  length: { args: [1, 1], make: (a) => a[0].str.lenChars() },
  coalesce: { args: [1, Infinity], make: (a) => coalesce(...a) },
};

class Parser {
  constructor(text) {
    this.text = text;
    this.tokens = tokenize(text);
    this.i = 0;
  }

  get peek() { return this.tokens[this.i]; }

  next() { return this.tokens[this.i++]; }

  fail(what, token = this.peek) { throw new ExprSyntaxError(what, token.pos, this.text); }

  isKeyword(word, ahead = 0) {
    const t = this.tokens[this.i + ahead];
    return t.kind === 'keyword' && t.value === word;
  }

  isOp(op) { return this.peek.kind === 'op' && this.peek.value === op; }

  expectOp(op) {
    if (!this.isOp(op)) this.fail(`expected '${op}'`);
    this.next();
  }

  describe(token) {
    if (token.kind === 'end') return 'the end';
    if (token.kind === 'string') return `'${token.value}'`;
    if (token.kind === 'quoted') return `"${token.value}"`;
    return `'${token.value}'`;
  }

  parse() {
    if (this.peek.kind === 'end') this.fail('expected an expression');
    const e = this.or();
    if (this.peek.kind !== 'end') this.fail(`unexpected ${this.describe(this.peek)}`);
    return e;
  }

  or() {
    let e = this.and();
    while (this.isKeyword('or')) { this.next(); e = e.or(this.and()); }
    return e;
  }

  and() {
    let e = this.not();
    while (this.isKeyword('and')) { this.next(); e = e.and(this.not()); }
    return e;
  }

  not() {
    if (this.isKeyword('not')) { this.next(); return this.not().not(); }
    return this.compare();
  }

  compare() {
    const left = this.sum();
    const t = this.peek;
    if (t.kind === 'op' && COMPARE[t.value]) {
      this.next();
      return call(COMPARE[t.value], left, this.sum());
    }
    if (this.isKeyword('is')) {
      this.next();
      const negated = this.isKeyword('not');
      if (negated) this.next();
      if (!this.isKeyword('null')) this.fail('expected NULL');
      this.next();
      return negated ? left.isNotNull() : left.isNull();
    }
    const negated = this.isKeyword('not') && ['in', 'between', 'like'].some((w) => this.isKeyword(w, 1));
    if (negated) this.next();
    let e = null;
    if (this.isKeyword('in')) {
      this.next();
      this.expectOp('(');
      const values = [this.sum()];
      while (this.isOp(',')) { this.next(); values.push(this.sum()); }
      this.expectOp(')');
      e = left.isIn(values);
    } else if (this.isKeyword('between')) {
      this.next();
      const lower = this.sum();
      if (!this.isKeyword('and')) this.fail('expected AND');
      this.next();
      e = left.isBetween(lower, this.sum());
    } else if (this.isKeyword('like')) {
      this.next();
      const t2 = this.peek;
      if (t2.kind !== 'string') this.fail('expected a pattern in single quotes');
      this.next();
      e = left.str.like(t2.value);
    }
    if (e) return negated ? e.not() : e;
    return left;
  }

  sum() {
    let e = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value;
      e = op === '+' ? e.add(this.product()) : e.sub(this.product());
    }
    return e;
  }

  product() {
    let e = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().value;
      const right = this.unary();
      e = op === '*' ? e.mul(right) : op === '/' ? e.truediv(right) : e.mod(right);
    }
    return e;
  }

  unary() {
    if (this.isOp('-')) {
      this.next();
      if (this.peek.kind === 'number') return numberLiteral('-' + this.next().value);
      return this.unary().neg();
    }
    if (this.isOp('+')) { this.next(); return this.unary(); }
    return this.primary();
  }

  primary() {
    const t = this.peek;
    switch (t.kind) {
      case 'number': this.next(); return numberLiteral(t.value);
      case 'string': this.next(); return lit(t.value);
      case 'quoted': this.next(); return col(t.value);
      case 'keyword':
        if (t.value === 'true' || t.value === 'false') { this.next(); return lit(t.value === 'true'); }
        if (t.value === 'null') { this.next(); return lit(null); }
        return this.fail('expected an expression');
      case 'name': {
        this.next();
        if (!this.isOp('(')) return col(t.value);
        const fn = FUNCTIONS[t.value.toLowerCase()];
        if (!fn) this.fail(`unknown function '${t.value}' (known: ${Object.keys(FUNCTIONS).join(', ')})`, t);
        this.next();
        const args = [];
        if (!this.isOp(')')) {
          args.push(this.or());
          while (this.isOp(',')) { this.next(); args.push(this.or()); }
        }
        const close = this.peek;
        this.expectOp(')');
        const [min, max] = fn.args;
        if (args.length < min || args.length > max) {
          const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} or ${max}`;
          this.fail(`${t.value.toLowerCase()}() takes ${want} argument${min === 1 && max === 1 ? '' : 's'}, not ${args.length}`, close);
        }
        return fn.make(args, this, t);
      }
      case 'op':
        if (t.value === '(') {
          this.next();
          const e = this.or();
          this.expectOp(')');
          return e;
        }
        return this.fail('expected an expression');
      default:
        return this.fail('expected an expression');
    }
  }

  /** A whole-number literal argument (round's decimals) as a JS number. */
  integerArg(e) {
    const l = e.node.literal;
    if (!l || l.integer === undefined) this.fail('round() takes a whole number of decimals', this.tokens[this.i - 2]);
    return Number(l.integer);
  }
}

/**
 * The Expr of SQL-like expression text, e.g. `price > 100 AND symbol IN ('AAPL', 'MSFT')`.
 * @param {string} text
 * @returns {Expr}
 * @throws {ExprSyntaxError} with the 0-based `position` where the text broke
 */
export function parseExpr(text) {
  if (typeof text !== 'string') throw new TypeError('parseExpr takes a string');
  return new Parser(text).parse();
}

