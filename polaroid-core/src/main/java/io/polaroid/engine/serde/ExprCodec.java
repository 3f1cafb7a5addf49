package io.polaroid.engine.serde;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.SortKey;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Interval;
import io.polaroid.engine.types.Scalars;
import io.polaroid.engine.types.TypeKind;
import io.polaroid.proto.v1.Alias;
import io.polaroid.proto.v1.Call;
import io.polaroid.proto.v1.Cast;
import io.polaroid.proto.v1.Column;
import io.polaroid.proto.v1.DecimalValue;
import io.polaroid.proto.v1.IntervalValue;
import io.polaroid.proto.v1.Literal;
import io.polaroid.proto.v1.TimestampValue;
import io.polaroid.proto.v1.TypedValue;
import io.polaroid.proto.v1.When;
import io.polaroid.proto.v1.Window;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Expressions to and from {@code polaroid.v1.Expr}. {@code where} names the place in the plan for errors. */
public final class ExprCodec {
    private ExprCodec() {
    }

    public static io.polaroid.proto.v1.Expr encode(Expr expr) {
        io.polaroid.proto.v1.Expr.Builder b = io.polaroid.proto.v1.Expr.newBuilder();
        if (expr instanceof Expr.Column c) {
            b.setColumn(Column.newBuilder().setName(c.name()));
        } else if (expr instanceof Expr.Literal l) {
            b.setLiteral(encodeLiteral(l));
        } else if (expr instanceof Expr.Alias a) {
            b.setAlias(Alias.newBuilder().setExpr(encode(a.expr())).setName(a.name()));
        } else if (expr instanceof Expr.Cast c) {
            b.setCast(Cast.newBuilder().setExpr(encode(c.expr())).setType(TypeCodec.encode(c.type())).setStrict(c.strict()));
        } else if (expr instanceof Expr.Call c) {
            Call.Builder call = Call.newBuilder().setFunction(c.function());
            for (Expr arg : c.args()) {
                call.addArgs(encode(arg));
            }
            b.setCall(call);
        } else if (expr instanceof Expr.When w) {
            When.Builder when = When.newBuilder();
            for (Expr.Branch branch : w.branches()) {
                when.addBranches(When.Branch.newBuilder()
                        .setCondition(encode(branch.condition())).setThen(encode(branch.then())));
            }
            if (w.otherwise() != null) {
                when.setOtherwise(encode(w.otherwise()));
            }
            b.setWhen(when);
        } else if (expr instanceof Expr.Window w) {
            Window.Builder window = Window.newBuilder().setExpr(encode(w.expr()));
            for (Expr key : w.partitionBy()) {
                window.addPartitionBy(encode(key));
            }
            for (SortKey key : w.orderBy()) {
                window.addOrderBy(encode(key));
            }
            b.setWindow(window);
        } else {
            throw PolaroidException.internal("unknown expression " + expr);
        }
        return b.build();
    }

    private static Literal encodeLiteral(Expr.Literal l) {
        Literal.Builder b = Literal.newBuilder();
        Object v = l.value();
        DataType type = l.type();
        if (v == null) {
            return b.setNull(TypeCodec.encode(type)).build();
        }
        if (l.dynamic() && type.isInteger()) {
            return b.setInteger((Long) v).build();
        }
        if (l.dynamic() && type.isFloat()) {
            return b.setFloat((Double) v).build();
        }
        return switch (type.kind()) {
            case BOOL -> b.setBoolean((Boolean) v).build();
            case UTF8 -> b.setString((String) v).build();
            case BINARY -> b.setBinary(com.google.protobuf.ByteString.copyFrom(((io.polaroid.engine.types.Bytes) v).toArray())).build();
            case DATE32 -> b.setDate((Integer) v).build();
            case TIMESTAMP -> {
                TimestampValue.Builder ts = TimestampValue.newBuilder().setValue((Long) v).setUnit(TypeCodec.encode(type.unit()));
                if (type.timeZone() != null) {
                    ts.setTimeZone(type.timeZone());
                }
                yield b.setTimestamp(ts).build();
            }
            case DECIMAL -> b.setDecimal(DecimalValue.newBuilder().setValue(((BigDecimal) v).toPlainString())
                    .setPrecision(type.precision()).setScale(type.scale())).build();
            case INTERVAL -> {
                Interval i = (Interval) v;
                yield b.setInterval(IntervalValue.newBuilder().setMonths(i.months()).setDays(i.days()).setNanos(i.nanos())).build();
            }
            default -> b.setTyped(TypedValue.newBuilder().setType(TypeCodec.encode(type)).setValue(v.toString())).build();
        };
    }

