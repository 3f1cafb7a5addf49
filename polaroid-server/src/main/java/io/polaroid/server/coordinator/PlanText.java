package io.polaroid.server.coordinator;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.Relation;
import io.polaroid.proto.v1.Scan;

/**
 * What a query asked for, in one line for the query list: a SQL query's text, or a plan's
 * operators from its first input up, {@code scan lineitem -> filter -> aggregate -> sort}.
 */
final class PlanText {
    /** Longer texts are cut: the list shows a line, and the plan itself is the client's. */
    static final int MAX_CHARS = 2000;

    private PlanText() {
    }

    static String of(Plan plan) {
        Relation root = plan.getRoot();
        String text = root.hasSql() ? root.getSql().getQuery().strip() : operators(root);
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 3) + "...";
    }

    /** The chain of operators down the first input of each, read from the scan up. */
    private static String operators(Relation relation) {
        StringBuilder chain = new StringBuilder();
        Relation r = relation;
        while (r != null && r.getKindCase() != Relation.KindCase.KIND_NOT_SET) {
            String step = r.hasScan() ? scan(r.getScan()) : r.getKindCase().name().toLowerCase(java.util.Locale.ROOT);
            chain.insert(0, chain.isEmpty() ? step : step + " -> ");
            r = firstInput(r);
        }
        return chain.toString();
    }

    private static String scan(Scan scan) {
        if (!scan.getTable().isEmpty()) {
            return "scan " + scan.getTable();
        }
        return scan.getPathsCount() == 0 ? "scan" : "scan " + scan.getPaths(0) + (scan.getPathsCount() > 1 ? " (+"
                + (scan.getPathsCount() - 1) + ")" : "");
    }

    /** The relation the operator reads first ({@code input}, {@code left} or the first of {@code inputs}), or null. */
    private static Relation firstInput(Relation r) {
        Message operator = (Message) r.getField(r.getDescriptorForType().findFieldByNumber(r.getKindCase().getNumber()));
        for (String name : new String[] {"input", "left", "inputs"}) {
            FieldDescriptor f = operator.getDescriptorForType().findFieldByName(name);
            if (f == null || f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (f.isRepeated()) {
                return operator.getRepeatedFieldCount(f) > 0 && operator.getRepeatedField(f, 0) instanceof Relation in ? in : null;
            }
            return operator.hasField(f) && operator.getField(f) instanceof Relation in ? in : null;
        }
        return null;
    }
}
