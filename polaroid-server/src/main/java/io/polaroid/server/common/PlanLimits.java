package io.polaroid.server.common;

import com.google.protobuf.Message;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.engine.serde.PlanJson;
import io.polaroid.engine.serde.PlanShape;
import io.polaroid.proto.v1.Plan;
import io.polaroid.server.config.LimitsProperties;
import java.nio.charset.StandardCharsets;

/**
 * Parses plans from the wire under {@code polaroid.limits.*}: the size is checked first, then depth
 * and node count on the bytes without recursion ({@link PlanShape}), and only then does protobuf
 * (with its recursion limit raised to the configured depth) or JsonFormat parse, on a large-stack
 * planning thread. Every failure is INVALID_PLAN (INVALID_ARGUMENT) and says which limit or where.
 */
public final class PlanLimits {
    private final LimitsProperties props;

    public PlanLimits(LimitsProperties props) {
        this.props = props;
    }

    public LimitsProperties props() {
        return props;
    }

    /** Fails unless {@code size} bytes is within {@code polaroid.limits.max-plan-bytes}. */
    public void checkSize(long size) {
        long max = props.maxPlanBytes().toBytes();
        if (size > max) {
            throw PolaroidException.invalidPlan("the plan is " + size + " bytes, over the limit polaroid.limits.max-plan-bytes="
                    + max);
        }
    }

    /** A message (a plan, or a request that carries one) from its bytes, within the limits. */
    public <M extends Message> M parse(byte[] bytes, M prototype) {
        checkSize(bytes.length);
        return PlanShape.parse(bytes, prototype, props.maxPlanDepth(), props.maxExprNodes());
    }

    /** A plan as a Flight command carries it: binary {@code polaroid.v1.Plan}, or its JSON form. */
    public Plan parseCommand(byte[] command) {
        checkSize(command.length);
        int i = 0;
        while (i < command.length && Character.isWhitespace(command[i])) {
            i++;
        }
        if (i < command.length && command[i] == '{') {
            try {
                return PlanJson.parse(new String(command, StandardCharsets.UTF_8), props.maxPlanDepth(), props.maxExprNodes());
            } catch (PolaroidException notJson) {
                // A binary plan can look like JSON: its first byte, the tag of field 1, is a newline,
                // and a root of 123 bytes has the length byte '{'. Read it as binary before refusing
                // it with the JSON error, the likelier mistake.
                try {
                    Plan binary = parse(command, Plan.getDefaultInstance());
                    if (binary.hasRoot() && binary.getUnknownFields().asMap().isEmpty()) {
                        return binary;
                    }
                } catch (PolaroidException notBinary) {
                    // neither: the JSON error says more
                }
                throw notJson;
            }
        }
        try {
            return parse(command, Plan.getDefaultInstance());
        } catch (PolaroidException e) {
            throw PolaroidException.invalidPlan("the command is neither a polaroid.v1.Plan message nor its JSON form: "
                    + e.getMessage());
        }
    }

    /** Checks a plan that arrived already parsed (e.g. in a gRPC request) against the limits. */
    public void check(Plan plan) {
        byte[] bytes = io.polaroid.engine.dsl.PlanningStack.call("measuring the plan", plan::toByteArray);
        checkSize(bytes.length);
        PlanShape.measure(bytes, Plan.getDescriptor(), props.maxPlanDepth(), props.maxExprNodes());
    }
}
