package io.polaroid.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code polaroid.limits.*}: how large a plan the coordinator (and a worker) accepts. Checked on
 * the plan's bytes, without recursion, before anything recursive touches it; a plan beyond a
 * limit fails with INVALID_ARGUMENT naming the setting.
 *
 * @param maxPlanBytes an encoded plan larger than this is refused; keep it at most
 *                     {@code spring.grpc.server.inbound.message.max-size} (64 MB), which gRPC enforces first
 * @param maxPlanDepth the deepest nesting of protobuf messages in a plan (a relation or an
 *                     expression inside another is about two levels); also protobuf's recursion limit
 * @param maxExprNodes the most expression and relation nodes in a plan
 */
@ConfigurationProperties(prefix = "polaroid.limits")
public record LimitsProperties(DataSize maxPlanBytes, Integer maxPlanDepth, Long maxExprNodes) {
    public LimitsProperties {
        maxPlanBytes = maxPlanBytes == null ? DataSize.ofMegabytes(64) : maxPlanBytes;
        // 10,000 chained binary and()/or() nest about 20,000 messages deep (expression, call, expression...)
        maxPlanDepth = maxPlanDepth == null ? 25_000 : maxPlanDepth;
        maxExprNodes = maxExprNodes == null ? 1_000_000L : maxExprNodes;
        if (maxPlanDepth < 10 || maxExprNodes < 1 || maxPlanBytes.toBytes() < 1) {
            throw new IllegalArgumentException("polaroid.limits: max-plan-depth must be at least 10, max-expr-nodes and "
                    + "max-plan-bytes positive");
        }
    }

    /** The defaults, for code that runs without Spring (tests). */
    public static LimitsProperties defaults() {
        return new LimitsProperties(null, null, null);
    }
}
