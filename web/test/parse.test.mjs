// parseExpr: SQL-like text into the builder's Exprs. Each parse is compared with the same
// expression built with the builder's methods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpr, ExprSyntaxError, pl } from '../src/index.js';

const { col, lit } = pl;
const same = (text, expr) => assert.deepStrictEqual(parseExpr(text).node, expr.node, text);
const a = col('a');
const b = col('b');
const c = col('c');

test('literals: integers as int64 text, decimals and exponents as floats, text, booleans, null', () => {
  assert.deepStrictEqual(parseExpr('100').node, { literal: { integer: '100' } });
  assert.deepStrictEqual(parseExpr('9223372036854775807').node, { literal: { integer: '9223372036854775807' } });
  assert.deepStrictEqual(parseExpr('9223372036854775808').node, { literal: { float: 9223372036854775808 } });
  assert.deepStrictEqual(parseExpr('2.5').node, { literal: { float: 2.5 } });
  assert.deepStrictEqual(parseExpr('2.0').node, { literal: { float: 2 } });
  assert.deepStrictEqual(parseExpr('.5').node, { literal: { float: 0.5 } });
  assert.deepStrictEqual(parseExpr('1e3').node, { literal: { float: 1000 } });
  assert.deepStrictEqual(parseExpr('1.5E-2').node, { literal: { float: 0.015 } });
  assert.deepStrictEqual(parseExpr('-3').node, { literal: { integer: '-3' } });
  assert.deepStrictEqual(parseExpr('-2.5').node, { literal: { float: -2.5 } });
  assert.deepStrictEqual(parseExpr("'it''s'").node, { literal: { string: "it's" } });
  assert.deepStrictEqual(parseExpr("''").node, { literal: { string: '' } });
  assert.deepStrictEqual(parseExpr('TRUE').node, { literal: { boolean: true } });
  assert.deepStrictEqual(parseExpr('false').node, { literal: { boolean: false } });
  assert.deepStrictEqual(parseExpr('Null').node, { literal: { null: { id: 'NULL' } } });
});

test('names: bare and double-quoted identifiers are columns', () => {
  same('price', col('price'));
  same('_x1', col('_x1'));
  same('"my col"', col('my col'));
  same('"a""b"', col('a"b'));
  same('"and"', col('and'));
  same('"select" > 1', col('select').gt(1));
});

test('every comparison operator', () => {
  same('a = 1', a.eq(1));
  same('a == 1', a.eq(1));
  same('a != 1', a.ne(1));
  same('a <> 1', a.ne(1));
  same('a < 1', a.lt(1));
  same('a <= 1', a.le(1));
  same('a > 1', a.gt(1));
  same('a >= 1', a.ge(1));
  same("a = 'x'", a.eq('x'));
  same('a >= b', a.ge(b));
});

test('IS [NOT] NULL, [NOT] IN, [NOT] BETWEEN, [NOT] LIKE', () => {
  same('a is null', a.isNull());
  same('a IS NOT NULL', a.isNotNull());
  same('a in (1, 2, 3)', a.isIn([1, 2, 3]));
  same("a NOT IN ('x', 'y')", a.isIn(['x', 'y']).not());
  same('a between 1 and 5', a.isBetween(1, 5));
  same('a not between b - 1 and b + 1', a.isBetween(b.sub(1), b.add(1)).not());
  same("s like 'a%'", col('s').str.like('a%'));
  same("s not like '_b'", col('s').str.like('_b').not());
});

test('arithmetic operators and unary minus', () => {
  same('a + 1', a.add(1));
  same('a - 1', a.sub(1));
  same('a * 2', a.mul(2));
  same('a / b', a.truediv(b));
  same('a % 3', a.mod(3));
  same('-a', a.neg());
  same('- -a', a.neg().neg());
  same('+a', a);
  same('a - -3', a.sub(-3));
});