    public static Expr decode(io.polaroid.proto.v1.Expr proto, PlanPath where) {
        switch (proto.getKindCase()) {
            case COLUMN:
                if (proto.getColumn().getName().isEmpty()) {
                    throw PolaroidException.invalidPlan(where + ": column has no name");
                }
                return new Expr.Column(proto.getColumn().getName());
            case LITERAL:
                return decodeLiteral(proto.getLiteral(), where.then(".literal"));
            case ALIAS: {
                Alias a = proto.getAlias();
                if (a.getName().isEmpty()) {
                    throw PolaroidException.invalidPlan(where + ".alias: alias has no name");
                }
                return new Expr.Alias(decodeRequired(a.hasExpr(), a.getExpr(), where.then(".alias.expr")), a.getName());
            }
            case CAST: {
                Cast c = proto.getCast();
                if (!c.hasType()) {
                    throw PolaroidException.invalidPlan(where + ".cast: cast has no type");
                }
                return new Expr.Cast(decodeRequired(c.hasExpr(), c.getExpr(), where.then(".cast.expr")),
                        TypeCodec.decode(c.getType(), where.then(".cast.type")), c.getStrict());
            }
            case CALL: {
                Call c = proto.getCall();
                if (c.getFunction().isEmpty()) {
                    throw PolaroidException.invalidPlan(where + ".call: call has no function name");
                }
                PlanPath at = where.then(".call(" + c.getFunction() + ")");
                List<Expr> args = new ArrayList<>(c.getArgsCount());
                for (int i = 0; i < c.getArgsCount(); i++) {
                    args.add(decode(c.getArgs(i), at.then(".args[" + i + "]")));
                }
                return new Expr.Call(c.getFunction(), args);
            }
            case WHEN: {
                When w = proto.getWhen();
                if (w.getBranchesCount() == 0) {
                    throw PolaroidException.invalidPlan(where + ".when: when has no branches");
                }
                List<Expr.Branch> branches = new ArrayList<>();
                for (int i = 0; i < w.getBranchesCount(); i++) {
                    When.Branch br = w.getBranches(i);
                    PlanPath at = where.then(".when.branches[" + i + "]");
                    branches.add(new Expr.Branch(decodeRequired(br.hasCondition(), br.getCondition(), at.then(".condition")),
                            decodeRequired(br.hasThen(), br.getThen(), at.then(".then"))));
                }
                Expr otherwise = w.hasOtherwise() ? decode(w.getOtherwise(), where.then(".when.otherwise")) : null;
                return new Expr.When(branches, otherwise);
            }
            case WINDOW: {
                Window w = proto.getWindow();
                if (w.getPartitionByCount() == 0 && w.getOrderByCount() == 0) {
                    throw PolaroidException.invalidPlan(where + ".window: over() has neither partition keys nor an order");
                }
                List<Expr> keys = new ArrayList<>();
                for (int i = 0; i < w.getPartitionByCount(); i++) {
                    keys.add(decode(w.getPartitionBy(i), where.then(".window.partition_by[" + i + "]")));
                }
                List<SortKey> order = new ArrayList<>();
                for (int i = 0; i < w.getOrderByCount(); i++) {
                    order.add(decode(w.getOrderBy(i), where.then(".window.order_by[" + i + "]")));
                }
                return new Expr.Window(decodeRequired(w.hasExpr(), w.getExpr(), where.then(".window.expr")), keys, order);
            }
            case EXTENSION:
                throw PolaroidException.invalidPlan(where + ": unknown expression extension '"
                        + proto.getExtension().getName() + "'");
            default:
                throw PolaroidException.invalidPlan(where + ": expression has no kind");
        }
    }

