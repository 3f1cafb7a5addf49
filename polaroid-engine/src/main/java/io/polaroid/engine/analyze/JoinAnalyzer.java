package io.polaroid.engine.analyze;

import io.polaroid.engine.dsl.Expr;
import io.polaroid.engine.dsl.ExprFormatter;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.ErrorCode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.expr.BoundExpr;
import io.polaroid.engine.expr.NamedExpr;
import io.polaroid.engine.functions.TypeCoercion;
import io.polaroid.engine.plan.JoinKind;
import io.polaroid.engine.plan.LogicalPlan.JoinNode;
import io.polaroid.engine.plan.LogicalPlan.ProjectNode;
import io.polaroid.engine.plan.LogicalPlan;
import io.polaroid.engine.types.DataType;
import io.polaroid.engine.types.Field;
import io.polaroid.engine.types.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a join with Polars' naming: inner, left, semi and anti joins keep the left key
 * columns and drop the right ones; a right join drops the left keys; a full join keeps both. A
 * kept right column whose name is taken gets the suffix. Internally the right input is renamed
 * so that the join node's own columns are unique, and a projection on top names the output.
 */
final class JoinAnalyzer {
    private JoinAnalyzer() {
    }

    static LogicalPlan join(LogicalPlan left, LogicalPlan right, PlanNode.Join j) {
        JoinKind kind = Analyzer.joinKind(j.how());
        Schema ls = left.schema();
        Schema rs = right.schema();
        if (kind == JoinKind.CROSS) {
            if (!j.leftOn().isEmpty() || !j.rightOn().isEmpty()) {
                throw PolaroidException.invalidPlan("a cross join takes no keys");
            }
        } else {
            if (j.leftOn().isEmpty() || j.rightOn().isEmpty()) {
                throw PolaroidException.invalidPlan("a " + j.how().name().toLowerCase() + " join needs keys: on, or left_on and right_on");
            }
            if (j.leftOn().size() != j.rightOn().size()) {
                throw PolaroidException.invalidPlan("a join needs as many left keys as right keys, got "
                        + j.leftOn().size() + " and " + j.rightOn().size());
            }
        }
        ExprResolver leftResolver = new ExprResolver(ls);
        ExprResolver rightResolver = new ExprResolver(rs);
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        for (int i = 0; i < j.leftOn().size(); i++) {
            BoundExpr l = leftResolver.resolve(j.leftOn().get(i));
            BoundExpr r = rightResolver.resolve(j.rightOn().get(i));
            Analyzer.requireFlat(l.type(), "a join key", ExprFormatter.format(j.leftOn().get(i)));
            Analyzer.requireFlat(r.type(), "a join key", ExprFormatter.format(j.rightOn().get(i)));
            DataType common = TypeCoercion.supertype(l.type(), r.type());
            if (common == null) {
                throw PolaroidException.typeMismatch("cannot join " + ExprFormatter.format(j.leftOn().get(i)) + " (" + l.type()
                        + ") with " + ExprFormatter.format(j.rightOn().get(i)) + " (" + r.type() + ")");
            }
            leftKeys.add(TypeCoercion.castTo(l, common));
            rightKeys.add(TypeCoercion.castTo(r, common));
        }
        Set<String> droppedLeft = new HashSet<>();
        Set<String> droppedRight = new HashSet<>();
        if (kind == JoinKind.RIGHT) {
            droppedLeft.addAll(plainColumns(j.leftOn()));
        } else if (kind != JoinKind.FULL && kind != JoinKind.CROSS) {
            droppedRight.addAll(plainColumns(j.rightOn()));
        }

        // Internal names of the right columns: unique against every left column.
        Set<String> taken = new HashSet<>(ls.names());
        Map<String, String> internal = new HashMap<>();
        List<NamedExpr> renames = new ArrayList<>();
        boolean renamed = false;
        for (Field f : rs.fields()) {
            String name = f.name();
            while (taken.contains(name)) {
                name = "__right_" + name;
            }
            taken.add(name);
            internal.put(f.name(), name);
            renamed |= !name.equals(f.name());
            renames.add(new NamedExpr(name, new BoundExpr.ColumnRef(f.name(), f.type())));
        }
        LogicalPlan rightInput = renamed ? new ProjectNode(right, renames) : right;
        List<BoundExpr> internalRightKeys = new ArrayList<>();
        for (BoundExpr k : rightKeys) {
            internalRightKeys.add(BoundExpr.transformUp(k, e -> e instanceof BoundExpr.ColumnRef c
                    ? new BoundExpr.ColumnRef(internal.get(c.name()), c.type()) : e));
        }
        JoinNode node = new JoinNode(left, rightInput, kind, leftKeys, internalRightKeys);
        Schema joined = node.schema();

        // Output: kept left columns, then kept right columns under their final names.
        List<NamedExpr> out = new ArrayList<>();
        Set<String> outputNames = new HashSet<>();
        if (kind.outputsLeft()) {
            for (Field f : ls.fields()) {
                if (!droppedLeft.contains(f.name())) {
                    out.add(new NamedExpr(f.name(), ref(joined, f.name())));
                    outputNames.add(f.name());
                }
            }
        }
        if (kind.outputsRight()) {
            for (Field f : rs.fields()) {
                if (droppedRight.contains(f.name())) {
                    continue;
                }
                String name = outputNames.contains(f.name()) ? f.name() + j.suffix() : f.name();
                if (!outputNames.add(name)) {
                    throw new PolaroidException(ErrorCode.DUPLICATE_COLUMN, "the join would output two columns named '" + name
                            + "'; rename one side first or pick another suffix");
                }
                out.add(new NamedExpr(name, ref(joined, internal.get(f.name()))));
            }
        }
        ProjectNode top = new ProjectNode(node, out);
        return top.isIdentity() ? node : top;
    }

    private static BoundExpr ref(Schema schema, String name) {
        return new BoundExpr.ColumnRef(name, schema.field(name).type());
    }

    private static List<String> plainColumns(List<Expr> keys) {
        List<String> names = new ArrayList<>();
        for (Expr k : keys) {
            if (k instanceof Expr.Column c) {
                names.add(c.name());
            }
        }
        return names;
    }
}
