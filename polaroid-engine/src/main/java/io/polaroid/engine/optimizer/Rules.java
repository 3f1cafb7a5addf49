package io.polaroid.engine.optimizer;

import io.polaroid.engine.optimizer.rules.ChooseJoinBuildSide;
import io.polaroid.engine.optimizer.rules.DeriveFiltersFromDisjunctions;
import io.polaroid.engine.optimizer.rules.ExtractCommonSubexpressions;
import io.polaroid.engine.optimizer.rules.FoldConstants;
import io.polaroid.engine.optimizer.rules.JoinFilteredDimensionFirst;
import io.polaroid.engine.optimizer.rules.MergeFilters;
import io.polaroid.engine.optimizer.rules.MergeProjections;
import io.polaroid.engine.optimizer.rules.PushDownFilter;
import io.polaroid.engine.optimizer.rules.PushDownLimit;
import io.polaroid.engine.optimizer.rules.PushDownProjection;
import io.polaroid.engine.optimizer.rules.PushJoinsBelowSemiJoins;
import io.polaroid.engine.optimizer.rules.ReduceAggregateInput;
import java.util.List;

/**
 * The optimizer's rules, in the order they run in each pass (passes repeat until nothing changes).
 * <ol>
 *   <li>{@link FoldConstants} first, so that the rules after it see literals and simple predicates;</li>
 *   <li>{@link MergeFilters}, so that a filter moves down as one;</li>
 *   <li>{@link PushDownFilter}, so that filters reach scans (and row-group pruning) before anything
 *       reasons about sizes or columns;</li>
 *   <li>{@link PushDownLimit} after filters, because a limit cannot pass a filter;</li>
 *   <li>{@link JoinFilteredDimensionFirst}, then {@link PushJoinsBelowSemiJoins}, once filters are in
 *       place: they order joins by what the filters keep;</li>
 *   <li>{@link ReduceAggregateInput} after them, since its choice rests on what the joins keep;</li>
 *   <li>{@link ExtractCommonSubexpressions}, once filters sit below aggregations, so that what several
 *       aggregates compute is computed once;</li>
 *   <li>{@link MergeProjections}, removing projections the pushdowns left stacked;</li>
 *   <li>{@link PushDownProjection}, once filters and limits are in place, to decide which columns
 *       each scan reads;</li>
 *   <li>{@link ChooseJoinBuildSide} last, because its size estimates are best once filters and
 *       projections are pushed into the scans.</li>
 * </ol>
 */
public final class Rules {
    private Rules() {
    }

    /**
     * Rules that run once, before the others: {@link DeriveFiltersFromDisjunctions} adds predicates
     * that filter pushdown then moves; applied on every pass it would add them again and again.
     */
    public static List<OptimizerRule> once() {
        return List.of(new FoldConstants(), new DeriveFiltersFromDisjunctions());
    }

    public static List<OptimizerRule> defaults() {
        return List.of(
                new FoldConstants(),
                new MergeFilters(),
                new PushDownFilter(),
                new PushDownLimit(),
                new JoinFilteredDimensionFirst(),
                new PushJoinsBelowSemiJoins(),
                new ReduceAggregateInput(),
                new ExtractCommonSubexpressions(),
                new MergeProjections(),
                new PushDownProjection(),
                new ChooseJoinBuildSide());
    }
}
