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
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private PlanJson() {
    }

    public static String toJson(PlanNode root) {
        return toJson(PlanCodec.encodePlan(root));
    }

    public static String toJson(Plan plan) {
        try {
            return PRINTER.print(plan);
        } catch (InvalidProtocolBufferException e) {
            throw PolaroidException.internal("cannot print plan as JSON: " + e.getMessage());
        }
    }

    public static Plan parse(String json) {
        Plan.Builder b = Plan.newBuilder();
        try {
            PARSER.merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw PolaroidException.invalidPlan("plan JSON does not parse: " + e.getMessage());
        }
        return b.build();
    }

    public static PlanNode fromJson(String json) {
        return PlanCodec.decodePlan(parse(json));
    }
}
