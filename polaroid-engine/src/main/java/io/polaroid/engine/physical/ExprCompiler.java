package io.polaroid.engine.physical;

import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.LogicalChains;
import io.polaroid.engine.expr.ScalarFn;
import io.polaroid.engine.physical.expr.ArithmeticExpr;
import io.polaroid.engine.physical.expr.CaseExpr;
import io.polaroid.engine.physical.expr.CastExpr;
import io.polaroid.engine.physical.expr.CoalesceExpr;
import io.polaroid.engine.physical.expr.ColumnExpr;
import io.polaroid.engine.physical.expr.CompareExpr;
import io.polaroid.engine.physical.expr.ConcatExpr;
import io.polaroid.engine.physical.expr.DateArithmeticExpr;
import io.polaroid.engine.physical.expr.DatePartExpr;
import io.polaroid.engine.physical.expr.InListExpr;
import io.polaroid.engine.physical.expr.IsNullExpr;
import io.polaroid.engine.physical.expr.LiteralExpr;
import io.polaroid.engine.physical.expr.LogicalExpr;
import io.polaroid.engine.physical.expr.MathExpr;
import io.polaroid.engine.physical.expr.NotExpr;
import io.polaroid.engine.physical.expr.PhysicalExpr;
import io.polaroid.engine.physical.expr.StringLengthExpr;
import io.polaroid.engine.physical.expr.StringPredicateExpr;
import io.polaroid.engine.physical.expr.StringTransformExpr;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;

/** Compiles resolved expressions into kernels bound to column positions of an input schema. */
public final class ExprCompiler {
    private final Schema input;

    public ExprCompiler(Schema input) {
        this.input = input;
    }

    public List<PhysicalExpr> compileAll(List<BoundExpr> exprs) {
        List<PhysicalExpr> out = new ArrayList<>(exprs.size());
        for (BoundExpr e : exprs) {
            out.add(compile(e));
        }
        return out;
    }

    public PhysicalExpr compile(BoundExpr e) {
        if (e instanceof BoundExpr.ColumnRef c) {
            int index = input.indexOf(c.name());
            if (index < 0) {
                throw PolaroidException.internal("column " + c.name() + " is not in " + input);
            }
            return new ColumnExpr(index, c.name(), c.type());
        }
        if (e instanceof BoundExpr.Literal l) {
            return new LiteralExpr(l.value(), l.type());
        }
        if (e instanceof BoundExpr.Cast c) {
            return new CastExpr(compile(c.input()), c.type(), c.strict());
        }
        if (e instanceof BoundExpr.Case c) {
            return new CaseExpr(compileAll(c.conditions()), compileAll(c.values()), compile(c.otherwise()), c.type());
        }
        BoundExpr.Call call = (BoundExpr.Call) e;
        List<BoundExpr> args = call.args();
        ScalarFn fn = call.fn();
        return switch (fn) {
            case ADD, SUB, MUL, DIV, FLOORDIV, MOD -> new ArithmeticExpr(fn, compile(args.get(0)), compile(args.get(1)), call.type());
            case NEG, ABS -> new MathExpr(fn, compile(args.get(0)), 0, call.type());
            case ROUND -> new MathExpr(fn, compile(args.get(0)), (int) (long) (Long) literal(args.get(1)), call.type());
            case EQ, NE, LT, LE, GT, GE -> new CompareExpr(fn, compile(args.get(0)), compile(args.get(1)));
            case AND, OR -> logical(call);
            case NOT -> new NotExpr(compile(args.get(0)));
            case IS_NULL, IS_NOT_NULL -> new IsNullExpr(compile(args.get(0)), fn == ScalarFn.IS_NOT_NULL);
            case COALESCE -> new CoalesceExpr(compileAll(args), call.type());
            case IS_IN -> {
                List<Object> values = new ArrayList<>();
                for (BoundExpr v : args.subList(1, args.size())) {
                    values.add(literal(v));
                }
                yield new InListExpr(compile(args.get(0)), values);
            }
            case CONTAINS, CONTAINS_REGEX, STARTS_WITH, ENDS_WITH, LIKE ->
                    new StringPredicateExpr(fn, compile(args.get(0)), (String) literal(args.get(1)));
            case SLICE -> new StringTransformExpr(fn, compile(args.get(0)), (Long) literal(args.get(1)),
                    args.size() > 2 ? (Long) literal(args.get(2)) : null, null);
            case UPPER, LOWER -> new StringTransformExpr(fn, compile(args.get(0)), 0, null, null);
            case STRIP -> new StringTransformExpr(fn, compile(args.get(0)), 0, null,
                    args.size() > 1 ? (String) literal(args.get(1)) : null);
            case LENGTH -> new StringLengthExpr(compile(args.get(0)));
            case CONCAT -> new ConcatExpr(compileAll(args));
            case YEAR, QUARTER, MONTH, DAY, WEEKDAY, ORDINAL_DAY, HOUR, MINUTE, SECOND -> new DatePartExpr(fn, compile(args.get(0)));
            case ADD_INTERVAL -> new DateArithmeticExpr(fn, compile(args.get(0)), null, (Interval) literal(args.get(1)), call.type());
            case DATE_DIFF -> new DateArithmeticExpr(fn, compile(args.get(0)), compile(args.get(1)), null, call.type());
        };
    }

    /**
     * A chain of ANDs (or ORs), however the plan nested it, as a balanced tree of kernels: an
     * {@code and()} of 10,000 terms is 10,000 deep as the analyzer and optimizer combine it, and
     * evaluating that recursively would overflow the stack of the threads that run queries. AND and
     * OR are associative (also with nulls), so regrouping does not change any result.
     */
    private PhysicalExpr logical(BoundExpr.Call call) {
        List<PhysicalExpr> terms = new ArrayList<>();
        for (BoundExpr term : LogicalChains.terms(call)) {
            terms.add(compile(term));
        }
        return balanced(call.fn() == ScalarFn.AND, terms, 0, terms.size());
    }

    private static PhysicalExpr balanced(boolean isAnd, List<PhysicalExpr> terms, int from, int to) {
        if (to - from == 1) {
            return terms.get(from);
        }
        int mid = (from + to + 1) >>> 1;
        return new LogicalExpr(isAnd, balanced(isAnd, terms, from, mid), balanced(isAnd, terms, mid, to));
    }

    private static Object literal(BoundExpr e) {
        if (!(e instanceof BoundExpr.Literal l)) {
            throw PolaroidException.internal("expected a literal, got " + e);
        }
        return l.value();
    }
}