    private static Expr decodeRequired(boolean present, io.polaroid.proto.v1.Expr proto, PlanPath where) {
        if (!present) {
            throw PolaroidException.invalidPlan(where + ": missing expression");
        }
        return decode(proto, where);
    }

    private static Expr.Literal decodeLiteral(Literal proto, PlanPath where) {
        try {
            switch (proto.getValueCase()) {
                case NULL:
                    return Expr.Literal.of(null, TypeCodec.decode(proto.getNull(), where));
                case BOOLEAN:
                    return Expr.Literal.of(proto.getBoolean(), DataType.BOOL);
                case INTEGER: {
                    long v = proto.getInteger();
                    DataType t = v == (int) v ? DataType.INT32 : DataType.INT64;
                    return new Expr.Literal(v, t, true);
                }
                case FLOAT:
                    return new Expr.Literal(proto.getFloat(), DataType.FLOAT64, true);
                case STRING:
                    return Expr.Literal.of(proto.getString(), DataType.UTF8);
                case BINARY:
                    return Expr.Literal.of(io.polaroid.engine.types.Bytes.of(proto.getBinary().toByteArray()), DataType.BINARY);
                case DATE:
                    return Expr.Literal.of(proto.getDate(), DataType.DATE32);
                case TIMESTAMP: {
                    TimestampValue ts = proto.getTimestamp();
                    return Expr.Literal.of(ts.getValue(),
                            DataType.timestamp(TypeCodec.decode(ts.getUnit(), where), ts.getTimeZone()));
                }
                case DECIMAL: {
                    DecimalValue d = proto.getDecimal();
                    DataType type = DataType.decimal(d.getPrecision(), d.getScale());
                    return Expr.Literal.of(new BigDecimal(d.getValue()).setScale(d.getScale()), type);
                }
                case INTERVAL: {
                    IntervalValue i = proto.getInterval();
                    return Expr.Literal.of(new Interval(i.getMonths(), i.getDays(), i.getNanos()), DataType.INTERVAL);
                }
                case TYPED: {
                    DataType type = TypeCodec.decode(proto.getTyped().getType(), where);
                    return Expr.Literal.of(parseTyped(proto.getTyped().getValue(), type, where), type);
                }
                default:
                    throw PolaroidException.invalidPlan(where + ": literal has no value");
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw PolaroidException.invalidPlan(where + ": bad literal value: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw PolaroidException.invalidPlan(where + ": " + e.getMessage());
        }
    }

    private static Object parseTyped(String text, DataType type, PlanPath where) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64 -> {
                long v = Long.parseLong(text);
                int bits = type.kind() == TypeKind.INT8 ? 8 : type.kind() == TypeKind.INT16 ? 16 : type.kind() == TypeKind.INT32 ? 32 : 64;
                if (bits < 64 && (v < -(1L << (bits - 1)) || v >= (1L << (bits - 1)))) {
                    throw PolaroidException.invalidPlan(where + ": " + text + " does not fit in " + type);
                }
                yield v;
            }
            case FLOAT32, FLOAT64 -> Double.parseDouble(text);
            case BOOL -> Boolean.parseBoolean(text);
            case UTF8 -> text;
            case BINARY -> io.polaroid.engine.types.Bytes.fromHex(text);
            case DATE32 -> Scalars.parseDate(text);
            case DECIMAL -> new BigDecimal(text).setScale(type.scale());
            case DURATION, TIME, TIMESTAMP -> Long.parseLong(text);
            default -> throw PolaroidException.invalidPlan(where + ": a typed literal of " + type + " is not supported");
        };
    }

    public static io.polaroid.proto.v1.SortKey encode(SortKey key) {
        return io.polaroid.proto.v1.SortKey.newBuilder()
                .setExpr(encode(key.expr())).setDescending(key.descending()).setNullsLast(key.nullsLast()).build();
    }

    public static SortKey decode(io.polaroid.proto.v1.SortKey proto, PlanPath where) {
        return new SortKey(decodeRequired(proto.hasExpr(), proto.getExpr(), where.then(".expr")),
                proto.getDescending(), proto.getNullsLast());
    }
}
