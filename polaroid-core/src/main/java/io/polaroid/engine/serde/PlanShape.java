package io.polaroid.engine.serde;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import io.polaroid.engine.dsl.PlanningStack;
import io.polaroid.engine.error.PolaroidException;
import io.polaroid.proto.v1.Expr;
import io.polaroid.proto.v1.Plan;
import io.polaroid.proto.v1.Relation;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How deep and how large an encoded plan is, measured on its bytes without recursion and before
 * anything recursive (protobuf's own parser included) touches it, and the parse that follows.
 *
 * <p>Depth counts nested protobuf messages, the way protobuf's recursion limit does: a relation
 * over another is about two levels ({@code Relation} then e.g. {@code Filter}), an expression in
 * a call's arguments too. Nodes count {@code Expr} and {@code Relation} messages. Both bound the
 * work every later pass does, which is why a server checks them first.
 */
public final class PlanShape {
    /** The nesting limit local mode parses with; a server uses {@code polaroid.limits.max-plan-depth}. */
    public static final int DEFAULT_MAX_DEPTH = 10_000;

    /** A measured plan: deepest message nesting and number of expression and relation messages. */
    public record Shape(int depth, long nodes) {
    }

    private PlanShape() {
    }

    /**
     * Measures {@code bytes} as a message of type {@code root}; fails with INVALID_PLAN, naming the
     * setting, beyond {@code maxDepth} levels or {@code maxNodes} nodes, or if the bytes are not
     * well-formed protobuf. Message fields are followed by their declared type; anything else is
     * skipped.
     */
    public static Shape measure(byte[] bytes, Descriptor root, int maxDepth, long maxNodes) {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        Deque<Descriptor> types = new ArrayDeque<>();
        Deque<Integer> outerLimits = new ArrayDeque<>();
        types.push(root);
        int deepest = 1;
        long nodes = 0;
        try {
            while (true) {
                if (in.isAtEnd()) {
                    if (outerLimits.isEmpty()) {
                        break;
                    }
                    in.popLimit(outerLimits.pop());
                    types.pop();
                    continue;
                }
                int tag = in.readTag();
                int wireType = WireFormat.getTagWireType(tag);
                if (wireType == WireFormat.WIRETYPE_START_GROUP || wireType == WireFormat.WIRETYPE_END_GROUP) {
                    throw PolaroidException.invalidPlan("the plan bytes hold a protobuf group (field "
                            + WireFormat.getTagFieldNumber(tag) + "), which no polaroid.v1 message uses");
                }
                FieldDescriptor field = types.peek().findFieldByNumber(WireFormat.getTagFieldNumber(tag));
                if (field == null || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                        || wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    in.skipField(tag);
                    continue;
                }
                int length = in.readRawVarint32();
                if (length < 0) {
                    throw PolaroidException.invalidPlan("the plan bytes hold a negative length in field " + field.getFullName());
                }
                outerLimits.push(in.pushLimit(length));
                Descriptor type = field.getMessageType();
                types.push(type);
                deepest = Math.max(deepest, types.size());
                if (types.size() > maxDepth) {
                    throw tooDeep(maxDepth);
                }
                if (type == Expr.getDescriptor() || type == Relation.getDescriptor()) {
                    if (++nodes > maxNodes) {
                        throw PolaroidException.invalidPlan("the plan has more than " + maxNodes
                                + " expression and relation nodes, over the limit polaroid.limits.max-expr-nodes="
                                + maxNodes);
                    }
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw PolaroidException.invalidPlan("the plan is not a valid " + root.getFullName() + " message: " + e.getMessage());
        } catch (IOException e) {
            throw PolaroidException.invalidPlan("the plan cannot be read: " + e.getMessage());
        }
        return new Shape(deepest, nodes);
    }

    static PolaroidException tooDeep(int maxDepth) {
        return PolaroidException.invalidPlan("the plan nests more than " + maxDepth
                + " messages deep, over the limit polaroid.limits.max-plan-depth=" + maxDepth);
    }

    /** Measures, then parses a {@code polaroid.v1.Plan} with protobuf's recursion limit raised to {@code maxDepth}. */
    public static Plan parse(byte[] bytes, int maxDepth, long maxNodes) {
        return parse(bytes, Plan.getDefaultInstance(), maxDepth, maxNodes);
    }

    /**
     * Measures, then parses {@code bytes} as a message like {@code prototype} on a planning thread
     * ({@link PlanningStack}), with protobuf's recursion limit raised to {@code maxDepth} (its default,
     * 100, rejects a program that adds 60 filters in a loop).
     */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M parse(byte[] bytes, M prototype, int maxDepth, long maxNodes) {
        measure(bytes, prototype.getDescriptorForType(), maxDepth, maxNodes);
        return PlanningStack.call("parsing the plan", () -> {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(maxDepth + 1);
            try {
                M message = (M) prototype.getParserForType().parseFrom(in);
                in.checkLastTagWas(0);
                return message;
            } catch (InvalidProtocolBufferException e) {
                throw PolaroidException.invalidPlan("the plan is not a valid " + prototype.getDescriptorForType().getFullName()
                        + " message: " + e.getMessage());
            }
        });
    }
}