test('precedence: OR < AND < NOT < comparison < + - < * / % < unary minus', () => {
  same('a + b * c', a.add(b.mul(c)));
  same('a * b + c', a.mul(b).add(c));
  same('(a + b) * c', a.add(b).mul(c));
  same('a - b - c', a.sub(b).sub(c));
  same('a / b * c', a.truediv(b).mul(c));
  same('a % b / c', a.mod(b).truediv(c));
  same('-a * b', a.neg().mul(b));
  same('a + b > c * 2', a.add(b).gt(c.mul(2)));
  same('a or b and c', a.or(b.and(c)));
  same('a and b or c', a.and(b).or(c));
  same('not a and b', a.not().and(b));
  same('not a = 1', a.eq(1).not());
  same('not not a', a.not().not());
  same('a > 1 and b < 2 or c = 3', a.gt(1).and(b.lt(2)).or(c.eq(3)));
  same('a > 1 and (b < 2 or c = 3)', a.gt(1).and(b.lt(2).or(c.eq(3))));
  same('a between 1 and 2 and b', a.isBetween(1, 2).and(b));
  same('a is null or b in (1) and c', a.isNull().or(b.isIn([1]).and(c)));
});

test('chains of AND and OR are one flat call', () => {
  assert.deepStrictEqual(parseExpr('a and b and c').node, { call: { function: 'and', args: [a.node, b.node, c.node] } });
  assert.deepStrictEqual(parseExpr('a or b or c').node, { call: { function: 'or', args: [a.node, b.node, c.node] } });
});

test('keywords and function names are case-insensitive', () => {
  same('A AnD B', col('A').and(col('B')));
  same('x Is NoT nUlL', col('x').isNotNull());
  same('ABS(x)', col('x').abs());
  same('Upper(s)', col('s').str.toUppercase());
});

test('functions: abs, round, upper, lower, length, coalesce', () => {
  same('abs(a - b)', a.sub(b).abs());
  same('round(a)', a.round());
  same('round(a, 2)', a.round(2));
  same('upper(s)', col('s').str.toUppercase());
  same('lower(s)', col('s').str.toLowercase());
  same('length(s) > 3', col('s').str.lenChars().gt(3));
  same('coalesce(a, b, 0)', pl.coalesce(a, b, 0));
  same("coalesce(s, 'none')", pl.coalesce(col('s'), lit('none')));
  same('abs(round(a, 1)) >= 2', a.round(1).abs().ge(2));
});

test('whitespace does not matter', () => {
  same('  a>1\n AND\tb<2 ', a.gt(1).and(b.lt(2)));
  same('a>=-1', a.ge(-1));
});

/** The ExprSyntaxError of text, checked for its position and message start. */
function fails(text, position, reason) {
  let error = null;
  try {
    parseExpr(text);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ExprSyntaxError, `${JSON.stringify(text)} should fail`);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'ExprSyntaxError');
  assert.equal(error.position, position, `${JSON.stringify(text)}: ${error.message}`);
  assert.equal(error.message, `${reason} at position ${position}: ${text}`);
  return error;
}

test('errors say where the text broke', () => {
  fails('price > ', 8, 'expected an expression');
  fails('', 0, 'expected an expression');
  fails('   ', 3, 'expected an expression');
  fails('a and', 5, 'expected an expression');
  fails('a + * b', 4, 'expected an expression');
  fails("a = 'abc", 4, 'unterminated string');
  fails('"abc', 0, 'unterminated quoted name');
  fails('(a + b', 6, "expected ')'");
  fails('a + b)', 5, "unexpected ')'");
  fails('a b', 2, "unexpected 'b'");
  fails("a = 1 'x'", 6, "unexpected 'x'");
  fails('a $ b', 2, "unexpected character '$'");
  fails('a in 1', 5, "expected '('");
  fails('a in (1, 2', 10, "expected ')'");
  fails('a in ()', 6, 'expected an expression');
  fails('a between 1 or 2', 12, 'expected AND');
  fails('a is 5', 5, 'expected NULL');
  fails('a like b', 7, 'expected a pattern in single quotes');
  fails('12abc', 2, 'expected an operator after the number');
  fails('foo(1)', 0, 'unknown function \'foo\' (known: abs, round, upper, lower, length, coalesce)');
  fails('abs(a, b)', 8, 'abs() takes 1 argument, not 2');
  fails('round()', 6, 'round() takes 1 or 2 arguments, not 0');
  fails("round(a, 'x')", 9, 'round() takes a whole number of decimals');
  fails('not', 3, 'expected an expression');
  fails('a = = 1', 4, 'expected an expression');
});

test('parseExpr takes only text', () => {
  assert.throws(() => parseExpr(5), TypeError);
});
