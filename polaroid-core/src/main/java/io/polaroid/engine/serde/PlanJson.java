package io.polaroid.engine.serde;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.polaroid.engine.dsl.PlanNode;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.proto.v1.Plan;

/**
 * The canonical JSON form of a plan: the protobuf JSON mapping of {@code polaroid.v1.Plan}, printed
 * with two-space indentation and default values omitted. A Python client produces the same text.
 */
public final class PlanJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer();

    private PlanJson() {
    }

    public static String toJson(PlanNode root) {
        return toJson(PlanCodec.encodePlan(root));
    }

    public static String toJson(Plan plan) {
        return io.polaroid.engine.dsl.PlanningStack.call("printing the plan as JSON", () -> {
            try {
                return PRINTER.print(plan);
            } catch (InvalidProtocolBufferException e) {
                throw PolaroidException.internal("cannot print plan as JSON: " + e.getMessage());
            }
        });
    }

    /**
     * JsonFormat's parser with its recursion limit set. {@code usingRecursionLimit} is package-private
     * in protobuf-java-util 4.x (public in the C++ and Python runtimes), hence reflection.
     */
    private static JsonFormat.Parser parser(int maxDepth) {
        try {
            java.lang.reflect.Method limit = JsonFormat.Parser.class.getDeclaredMethod("usingRecursionLimit", int.class);
            limit.setAccessible(true);
            return (JsonFormat.Parser) limit.invoke(JsonFormat.parser(), maxDepth);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw PolaroidException.internal("cannot raise the JSON parser's recursion limit: " + e);
        }
    }

    public static Plan parse(String json) {
        return parse(json, PlanShape.DEFAULT_MAX_DEPTH, Long.MAX_VALUE);
    }

    /**
     * Parses on a planning thread with JsonFormat's recursion limit raised to {@code maxDepth} (its
     * default, 100, rejects modest plans), then checks the result's size like a binary plan's.
     */
    public static Plan parse(String json, int maxDepth, long maxNodes) {
        Plan plan = io.polaroid.engine.dsl.PlanningStack.call("parsing the plan JSON", () -> {
            Plan.Builder b = Plan.newBuilder();
            try {
                parser(maxDepth).merge(json, b);
            } catch (InvalidProtocolBufferException e) {
                throw PolaroidException.invalidPlan("plan JSON does not parse: " + e.getMessage());
            } catch (RuntimeException e) {
                // Gson and JsonFormat throw unchecked exceptions on some malformed input.
                throw PolaroidException.invalidPlan("plan JSON does not parse: " + e.getClass().getSimpleName() + ": "
                        + e.getMessage());
            }
            return b.build();
        });
        if (maxNodes != Long.MAX_VALUE) {
            byte[] bytes = io.polaroid.engine.dsl.PlanningStack.call("measuring the plan", plan::toByteArray);
            PlanShape.measure(bytes, Plan.getDescriptor(), maxDepth, maxNodes);
        }
        return plan;
    }

    public static PlanNode fromJson(String json) {
        return PlanCodec.decodePlan(parse(json));
    }
}
